import Foundation
import GRDB
import SignpostDomain
import SignpostStore
import Testing

@testable import SignpostSQLiteStore

/// What the SQLite store's change log keeps across closing and opening the file.
@Suite("SQLite change log")
struct SQLiteChangeLogTests {
    @Test("the device id, the outbox and the clock survive reopening; the clock never goes back")
    func survivesReopen() throws {
        let url = try TemporaryFolder().file("sync.sqlite")
        var store = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration)
        let device = store.device
        #expect(device.rawValue.hasPrefix("D-"))
        try store.apply([.addFamily(TestFamilies.quillfeather())], by: "jo")
        // A clock reading far ahead of the wall clock, as after a wall clock set back.
        let ahead = HybridTimestamp(milliseconds: 4_000_000_000_000, counter: 3, device: device)
        try store.pool.write { db in
            try db.execute(
                sql: "UPDATE store_metadata SET value = ? WHERE key = 'hlc_last'", arguments: [ahead.description])
        }
        try store.close()

        store = try SQLiteCaseStore(opening: url, expecting: .demonstration)
        #expect(store.device == device)
        #expect(try store.pendingChanges(limit: 10).map(\.kind) == ["add-family"])
        try store.apply([.updateFamilyFields("F-00017", fields: [.accessNotes: "Text first"])], by: "jo")
        let stamps = try store.pendingChanges(limit: 10).map(\.hlc)
        #expect(stamps.count == 2)
        #expect(stamps[1] == HybridTimestamp(milliseconds: ahead.milliseconds, counter: 4, device: device))
        try store.close()
    }

    @Test("the last pulled seq and the team server survive reopening")
    func pulledSeqSurvives() throws {
        let url = try TemporaryFolder().file("sync.sqlite")
        var store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        let family = TestFamilies.quillfeather()
        let envelope = ChangeEnvelope(
            device: "D-OTHER00000", hlc: HybridTimestamp(milliseconds: 1, counter: 0, device: "D-OTHER00000"),
            base: nil, fields: nil, scope: ChangeScope(locality: .north), change: .addFamily(family))
        try store.applyPulled([ServerChange(seq: 41, author: "alice", receivedAt: Date(), envelope: envelope)])
        let link = TeamServerLink(url: "postgres://localhost/signpost", login: "bob", serverKind: .live)
        try store.setTeamServer(link)
        try store.close()

        store = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try store.lastPulledSeq() == 41)
        #expect(try store.teamServer() == link)
        #expect(try store.family(family.id) == family)
        try store.close()
    }
}
