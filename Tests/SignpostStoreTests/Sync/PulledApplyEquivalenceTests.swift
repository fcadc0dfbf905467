import Foundation
import GRDB
import SignpostDomain
import SignpostFixtures
import SignpostStore
import Testing

@testable import SignpostSQLiteStore

/// A store that pulls a team's changes ends up holding exactly what the store that made them holds:
/// the same rows in every table of the case record (families, people, notes, search entries, match
/// keys, summaries), the same audit entries (values, sentences and digests), a chain that verifies.
///
/// The pulled side goes through the way a pull reads changes (JSON envelopes, pages that cut
/// families in two); the made side through ``CaseStore/apply(_:by:)``.
@Suite("Pulled changes apply as made")
struct PulledApplyEquivalenceTests {
    /// Tables only one side keeps, or keeps differently by design: the change log's own.
    private static let changeLogTables: Set<String> = [
        "change_outbox", "change_pulled", "record_version", "store_metadata", "audit_entry",
    ]

    @Test("families added whole, noted, levelled and edited, pulled in uneven pages, match the store that made them")
    func pulledStoreMatchesMadeStore() throws {
        let folder = try TemporaryFolder()
        let made = try SQLiteCaseStore(openingOrCreating: folder.file("made.sqlite"), kind: .demonstration)
        try made.startOutbox()
        let today = try CalendarDate(iso: "2026-11-23")
        let families = SyntheticFamilyGenerator(seed: 13).families(0..<24, today: today)
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        for family in families {
            var changes: [CaseChange] = [.addFamily(family)]
            for number in 0..<4 {
                changes.append(
                    .addCaseNote(
                        family: family.id,
                        CaseNote(
                            id: CaseNoteID("ZZ-N-\(family.id.rawValue.dropFirst(3))-\(number)"), writtenAt: at,
                            author: "jo",
                            text: "Visited \(family.name) at home, note \(number) (fictional).")))
            }
            let person = family.members[0]
            changes.append(
                .recordLevel(
                    family: family.id, person: person.id,
                    LevelEntry(level: .complex, setBy: "jo", setAt: at, reason: "escalating")))
            changes.append(.updatePersonFields(family: family.id, person: person.id, fields: [.phone: "020 7946 0002"]))
            changes.append(.updateFamilyFields(family.id, fields: [.accessNotes: "Ring twice (fictional)"]))
            try made.apply(changes, by: "jo")
        }

        let envelopes = try made.pendingChanges(limit: 1_000)
        #expect(envelopes.count == families.count * 8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let pulled = try envelopes.enumerated().map { index, envelope in
            ServerChange(
                seq: Int64(index + 1), author: "jo", receivedAt: at,
                envelope: try JSONDecoder().decode(ChangeEnvelope.self, from: try encoder.encode(envelope)))
        }
        let puller = try SQLiteCaseStore(openingOrCreating: folder.file("pulled.sqlite"), kind: .demonstration)
        for start in stride(from: 0, to: pulled.count, by: 13) {
            try puller.applyPulled(Array(pulled[start..<min(start + 13, pulled.count)]))
        }

        #expect(try puller.lastPulledSeq() == Int64(pulled.count))
        for family in families {
            #expect(try puller.family(family.id) == made.family(family.id))
        }
        let madeTables = try Self.caseRecordRows(made)
        let pulledTables = try Self.caseRecordRows(puller)
        #expect(madeTables.keys.sorted() == pulledTables.keys.sorted())
        #expect(madeTables.values.reduce(0) { $0 + $1.count } > families.count * 20)
        for (table, rows) in madeTables {
            #expect(pulledTables[table] == rows, "table \(table) differs")
        }
        let madeAudit = try Self.auditRows(made)
        #expect(madeAudit.count == envelopes.count)
        #expect(try Self.auditRows(puller) == madeAudit)
        for name in Set(families.map(\.name)).sorted().prefix(6) {
            let found = try made.search(name, limit: 20)
            #expect(!found.isEmpty)
            #expect(try puller.search(name, limit: 20) == found)
            #expect(
                try puller.matchPeople(MatchQuery(name), limit: 20) == made.matchPeople(MatchQuery(name), limit: 20))
        }
        let report = try puller.check()
        #expect(report.isHealthy, "\(report.problems)")
        try made.close()
        try puller.close()
    }

    /// Every row of every table of the case record, each as text, sorted.
    private static func caseRecordRows(_ store: SQLiteCaseStore) throws -> [String: [String]] {
        try store.pool.read { db in
            let tables = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                        AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name
                    """)
            var rows: [String: [String]] = [:]
            // The full-text index's own tables are laid out by how it was written; search is compared instead.
            for table in tables where !changeLogTables.contains(table) && !table.hasPrefix("search_index") {
                rows[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { row in
                    // A search entry's id counts writes: a family whose entries are written again gets new ones.
                    row.columnNames.filter { table != "search_entry" || $0 != "id" }
                        .map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: "|")
                }.sorted()
            }
            return rows
        }
    }

    /// The audit trail in order, without when each entry was written (the pulling store's clock) or
    /// its hashes (which seal that time); the digests of sentence and values are compared.
    private static func auditRows(_ store: SQLiteCaseStore) throws -> [String] {
        try store.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT actor, action, family_id, record_id, summary, detail, detail_digest
                    FROM audit_entry ORDER BY id
                    """
            ).map { row in row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: "|") }
        }
    }
}
