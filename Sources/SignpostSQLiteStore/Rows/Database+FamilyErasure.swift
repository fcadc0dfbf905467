import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// Erasing a whole family as rows (#16): every table that can hold it, in the erasure's own transaction.
extension Database {
    /// Removes `erasure.family`, `before` being the family as held, from everything this store keeps.
    ///
    /// The family's row goes and its members, levels, relationships, notes, contacts, referrals, consents,
    /// assessments, search entries and the rest cascade from it; every other table with a column naming a
    /// family (match keys, retention decisions, supporting families, aliases, versions) loses its rows about
    /// it too, found by the schema rather than a list, so a table added later is not missed. The search
    /// index is merged so the words leave its older segments. Audit entries about the family (and entries
    /// about no family, such as a search, that name its people) keep their place in the chain but their
    /// sentence and values become the erasure marker. Drafts and merges naming the family or its people go,
    /// and so does every outbox envelope about it: the erasure, queued after this, is all the server needs.
    ///
    /// - Returns: The sequence numbers of the audit entries redacted.
    func erase(_ erasure: FamilyErasure, held before: Family, marker: AuditDetail) throws -> [Int64] {
        let family = erasure.family.rawValue
        let strings = before.erasureStrings
        let memberIDs = before.members.map(\.id.rawValue)
        try run("DELETE FROM family WHERE id = ?", [family])
        let kept: Set<String> = ["audit_entry", "change_outbox", "family"]
        for table in try String.fetchAll(
            self, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        where !kept.contains(table) {
            let columns = try Row.fetchAll(self, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))")
                .map { $0["name"] as String }
            for column in columns where column == "family_id" || column.hasSuffix("_family") {
                try execute(
                    sql: "DELETE FROM \(table.quotedDatabaseIdentifier) WHERE \(column.quotedDatabaseIdentifier) = ?",
                    arguments: [family])
            }
        }
        for id in memberIDs + [family] {
            try run("DELETE FROM record_alias WHERE old_id = ? OR new_id = ?", [id, id])
        }
        try execute(sql: "INSERT INTO search_index (search_index) VALUES ('optimize')")

        var redacted: [Int64] = []
        let markerJSON = String(decoding: marker.encoded(), as: UTF8.self)
        let typed = strings.filter { $0.count >= 3 }.map { $0.lowercased() }
        for row in try Row.fetchAll(
            self,
            sql: """
                SELECT id, family_id, summary, detail FROM audit_entry
                WHERE (family_id = ? OR family_id IS NULL) AND detail_digest IS NOT NULL
                """,
            arguments: [family])
        {
            let text = ((row["summary"] as String) + ((row["detail"] as String?) ?? "")).lowercased()
            guard (row["family_id"] as String?) != nil || typed.contains(where: { text.contains($0) }) else {
                continue
            }
            let id: Int64 = row["id"]
            try run(
                "UPDATE audit_entry SET summary = ?, detail = ? WHERE id = ?",
                [CaseChange.erasedSummary, markerJSON, id])
            redacted.append(id)
        }

        for string in strings {
            try run("DELETE FROM form_draft WHERE instr(CAST(body AS TEXT), ?) > 0", [string])
            try run("DELETE FROM contact_draft WHERE instr(CAST(body AS TEXT), ?) > 0", [string])
        }
        try run("DELETE FROM change_outbox WHERE family_id = ?", [family])
        return redacted
    }
}
