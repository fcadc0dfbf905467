import Crypto
import Foundation
import GRDB
import SignpostStore

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
///
/// Since version 13 an entry also keeps its values (``AuditDetail``) as JSON in `detail`, and
/// `detail_digest`: the SHA-256 of the entry's sentence (`summary`) and that JSON, each written with
/// its length. For these entries the chain seals the digest in place of the sentence and the values:
/// changing either breaks the digest, and changing the digest breaks the chain, but a person's
/// sentence and values can be erased by replacing them with a marker that says what was erased and
/// why (an ``AuditDetail`` with ``AuditDetail/erased`` set) and the chain still verifies. Entries
/// written before version 13 have no digest and are hashed exactly as they were.
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

    /// Appends entries to the trail inside one write transaction, each chained to the one before.
    ///
    /// The newest entry's id and hash are read once and then carried from entry to entry, and
    /// each entry is written whole (its id, its link and its own hash computed beforehand) in
    /// one cached statement, so a batch of ten thousand pulled changes costs ten thousand
    /// inserts rather than twenty thousand statements.
    struct Writer {
        /// The newest entry written or read: its id and hash, once known.
        private var newest: (id: Int64, hash: String)?

        /// Inserts `entry` sealed: its link to the entry before and its own hash.
        mutating func insert(_ entry: AuditEntry, in db: Database) throws {
            let before = try newest ?? Self.newest(in: db)
            let id = before.id + 1
            let at = StoredValue.time(entry.at)
            let detail = entry.detail.map { String(decoding: $0.encoded(), as: UTF8.self) }
            let digest = detail.map { AuditChain.digest(summary: entry.summary, detail: $0) }
            let hash = AuditChain.hash(
                id: id, at: at, actor: entry.actor, action: entry.action, family: entry.family?.rawValue,
                record: entry.recordID, summary: entry.summary, digest: digest, after: before.hash)
            try db.run(
                """
                INSERT INTO audit_entry
                    (id, at, actor, action, family_id, record_id, summary, detail, detail_digest, previous_hash, entry_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    id, at, entry.actor, entry.action, entry.family?.rawValue, entry.recordID, entry.summary,
                    detail, digest, before.hash, hash,
                ])
            newest = (id, hash)
        }

        /// The newest entry's hash ("" for none) and the id the next one takes: past every id ever
        /// given (the table counts with AUTOINCREMENT, so an id is never given twice).
        private static func newest(in db: Database) throws -> (id: Int64, hash: String) {
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1"))
            let highest: Int64 = row?["id"] ?? 0
            let counted =
                try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit_entry'") ?? 0
            return (max(highest, counted), row?["entry_hash"] ?? "")
        }
    }

    /// The entry's hash: SHA-256 of the previous hash and the entry's fields, as lowercase hex.
    static func hash(of row: Row, after previous: String) throws -> String {
        hash(
            id: try row.value("id"), at: try row.value("at"), actor: try row.value("actor"),
            action: try row.value("action"), family: try row.optionalValue("family_id"),
            record: try row.value("record_id"), summary: try row.value("summary"),
            digest: row.hasColumn("detail_digest") ? try row.optionalValue("detail_digest") : nil, after: previous)
    }

    /// The SHA-256 of an entry's sentence and its values' stored JSON, each with its length, as lowercase
    /// hex: what the chain seals in their place.
    static func digest(summary: String, detail: String) -> String {
        let text = "\(summary.utf8.count):\(summary);\(detail.utf8.count):\(detail);"
        return hexadecimal(SHA256.hash(data: Data(text.utf8)))
    }

    /// The hash of an entry with these values, written after the entry whose hash is `previous`.
    static func hash(
        id: Int64, at: Double, actor: String, action: String, family: String?, record: String, summary: String,
        digest: String? = nil, after previous: String
    ) -> String {
        // Entries with values seal the digest of their sentence and values, so both can be erased later;
        // entries without hash exactly as before version 13.
        let fields: [String?] = [
            previous, String(id), String(at.bitPattern, radix: 16), actor, action, family, record, digest ?? summary,
        ]
        // Each field with its length (and "-" for none), so that no two different entries give the same text.
        var text = ""
        for field in fields {
            if let field { text += "\(field.utf8.count):\(field);" } else { text += "-;" }
        }
        return hexadecimal(SHA256.hash(data: Data(text.utf8)))
    }

    /// Lowercase hex of a digest's bytes (`String(format:)` per byte is slow on Linux, and every change hashes).
    private static func hexadecimal(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
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

    /// Why an entry's sentence and values do not match the digest the chain sealed, or nil when they do.
    ///
    /// Values replaced by an erasure marker are accepted: the chain keeps the digest of what was
    /// there, and the marker says what was erased and why.
    static func detailProblem(of row: Row) throws -> String? {
        guard row.hasColumn("detail_digest") else { return nil }
        let digest: String? = try row.optionalValue("detail_digest")
        let detail: String? = try row.optionalValue("detail")
        let summary: String = try row.value("summary")
        switch (detail, digest) {
        case (nil, nil): return nil
        case (nil, _?): return "lost its values"
        case (_?, nil): return "holds values the chain never sealed"
        case (let detail?, let digest?):
            if AuditChain.digest(summary: summary, detail: detail) == digest { return nil }
            if AuditDetail.decoded(from: Data(detail.utf8))?.erased != nil { return nil }
            return "had its sentence or values changed after they were written"
        }
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
                if let problem = try detailProblem(of: row) {
                    verdict.firstBreak =
                        "the audit trail was altered: \(what) \(problem); entries from \(id) on cannot be trusted"
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
