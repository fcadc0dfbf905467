import Foundation
import SignpostDomain
import SignpostStore
import Testing

@testable import SignpostReturns

/// The children in need census factors: recorded on an assessment, suggested from the concerns recorded, and
/// written out, on the fixture families with the answers worked out by hand.
@Suite("Returns: children in need census factors")
struct CINFactorTests {
    @Test("Concerns suggest the child's code, and a parent's concern the B code for every child (think family)")
    func suggestionsFromConcerns() {
        let family = ReturnsFixture.quillfeather
        // Contact 1: domestic abuse, about Ava and Marta (her mother).
        #expect(
            CINFactor.suggestions(for: ReturnsFixture.ava, in: family).map(\.factor) == [
                .domesticAbuseChild, .domesticAbuseParent,
            ])
        let reasons = CINFactor.suggestions(for: ReturnsFixture.ava, in: family).map(\.reason)
        #expect(
            reasons.last == "Domestic abuse recorded on contact ZZ-C-0101-1 about Marta Quillfeather (parent/carer)")
        // Contact 3: neglect, about Leo and the unborn baby; Marta's domestic abuse (contact 1) is Leo's concern too,
        // and his unborn sibling's neglect is not counted as his.
        #expect(
            CINFactor.suggestions(for: ReturnsFixture.leo, in: family).map(\.factor) == [
                .domesticAbuseParent, .neglect,
            ])
        #expect(
            CINFactor.suggestions(for: ReturnsFixture.bump, in: family).map(\.factor) == [
                .domesticAbuseParent, .neglect,
            ])
    }

    @Test("Every census code is listed once, in census order")
    func codesInCensusOrder() {
        #expect(CINFactor.allCases.count == 42)
        #expect(Set(CINFactor.allCases.map(\.code)).count == 42)
        #expect(CINFactor.allCases.first?.code == "1A")
        #expect(CINFactor.allCases.last?.code == "24A")
        #expect([CINFactor.neglect, .alcoholChild, .missing].sorted() == [.alcoholChild, .missing, .neglect])
    }

    @Test("The factors are saved on the assessment and read back", arguments: ReturnsStore.allCases)
    func savedAndReadBack(_ kind: ReturnsStore) throws {
        let (store, _) = try kind.make(ReturnsFixture.families)
        var assessment = try #require(ReturnsFixture.quillfeather.assessments.last)
        assessment.factorsIdentified = [.neglect, .youngCarer]
        try store.apply([.saveAssessment(family: "ZZ-F-0101", assessment)], by: "sam.okafor")
        let stored = try #require(try store.family("ZZ-F-0101")?.assessments.first { $0.id == assessment.id })
        #expect(stored.factorsIdentified == [.neglect, .youngCarer])
        let first = try #require(try store.family("ZZ-F-0101")?.assessments.first)
        #expect(first.recordedFactors == [.domesticAbuseParent, .neglect])
    }

    @Test("An assessment saved before factors existed reads as none recorded")
    func olderDocumentsReadAsNone() throws {
        // A document written before the field existed has no "factorsIdentified" key, as one with none recorded.
        let data = try JSONEncoder().encode(
            EarlyHelpAssessment(id: "A-1", subject: "P-1", startedOn: ReturnsFixture.first))
        #expect(!String(decoding: data, as: UTF8.self).contains("factorsIdentified"))
        let assessment = try JSONDecoder().decode(EarlyHelpAssessment.self, from: data)
        #expect(assessment.factorsIdentified == nil)
        #expect(assessment.recordedFactors.isEmpty)
    }

    @Test(
        "The census file: one row per completed assessment and factor; none recorded is a gap",
        arguments: ReturnsStore.allCases)
    func censusFile(_ kind: ReturnsStore) throws {
        let (store, _) = try kind.make(ReturnsFixture.families)
        let census = try CINFactorsReturn.build(from: store, from: ReturnsFixture.first, to: ReturnsFixture.last)
        #expect(
            census.document.headers == [
                "LAchildID", "AssessmentActualStartDate", "AssessmentAuthorisationDate", "AssessmentFactors",
            ])
        #expect(
            census.document.rows == [
                ["ZZ-P-0101-2", "2026-04-20", "2026-05-20", "3B"], ["ZZ-P-0101-2", "2026-04-20", "2026-05-20", "16A"],
            ])
        #expect(census.gaps.map { "\($0.child) \($0.field)" } == ["ZZ-P-0101-3 AssessmentFactors"])
    }
}
