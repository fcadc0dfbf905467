import Foundation
import SignpostDomain
import SignpostStore
import Testing

extension StoreUnderTest {
    /// A fresh, empty store of this kind, as a ``SyncableStore`` in a team.
    /// Its outbox is started, as a store's is once it joins a team server.
    func makeSyncable(kind: StoreKind = .demonstration) throws -> any SyncableStore {
        let store = try #require(try make(kind: kind) as? any SyncableStore)
        try store.startOutbox()
        return store
    }
}

/// What every ``SyncableStore`` must do with its outbox and with pulled changes, run against both stores.
@Suite("SyncableStore conformance")
struct SyncableStoreConformanceTests {
    typealias F = TestFamilies

    private func note(_ id: CaseNoteID, _ text: String = "Phoned Marta") -> CaseNote {
        CaseNote(id: id, writtenAt: F.at("2026-02-01T10:00:00Z"), author: "jo", text: text, about: ["P-ava"])
    }

    private func pulled(
        _ change: CaseChange, seq: Int64, author: String = "alice", base: Int64? = nil,
        fields: [String: JSONValue]? = nil, id: UUID = UUID()
    ) -> ServerChange {
        let device: DeviceID = "D-ELSEWHERE0"
        let envelope = ChangeEnvelope(
            id: id, device: device, hlc: HybridTimestamp(milliseconds: 1_000 + seq, counter: 0, device: device),
            base: base, fields: fields ?? change.fieldValues, scope: nil, change: change)
        return ServerChange(
            seq: seq, author: author, receivedAt: F.at("2026-02-02T10:00:00Z"), envelope: envelope)
    }

    @Test(
        "every change applied goes into the outbox, oldest first, stamped by this device",
        arguments: StoreUnderTest.allCases)
    func outboxOrder(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        let family = F.quillfeather()
        let level = LevelEntry(level: .complex, setBy: "jo", setAt: F.at("2026-02-01T10:00:00Z"), reason: "escalating")
        try store.apply([.addFamily(family), .addCaseNote(family: family.id, note("N-2"))], by: "jo")
        try store.apply([.recordLevel(family: family.id, person: "P-ava", level)], by: "jo")

        let pending = try store.pendingChanges(limit: 10)
        #expect(pending.map(\.kind) == ["add-family", "add-case-note", "record-level"])
        #expect(pending.map(\.record) == ["F-00017", "N-2", "P-ava"])
        #expect(pending.allSatisfy { $0.device == store.device && $0.hlc.device == store.device })
        #expect(pending.map(\.hlc) == pending.map(\.hlc).sorted())
        #expect(Set(pending.map(\.hlc)).count == 3)
        #expect(pending.allSatisfy { $0.base == nil && $0.fields == nil })
        #expect(pending[0].scope == ChangeScope(locality: .north))
        #expect(pending[0].change == .addFamily(family))
        #expect(try store.pendingChanges(limit: 2).map(\.kind) == ["add-family", "add-case-note"])
    }

    @Test(
        "a family that left the worker's scope goes only once its changes are sent, with its search entries, audited",
        arguments: StoreUnderTest.allCases)
    func removeFamilyLeftScope(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        let family = F.quillfeather()
        let first = pulled(.addFamily(family), seq: 1)
        try store.applyPulled([first])
        try store.apply([.addCaseNote(family: family.id, note("N-9"))], by: "jo")

        let unsent = try store.removeFamilyLeftScope(
            family.id, reason: "restricted to other workers", pulledChanges: [])
        #expect(!unsent, "a family with a change waiting to be sent stays")
        #expect(try store.family(family.id)?.notes.map(\.id).contains("N-9") == true)

        let pending = try store.pendingChanges(limit: 10)
        try store.markSent(pending.map { (id: $0.id, seq: 2) })
        let removed = try store.removeFamilyLeftScope(
            family.id, reason: "restricted to other workers", pulledChanges: [first.envelope.id])
        #expect(removed)
        #expect(try store.family(family.id) == nil)
        #expect(try store.search("Quillfeather", limit: 10).isEmpty)
        #expect(try store.check().isHealthy)
        let audit = try store.auditTrail(family: family.id, limit: 1)
        #expect(audit.map(\.action) == ["family-left-scope"])
        #expect(audit.map(\.summary) == ["F-00017 removed from this laptop: restricted to other workers"])
        #expect(
            try !store.removeFamilyLeftScope(family.id, reason: "again", pulledChanges: []), "nothing left to remove")

        // The pulled change was forgotten: brought again, the family comes back.
        try store.applyPulled([first])
        #expect(try store.family(family.id) != nil)
    }

    @Test("a batch that fails writes nothing to the outbox", arguments: StoreUnderTest.allCases)
    func sameTransaction(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        try store.apply([.addFamily(F.quillfeather())], by: "jo")
        #expect(throws: StoreError.familyNotFound("F-missing")) {
            try store.apply(
                [.addCaseNote(family: "F-00017", note("N-2")), .addCaseNote(family: "F-missing", note("N-3"))],
                by: "jo")
        }
        #expect(try store.pendingChanges(limit: 10).map(\.kind) == ["add-family"])
    }

    @Test("a form's whole-record save sends only the fields that changed", arguments: StoreUnderTest.allCases)
    func onlyChangedFields(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        let family = F.quillfeather()
        try store.apply([.addFamily(family)], by: "jo")
        try store.markSent(try store.pendingChanges(limit: 10).map { ($0.id, 5) })

        var marta = family.members[0]
        marta.phone = "020 7946 0001"
        let relationships = family.relationships.filter { $0.from == "P-marta" || $0.to == "P-marta" }
        try store.apply([.updatePerson(family: family.id, marta, relationships: relationships)], by: "jo")
        try store.apply([.updatePerson(family: family.id, marta, relationships: relationships)], by: "jo")
        var details = FamilyDetails(of: family)
        details.locality = .south
        try store.apply([.updateFamilyDetails(family.id, details)], by: "jo")
        var assessment = family.assessments[0]
        assessment.conclusions = "Speech therapy first"
        try store.apply([.saveAssessment(family: family.id, assessment)], by: "jo")
        try store.apply([.updateReferralStatus(family: family.id, referral: "R-1", .closed)], by: "jo")

        let pending = try store.pendingChanges(limit: 10)
        #expect(pending.map(\.kind) == ["update-person", "update-family", "save-assessment", "update-referral-status"])
        #expect(pending[0].fields == ["phone": "020 7946 0001"])
        #expect(
            pending[0].change
                == .updatePersonFields(family: family.id, person: "P-marta", fields: [.phone: "020 7946 0001"]))
        #expect(pending[1].fields == ["locality": "south"])
        #expect(pending[1].scope == ChangeScope(locality: .south))
        #expect(pending[2].fields == ["conclusions": "Speech therapy first"])
        #expect(pending[3].fields == ["status": "closed"])
        // The family was acknowledged at seq 5; the people and records in it had no version of their own yet.
        #expect(pending.map(\.base) == [nil, 5, nil, nil])
        #expect(try store.family(family.id)?.members[0].phone == "020 7946 0001")
    }

    @Test("a new assessment travels whole, with no fields and no base", arguments: StoreUnderTest.allCases)
    func newAssessment(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        try store.apply([.addFamily(F.quillfeather())], by: "jo")
        let caf = EarlyHelpAssessment(id: "A-zoe-1", subject: "P-zoe", startedOn: F.day("2026-02-06"))
        try store.apply([.saveAssessment(family: "F-00017", caf)], by: "jo")
        let sent = try #require(try store.pendingChanges(limit: 10).last)
        #expect(sent.kind == "save-assessment")
        #expect(sent.fields == nil && sent.base == nil)
        #expect(sent.change == .saveAssessment(family: "F-00017", caf))
    }

    @Test(
        "acknowledged changes leave the outbox and become the base of the next change",
        arguments: StoreUnderTest.allCases)
    func markSent(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        let family = F.quillfeather()
        try store.apply([.addFamily(family)], by: "jo")
        try store.apply([.updateFamilyFields(family.id, fields: [.accessNotes: "Text first"])], by: "jo")
        let pending = try store.pendingChanges(limit: 10)
        #expect(pending.map(\.base) == [nil, nil])
        try store.markSent([(pending[0].id, 11), (pending[1].id, 12)])
        #expect(try store.pendingChanges(limit: 10).isEmpty)
        try store.markSent([(UUID(), 99)])

        try store.apply([.updateFamilyFields(family.id, fields: [.accessNotes: "Call after 4"])], by: "jo")
        #expect(try store.pendingChanges(limit: 10).map(\.base) == [12])
    }

    @Test(
        "a change the server held as a conflict (seq 0) leaves the outbox and keeps the record's version",
        arguments: StoreUnderTest.allCases)
    func heldAsConflict(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        let family = F.quillfeather()
        try store.applyPulled([pulled(.addFamily(family), seq: 4)])
        try store.apply([.updateFamilyFields(family.id, fields: [.accessNotes: "Text first"])], by: "jo")
        try store.apply([.updatePersonFields(family: family.id, person: "P-marta", fields: [.phone: "1"])], by: "jo")
        try store.markSent(try store.pendingChanges(limit: 10).map { ($0.id, 0) })
        #expect(try store.pendingChanges(limit: 10).isEmpty)
        try store.apply([.updateFamilyFields(family.id, fields: [.accessNotes: "Call after 4"])], by: "jo")
        try store.apply([.updatePersonFields(family: family.id, person: "P-marta", fields: [.phone: "2"])], by: "jo")
        #expect(try store.pendingChanges(limit: 10).map(\.base) == [4, nil])
    }

    @Test(
        "pulled changes are applied, audited as their author, never re-queued, and applied once",
        arguments: StoreUnderTest.allCases)
    func applyPulled(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        let family = F.quillfeather()
        let changes = [
            pulled(.addFamily(family), seq: 3),
            pulled(.addCaseNote(family: family.id, note("N-9", "Visited")), seq: 4),
            pulled(
                .updatePersonFields(family: family.id, person: "P-marta", fields: [.phone: "0161 496 0000"]), seq: 7),
        ]
        #expect(try store.lastPulledSeq() == 0)
        try store.applyPulled(changes)
        try store.applyPulled(changes)

        let stored = try #require(try store.family(family.id))
        #expect(stored.notes.map(\.id) == ["N-1", "N-9"])
        #expect(stored.members[0].phone == "0161 496 0000")
        #expect(try store.pendingChanges(limit: 10).isEmpty)
        #expect(try store.lastPulledSeq() == 7)
        let audit = try store.auditTrail(family: family.id, limit: 10)
        #expect(audit.map(\.action) == ["update-person", "add-case-note", "add-family"])
        #expect(audit.allSatisfy { $0.actor == "alice" })

        // The next local change to a pulled record is based on the seq it was pulled at.
        try store.apply([.updatePersonFields(family: family.id, person: "P-marta", fields: [.phone: "1"])], by: "jo")
        try store.apply([.addCaseNote(family: family.id, note("N-10"))], by: "jo")
        #expect(try store.pendingChanges(limit: 10).map(\.base) == [7, nil])
    }

    @Test("a pulled field change applies only the fields the server kept", arguments: StoreUnderTest.allCases)
    func pulledFieldsOnly(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        let family = F.quillfeather()
        try store.applyPulled([pulled(.addFamily(family), seq: 1)])
        let change = CaseChange.updatePersonFields(
            family: family.id, person: "P-marta", fields: [.phone: "1", .firstLanguage: "English"])
        try store.applyPulled([pulled(change, seq: 2, base: 1, fields: ["firstLanguage": "English"])])
        let marta = try #require(try store.family(family.id)?.members[0])
        #expect(marta.firstLanguage == "English")
        #expect(marta.phone == family.members[0].phone)
    }

    @Test("its own change coming back is not applied twice; it is acknowledged", arguments: StoreUnderTest.allCases)
    func ownChangeBack(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        try store.apply([.addFamily(F.quillfeather())], by: "jo")
        let mine = try #require(try store.pendingChanges(limit: 1).first)
        try store.applyPulled([ServerChange(seq: 9, author: "jo", receivedAt: Date(), envelope: mine)])
        #expect(try store.pendingChanges(limit: 10).isEmpty)
        #expect(try store.lastPulledSeq() == 9)
        #expect(try store.auditTrail(family: "F-00017", limit: 10).count == 1)
    }

    @Test("a pulled change that cannot apply saves nothing of the batch", arguments: StoreUnderTest.allCases)
    func pulledBatchIsOneTransaction(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        let batch = [
            pulled(.addFamily(F.quillfeather()), seq: 1),
            pulled(.addCaseNote(family: "F-missing", note("N-2")), seq: 2),
        ]
        #expect(throws: StoreError.familyNotFound("F-missing")) { try store.applyPulled(batch) }
        #expect(try store.family("F-00017") == nil)
        #expect(try store.lastPulledSeq() == 0)
        try store.applyPulled([batch[0]])
        #expect(try store.family("F-00017") != nil)
    }

    @Test(
        "the conflicts the server listed are remembered, replaced by the next list", arguments: StoreUnderTest.allCases)
    func remembersConflicts(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable()
        #expect(try store.rememberedConflicts() == nil)
        let conflict = TeamConflict(
            id: 7, family: "F-00017", record: "P-marta", edits: "update-person", field: "phone",
            serverValue: "020 7946 0002", serverAuthor: "kim", serverChangedAt: F.at("2026-02-01T09:12:00Z"),
            pushedValue: "020 7946 0001", pushedAuthor: "sam", pushedAt: F.at("2026-02-01T09:58:00Z"))
        let heard = RememberedConflicts(conflicts: [conflict], asOf: F.at("2026-02-01T10:00:00Z"))
        try store.rememberConflicts(heard)
        #expect(try store.rememberedConflicts() == heard)
        let none = RememberedConflicts(conflicts: [], asOf: F.at("2026-02-01T10:05:00Z"))
        try store.rememberConflicts(none)
        #expect(try store.rememberedConflicts() == none)
    }

    @Test("joining remembers the server, and only one of the store's kind", arguments: StoreUnderTest.allCases)
    func teamServer(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable(kind: .demonstration)
        #expect(try store.joinedTeamServer() == nil)
        let link = TeamServerLink(url: "postgres://localhost/signpost", login: "alice", serverKind: .demonstration)
        try store.joinTeamServer(link)
        #expect(try store.joinedTeamServer() == "postgresql://localhost/signpost")
        #expect(throws: StoreError.self) {
            try store.joinTeamServer(TeamServerLink(url: "postgres://live/signpost", login: "alice", serverKind: .live))
        }
        #expect(try store.joinedTeamServer() == "postgresql://localhost/signpost")
    }

    @Test("a store that joined one team server can never join another", arguments: StoreUnderTest.allCases)
    func oneServerOnly(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable(kind: .demonstration)
        let first = TeamServerLink(
            url: "postgresql://alice@127.0.0.1:54329/signpost", login: "alice", serverKind: .demonstration)
        try store.joinTeamServer(first)
        let again = TeamServerLink(
            url: "postgres://bob@127.0.0.1:54329/signpost", login: "bob", serverKind: .demonstration)
        try store.joinTeamServer(again)
        let second = TeamServerLink(
            url: "postgresql://alice@10.0.0.9:5432/signpost", login: "alice", serverKind: .demonstration)
        #expect(throws: StoreError.self) { try store.joinTeamServer(second) }
        #expect(try store.joinedTeamServer() == "postgresql://127.0.0.1:54329/signpost")
    }

    @Test(
        "a store that never joined a team keeps no outbox; joining queues every family it holds, whole, once",
        arguments: StoreUnderTest.allCases)
    func outboxOnlyOnceJoined(kind: StoreUnderTest) throws {
        let store = try #require(try kind.make(kind: .demonstration) as? any SyncableStore)
        let family = F.quillfeather()
        try store.apply([.addFamily(family), .addCaseNote(family: family.id, note("N-2"))], by: "jo")
        try store.apply([.updateFamilyFields(family.id, fields: [.accessNotes: "Text first"])], by: "jo")
        #expect(try store.pendingChanges(limit: 10).isEmpty)
        #expect(try store.pendingChangeCount() == 0)

        try store.joinTeamServer(
            TeamServerLink(url: "postgresql://jo@127.0.0.1/signpost", login: "jo", serverKind: .demonstration))
        let queued = try store.pendingChanges(limit: 10)
        let held = try #require(try store.family(family.id))
        #expect(queued.map(\.kind) == ["add-family"])
        #expect(queued.first?.change == .addFamily(held), "the family as it stands, its note and edit with it")
        #expect(queued.first?.scope == ChangeScope(locality: .north))
        #expect(queued.first?.device == store.device)

        // Joining again, or the sync engine starting the outbox, queues nothing more; saves are queued.
        try store.startOutbox()
        try store.apply([.addCaseNote(family: family.id, note("N-3"))], by: "jo")
        #expect(try store.pendingChanges(limit: 10).map(\.kind) == ["add-family", "add-case-note"])
    }
}
