import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// The front door's contact drafts and the day's contact list (#5).
///
/// Drafts live in `contact_draft`, one row per draft holding the draft's JSON
/// (see ``StoreSchema``); the day's contacts are read from `contact` through
/// its `received_at` index.
extension SQLiteCaseStore {
    public func saveDraft(_ draft: ContactDraft) throws {
        if let problem = draft.saveProblem { throw problem }
        let body = try DraftBody.encode(draft)
        let now = Date()
        try write { db in
            // Reading the owner first tells a first save (audited) from a later one, and keeps
            // one practitioner from overwriting another's draft; it is a primary-key lookup.
            let owner = try String.fetchOne(
                db.cachedStatement(sql: "SELECT practitioner FROM contact_draft WHERE id = ?"),
                arguments: [draft.id.rawValue])
            if let owner, owner != draft.practitioner {
                throw StoreError.draftBelongsToAnother(draft.id, doing: "saved")
            }
            try db.run(
                """
                INSERT INTO contact_draft (id, practitioner, updated_at, body) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body
                """,
                [draft.id.rawValue, draft.practitioner, StoredValue.time(draft.updatedAt), body])
            if owner == nil { try db.insertAudit(draft.startedAuditEntry(at: now)) }
        }
    }

    public func drafts(for practitioner: String) throws -> [ContactDraft] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT body FROM contact_draft WHERE practitioner = ? ORDER BY updated_at DESC, id",
                arguments: [practitioner])
            // A draft that no longer decodes is left out rather than failing the whole list, so the
            // practitioner can still resume the rest; `check()` names it. The practitioner is compared
            // again in case a damaged row's column disagrees with its body.
            return rows.compactMap { DraftBody.decode($0) }.filter { $0.practitioner == practitioner }
        }
    }

    public func discardDraft(_ id: ContactDraftID, by practitioner: String) throws {
        let now = Date()
        try write { db in
            guard let row = try draftRow(id, of: practitioner, doing: "removed", in: db) else { return }
            try retireDraft(id, row: row, by: practitioner, at: now, in: db)
        }
    }

    public func recordContact(_ changes: [CaseChange], retiringDraft id: ContactDraftID, by practitioner: String) throws
    {
        let now = Date()
        try write { db in
            // The draft is checked first so another practitioner's draft is refused before anything is written.
            let row = try draftRow(id, of: practitioner, doing: "recorded", in: db)
            try apply(changes, by: practitioner, at: now, in: db)
            if let row { try retireDraft(id, row: row, by: practitioner, at: now, in: db) }
        }
    }

    /// The draft's row, nil when it is gone; refuses a draft that belongs to another practitioner.
    private func draftRow(_ id: ContactDraftID, of practitioner: String, doing what: String, in db: Database) throws
        -> Row?
    {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT practitioner, body FROM contact_draft WHERE id = ?", arguments: [id.rawValue])
        else { return nil }
        guard try row.value("practitioner") as String == practitioner else {
            throw StoreError.draftBelongsToAnother(id, doing: what)
        }
        return row
    }

    /// Deletes the draft's row and audits its removal, inside the caller's transaction.
    private func retireDraft(_ id: ContactDraftID, row: Row, by practitioner: String, at now: Date, in db: Database)
        throws
    {
        try db.run("DELETE FROM contact_draft WHERE id = ?", [id.rawValue])
        // An unreadable draft can still be discarded (it is how check()'s problem is cleared),
        // but its family and summary are unknown.
        let entry =
            DraftBody.decode(row)?.discardedAuditEntry(at: now, by: practitioner)
            ?? AuditEntry(
                at: now, actor: practitioner, action: "discard-contact-draft", family: nil, recordID: id.rawValue,
                summary: "removed the front-door contact draft (it could no longer be read)")
        try db.insertAudit(entry)
    }

    public func contacts(on day: CalendarDate, recordedBy practitioner: String?) throws -> [ContactListing] {
        // [start, end) in London time; both ends are instants, so the received_at index answers the range.
        var arguments: [(any DatabaseValueConvertible)?] = [
            StoredValue.time(LondonTime.start(of: day)), StoredValue.time(LondonTime.start(of: day.adding(days: 1))),
        ]
        var filter = ""
        if let practitioner {
            filter = "AND c.recorded_by = ?"
            arguments.append(practitioner)
        }
        return try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.*, f.name AS household FROM contact c JOIN family f ON f.id = c.family_id
                    WHERE c.received_at >= ? AND c.received_at < ? \(filter)
                    ORDER BY c.received_at DESC, c.family_id, c.id
                    """,
                arguments: StatementArguments(arguments))
            // People's names are read once per family on the list, not once per contact.
            var names: [String: [String: String]] = [:]
            return try rows.map { row in
                let family: String = try row.value("family_id")
                if names[family] == nil {
                    names[family] = try db.personNames(in: family)
                }
                let contact = try row.contact()
                return ContactListing(
                    familyID: FamilyID(family), familyName: try row.value("household"), contact: contact,
                    aboutNames: contact.about.map { names[family]?[$0.rawValue] ?? $0.rawValue })
            }
        }
    }

    /// Reports drafts that can no longer be read, or whose row disagrees with what it holds.
    func checkDrafts(_ db: Database, problems: inout [String], checked: inout [String]) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, practitioner, updated_at, body FROM contact_draft ORDER BY id")
        let problemsBefore = problems.count
        for row in rows {
            let id: String = try row.value("id")
            let practitioner: String = try row.value("practitioner")
            guard let draft = DraftBody.decode(row) else {
                problems.append(
                    "contact draft \(id) saved by \(practitioner) can no longer be read, so it is not offered for resuming; discard it if it is not needed"
                )
                continue
            }
            let updatedAt: Double = try row.value("updated_at")
            if draft.id.rawValue != id || draft.practitioner != practitioner
                || StoredValue.time(draft.updatedAt) != updatedAt
            {
                problems.append(
                    "contact draft \(id) saved by \(practitioner): its practitioner or time does not match what it holds"
                )
            }
        }
        if problems.count == problemsBefore {
            checked.append("\(rows.count) contact drafts can be read")
        }
    }
}

/// A draft as the JSON kept in `contact_draft.body`.
///
/// Dates are written by `JSONEncoder`'s default strategy, as seconds since the
/// reference date, which reads back as exactly the same `Date`; the ISO 8601
/// strategies are avoided (they are not thread-safe on Linux, and drop fractions of seconds).
private enum DraftBody {
    static func encode(_ draft: ContactDraft) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(draft)
        } catch {
            throw StoreError.invalidChange("contact draft \(draft.id) could not be saved: \(error)")
        }
    }

    /// The draft in the row's `body`, or nil if it cannot be read.
    static func decode(_ row: Row) -> ContactDraft? {
        guard let body = try? row.decode(Data.self, forColumn: "body") else { return nil }
        return try? JSONDecoder().decode(ContactDraft.self, from: body)
    }
}

extension Database {
    /// Every person's full name in a family, by person id.
    fileprivate func personNames(in family: String) throws -> [String: String] {
        var names: [String: String] = [:]
        let rows = try Row.fetchAll(
            cachedStatement(sql: "SELECT id, given_name, family_name FROM person WHERE family_id = ?"),
            arguments: [family])
        for row in rows {
            // Person.fullName's rule, so both stores name people alike.
            names[try row.value("id")] = [try row.value("given_name"), try row.value("family_name") as String]
                .filter { !$0.isEmpty }.joined(separator: " ")
        }
        return names
    }
}
