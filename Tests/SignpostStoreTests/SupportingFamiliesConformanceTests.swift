import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// Supporting Families changes (#17) in every store: kept, read back, audited, refused when a rule is broken,
/// and the first of two laptops' records standing.
@Suite("CaseStore conformance: Supporting Families")
struct SupportingFamiliesConformanceTests {
    typealias F = TestFamilies

    static func identify(_ area: OutcomeArea, _ day: String) -> CaseChange {
        .supportingFamilies(
            family: "F-00019",
            .identifyNeed(
                SupportingFamiliesNeed(area: area, identifiedOn: F.day(day), identifiedBy: "Jo Bloggs", note: "seen")))
    }

    static func achieve(_ area: OutcomeArea, _ day: String) -> CaseChange {
        .supportingFamilies(
            family: "F-00019",
            .recordOutcome(area, OutcomeAchievement(on: F.day(day), evidence: "done", recordedBy: "jo")))
    }

    static func check(_ area: OutcomeArea, _ day: String, sustained: Bool = true) -> CaseChange {
        .supportingFamilies(
            family: "F-00019",
            .recordCheck(area, SustainCheck(on: F.day(day), sustained: sustained, note: "looked", recordedBy: "jo")))
    }

    @Test("needs, outcomes and checks are kept, read back and audited", arguments: StoreUnderTest.allCases)
    func keptAndAudited(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(F.adeyemi())], by: "loader")
        try store.apply(
            [
                Self.identify(.secureHousing, "2026-01-10"), Self.identify(.financialStability, "2026-01-10"),
                Self.identify(.goodEducation, "2026-02-01"),
            ], by: "jo")
        try store.apply(
            [
                Self.achieve(.secureHousing, "2026-02-01"), Self.achieve(.financialStability, "2026-02-15"),
                Self.achieve(.goodEducation, "2026-03-01"),
            ], by: "jo")
        try store.apply(
            [
                Self.check(.secureHousing, "2026-08-01"), Self.check(.financialStability, "2026-08-20"),
                Self.check(.goodEducation, "2026-09-01"),
            ], by: "jo")
        let family = try #require(try store.family("F-00019"))
        #expect(family.supportingFamiliesNeeds.map(\.area) == [.goodEducation, .secureHousing, .financialStability])
        #expect(family.meetsSupportingFamiliesCriteria)
        #expect(family.significantAndSustainedProgressOn == F.day("2026-09-01"))
        #expect(family.outcomeStatus(.secureHousing) == .sustained(on: F.day("2026-08-01")))
        let audit = try #require(try store.auditTrail(family: "F-00019", limit: 1).first)
        #expect(audit.action == "record-sf-check")
        #expect(audit.recordID == "sf-good-education")
        #expect(audit.summary.contains("Getting a good education sustained on 01/09/2026"))
        #expect(audit.summary.contains("significant and sustained progress on 01/09/2026"))
        let figures = try store.supportingFamiliesFigures(from: F.day("2026-01-01"), to: F.day("2026-12-31"))
        #expect(figures.eligibleFamilies == 1 && figures.progressFamilies == 1)
        #expect(figures[.secureHousing].sustained == 1)
        #expect(try store.check().problems.isEmpty)
    }

    @Test("a broken rule is refused and nothing is kept", arguments: StoreUnderTest.allCases)
    func refusals(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(F.adeyemi())], by: "loader")
        // An outcome for a need not identified.
        #expect(throws: StoreError.self) { try store.apply([Self.achieve(.crime, "2026-02-01")], by: "jo") }
        try store.apply([Self.identify(.crime, "2026-02-01")], by: "jo")
        // Before the need, and without evidence.
        #expect(throws: StoreError.self) { try store.apply([Self.achieve(.crime, "2026-01-01")], by: "jo") }
        let noEvidence = CaseChange.supportingFamilies(
            family: "F-00019",
            .recordOutcome(.crime, OutcomeAchievement(on: F.day("2026-03-01"), evidence: " ", recordedBy: "jo")))
        #expect(throws: StoreError.self) { try store.apply([noEvidence], by: "jo") }
        try store.apply([Self.achieve(.crime, "2026-03-01")], by: "jo")
        // Found sustained before six months have passed.
        #expect(throws: StoreError.self) { try store.apply([Self.check(.crime, "2026-08-31")], by: "jo") }
        #expect(try store.family("F-00019")?.outcomeStatus(.crime) == .achieved(checkDue: F.day("2026-09-01")))
        // Found not to have lasted before six months is a fact, recorded; the outcome is then achieved again.
        try store.apply([Self.check(.crime, "2026-06-01", sustained: false)], by: "jo")
        try store.apply([Self.achieve(.crime, "2026-07-01")], by: "jo")
        #expect(try store.family("F-00019")?.outcomeStatus(.crime) == .achieved(checkDue: F.day("2027-01-01")))
    }

    @Test(
        "the same need identified on two laptops: the first stands, the second is audited",
        arguments: StoreUnderTest.allCases)
    func firstStands(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(F.adeyemi())], by: "loader")
        try store.apply([Self.identify(.secureHousing, "2026-01-10")], by: "jo")
        try store.apply([Self.identify(.secureHousing, "2026-01-20")], by: "kim")
        #expect(
            try store.family("F-00019")?.supportingFamiliesNeed(.secureHousing)?.identifiedOn == F.day("2026-01-10"))
        let audit = try #require(try store.auditTrail(family: "F-00019", limit: 1).first)
        #expect(audit.summary.contains("already recorded; the first stands"))
    }
}
