import Foundation
import SignpostCasework
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import SignpostStoreTesting
import Testing

/// The stores a use case is tried against: the in-memory double, and SQLite where transactions matter.
enum CaseworkStore: String, CaseIterable, CustomStringConvertible, Sendable {
    case inMemory
    case sqlite

    var description: String { rawValue }

    func make(families: [Family]) throws -> any CaseStore {
        let store: any CaseStore
        switch self {
        case .inMemory: store = try InMemoryCaseStore(kind: .demonstration)
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-casework-tests")
                .appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try SQLiteCaseStore(
                openingOrCreating: folder.appendingPathComponent("store.sqlite"), kind: .demonstration)
        }
        try store.apply(families.map(CaseChange.addFamily), by: "loader")
        return store
    }
}

/// Recording a front-door contact, without a terminal.
@Suite("Casework: record a contact")
struct RecordContactTests {
    /// 10:00 on Monday 23 November 2026 in London.
    static let now = Date(timeIntervalSince1970: 1_795_428_000)
    static var today: CalendarDate { LondonTime.today(at: now) }

    /// Marta (level 2 on record) and Ava (3, no level), no consent on file.
    static func family() throws -> Family {
        let marta = Person(
            id: "P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true,
            levelHistory: [LevelEntry(level: .earlyHelp, setBy: "hub.worker", setAt: now, reason: "last review")])
        let ava = Person(
            id: "P-ava", role: .child, givenName: "Ava", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "2023-06-14"))
        return Family(
            id: "F-CW1", name: "Wrenfold", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [marta, ava],
            relationships: [Relationship(from: "P-marta", kind: .parent, to: "P-ava")])
    }

    /// The same family with Marta's consent to early help on file since 2 November 2026.
    static func familyWithConsentOnFile() throws -> Family {
        var family = try family()
        family.consents = [
            ConsentRecord(
                id: "CN-FILE1", givenBy: "Marta Wrenfold", givenOn: try CalendarDate(iso: "2026-11-02"),
                scope: "early help", recordedBy: "hub.worker")
        ]
        return family
    }

    /// A call about Ava (early development) and Marta (nothing ticked), levels settled as the level step would.
    static func draft(consent: SituationConsent? = nil, consentBy: String = "") -> ContactDraft {
        var draft = ContactDraft(
            id: "D-CW1", practitioner: "sam.okafor", startedAt: now, step: .route,
            caller: Caller(name: "Ms Adeyemi", agency: "Hornsey Road Primary"), family: "F-CW1",
            familyName: "Wrenfold",
            people: [
                DraftPerson(
                    id: "P-marta", isNew: false, givenName: "Marta", familyName: "Wrenfold", role: .parentOrCarer),
                DraftPerson(
                    id: "P-ava", isNew: false, givenName: "Ava", familyName: "Wrenfold", role: .child,
                    dateOfBirth: try? CalendarDate(iso: "2023-06-14"), concerns: [.earlyDevelopment]),
            ],
            words: "Ava is not talking yet.", consent: consent, consentBy: consentBy)
        draft.settleLevels(onRecord: ["P-marta": .earlyHelp], today: Self.today)
        return draft
    }

    /// The navigator walked over the draft, answering every question it asks with `consent` or "no".
    static func walk(for draft: ContactDraft, consent: String = "given") throws -> NavigatorWalk {
        var walk = NavigatorWalk(
            pathways: .islington, situation: RecordContact.situation(for: draft, today: LondonTime.today(at: now)),
            at: now)
        var guardrail = 100
        while let pending = walk.pendingQuestion, guardrail > 0 {
            let answers = pending.question.answers.map(\.value)
            let value = pending.question.fact == .consent ? consent : (answers.contains("no") ? "no" : answers[0])
            try walk.answer(value)
            guardrail -= 1
        }
        return walk
    }

    static func context(_ store: any CaseStore) -> CaseworkContext {
        CaseworkContext(store: store, practitioner: "sam.okafor", clock: { now })
    }

    @Test("only levels decided in the contact change; the summary says who changes and who keeps theirs")
    func onlyDecidedLevels() throws {
        let store = try CaseworkStore.inMemory.make(families: [try Self.family()])
        let draft = Self.draft(consent: .given)
        #expect(draft.levels.first { $0.person == "P-marta" }?.level == .earlyHelp, "Marta shows her level on record")
        let recorded = try RecordContact(
            draft: draft, family: try store.family("F-CW1"), walk: try Self.walk(for: draft),
            context: Self.context(store)
        ).run()
        let saved = try #require(try store.family("F-CW1"))
        #expect(saved.member("P-marta")?.levelHistory.count == 1)
        #expect(saved.member("P-ava")?.currentLevel == .earlyHelp)
        #expect(recorded.summary == "Contact recorded on the Wrenfold family (1 referral); Ava to L2.")
        #expect(recorded.levels.map(\.text) == ["Marta Wrenfold keeps L2", "Ava Wrenfold to L2"])
    }

    @Test("a level set by hand is recorded even without concerns, and needs a reason when it is not the suggestion")
    func levelSetByHand() throws {
        let store = try CaseworkStore.inMemory.make(families: [try Self.family()])
        var draft = Self.draft(consent: .given)
        let marta = try #require(draft.levels.firstIndex { $0.person == "P-marta" })
        draft.levels[marta].level = .complex
        draft.levels[marta].changed = true
        let walk = try Self.walk(for: draft)
        let refused = #expect(throws: RecordContact.Refusal.self) {
            try RecordContact(draft: draft, family: try store.family("F-CW1"), walk: walk, context: Self.context(store))
                .run()
        }
        #expect(refused?.step == .level)
        draft.levels[marta].reason = "Mum disclosed she cannot cope"
        try RecordContact(draft: draft, family: try store.family("F-CW1"), walk: walk, context: Self.context(store))
            .run()
        #expect(try store.family("F-CW1")?.member("P-marta")?.currentLevel == .complex)
    }

    @Test("consent answered on the route is carried by the referral, and stored as a consent record")
    func consentAnsweredOnRoute() throws {
        let store = try CaseworkStore.inMemory.make(families: [try Self.family()])
        let draft = Self.draft()
        let walk = try Self.walk(for: draft, consent: "given")
        #expect(walk.answeredConsent == .given)
        try RecordContact(draft: draft, family: try store.family("F-CW1"), walk: walk, context: Self.context(store))
            .run()
        let saved = try #require(try store.family("F-CW1"))
        let referral = try #require(saved.referrals.first { $0.service == "bright-start" })
        #expect(referral.consent == .given)
        let consent = try #require(saved.consents.first)
        #expect(consent.decision == .given)
        #expect(consent.givenOn == LondonTime.today(at: Self.now))
        #expect(consent.recordedBy == "sam.okafor")
    }

    @Test("consent taken on the consent step is recorded with who gave it and for what")
    func consentTakenInContact() throws {
        let store = try CaseworkStore.inMemory.make(families: [try Self.family()])
        let draft = Self.draft(consent: .refused, consentBy: "mother, on the phone")
        try RecordContact(
            draft: draft, family: try store.family("F-CW1"), walk: try Self.walk(for: draft),
            context: Self.context(store)
        ).run()
        let saved = try #require(try store.family("F-CW1"))
        let consent = try #require(saved.consents.first)
        #expect(consent.givenBy == "mother, on the phone")
        #expect(consent.decision == .refused)
        #expect(consent.scope.contains("early help"))
        #expect(saved.consentOnFile(on: LondonTime.today(at: Self.now)) == .refused)
    }

    @Test(
        "recording retires the draft in the same transaction, and the same draft can never be recorded twice",
        arguments: CaseworkStore.allCases)
    func recordedOnce(store kind: CaseworkStore) throws {
        let store = try kind.make(families: [try Self.family()])
        let draft = Self.draft(consent: .given)
        try store.saveDraft(draft)
        let walk = try Self.walk(for: draft)
        try RecordContact(draft: draft, family: try store.family("F-CW1"), walk: walk, context: Self.context(store))
            .run()
        #expect(try store.drafts(for: "sam.okafor").isEmpty)
        try store.saveDraft(draft)
        #expect(throws: RecordContact.Failure.alreadyRecorded("C-CW1")) {
            try RecordContact(
                draft: draft, family: try store.family("F-CW1"), walk: walk, context: Self.context(store)
            ).run()
        }
        let saved = try #require(try store.family("F-CW1"))
        #expect(saved.contacts.count == 1)
        #expect(saved.referrals.count == 1)
        #expect(saved.notes.count == 1)
        #expect(saved.consents.count == 1)
    }

    @Test("a contact the store refuses leaves the draft to resume and saves nothing", arguments: CaseworkStore.allCases)
    func refusedKeepsDraft(store kind: CaseworkStore) throws {
        let store = try kind.make(families: [try Self.family()])
        var draft = Self.draft(consent: .given)
        try store.saveDraft(draft)
        // A person the family does not have: the level entry fails, after the contact was added in the batch.
        draft.people.append(
            DraftPerson(
                id: "P-gone", isNew: false, givenName: "Gone", familyName: "Wrenfold", role: .child,
                concerns: [.neglect]))
        draft.settleLevels(onRecord: [:], today: Self.today)
        let walk = try Self.walk(for: draft)
        #expect(throws: StoreError.self) {
            try RecordContact(
                draft: draft, family: try store.family("F-CW1"), walk: walk, context: Self.context(store)
            ).run()
        }
        #expect(try store.family("F-CW1")?.contacts.isEmpty == true)
        #expect(try store.drafts(for: "sam.okafor").count == 1)
    }

    @Test("a second referral to a service the family is open to is named before recording")
    func alreadyOpenNamed() throws {
        var family = try Self.family()
        family.referrals = [
            Referral(
                id: "R-OPEN", service: "bright-start", people: ["P-ava"], madeAt: Self.now, madeBy: "hub.worker",
                consent: .given, urgency: .routine, status: .accepted, contact: nil, reason: "earlier")
        ]
        let store = try CaseworkStore.inMemory.make(families: [family])
        let draft = Self.draft(consent: .given)
        let recording = RecordContact(
            draft: draft, family: try store.family("F-CW1"), walk: try Self.walk(for: draft),
            context: Self.context(store))
        #expect(recording.alreadyOpen == ["bright-start"])
    }

    @Test("a contact takes the family's consent on file from the record: not asked again, not recorded twice")
    func consentOnFileFromRecord() throws {
        let store = try CaseworkStore.inMemory.make(families: [try Self.familyWithConsentOnFile()])
        let family = try #require(try store.family("F-CW1"))
        let draft = Self.draft()
        let situation = RecordContact.situation(for: draft, family: family, today: Self.today)
        #expect(situation.consent == .given, "the consent on file is the answer from the record")
        var walk = NavigatorWalk(pathways: .islington, situation: situation, at: Self.now)
        var asked = false
        var guardrail = 100
        while let pending = walk.pendingQuestion, guardrail > 0 {
            if pending.question.fact == .consent { asked = true }
            let answers = pending.question.answers.map(\.value)
            try walk.answer(answers.contains("no") ? "no" : answers[0])
            guardrail -= 1
        }
        #expect(!asked, "the navigator does not ask for consent the record holds")
        #expect(walk.answeredConsent == nil)
        try RecordContact(draft: draft, family: family, walk: walk, context: Self.context(store)).run()
        let saved = try #require(try store.family("F-CW1"))
        #expect(saved.referrals.first { $0.service == "bright-start" }?.consent == .given)
        #expect(saved.consents.map(\.id) == ["CN-FILE1"], "no second record for a consent already on file")
        #expect(saved.notes.contains { $0.text.contains("Consent to early help: given, on file.") })
    }
}

/// Saving a navigator outcome on a family, without a terminal.
@Suite("Casework: save a navigator outcome")
struct SaveNavigatorOutcomeTests {
    @Test("the consent answered in the walk is what the referral carries")
    func consentAnswered() throws {
        let store = try CaseworkStore.inMemory.make(families: [try RecordContactTests.family()])
        let family = try #require(try store.family("F-CW1"))
        var walk = NavigatorWalk(
            pathways: .islington,
            situation: Situation(
                family: family, consent: family.consentOnFile(on: LondonTime.today(at: RecordContactTests.now))),
            at: RecordContactTests.now)
        var guardrail = 100
        while let pending = walk.pendingQuestion, guardrail > 0 {
            let answers = pending.question.answers.map(\.value)
            let value =
                pending.question.fact == .consent
                ? "given" : (pending.question.id == "child-level" ? "2" : (answers.contains("no") ? "no" : answers[0]))
            try walk.answer(value)
            guardrail -= 1
        }
        #expect(walk.situation.consent == nil, "the walk keeps the answer apart from its situation")
        let save = try #require(
            SaveNavigatorOutcome(family: family, walk: walk, context: RecordContactTests.context(store)))
        #expect(save.situation.consent == .given)
        #expect(save.referralCount == 1)
        try save.run()
        let referral = try #require(try store.family("F-CW1")?.referrals.first)
        #expect(referral.consent == .given)
    }

    /// The navigator over the family, answering consent with `consent` when asked, "2" for a child's level, else "no".
    static func walk(over family: Family, consent: String = "given") throws -> NavigatorWalk {
        var walk = NavigatorWalk(
            pathways: .islington,
            situation: Situation(family: family, consent: family.consentOnFile(on: RecordContactTests.today)),
            at: RecordContactTests.now)
        var guardrail = 100
        while let pending = walk.pendingQuestion, guardrail > 0 {
            let answers = pending.question.answers.map(\.value)
            let value =
                pending.question.fact == .consent
                ? consent : (pending.question.id == "child-level" ? "2" : (answers.contains("no") ? "no" : answers[0]))
            try walk.answer(value)
            guardrail -= 1
        }
        return walk
    }

    @Test("consent answered in the navigator is stored on the family as a consent record: who, for what, when")
    func answeredConsentRecorded() throws {
        let store = try CaseworkStore.inMemory.make(families: [try RecordContactTests.family()])
        let family = try #require(try store.family("F-CW1"))
        let walk = try Self.walk(over: family, consent: "given")
        #expect(walk.answeredConsent == .given)
        let save = try #require(
            SaveNavigatorOutcome(family: family, walk: walk, context: RecordContactTests.context(store)))
        try save.run()
        let saved = try #require(try store.family("F-CW1"))
        let consent = try #require(saved.consents.first)
        #expect(saved.consents.count == 1)
        #expect(consent.decision == .given)
        #expect(consent.givenOn == RecordContactTests.today)
        #expect(consent.scope.lowercased().contains("early help"))
        #expect(consent.givenBy.lowercased().contains("navigator"))
        #expect(consent.recordedBy == "sam.okafor")
        #expect(saved.consentOnFile(on: RecordContactTests.today) == .given)
    }

    @Test("consent on file is used from the record in the navigator and not recorded again")
    func consentOnFileNotRecordedAgain() throws {
        let store = try CaseworkStore.inMemory.make(families: [try RecordContactTests.familyWithConsentOnFile()])
        let family = try #require(try store.family("F-CW1"))
        let walk = try Self.walk(over: family, consent: "refused")
        #expect(walk.answeredConsent == nil, "the consent question is answered from the record")
        let save = try #require(
            SaveNavigatorOutcome(family: family, walk: walk, context: RecordContactTests.context(store)))
        try save.run()
        let saved = try #require(try store.family("F-CW1"))
        #expect(saved.consents.map(\.id) == ["CN-FILE1"])
        #expect(saved.referrals.first?.consent == .given)
    }
}
