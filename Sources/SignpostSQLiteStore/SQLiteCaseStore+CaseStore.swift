import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension SQLiteCaseStore {
    public func info() throws -> StoreInfo {
        try read { db in
            StoreInfo(
                location: path, kind: kind,
                schemaVersion: Int(
                    try String.fetchOne(db, sql: "SELECT value FROM store_metadata WHERE key = 'schema_version'") ?? "")
                    ?? 0,
                familyCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM family") ?? 0,
                personCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM person") ?? 0,
                auditEntryCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_entry") ?? 0)
        }
    }

    public func family(_ id: FamilyID) throws -> Family? {
        try read { db in try db.fetchFamily(id) }
    }

    public func families(_ query: FamilyListQuery) throws -> FamilyPage {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let locality = query.locality {
            conditions.append("locality = ?")
            arguments.append(locality.rawValue)
        }
        if let level = query.level {
            conditions.append("highest_level = ?")
            arguments.append(level.rawValue)
        }
        if let service = query.service {
            conditions.append(
                "EXISTS (SELECT 1 FROM family_open_service s WHERE s.service = ? AND s.family_id = family.id)")
            arguments.append(service.rawValue)
        }
        if let lead = query.leadProfessional, !lead.isEmpty {
            conditions.append("instr(lead_professional_key, ?) > 0")
            arguments.append(SearchText.fold(lead))
        }
        if let isOpen = query.isOpen {
            conditions.append("is_open = ?")
            arguments.append(isOpen)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            // Unfiltered, the count kept by the schema's triggers; filtered, counted (the filters use indexes).
            let total =
                try conditions.isEmpty
                ? Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM store_metadata WHERE key = 'family_count'")
                    ?? 0
                : Int.fetchOne(
                    db, sql: "SELECT count(*) FROM family \(filter)", arguments: StatementArguments(arguments)) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Database.summaryColumns) FROM family \(filter)
                    ORDER BY last_activity DESC, id LIMIT ? OFFSET ?
                    """,
                arguments: StatementArguments(arguments + [max(query.limit, 0), max(query.offset, 0)]))
            return FamilyPage(summaries: try rows.map(db.summary(from:)), totalCount: total, offset: query.offset)
        }
    }

    public func apply(_ changes: [CaseChange], by actor: String) throws {
        guard !changes.isEmpty else { return }
        let now = Date()
        try write { db in try apply(changes, by: actor, at: now, in: db) }
    }

    /// Applies and audits `changes` inside a write transaction that the caller opened.
    ///
    /// - Parameter outgoing: Whether to write the changes to the outbox for the team server;
    ///   false only for changes pulled from it.
    func apply(_ changes: [CaseChange], by actor: String, at now: Date, in db: Database, outgoing: Bool = true) throws {
        var outbox = outgoing ? try Outbox(in: db, path: path) : nil
        // Families already read or written in this batch, as they now stand.
        var working: [FamilyID: Family] = [:]
        for change in changes {
            let before: Family?
            if case .addFamily(let family) = change {
                let exists =
                    try working[family.id] != nil
                    || Bool.fetchOne(db, sql: "SELECT 1 FROM family WHERE id = ?", arguments: [family.id.rawValue])
                        ?? false
                guard !exists else { throw StoreError.duplicateFamily(family.id) }
                before = nil
            } else if let cached = working[change.family] {
                before = cached
            } else {
                before = try db.fetchFamily(change.family)
            }
            let after = try change.applying(to: before)
            try persist(change, before: before, after: after, in: db)
            working[after.id] = after
            try db.insertAudit(
                AuditEntry(
                    at: now, actor: actor, action: change.action, family: after.id, recordID: change.recordID,
                    summary: change.auditSummary(before: before, after: after)))
            try outbox?.record(change, before: before, after: after, at: now, in: db)
        }
        try outbox?.saveClock(in: db)
    }

    /// Writes the rows one change touched, then the family's summary and, when
    /// searchable text changed, its search entries; when people or the family's
    /// name or postcode changed, its people's match keys.
    private func persist(_ change: CaseChange, before: Family?, after family: Family, in db: Database) throws {
        let id = family.id
        var searchableTextChanged = false
        // People's names and dates of birth, or the family's name and postcode: what the matcher indexes.
        var matchedDetailsChanged = false
        switch change {
        case .addFamily:
            try db.insertFamily(family)
            return
        case .updateFamilyFields:
            try db.updateDetails(of: family)
            searchableTextChanged = true
            matchedDetailsChanged = before?.name != family.name || before?.address.postcode != family.address.postcode
        case .addPerson(_, let person, _):
            try db.insertPerson(person, of: id, at: family.members.count - 1)
            for (position, entry) in person.levelHistory.enumerated() {
                try db.insertLevel(entry, of: person.id, in: id, at: position)
            }
            try db.replaceRelationships(of: family)
            searchableTextChanged = true
            matchedDetailsChanged = true
        case .updatePersonFields(_, let personID, _):
            guard let person = family.member(personID) else { throw StoreError.personNotFound(id, personID) }
            try db.updatePerson(person, of: id)
            try db.replaceRelationships(of: family)
            searchableTextChanged = true
            matchedDetailsChanged = true
        case .recordLevel(_, let person, let entry):
            let position = (family.member(person)?.levelHistory.count ?? 1) - 1
            try db.insertLevel(entry, of: person, in: id, at: position)
        case .addCaseNote(_, let note):
            try db.insertNote(note, of: id, at: family.notes.count - 1)
            searchableTextChanged = true
        case .addContact(_, let contact):
            try db.insertContact(contact, of: id, at: family.contacts.count - 1)
        case .addReferral(_, let referral):
            try db.insertReferral(referral, of: id, at: family.referrals.count - 1)
        case .updateReferralStatus(_, let referral, let status):
            try db.updateReferralStatus(referral, of: id, to: status)
        case .recordConsent(_, let consent):
            try db.insertConsent(consent, of: id, at: family.consents.count - 1)
        case .withdrawConsent(_, let consent, let date):
            try db.withdrawConsent(consent, of: id, on: date)
        case .openEpisode(_, let episode):
            try db.insertEpisode(episode, of: id, at: family.episodes.count - 1)
        case .closeEpisode(_, let episode, let date, let reason):
            try db.closeEpisode(episode, of: id, on: date, reason: reason)
        case .saveAssessmentFields(_, let assessmentID, _):
            guard let position = family.assessments.firstIndex(where: { $0.id == assessmentID }) else {
                throw StoreError.recordNotFound(id, assessmentID.rawValue)
            }
            try db.saveAssessment(family.assessments[position], of: id, at: position)
        case .resolveConflict(let resolution):
            // The record is written as the edit the resolution makes would write it.
            return try persist(resolution.fieldChange(), before: before, after: family, in: db)
        }
        if FamilySummary(of: family) != before.map(FamilySummary.init(of:)) {
            try db.updateSummary(of: family)
        }
        if searchableTextChanged { try db.reindexSearch(of: family) }
        if matchedDetailsChanged { try db.reindexMatchKeys(of: family) }
    }

    public func recordViewed(_ family: FamilyID, by actor: String) throws {
        let now = Date()
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM family WHERE id = ?", arguments: [family.rawValue]) ?? false
            else { throw StoreError.familyNotFound(family) }
            try db.insertAudit(
                AuditEntry(
                    at: now, actor: actor, action: "view-family", family: family, recordID: family.rawValue,
                    summary: "viewed the family record"))
        }
    }

    public func recordRead(action: String, summary: String, by actor: String) throws {
        let now = Date()
        try write { db in
            try db.insertAudit(
                AuditEntry(at: now, actor: actor, action: action, family: nil, recordID: "", summary: summary))
        }
    }

    public func auditTrail(family: FamilyID?, limit: Int) throws -> [AuditEntry] {
        try read { db in
            let rows: [Row]
            if let family {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_entry WHERE family_id = ? ORDER BY id DESC LIMIT ?",
                    arguments: [family.rawValue, max(limit, 0)])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_entry ORDER BY id DESC LIMIT ?", arguments: [max(limit, 0)])
            }
            return try rows.map { row in
                AuditEntry(
                    at: try row.time("at"), actor: try row.value("actor"), action: try row.value("action"),
                    family: (try row.optionalValue("family_id") as String?).map(FamilyID.init(rawValue:)),
                    recordID: try row.value("record_id"), summary: try row.value("summary"))
            }
        }
    }

    public func familyIDs(after: FamilyID?, limit: Int) throws -> [FamilyID] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM family WHERE id > ? ORDER BY id LIMIT ?",
                arguments: [after?.rawValue ?? "", max(limit, 0)]
            ).map(FamilyID.init(rawValue:))
        }
    }
}
