import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// Erasing a person as rows (#16): every table that can hold them, in the erasure's own transaction.
extension Database {
    /// Removes `erasure.person` from everything this store keeps, `after` being their family without them.
    ///
    /// The family is rewritten whole (its members, levels, relationships, notes, contacts, referrals,
    /// consents and assessments cascade from its row, and with it the search and match indexes).
    /// Audit entries about the person (and entries about no family, such as a search, that name them)
    /// keep their place in the chain but their sentence and values become the erasure marker (the chain sealed their digest, so it still verifies). Form and contact drafts
    /// naming them go; outbox envelopes naming them are rewritten or dropped
    /// (``ChangeEnvelope/erasing(_:strings:)``); versions, aliases and merges kept for undoing that name
    /// them go (a merge that involved the person can no longer be undone).
    ///
    /// - Returns: The sequence numbers of the audit entries redacted.
    func erase(_ erasure: PersonErasure, from before: Family, leaving after: Family, marker: AuditDetail) throws
        -> [Int64]
    {
        guard let person = before.member(erasure.person) else { return [] }
        let strings = person.identifyingStrings
        let family = erasure.family.rawValue
        try rewriteFamily(after)
        // Full-text deletes leave the words in the index's older segments until they are merged: merging
        // now takes the person's words out of the index itself, not only out of the results.
        try execute(sql: "INSERT INTO search_index (search_index) VALUES ('optimize')")

        var redacted: [Int64] = []
        let markerJSON = String(decoding: marker.encoded(), as: UTF8.self)
        // Entries about no family (a search, a match, a draft not yet a family's) name people by what was
        // typed: in any case, and by the surname alone.
        let typed = (strings + [person.familyName]).filter { $0.count >= 3 }.map { $0.lowercased() }
        for row in try Row.fetchAll(
            self,
            sql: """
                SELECT id, family_id, record_id, summary, detail FROM audit_entry
                WHERE (family_id = ? OR family_id IS NULL) AND detail_digest IS NOT NULL
                """,
            arguments: [family])
        {
            let record: String = row["record_id"]
            let text = (row["summary"] as String) + ((row["detail"] as String?) ?? "")
            let names =
                (row["family_id"] as String?) != nil
                ? record == erasure.person.rawValue || strings.contains(where: { text.contains($0) })
                : typed.contains(where: { text.lowercased().contains($0) })
            guard names else { continue }
            let id: Int64 = row["id"]
            try run(
                "UPDATE audit_entry SET summary = ?, detail = ? WHERE id = ?",
                [CaseChange.erasedSummary, markerJSON, id])
            redacted.append(id)
        }

        try run("DELETE FROM form_draft WHERE family_id = ? AND person_id = ?", [family, erasure.person.rawValue])
        for string in strings {
            try run("DELETE FROM form_draft WHERE instr(CAST(body AS TEXT), ?) > 0", [string])
            try run("DELETE FROM contact_draft WHERE instr(CAST(body AS TEXT), ?) > 0", [string])
            try run(
                """
                DELETE FROM merge_record WHERE (survivor_family = ? OR absorbed_family = ?)
                    AND (instr(before_families, ?) > 0 OR instr(after_family, ?) > 0)
                """, [family, family, string, string])
        }
        try run(
            "DELETE FROM record_alias WHERE old_id = ? OR new_id = ?",
            [erasure.person.rawValue, erasure.person.rawValue])
        try run("DELETE FROM record_version WHERE family_id = ? AND record_id = ?", [family, erasure.person.rawValue])

        for row in try Row.fetchAll(
            self, sql: "SELECT position, envelope, sent_seq FROM change_outbox WHERE family_id = ?",
            arguments: [family])
        {
            let position: Int64 = row["position"]
            let stored: Data = row["envelope"]
            guard let envelope = try? ChangeCoding.decoder.decode(ChangeEnvelope.self, from: stored) else { continue }
            let sent = (row["sent_seq"] as Int64?) != nil
            if let kept = envelope.erasing(erasure, strings: strings, sent: sent) {
                guard kept != envelope else { continue }
                try run(
                    "UPDATE change_outbox SET envelope = ? WHERE position = ?",
                    [try ChangeCoding.encoder.encode(kept), position])
            } else {
                try run("DELETE FROM change_outbox WHERE position = ?", [position])
            }
        }
        return redacted
    }
}
