import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// A pulled change's records name the login the team server authenticated, not whoever the pushing laptop claimed.
@Suite("Pulled changes are attributed to the server's author")
struct PulledAttributionTests {
    typealias F = TestFamilies

    private static let claimed = "the-director"

    private func pulled(_ change: CaseChange, seq: Int64, author: String = "alex") -> ServerChange {
        let device: DeviceID = "D-ELSEWHERE0"
        let envelope = ChangeEnvelope(
            id: UUID(), device: device, hlc: HybridTimestamp(milliseconds: 1_000 + seq, counter: 0, device: device),
            base: nil, fields: change.fieldValues, scope: nil, change: change)
        return ServerChange(seq: seq, author: author, receivedAt: F.at("2026-02-02T10:00:00Z"), envelope: envelope)
    }

    /// Casework recorded on another laptop whose every "recorded by" claims ``claimed``.
    private func claimedChanges(_ family: FamilyID) -> [CaseChange] {
        let by = Self.claimed
        return [
            .addCaseNote(
                family: family,
                CaseNote(id: "N-7", writtenAt: F.at("2026-02-03T10:00:00Z"), author: by, text: "Visited", about: [])),
            .addContact(
                family: family,
                Contact(
                    id: "C-7", receivedAt: F.at("2026-02-03T09:00:00Z"), caller: Caller(name: "Ms Hart"),
                    source: .school, about: ["P-ava"], concernInCallersWords: "tired", concerns: [],
                    outcome: .referred, recordedBy: by)),
            .recordLevel(
                family: family, person: "P-ava",
                LevelEntry(level: .complex, setBy: by, setAt: F.at("2026-02-03T11:00:00Z"), reason: "sleep")),
            .recordConsent(
                family: family,
                ConsentRecord(
                    id: "K-7", givenBy: "Marta Quillfeather", givenOn: F.day("2026-02-03"), scope: "share",
                    recordedBy: by)),
            .addReferral(
                family: family,
                Referral(
                    id: "R-7", service: "bright-futures", people: ["P-ava"], madeAt: F.at("2026-02-03T12:00:00Z"),
                    madeBy: by, consent: .given, urgency: .routine, status: .sent, reason: "speech")),
            .recordReferralOutcome(
                family: family, referral: "R-7",
                ReferralOutcome(status: .declined, on: F.day("2026-02-04"), reason: "full", recordedBy: by)),
            .openEpisode(
                family: family,
                EarlyHelpEpisode(
                    id: "E-7", service: "bright-futures", openedOn: F.day("2026-02-04"),
                    concurrentReason: "school plan", openedBy: by)),
            .changeLeadProfessional(
                family: family,
                LeadProfessionalChange(
                    professional: F.sam, previous: F.jo, on: F.day("2026-02-05"), reason: "Jo moved team",
                    recordedBy: by, recordedAt: F.at("2026-02-05T09:00:00Z"))),
            .recordMeeting(
                family: family,
                TeamMeeting(
                    id: "M-7", heldOn: F.day("2026-02-06"), attendees: ["Marta", "Jo"], familyViews: "better",
                    childViews: "", actions: [], nextReview: F.day("2026-03-06"), recordedBy: by,
                    recordedAt: F.at("2026-02-06T15:00:00Z"))),
            .amendCaseNote(
                family: family, note: "N-7",
                CaseNoteAmendment(amendedAt: F.at("2026-02-07T09:00:00Z"), by: by, text: "Phoned", reason: "wrong")),
            .changeAddress(
                family: family,
                AddressMove(
                    address: Address(lines: ["3 New Street"], postcode: "N1 1AA"), movedOn: F.day("2026-02-08"),
                    recordedBy: by)),
            .changeRelationship(
                family: family, Relationship(from: "P-ava", kind: .halfSibling, to: "P-zoe"),
                at: F.at("2026-02-08T10:00:00Z"), by: by),
        ]
    }

    @Test(
        "a pulled change's records name the server's author: the chronology and the audit say alex",
        arguments: StoreUnderTest.allCases)
    func recordsNameServerAuthor(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        let family = F.quillfeather()
        let before = Set(family.chronology())
        let changes = claimedChanges(family.id)
        try store.applyPulled(
            [pulled(.addFamily(family), seq: 1)]
                + changes.enumerated().map { pulled($0.element, seq: Int64($0.offset + 2)) })

        let stored = try #require(try store.family(family.id))
        let added = stored.chronology().filter { !before.contains($0) && $0.author != "" }
        #expect(added.count == changes.count - 1, "every change but the amendment adds a line")
        #expect(added.allSatisfy { $0.author == "alex" }, "\(added.map(\.author))")
        #expect(stored.chronology().allSatisfy { $0.author != Self.claimed })
        let note = try #require(stored.notes.first { $0.id == "N-7" })
        #expect(note.author == "alex")
        #expect(note.amendments.map(\.by) == ["alex"])
        #expect(stored.contacts.first { $0.id == "C-7" }?.recordedBy == "alex")
        #expect(stored.member("P-ava")?.levelHistory.last?.setBy == "alex")
        #expect(stored.consents.first { $0.id == "K-7" }?.recordedBy == "alex")
        #expect(stored.consents.first { $0.id == "K-7" }?.givenBy == "Marta Quillfeather")
        let referral = try #require(stored.referrals.first { $0.id == "R-7" })
        #expect(referral.madeBy == "alex")
        #expect(referral.outcomeBy == "alex")
        #expect(stored.episodes.first { $0.id == "E-7" }?.openedBy == "alex")
        #expect(stored.leadProfessional == F.sam, "the lead professional named is not the recorder")
        #expect(stored.meetings.first { $0.id == "M-7" }?.attendees == ["Marta", "Jo"])
        #expect(stored.meetings.first { $0.id == "M-7" }?.recordedBy == "alex")
        // What came with the family is its history as it was added, not re-attributed.
        #expect(stored.notes.first { $0.id == "N-1" }?.author == "j.okafor")
        let audit = try store.auditTrail(family: family.id, limit: 50)
        #expect(audit.count == changes.count + 1)
        #expect(audit.allSatisfy { $0.actor == "alex" })
    }

    @Test(
        "its own change coming back keeps what this store wrote and adds nothing", arguments: StoreUnderTest.allCases)
    func ownChangeBackUnchanged(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        let family = F.quillfeather()
        try store.apply([.addFamily(family)], by: "alex")
        try store.apply(claimedChanges(family.id), by: "alex")
        let made = try #require(try store.family(family.id))
        let mine = try store.pendingChanges(limit: 50)
        try store.applyPulled(
            mine.enumerated().map {
                ServerChange(seq: Int64($0.offset + 1), author: "alex", receivedAt: Date(), envelope: $0.element)
            })
        #expect(try store.family(family.id) == made)
        #expect(try store.pendingChanges(limit: 50).isEmpty)
        #expect(try store.auditTrail(family: family.id, limit: 50).count == mine.count)
    }
}
