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
        try store.startOutbox()
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
        try store.joinTeamServer(link)
        try store.close()

        store = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try store.lastPulledSeq() == 41)
        #expect(try store.joinedTeamServer() == link.server)
        #expect(try store.family(family.id) == family)
        try store.close()
    }

    @Test(
        "a pulled page writes its people's match keys many rows a statement and each audit entry in one statement")
    func pulledPageWritesInBulk() throws {
        let url = try TemporaryFolder().file("bulk.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        let statements = StatementLog()
        try store.pool.write { db in db.trace { statements.note("\($0)") } }
        var page: [ServerChange] = []
        var people = 0
        for number in 0..<20 {
            var family = TestFamilies.quillfeather()
            family.id = FamilyID("F-9\(number)")
            people += family.members.count
            let device: DeviceID = "D-OTHER00000"
            let note = CaseNote(
                id: CaseNoteID("N-9\(number)"), writtenAt: Date(), author: "alice", text: "Phoned the school.")
            for (offset, change) in [CaseChange.addFamily(family), .addCaseNote(family: family.id, note)].enumerated() {
                let seq = Int64(page.count + 1)
                let envelope = ChangeEnvelope(
                    device: device, hlc: HybridTimestamp(milliseconds: seq, counter: offset, device: device),
                    base: nil, fields: nil, scope: ChangeScope(locality: .north), change: change)
                page.append(ServerChange(seq: seq, author: "alice", receivedAt: Date(), envelope: envelope))
            }
        }
        statements.clear()
        try store.applyPulled(page)

        let keyInserts = statements.count { $0.hasPrefix("INSERT INTO person_match_key") }
        #expect(keyInserts > 0)
        #expect(keyInserts < people, "\(keyInserts) statements for \(people) people's keys: not one a key")
        #expect(statements.count { $0.hasPrefix("UPDATE audit_entry") } == 0, "each entry is written sealed")
        #expect(statements.count { $0.hasPrefix("INSERT INTO audit_entry") } == page.count)
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
        let found = try store.matchPeople(MatchQuery("Marta Quillfeather 02/05/1990"), limit: 50).map(\.familyID)
        #expect(Set(found).count == 20, "every family's keys were written")
        try store.close()
    }

    @Test(
        "a pulled page writes its search entries many rows a statement, last, and search finds every one")
    func pulledPageWritesSearchEntriesInBulk() throws {
        let url = try TemporaryFolder().file("search-bulk.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        let statements = StatementLog()
        try store.pool.write { db in db.trace { statements.note("\($0)") } }
        var page: [ServerChange] = []
        let device: DeviceID = "D-OTHER00000"
        for number in 0..<20 {
            var family = TestFamilies.quillfeather()
            family.id = FamilyID("F-9\(number)")
            let notes = (0..<3).map { index in
                CaseNote(
                    id: CaseNoteID("N-9\(number)-\(index)"), writtenAt: Date(), author: "alice",
                    text: "Phoned the school about attendance, reference q\(number)x\(index).")
            }
            let changes = [CaseChange.addFamily(family)] + notes.map { .addCaseNote(family: family.id, $0) }
            for (offset, change) in changes.enumerated() {
                let seq = Int64(page.count + 1)
                let envelope = ChangeEnvelope(
                    device: device, hlc: HybridTimestamp(milliseconds: seq, counter: offset, device: device),
                    base: nil, fields: nil, scope: ChangeScope(locality: .north), change: change)
                page.append(ServerChange(seq: seq, author: "alice", receivedAt: Date(), envelope: envelope))
            }
        }
        let entries = 20 * (TestFamilies.quillfeather().searchEntries.count + 3)
        statements.clear()
        try store.applyPulled(page)

        // One row a statement, FTS5 wrote each entry to disk as a segment of its own.
        let inserts = statements.count { $0.hasPrefix("INSERT INTO search_entry") }
        #expect(inserts > 0)
        #expect(inserts < 5, "\(inserts) statements for \(entries) search entries: not many a statement")
        #expect(
            statements.lastIndex { $0.hasPrefix("INSERT INTO search_entry") }
                > statements.lastIndex { $0.hasPrefix("INSERT INTO person_match_key") },
            "the full-text index joins the transaction last")
        let rows = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_entry") }
        #expect(rows == entries)
        for number in [0, 7, 19] {
            let hits = try store.search("q\(number)x2", limit: 5).map(\.summary.id)
            #expect(hits == [FamilyID("F-9\(number)")])
        }
        #expect(Set(try store.search("Quillfeather", limit: 50).map(\.summary.id)).count == 20)
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
        try store.close()
    }
}

/// The SQL statements a connection ran, as GRDB traces them.
private final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var statements: [String] = []

    func note(_ statement: String) { lock.withLock { statements.append(statement) } }
    func clear() { lock.withLock { statements.removeAll() } }
    func count(where matches: (String) -> Bool) -> Int { lock.withLock { statements.filter(matches).count } }
    func lastIndex(where matches: (String) -> Bool) -> Int {
        lock.withLock { statements.lastIndex(where: matches) ?? -1 }
    }
}
