import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import Testing

/// Family details, relationships and consent as casework, without a terminal (#15 part A).
@Suite("Casework: family details, relationships and consent")
struct HouseholdCaseworkTests {
    static let now = RecordContactTests.now
    static var today: CalendarDate { LondonTime.today(at: now) }

    /// Wrenfold with Marta (parent, PR), Ava (3) and Ben (16).
    static func family() throws -> Family {
        var family = try RecordContactTests.family()
        family.members.append(
            Person(
                id: "P-ben", role: .child, givenName: "Ben", familyName: "Wrenfold",
                dateOfBirth: try CalendarDate(iso: "2010-01-20")))
        family.members.append(
            Person(id: "P-tom", role: .otherAdult, givenName: "Tom", familyName: "Wrenfold"))
        return family
    }

    private func context(_ store: any CaseStore) -> CaseworkContext {
        CaseworkContext(store: store, practitioner: "hub.worker", clock: { Self.now })
    }

    @Test("a move and the other details are saved together; the old address is kept", arguments: CaseworkStore.allCases)
    func editDetails(store kind: CaseworkStore) throws {
        let family = try Self.family()
        let store = try kind.make(families: [family])
        var details = EditFamilyDetails.Details(of: family, today: Self.today)
        details.address = Address(lines: ["4 Other Street"], postcode: "n5 2bb")
        details.movedOn = Self.today.adding(days: -7)
        details.languages = ["English", " Polish "]
        details.interpreterNeeded = true
        details.locality = .south
        #expect(try EditFamilyDetails(family: family, context: context(store)).run(details))
        let saved = try #require(try store.family(family.id))
        #expect(saved.address == Address(lines: ["4 Other Street"], postcode: "N5 2BB"))
        #expect(saved.addressSince == Self.today.adding(days: -7))
        #expect(saved.previousAddresses.map(\.address) == [family.address])
        #expect(saved.languages == ["English", "Polish"])
        #expect(saved.locality == .south)
        #expect(saved.interpreterNeeded)
        let actions = try store.auditTrail(family: family.id, limit: 2).map(\.action)
        #expect(actions == ["update-family", "change-address"])
        // Saved again unchanged: nothing to record.
        #expect(
            try !EditFamilyDetails(family: saved, context: context(store)).run(
                EditFamilyDetails.Details(of: saved, today: Self.today)))
    }

    @Test("a move in the future or with no language is refused at its field and nothing is saved")
    func refusedDetails() throws {
        let family = try Self.family()
        let store = try CaseworkStore.inMemory.make(families: [family])
        let edit = EditFamilyDetails(family: family, context: context(store))
        var details = EditFamilyDetails.Details(of: family, today: Self.today)
        details.address = Address(lines: ["4 Other Street"], postcode: "N5 2BB")
        details.movedOn = Self.today.adding(days: 1)
        #expect(throws: CaseworkRefusal("A move cannot be dated in the future.", field: "moved-on")) {
            try edit.changes(details)
        }
        details = EditFamilyDetails.Details(of: family, today: Self.today)
        details.languages = [" "]
        #expect(throws: CaseworkRefusal("Give at least one language spoken at home.", field: "languages")) {
            try edit.changes(details)
        }
        #expect(try store.family(family.id) == family)
    }

    @Test("relationships: saved from either side, contradictions refused with the reason")
    func relationships() throws {
        let family = try Self.family()
        let store = try CaseworkStore.sqlite.make(families: [family])
        try RelateMembers(family: family, context: context(store)).save(
            Relationship(from: "P-ben", kind: .sibling, to: "P-ava"))
        var saved = try #require(try store.family(family.id))
        // From Ava's side it is changed, not added twice.
        try RelateMembers(family: saved, context: context(store)).save(
            Relationship(from: "P-ava", kind: .halfSibling, to: "P-ben"))
        saved = try #require(try store.family(family.id))
        #expect(saved.relationships.count == 2)
        #expect(saved.relationships.last == Relationship(from: "P-ava", kind: .halfSibling, to: "P-ben"))
        let relate = RelateMembers(family: saved, context: context(store))
        #expect(
            throws: CaseworkRefusal(
                "Marta cannot be the sibling of Ava: Marta is already the parent of Ava. Change that relationship instead.",
                field: "kind")
        ) { try relate.addition(Relationship(from: "P-marta", kind: .sibling, to: "P-ava")) }
        #expect(throws: CaseworkRefusal.self) {
            // Ben, Ava's half-sibling, as the parent of Ava's parent.
            try relate.addition(Relationship(from: "P-ben", kind: .parent, to: "P-marta"))
        }
        #expect(throws: CaseworkRefusal.self) {
            try relate.addition(Relationship(from: "P-ava", kind: .parent, to: "P-ava"))
        }
        try relate.remove(between: "P-ben", and: "P-ava")
        saved = try #require(try store.family(family.id))
        #expect(saved.relationship(between: "P-ben", and: "P-ava") == nil)
        let changes = saved.chronology().filter {
            if case .relationshipChange = $0 { return true } else { return false }
        }
        #expect(changes.count == 3)
    }

    @Test(
        "consent is recorded per person who can give it, and withdrawn with a date", arguments: CaseworkStore.allCases)
    func consent(store kind: CaseworkStore) throws {
        let family = try Self.family()
        let store = try kind.make(families: [family])
        #expect(family.consentGivers(on: Self.today).map(\.id) == ["P-marta", "P-ben"])
        let recording = RecordConsent(family: family, context: context(store), id: "CN-1")
        var decision = RecordConsent.Decision(
            person: "P-tom", decision: .given, purposes: [.assess, .share], agencies: ["School"], method: .verbal,
            givenOn: Self.today)
        #expect(
            throws: CaseworkRefusal(
                "Tom Wrenfold has no parental responsibility recorded, so cannot consent for the family.",
                field: "person")
        ) { try recording.record(decision) }
        decision.person = "P-ava"
        #expect(throws: CaseworkRefusal.self) { try recording.record(decision) }
        decision.person = "P-marta"
        decision.agencies = []
        #expect(
            throws: CaseworkRefusal("Name the agencies information may be shared with.", field: "agencies")
        ) { try recording.record(decision) }
        decision.agencies = ["School", " Health visiting "]
        let record = try recording.run(decision)
        #expect(record.scope == "to assess; to share with School, Health visiting")
        #expect(record.person == "P-marta")
        decision.person = "P-ben"
        decision.purposes = [.assess]
        let ben = try RecordConsent(family: family, context: context(store), id: "CN-2").run(decision)
        #expect(ben.givenBy == "Ben Wrenfold (for themselves)")

        var saved = try #require(try store.family(family.id))
        #expect(saved.consentOnFile(on: Self.today) == .given)
        #expect(saved.consentToShare(on: Self.today)?.id == "CN-1")
        // The CAF started now takes its consent to share from the same record.
        let caf = EarlyHelpAssessment.draft(id: "A-1", for: saved.members[1], in: saved, startedOn: Self.today)
        #expect(caf.consentToShare.decision == .given)
        #expect(caf.consentToShare.givenBy == "Marta Wrenfold")

        let withdrawing = RecordConsent(family: saved, context: context(store))
        #expect(throws: CaseworkRefusal.self) { try withdrawing.withdrawal(of: "CN-1", on: Self.today.adding(days: 1)) }
        try withdrawing.withdraw("CN-1", on: Self.today)
        saved = try #require(try store.family(family.id))
        #expect(saved.consents.first { $0.id == "CN-1" }?.withdrawnOn == Self.today)
        #expect(saved.consentToShare(on: Self.today) == nil)
        #expect(throws: CaseworkRefusal("That consent was already withdrawn on \(Self.today.british).")) {
            try RecordConsent(family: saved, context: context(store)).withdrawal(of: "CN-1", on: Self.today)
        }
    }
}
