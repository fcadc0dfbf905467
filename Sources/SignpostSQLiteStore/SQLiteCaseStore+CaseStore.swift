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
        try read { db in
            if let family = try db.fetchFamily(id) { return family }
            // An id a merge retired names the family it became.
            guard let current = try db.resolvedFamilyID(id), current != id else { return nil }
            return try db.fetchFamily(current)
        }
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
        if changes.contains(where: { $0.erasesData }) { emptyLogAfterErasure() }
    }

    /// Applies and audits `changes` inside a write transaction that the caller opened.
    ///
    /// - Parameter outgoing: Whether to write the changes to the outbox for the team server;
    ///   false only for changes pulled from it.
    func apply(_ changes: [CaseChange], by actor: String, at now: Date, in db: Database, outgoing: Bool = true) throws {
        var batch = try ChangeBatch(in: db, path: path, kind: kind, outgoing: outgoing)
        for change in changes { try batch.apply(change, by: actor, at: now, in: db) }
        try batch.finish(in: db)
    }

    public func recordViewed(_ family: FamilyID, by actor: String) throws {
        let now = Date()
        try write { db in
            // An id a merge retired is the family it became: the view is recorded there.
            guard let viewed = try db.resolvedFamilyID(family) else { throw StoreError.familyNotFound(family) }
            try db.insertAudit(
                AuditEntry(
                    at: now, actor: actor, action: "view-family", family: viewed, recordID: viewed.rawValue,
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
        try auditEntries(AuditQuery(family: family, limit: limit))
    }

    public func auditEntries(_ query: AuditQuery) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let family = query.family {
            conditions.append("family_id = ?")
            arguments.append(family.rawValue)
        }
        if let actor = query.actor {
            conditions.append("actor = ?")
            arguments.append(actor)
        }
        if let kind = query.kind {
            let reads = AuditActionKind.readActions.sorted().map { "'\($0)'" }.joined(separator: ", ")
            switch kind {
            case .created: conditions.append("action = 'add-family'")
            case .exported: conditions.append("action LIKE 'export-%'")
            case .viewed: conditions.append("(action IN (\(reads)) OR action LIKE 'view-%')")
            case .changed:
                conditions.append(
                    "action <> 'add-family' AND action NOT LIKE 'export-%' AND action NOT IN (\(reads)) AND action NOT LIKE 'view-%'"
                )
            }
        }
        if let since = query.since {
            conditions.append("at >= ?")
            arguments.append(StoredValue.time(since))
        }
        if let until = query.until {
            conditions.append("at < ?")
            arguments.append(StoredValue.time(until))
        }
        if let before = query.before {
            conditions.append("id < ?")
            arguments.append(before)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM audit_entry \(filter) ORDER BY id DESC LIMIT ?",
                arguments: StatementArguments(arguments + [max(query.limit, 0)]))
            return try rows.map { row in
                let detail: String? = try row.optionalValue("detail")
                return AuditEntry(
                    at: try row.time("at"), actor: try row.value("actor"), action: try row.value("action"),
                    family: (try row.optionalValue("family_id") as String?).map(FamilyID.init(rawValue:)),
                    recordID: try row.value("record_id"), summary: try row.value("summary"),
                    detail: detail.flatMap { AuditDetail.decoded(from: Data($0.utf8)) },
                    sequence: try row.value("id") as Int64)
            }
        }
    }

    public func recordExported(_ family: FamilyID, summary: String, by actor: String) throws {
        let now = Date()
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM family WHERE id = ?", arguments: [family.rawValue]) ?? false
            else { throw StoreError.familyNotFound(family) }
            try db.insertAudit(
                AuditEntry(
                    at: now, actor: actor, action: "export-family", family: family, recordID: family.rawValue,
                    summary: summary))
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
