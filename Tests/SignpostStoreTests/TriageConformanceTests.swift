import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// What every ``CaseStore`` must do for the front-door triage flow (#5): contact drafts and the day's contacts.
@Suite("CaseStore conformance: triage")
struct TriageConformanceTests {
    typealias F = TestFamilies

    /// A live store: the test families' ids are live ones (no `ZZ-`), which `check` expects of a live store.
    private func storeWithFamilies(_ kind: StoreUnderTest) throws -> any CaseStore {
        let store = try kind.make(kind: .live)
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        return store
    }

    /// A draft with only what the screens set when a call starts.
    private func draft(_ id: ContactDraftID, by practitioner: String, updated: String) -> ContactDraft {
        var draft = ContactDraft(id: id, practitioner: practitioner, startedAt: F.at("2026-07-01T08:00:00Z"))
        draft.updatedAt = F.at(updated)
        return draft
    }

    /// A draft with every field set, dates carrying fractions of a second.
    static func everyField() -> ContactDraft {
        var draft = ContactDraft(
            id: "D-full", practitioner: "sam.okafor",
            startedAt: Date(timeIntervalSinceReferenceDate: 804_585_600.123_456_7), step: .route,
            caller: Caller(name: "Ms Hart", agency: "Hornsey Road Nursery", relationship: "key worker", phone: "020 7"),
            door: .childrenCentre, source: .school, family: "F-00017", familyName: "Quillfeather",
            newFamily: NewFamilyDetails(
                name: "Quillfeather-Hart",
                address: Address(lines: ["12 Example Road", "Flat “B”"], postcode: "N7 0ZZ"),
                locality: .north),
            people: [
                DraftPerson(
                    id: "P-ava", isNew: false, givenName: "Ava", familyName: "Quillfeather", role: .child,
                    dateOfBirth: F.day("2022-03-14"), concerns: [.neglect, .earlyDevelopment]),
                DraftPerson(
                    id: "P-new", isNew: true, givenName: "Zoë", familyName: "", role: .unbornChild,
                    expectedDeliveryDate: F.day("2027-02-01"), concerns: []),
                DraftPerson(
                    id: "P-marta", isNew: false, givenName: "Marta", familyName: "Quillfeather", role: .parentOrCarer,
                    concerns: [.mentalHealth]),
            ],
            words: "Ava is not talking much.\nShe seems \"tired\" — every day.\\",
            levels: [
                DraftLevel(person: "P-ava", level: .complex, suggested: .earlyHelp, reason: "nursery raised neglect"),
                DraftLevel(person: "P-new", level: .universal, suggested: nil),
                DraftLevel(person: "P-marta", level: .earlyHelp, suggested: .earlyHelp),
            ],
            consent: .given, consentBy: "mother, on the phone", navigatorAnswers: ["yes", "no", "school"])
        draft.updatedAt = Date(timeIntervalSinceReferenceDate: 804_589_200.987_654_3)
        return draft
    }

    @Test("a draft reads back exactly as it was saved, every field", arguments: StoreUnderTest.allCases)
    func draftRoundTrip(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        let full = Self.everyField()
        try store.saveDraft(full)
        let read = try #require(try store.drafts(for: "sam.okafor").first)
        #expect(read == full)
        #expect(read.updatedAt.timeIntervalSinceReferenceDate == 804_589_200.987_654_3)
        #expect(read.startedAt == full.startedAt)
        #expect(read.people.map(\.concerns) == [[.neglect, .earlyDevelopment], [], [.mentalHealth]])
        #expect(read.levels[0].overridesSuggestion)
        #expect(read.levels[1].suggested == nil)

        // Nothing set: every optional stays nil, every list empty.
        let bare = ContactDraft(
            id: "D-bare", practitioner: "jo", startedAt: Date(timeIntervalSinceReferenceDate: -0.5))
        try store.saveDraft(bare)
        #expect(try store.drafts(for: "jo") == [bare])
        #expect(try store.drafts(for: "jo").first?.isEmpty == true)
    }

    @Test(
        "drafts are saved, replaced, listed newest first and kept to their practitioner",
        arguments: StoreUnderTest.allCases)
    func draftsPerPractitioner(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        let auditBefore = try store.info().auditEntryCount
        var first = draft("D-1", by: "sam", updated: "2026-07-01T08:00:00Z")
        let second = draft("D-2", by: "sam", updated: "2026-07-01T09:00:00Z")
        let joDraft = draft("D-3", by: "jo", updated: "2026-07-01T08:30:00Z")
        for draft in [first, second, joDraft] { try store.saveDraft(draft) }
        #expect(try store.drafts(for: "sam") == [second, first])
        #expect(try store.drafts(for: "jo") == [joDraft])
        #expect(try store.drafts(for: "nobody").isEmpty)
        #expect(try store.drafts(for: "SAM").isEmpty, "practitioners are told apart exactly")

        // Saved as typed: each save replaces the last, and the newest change goes first.
        for (index, word) in ["A", "Av", "Ava"].enumerated() {
            first.words = word
            first.family = "F-00017"
            first.familyName = "Quillfeather"
            first.updatedAt = F.at("2026-07-01T10:00:00Z").addingTimeInterval(Double(index))
            try store.saveDraft(first)
        }
        #expect(try store.drafts(for: "sam") == [first, second])
        #expect(try store.drafts(for: "sam").first?.words == "Ava")

        // Drafts saved in the same instant keep one order: by id.
        let tie = draft("D-0", by: "sam", updated: "2026-07-01T09:00:00Z")
        try store.saveDraft(tie)
        #expect(try store.drafts(for: "sam").map(\.id) == ["D-1", "D-0", "D-2"])

        // Only first saves are audited, by the draft's practitioner, with no family until one is picked.
        let trail = try store.auditTrail(family: nil, limit: 10)
        #expect(try store.info().auditEntryCount == auditBefore + 4)
        #expect(trail.prefix(4).map(\.action) == Array(repeating: "start-contact-draft", count: 4))
        #expect(trail.prefix(4).map(\.recordID) == ["D-0", "D-3", "D-2", "D-1"])
        #expect(trail.prefix(4).map(\.actor) == ["sam", "jo", "sam", "sam"])
        #expect(trail.prefix(4).allSatisfy { $0.family == nil && $0.summary == "started taking a front-door contact" })
        #expect(try store.auditTrail(family: "F-00017", limit: 10).allSatisfy { $0.action != "start-contact-draft" })

        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
        #expect(report.checked.contains("4 contact drafts can be read"))
    }

    @Test(
        "discarding removes a draft once, audited on its family; it is no error when gone",
        arguments: StoreUnderTest.allCases)
    func discarding(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        var picked = draft("D-1", by: "sam", updated: "2026-07-01T08:00:00Z")
        try store.saveDraft(picked)
        picked.family = "F-00017"
        picked.familyName = "Quillfeather"
        picked.caller = Caller(name: "Ms Hart", relationship: "key worker")
        try store.saveDraft(picked)
        let unpicked = draft("D-2", by: "sam", updated: "2026-07-01T09:00:00Z")
        try store.saveDraft(unpicked)

        try store.discardDraft("D-1", by: "sam")
        #expect(try store.drafts(for: "sam") == [unpicked])
        let removed = try #require(try store.auditTrail(family: nil, limit: 1).first)
        #expect(removed.action == "discard-contact-draft")
        #expect(removed.actor == "sam")
        #expect(removed.recordID == "D-1")
        #expect(removed.family == "F-00017")
        #expect(removed.summary == "removed the front-door contact draft (Ms Hart, key worker · Quillfeather family)")
        #expect(try store.auditTrail(family: "F-00017", limit: 1).first == removed)

        let count = try store.info().auditEntryCount
        try store.discardDraft("D-1", by: "sam")
        try store.discardDraft("D-never", by: "sam")
        #expect(try store.info().auditEntryCount == count, "removing nothing is not audited")

        try store.discardDraft("D-2", by: "sam")
        #expect(try store.drafts(for: "sam").isEmpty)
        let second = try #require(try store.auditTrail(family: nil, limit: 1).first)
        #expect(second.family == nil)
        #expect(second.summary == "removed the front-door contact draft (caller not named · family not chosen)")
    }

    @Test("one practitioner cannot overwrite or remove another's draft", arguments: StoreUnderTest.allCases)
    func otherPractitioners(kind: StoreUnderTest) throws {
        let store = try kind.make()
        let joDraft = draft("D-1", by: "jo", updated: "2026-07-01T08:00:00Z")
        try store.saveDraft(joDraft)
        let count = try store.info().auditEntryCount

        var taken = draft("D-1", by: "sam", updated: "2026-07-01T09:00:00Z")
        taken.words = "not jo's"
        #expect(throws: StoreError.invalidChange("contact draft D-1 belongs to another practitioner; it was not saved"))
        {
            try store.saveDraft(taken)
        }
        #expect(
            throws: StoreError.invalidChange("contact draft D-1 belongs to another practitioner; it was not removed")
        ) {
            try store.discardDraft("D-1", by: "sam")
        }
        #expect(throws: StoreError.invalidChange("contact draft D-2 names no practitioner; it was not saved")) {
            try store.saveDraft(draft("D-2", by: " ", updated: "2026-07-01T09:00:00Z"))
        }
        #expect(try store.drafts(for: "jo") == [joDraft])
        #expect(try store.drafts(for: "sam").isEmpty)
        #expect(try store.drafts(for: " ").isEmpty)
        #expect(try store.info().auditEntryCount == count)
    }

    // MARK: The day's contacts

    private func contact(
        _ id: ContactID, at instant: String, by practitioner: String, about people: [PersonID]
    ) -> Contact {
        Contact(
            id: id, receivedAt: F.at(instant), caller: Caller(name: "Caller \(id)"), source: .school,
            about: people, concernInCallersWords: "worried", concerns: [.neglect], outcome: .pending,
            recordedBy: practitioner)
    }

    @Test(
        "a day's contacts run from London midnight to midnight, newest first, filtered by who recorded them",
        arguments: StoreUnderTest.allCases)
    func contactsOnDay(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        // 1 July 2026 is a BST day: it runs from 23:00 UTC on 30 June to 23:00 UTC on 1 July.
        let lateOnThe30th = contact("C-a", at: "2026-06-30T22:59:59Z", by: "sam", about: ["P-ava"])
        let midnight = contact("C-b", at: "2026-06-30T23:00:00Z", by: "sam", about: ["P-zoe", "P-ava"])
        let noonJo = contact("C-c", at: "2026-07-01T12:00:00Z", by: "jo", about: ["P-tobi"])
        let noonTie = contact("C-f", at: "2026-07-01T12:00:00Z", by: "jo", about: ["P-marta"])
        var lastMoment = contact("C-d", at: "2026-07-01T22:59:59Z", by: "sam", about: ["P-dami", "P-grace"])
        lastMoment.receivedAt.addTimeInterval(0.75)
        let nextMidnight = contact("C-e", at: "2026-07-01T23:00:00Z", by: "sam", about: ["P-dami"])
        try store.apply(
            [
                .addContact(family: "F-00017", lateOnThe30th), .addContact(family: "F-00017", midnight),
                .addContact(family: "F-00019", noonJo), .addContact(family: "F-00017", noonTie),
                .addContact(family: "F-00018", lastMoment), .addContact(family: "F-00018", nextMidnight),
            ], by: "loader")

        let july1 = try store.contacts(on: F.day("2026-07-01"), recordedBy: nil)
        #expect(july1.map(\.contact.id) == ["C-d", "C-f", "C-c", "C-b"])
        #expect(
            july1[3]
                == ContactListing(
                    familyID: "F-00017", familyName: "Quillfeather", contact: midnight,
                    aboutNames: ["Zoë Quillfeather", "Ava Quillfeather"]))
        #expect(july1[0].aboutNames == ["Dami Okonkwo-Brown", "Grace Okonkwo-Brown"])
        #expect(july1[0].contact == lastMoment, "fractions of a second are kept")
        #expect(july1[0].familyName == "Okonkwo-Brown")
        #expect(july1[2].familyID == "F-00019")
        #expect(july1[2].aboutNames == ["Tobi Adeyemi"])

        #expect(try store.contacts(on: F.day("2026-07-01"), recordedBy: "sam").map(\.contact.id) == ["C-d", "C-b"])
        #expect(try store.contacts(on: F.day("2026-07-01"), recordedBy: "jo").map(\.contact.id) == ["C-f", "C-c"])
        #expect(try store.contacts(on: F.day("2026-07-01"), recordedBy: "nobody").isEmpty)
        #expect(try store.contacts(on: F.day("2026-06-30"), recordedBy: nil).map(\.contact.id) == ["C-a"])
        #expect(try store.contacts(on: F.day("2026-07-02"), recordedBy: nil).map(\.contact.id) == ["C-e"])

        // A GMT day: the fixture's contact at 09:30 UTC on 5 January.
        let january = try store.contacts(on: F.day("2026-01-05"), recordedBy: "csct.duty")
        #expect(
            january == [
                ContactListing(
                    familyID: "F-00017", familyName: "Quillfeather", contact: F.quillfeather().contacts[0],
                    aboutNames: ["Ava Quillfeather"])
            ])
        #expect(try store.contacts(on: F.day("2026-01-06"), recordedBy: nil).isEmpty)
    }

    @Test("the day the clocks go back is 25 hours long", arguments: StoreUnderTest.allCases)
    func clocksGoBack(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        // 25 October 2026 runs from 23:00 UTC on the 24th (00:00 BST) to 00:00 UTC on the 26th (00:00 GMT).
        let earliest = contact("C-1x", at: "2026-10-24T23:30:00Z", by: "sam", about: ["P-tobi"])
        let latest = contact("C-2x", at: "2026-10-25T23:30:00Z", by: "sam", about: ["P-tobi"])
        let after = contact("C-3x", at: "2026-10-26T00:00:00Z", by: "sam", about: ["P-tobi"])
        try store.apply(
            [
                .addContact(family: "F-00019", earliest), .addContact(family: "F-00019", latest),
                .addContact(family: "F-00019", after),
            ], by: "loader")
        #expect(try store.contacts(on: F.day("2026-10-25"), recordedBy: nil).map(\.contact.id) == ["C-2x", "C-1x"])
        #expect(try store.contacts(on: F.day("2026-10-24"), recordedBy: nil).isEmpty)
        #expect(try store.contacts(on: F.day("2026-10-26"), recordedBy: nil).map(\.contact.id) == ["C-3x"])
    }

    // MARK: Recording a contact from its draft

    @Test(
        "recording a contact retires its draft in the same transaction, audited; a second record is refused",
        arguments: StoreUnderTest.allCases)
    func recordContactRetiresDraft(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        var taken = draft("D-rec1", by: "sam", updated: "2026-07-01T08:05:00Z")
        taken.family = "F-00017"
        try store.saveDraft(taken)
        let changes: [CaseChange] = [
            .addContact(
                family: "F-00017", contact("C-rec1", at: "2026-07-01T08:00:00Z", by: "sam", about: ["P-ava"]))
        ]
        try store.recordContact(changes, retiringDraft: "D-rec1", by: "sam")
        #expect(try store.drafts(for: "sam").isEmpty)
        #expect(try store.family("F-00017")?.contacts.contains { $0.id == "C-rec1" } == true)
        let trail = try store.auditTrail(family: "F-00017", limit: 5).map(\.action)
        #expect(Array(trail.prefix(2)) == ["discard-contact-draft", "add-contact"])

        // The same draft offered again (saved by a second window): its contact id is taken, so nothing is saved.
        try store.saveDraft(taken)
        #expect(throws: StoreError.duplicateRecord("C-rec1")) {
            try store.recordContact(changes, retiringDraft: "D-rec1", by: "sam")
        }
        #expect(try store.family("F-00017")?.contacts.filter { $0.id == "C-rec1" }.count == 1)
        #expect(try store.drafts(for: "sam").map(\.id) == ["D-rec1"], "a refused record leaves the draft as it was")
    }

    @Test(
        "recording a contact from another practitioner's draft saves nothing and leaves the draft",
        arguments: StoreUnderTest.allCases)
    func recordContactOthersDraft(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        try store.saveDraft(draft("D-rec2", by: "jo", updated: "2026-07-01T08:05:00Z"))
        let changes: [CaseChange] = [
            .addContact(
                family: "F-00017", contact("C-rec2", at: "2026-07-01T08:00:00Z", by: "sam", about: ["P-ava"]))
        ]
        #expect(throws: StoreError.self) { try store.recordContact(changes, retiringDraft: "D-rec2", by: "sam") }
        #expect(try store.family("F-00017")?.contacts.contains { $0.id == "C-rec2" } == false)
        #expect(try store.drafts(for: "jo").map(\.id) == ["D-rec2"])
    }
}
