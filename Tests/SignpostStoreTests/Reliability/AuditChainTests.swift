import Foundation
import GRDB
import SignpostDomain
import SignpostStore
import Testing

@testable import SignpostSQLiteStore

/// The audit trail is a hash chain: `check` finds an entry changed, added or removed (issue #12, defect 13).
@Suite("Audit chain")
struct AuditChainTests {
    typealias F = TestFamilies

    private func storeWithHistory() throws -> SQLiteCaseStore {
        let store = try SQLiteCaseStore(openingOrCreating: try TemporaryFolder().file("audit.sqlite"), kind: .live)
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        try store.recordViewed("F-00017", by: "sam")
        try store.recordRead(action: "search-families", summary: "searched for “quill”: 1 family found", by: "sam")
        let note = CaseNote(id: "N-chain", writtenAt: F.at("2026-03-01T10:00:00Z"), author: "jo", text: "Visited")
        try store.apply([.addCaseNote(family: "F-00017", note)], by: "jo")
        return store
    }

    @Test("every entry is chained to the one before, and check says so")
    func wholeChain() throws {
        let store = try storeWithHistory()
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
        #expect(report.checked.contains { $0.hasPrefix("audit trail: 6 entries, each chained to the one before") })
        let links = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT previous_hash, entry_hash FROM audit_entry ORDER BY id")
        }
        #expect(links.first?["previous_hash"] as String? == "")
        for (earlier, later) in zip(links, links.dropFirst()) {
            #expect(later["previous_hash"] as String? == earlier["entry_hash"] as String?)
            #expect((later["entry_hash"] as String?)?.count == 64)
        }
    }

    @Test("an entry edited with another SQLite tool is found, named, with the entries after it")
    func editedEntry() throws {
        let store = try storeWithHistory()
        try store.pool.write { db in
            try db.execute(sql: "UPDATE audit_entry SET actor = 'someone-else' WHERE id = 4")
        }
        #expect(
            try store.check().problems == [
                "the audit trail was altered: entry 4 (view-family by someone-else) was changed after it was written; entries from 4 on cannot be trusted"
            ])
    }

    @Test("an entry removed or slipped in is found at the entry after it")
    func removedEntry() throws {
        let store = try storeWithHistory()
        try store.pool.write { db in try db.execute(sql: "DELETE FROM audit_entry WHERE id = 2") }
        #expect(try store.check().problems.first?.contains("entry 3 (add-family by loader) does not follow") == true)

        let other = try storeWithHistory()
        try other.pool.write { db in
            try db.execute(
                sql:
                    "INSERT INTO audit_entry (id, at, actor, action, family_id, record_id, summary, previous_hash, entry_hash) SELECT 100, at, actor, action, family_id, record_id, summary, previous_hash, entry_hash FROM audit_entry WHERE id = 6"
            )
        }
        #expect(try other.check().problems.first?.contains("entry 100") == true)
    }

    @Test("a version 4 store is migrated: the entries already there are chained in order")
    func migratesVersion4() throws {
        let url = try TemporaryFolder().file("old.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        try store.pool.write { db in try SQLiteStoreFileTests.undoVersion5(db) }
        try store.close()

        let reopened = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try reopened.info().schemaVersion == StoreSchema.currentVersion)
        try reopened.recordViewed("F-00018", by: "sam")
        let report = try reopened.check()
        #expect(report.isHealthy, "\(report.problems)")
        #expect(report.checked.contains { $0.hasPrefix("audit trail: 4 entries") })
    }
}

/// Reading commands that reveal case data are audited (issue #12, defect 13).
@Suite("Audited reads")
struct AuditedReadTests {
    @Test("a list or search read is audited with who, what and how many", arguments: StoreUnderTest.allCases)
    func readsAreAudited(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.recordRead(action: "list-families", summary: "listed families 1–0 of 0", by: "sam")
        let entry = try #require(try store.auditTrail(family: nil, limit: 1).first)
        #expect(entry.action == "list-families")
        #expect(entry.actor == "sam")
        #expect(entry.family == nil)
        #expect(entry.summary == "listed families 1–0 of 0")
    }
}
