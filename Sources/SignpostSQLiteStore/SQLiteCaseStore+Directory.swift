import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// The imported service directory, kept in `directory_entry` (schema 17): one row per service, its details as JSON.
extension SQLiteCaseStore {
    public func directoryEntries() throws -> [DirectoryEntry] {
        try read { db in
            let bodies = try Data.fetchAll(db, sql: "SELECT body FROM directory_entry ORDER BY position")
            return try bodies.map { body in
                do {
                    return try JSONDecoder().decode(DirectoryEntry.self, from: body)
                } catch {
                    throw StoreError.invalidChange("an imported directory entry cannot be read: \(error)")
                }
            }
        }
    }

    public func importDirectory(_ entries: [DirectoryEntry], summary: String, by actor: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bodies: [Data]
        do {
            bodies = try entries.map { try encoder.encode($0) }
        } catch {
            throw StoreError.invalidChange("the directory could not be saved: \(error)")
        }
        let now = Date()
        try write { db in
            try db.execute(sql: "DELETE FROM directory_entry")
            for (position, (entry, body)) in zip(entries, bodies).enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO directory_entry (id, position, feed_id, last_checked, body) VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [entry.id.rawValue, position, entry.feedID, entry.lastChecked.iso, body])
            }
            try db.insertAudit(
                AuditEntry(
                    at: now, actor: actor, action: "import-directory", family: nil, recordID: "", summary: summary))
        }
    }
}

extension StoreSchema {
    /// Schema 17: the service directory imported from an Open Referral UK feed (#17).
    static func createDirectoryImport(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE directory_entry (
                    id TEXT PRIMARY KEY NOT NULL,
                    position INTEGER NOT NULL,
                    feed_id TEXT NOT NULL,
                    last_checked TEXT NOT NULL,
                    body BLOB NOT NULL
                );
                """)
    }
}
