import Foundation
import SignpostDomain
import SignpostStore
import SignpostStoreTesting
import Testing

@testable import SignpostSQLiteStore

/// A conflict's resolution is a change like any other: applied, audited, queued to send, and read back.
@Suite("Conflict resolution")
struct ConflictResolutionTests {
    static let resolution = ConflictResolution(
        conflict: 41, family: "F-00017", record: "P-marta", edits: "update-person", field: "phone",
        value: .string("07700 900999"), choice: .keepMine)

    static func stores() throws -> [any SyncableStore] {
        let url = try TemporaryFolder().file("resolve.sqlite")
        let stores: [any SyncableStore] = [
            try InMemoryCaseStore(kind: .demonstration),
            try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration),
        ]
        // Stores in a team: their saves are queued.
        for store in stores { try store.startOutbox() }
        return stores
    }

    @Test("resolving sets the field, is audited in words and is queued with the field it sets")
    func resolvingIsAChange() throws {
        for store in try Self.stores() {
            try store.apply([.addFamily(TestFamilies.quillfeather())], by: "jo")
            try store.apply([.resolveConflict(Self.resolution)], by: "jo")
            #expect(try store.family("F-00017")?.member("P-marta")?.phone == "07700 900999")
            let audit = try store.auditTrail(family: "F-00017", limit: 1).first
            #expect(audit?.action == "resolve-conflict")
            #expect(
                audit?.summary
                    == "resolved conflict 41 on phone of Marta Quillfeather: kept mine, now 07700 900999")
            let queued = try #require(try store.pendingChanges(limit: 10).last)
            #expect(queued.kind == "resolve-conflict")
            #expect(queued.record == "P-marta")
            #expect(queued.fields == ["phone": .string("07700 900999")])
            #expect(queued.change == .resolveConflict(Self.resolution))
            #expect(try store.pendingChangeCount() == 2)
        }
    }

    @Test("taking the value the record already holds is still sent: it clears the conflict on the server")
    func takingTheirsIsSentEvenWhenNothingChangesHere() throws {
        for store in try Self.stores() {
            try store.apply([.addFamily(TestFamilies.quillfeather())], by: "jo")
            var theirs = Self.resolution
            theirs.choice = .takeTheirs
            theirs.value = .string("07700 900001")
            try store.apply([.resolveConflict(theirs)], by: "jo")
            #expect(try store.pendingChanges(limit: 10).map(\.kind) == ["add-family", "resolve-conflict"])
        }
    }

    @Test("a resolution survives the JSON the outbox and the server keep")
    func roundTrips() throws {
        let change = CaseChange.resolveConflict(Self.resolution)
        let data = try JSONEncoder().encode(change)
        #expect(try JSONDecoder().decode(CaseChange.self, from: data) == change)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"conflict\":41"), "the server's trigger reads change.conflict: \(text)")
    }

    @Test("a field no record has is refused, naming it, and nothing is saved")
    func unknownFieldIsRefused() throws {
        for store in try Self.stores() {
            try store.apply([.addFamily(TestFamilies.quillfeather())], by: "jo")
            var wrong = Self.resolution
            wrong.field = "shoeSize"
            #expect(throws: StoreError.self) { try store.apply([.resolveConflict(wrong)], by: "jo") }
            #expect(try store.pendingChangeCount() == 1)
        }
    }

    @Test("the header says where sync stands in words, most important first")
    func headerWords() {
        let at = Date(timeIntervalSince1970: 1_795_428_120)  // 10:02 in London, 23 November 2026
        var status = SyncStatus(connection: .online(syncedAt: at), login: "sam")
        #expect(status.headerParts() == ["synced 10:02"])
        status.toSend = 3
        #expect(status.headerParts() == ["3 to send"])
        status.connection = .offline(since: at, why: "refused")
        status.toSend = 41
        #expect(status.headerParts() == ["offline since 10:02", "41 to send"])
        #expect(status.headerParts(compact: true) == ["offline 10:02", "41 to send"])
        status.connection = .online(syncedAt: at)
        status.toSend = 0
        status.conflicts = [
            TeamConflict(
                id: 1, family: "F-1", record: "P-1", edits: "update-person", field: "phone", serverValue: "1",
                serverAuthor: "ali", serverChangedAt: at, pushedValue: "2", pushedAuthor: "sam", pushedAt: at),
            TeamConflict(
                id: 2, family: "F-1", record: "P-1", edits: "update-person", field: "gender", serverValue: "1",
                serverAuthor: "ali", serverChangedAt: at, pushedValue: "2", pushedAuthor: "sam", pushedAt: at),
        ]
        #expect(status.headerParts() == ["synced 10:02", "2 conflicts"])
        status.connection = .unavailable(why: "no password")
        #expect(status.headerParts() == ["sync off", "2 conflicts"])
    }
}
