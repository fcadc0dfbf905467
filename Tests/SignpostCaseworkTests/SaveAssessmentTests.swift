import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import Testing

/// The CAF's consent section writes back to the family's consent records (#15).
@Suite("Casework: the CAF writes consent back")
struct SaveAssessmentTests {
    static let now = RecordContactTests.now
    static var today: CalendarDate { RecordContactTests.today }

    static func started(in family: Family) throws -> EarlyHelpAssessment {
        let ava = try #require(family.member("P-ava"))
        return EarlyHelpAssessment.draft(id: "A-CW1", for: ava, in: family, startedOn: today)
    }

    @Test(
        "consent given on the CAF is a consent record, saved with the assessment, once",
        arguments: CaseworkStore.allCases)
    func consentWrittenBack(kind: CaseworkStore) throws {
        let store = try kind.make(families: [try RecordContactTests.family()])
        let context = CaseworkContext(store: store, practitioner: "sam.okafor", clock: { Self.now })
        let family = try #require(try store.family("F-CW1"))
        let draft = try Self.started(in: family)
        try SaveAssessment(family: family, context: context).run(draft, previous: nil)
        #expect(try store.family("F-CW1")?.consents.isEmpty == true, "an empty consent section records nothing")

        var given = draft
        given.consentToShare = ConsentToShare(decision: .given, givenBy: "Marta Wrenfold", givenOn: Self.today)
        try SaveAssessment(family: family, context: context).run(given, previous: draft)
        let saved = try #require(try store.family("F-CW1"))
        #expect(saved.assessments.first?.consentToShare.decision == .given)
        let record = try #require(saved.consents.first)
        #expect(saved.consents.count == 1)
        #expect(record.givenBy == "Marta Wrenfold")
        #expect(record.person == "P-marta")
        #expect(record.givenOn == Self.today)
        #expect(record.decision == .given)
        #expect(record.covers(.assess) && record.covers(.share))
        #expect(record.recordedBy == "sam.okafor")

        // Saved again (another field changed, or the same answer re-entered): still one record.
        var again = given
        again.conclusions = "Speech and language referral agreed"
        try SaveAssessment(family: saved, context: context).run(again, previous: given)
        try SaveAssessment(family: saved, context: context).run(again, previous: draft)
        #expect(try store.family("F-CW1")?.consents.count == 1)
    }

    @Test(
        "consent to assess is recorded apart from consent to share, each with the agencies it names",
        arguments: CaseworkStore.allCases)
    func consentToAssessApartFromShare(kind: CaseworkStore) throws {
        let store = try kind.make(families: [try RecordContactTests.family()])
        let context = CaseworkContext(store: store, practitioner: "sam.okafor", clock: { Self.now })
        let family = try #require(try store.family("F-CW1"))
        let draft = try Self.started(in: family)
        var answered = draft
        answered.consentToAssess = ConsentToShare(
            decision: .given, givenBy: "Marta Wrenfold", givenOn: Self.today, agencies: ["Bright Start"])
        answered.consentToShare = ConsentToShare(
            decision: .refused, givenBy: "Marta Wrenfold", givenOn: Self.today, agencies: ["School", "GP"])
        try SaveAssessment(family: family, context: context).run(answered, previous: draft)
        let saved = try #require(try store.family("F-CW1"))
        #expect(saved.consents.count == 2)
        let share = try #require(saved.consents.first { $0.decision == .refused })
        #expect(share.purposes == [.share])
        #expect(share.agencies == ["School", "GP"])
        let assess = try #require(saved.consents.first { $0.decision == .given })
        #expect(assess.purposes == [.assess])
        #expect(assess.agencies == ["Bright Start"])
        #expect(saved.assessments.first?.consentToAssess?.agencies == ["Bright Start"])
    }

    @Test("an incomplete consent section (no one named) records nothing")
    func incompleteRecordsNothing() throws {
        let store = try CaseworkStore.inMemory.make(families: [try RecordContactTests.family()])
        let context = CaseworkContext(store: store, practitioner: "sam.okafor", clock: { Self.now })
        let family = try #require(try store.family("F-CW1"))
        var draft = try Self.started(in: family)
        draft.consentToShare = ConsentToShare(decision: .given, givenBy: " ", givenOn: Self.today)
        #expect(SaveAssessment(family: family, context: context).changes(draft, previous: nil).count == 1)
    }
}
