import Crypto
import Foundation
import GRDB

/// The audit trail as a hash chain, so that an entry changed or removed with another SQLite tool is found.
///
/// Each entry holds the SHA-256 of the entry before it (`previous_hash`; empty
/// for the first) and its own (`entry_hash`): the SHA-256 of the previous hash
/// followed by the entry's id, time, actor, action, family, record and summary,
/// each written with its length so no two entries read alike. Changing an
/// entry breaks its own hash; removing or inserting one breaks the link of the
/// entry after it. `signpost check` walks the chain and names the first entry
/// affected. What a chain cannot show by itself is its last entries removed, or
/// the whole chain recomputed: `check` prints the newest hash, which a council
/// can note elsewhere and compare.
enum AuditChain {
    /// Version 5 ("v5-audit-chain"): the two hash columns, and the entries already there chained in order.
    static func createVersion5(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE audit_entry ADD COLUMN previous_hash TEXT;
                ALTER TABLE audit_entry ADD COLUMN entry_hash TEXT;
                """)
        var previous = ""
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM audit_entry WHERE id > ? ORDER BY id LIMIT 5000", arguments: [after])
            guard let last = rows.last else { break }
            for row in rows {
                let hash = try self.hash(of: row, after: previous)
                try db.execute(
                    sql: "UPDATE audit_entry SET previous_hash = ?, entry_hash = ? WHERE id = ?",
                    arguments: [previous, hash, row["id"] as Int64])
                previous = hash
            }
            after = try last.value("id")
        }
    }

    /// Chains the entry just inserted with id `id` to the one before it, in the same transaction.
    static func seal(_ id: Int64, in db: Database) throws {
        let previous =
            try String.fetchOne(
                db, sql: "SELECT entry_hash FROM audit_entry WHERE id < ? ORDER BY id DESC LIMIT 1", arguments: [id])
            ?? ""
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM audit_entry WHERE id = ?", arguments: [id]) else {
            return
        }
        try db.execute(
            sql: "UPDATE audit_entry SET previous_hash = ?, entry_hash = ? WHERE id = ?",
            arguments: [previous, try hash(of: row, after: previous), id])
    }

    /// The entry's hash: SHA-256 of the previous hash and the entry's fields, as lowercase hex.
    static func hash(of row: Row, after previous: String) throws -> String {
        let id: Int64 = try row.value("id")
        let at: Double = try row.value("at")
        let family: String? = try row.optionalValue("family_id")
        let fields: [String?] = [
            previous, String(id), String(at.bitPattern, radix: 16), try row.value("actor"), try row.value("action"),
            family, try row.value("record_id"), try row.value("summary"),
        ]
        // Each field with its length (and "-" for none), so that no two different entries give the same text.
        var text = ""
        for field in fields {
            if let field { text += "\(field.utf8.count):\(field);" } else { text += "-;" }
        }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// What walking the chain found.
    struct Verdict {
        /// Entries walked.
        var entries = 0
        /// The first break, in words naming the entry; nil when the chain is whole.
        var firstBreak: String?
        /// The newest entry's hash, to note elsewhere and compare later.
        var head = ""
    }

    /// Walks the whole chain in order, a page at a time.
    static func verify(_ db: Database) throws -> Verdict {
        var verdict = Verdict()
        var previous = ""
        var after: Int64 = 0
        while verdict.firstBreak == nil {
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM audit_entry WHERE id > ? ORDER BY id LIMIT 5000", arguments: [after])
            guard let last = rows.last else { break }
            for row in rows {
                verdict.entries += 1
                let id: Int64 = try row.value("id")
                let stored: String? = try row.optionalValue("entry_hash")
                let link: String? = try row.optionalValue("previous_hash")
                let what = "entry \(id) (\(try row.value("action") as String) by \(try row.value("actor") as String))"
                if link != previous {
                    verdict.firstBreak =
                        "the audit trail was altered: \(what) does not follow the entry before it (an entry was removed, added or changed); entries from \(id) on cannot be trusted"
                    break
                }
                let expected = try hash(of: row, after: previous)
                if stored != expected {
                    verdict.firstBreak =
                        "the audit trail was altered: \(what) was changed after it was written; entries from \(id) on cannot be trusted"
                    break
                }
                previous = expected
            }
            after = try last.value("id")
        }
        verdict.head = previous
        return verdict
    }
}
