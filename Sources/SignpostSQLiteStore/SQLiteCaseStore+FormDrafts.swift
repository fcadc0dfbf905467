import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// Drafts of the free-text forms, kept in `form_draft` (see ``StoreSchema``): one row per practitioner and form.
extension SQLiteCaseStore {
    public func saveFormDraft(_ draft: FormDraft) throws {
        if let problem = draft.saveProblem { throw problem }
        let body: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            body = try encoder.encode(draft)
        } catch {
            throw StoreError.invalidChange("the draft of form \(draft.form) could not be saved: \(error)")
        }
        try write { db in
            try db.run(
                """
                INSERT INTO form_draft (practitioner, kind, family_id, person_id, updated_at, body)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (practitioner, kind, family_id, person_id)
                DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body
                """,
                ([draft.practitioner] + Self.columns(of: draft.form)).map { $0 as (any DatabaseValueConvertible)? }
                    + [StoredValue.time(draft.updatedAt), body])
        }
    }

    public func formDraft(_ form: FormDraftKey, for practitioner: String) throws -> FormDraft? {
        try read { db in
            let body = try Data.fetchOne(
                db,
                sql: """
                    SELECT body FROM form_draft WHERE practitioner = ? AND kind = ? AND family_id = ? AND person_id = ?
                    """,
                arguments: StatementArguments([practitioner] + Self.columns(of: form)))
            return body.flatMap(Self.decode).flatMap { $0.practitioner == practitioner && $0.form == form ? $0 : nil }
        }
    }

    public func formDrafts(for practitioner: String) throws -> [FormDraft] {
        try read { db in
            let bodies = try Data.fetchAll(
                db,
                sql: "SELECT body FROM form_draft WHERE practitioner = ? ORDER BY updated_at DESC",
                arguments: [practitioner])
            // An unreadable draft is left out rather than failing the list, so the rest can still be offered.
            return bodies.compactMap(Self.decode).filter { $0.practitioner == practitioner }
                .sorted(by: FormDraft.newestFirst)
        }
    }

    public func discardFormDraft(_ form: FormDraftKey, by practitioner: String) throws {
        try write { db in
            try db.run(
                "DELETE FROM form_draft WHERE practitioner = ? AND kind = ? AND family_id = ? AND person_id = ?",
                ([practitioner] + Self.columns(of: form)).map { $0 as (any DatabaseValueConvertible)? })
        }
    }

    /// Reports form drafts that can no longer be read, or whose row disagrees with what it holds.
    ///
    /// An unreadable draft is left out of ``formDrafts(for:)``, so this is where it is named.
    func checkFormDrafts(_ db: Database, problems: inout [String], checked: inout [String]) throws {
        let rows = try Row.fetchAll(
            db, sql: "SELECT practitioner, kind, family_id, person_id, body FROM form_draft ORDER BY practitioner, kind"
        )
        var faulty = 0
        for row in rows {
            let practitioner: String = try row.value("practitioner")
            let kind: String = try row.value("kind")
            let body: Data = (try? row.value("body") as Data) ?? Data()
            guard let draft = Self.decode(body) else {
                faulty += 1
                problems.append(
                    "a \(kind) form draft saved by \(practitioner) can no longer be read, so it is not offered back")
                continue
            }
            let columns = Self.columns(of: draft.form)
            let stored = [kind, try row.value("family_id") as String, try row.value("person_id") as String]
            if draft.practitioner != practitioner || columns != stored {
                faulty += 1
                problems.append(
                    "a \(kind) form draft saved by \(practitioner): its row does not match what it holds")
            }
        }
        if faulty == 0 { checked.append("\(rows.count) form drafts can be read") }
    }

    /// The key's columns: kind, family id and person id, an empty string standing for none.
    private static func columns(of form: FormDraftKey) -> [String] {
        [form.kind, form.family?.rawValue ?? "", form.person?.rawValue ?? ""]
    }

    private static func decode(_ body: Data) -> FormDraft? { try? JSONDecoder().decode(FormDraft.self, from: body) }
}
