import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension StoreSchema {
    /// Version 14: one record per person (#16): the aliases merged-away ids leave, and the merges kept for undoing.
    ///
    /// - `record_alias`: an id a merge retired (a family's or a person's) and the id it now names, with the
    ///   merge that made it; an undo removes its merge's aliases. Looked up by the old id (commands, search,
    ///   changes pulled later naming it) and by merge.
    /// - `merge_record`: each merge with the families as they stood before it and the survivor just after,
    ///   so an undo can put both back exactly, and whether it has been undone.
    static func createRecordMerging(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE record_alias (
                    old_id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('family', 'person')),
                    new_id TEXT NOT NULL,
                    family_id TEXT NOT NULL,           -- the surviving family when the alias was made
                    merge_id TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX record_alias_by_merge ON record_alias (merge_id);
                CREATE TABLE merge_record (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('families', 'people')),
                    survivor_family TEXT NOT NULL,
                    absorbed_family TEXT NOT NULL,
                    survivor_person TEXT,
                    absorbed_person TEXT,
                    before_families TEXT NOT NULL,     -- JSON: the families before the merge, survivor first
                    after_family TEXT NOT NULL,        -- JSON: the survivor just after it
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    undone_at REAL
                ) WITHOUT ROWID;
                CREATE INDEX merge_record_by_survivor ON merge_record (survivor_family, at);
                CREATE INDEX merge_record_by_time ON merge_record (at);
                """)
    }
}

/// Merges as rows: the families rewritten whole, the aliases and the record kept for undoing.
extension Database {
    /// Replaces a family's rows with `family` as it now stands (every table about it cascades from its row).
    func rewriteFamily(_ family: Family) throws {
        try run("DELETE FROM family WHERE id = ?", [family.id.rawValue])
        try insertFamily(family)
    }

    /// The family `id` names now: itself when held, else the family it was merged into (following later merges).
    func resolvedFamilyID(_ id: FamilyID) throws -> FamilyID? {
        var current = id.rawValue
        for _ in 0..<32 {
            if try Bool.fetchOne(cachedStatement(sql: "SELECT 1 FROM family WHERE id = ?"), arguments: [current])
                ?? false
            {
                return FamilyID(current)
            }
            guard
                let next = try String.fetchOne(
                    cachedStatement(sql: "SELECT new_id FROM record_alias WHERE old_id = ? AND kind = 'family'"),
                    arguments: [current])
            else { return nil }
            current = next
        }
        return nil
    }

    /// The ids among `strings` that a merge retired, each with the id it now names (chains followed).
    func aliases(among strings: Set<String>) throws -> [String: String] {
        let candidates = strings.filter { $0.count <= 64 && $0.contains("-") }.sorted()
        var found: [String: String] = [:]
        for start in stride(from: 0, to: candidates.count, by: 500) {
            let slice = Array(candidates[start..<min(start + 500, candidates.count)])
            let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
            for row in try Row.fetchAll(
                self, sql: "SELECT old_id, new_id FROM record_alias WHERE old_id IN (\(marks))",
                arguments: StatementArguments(slice))
            {
                found[row[0]] = row[1]
            }
        }
        // An alias may name an id a later merge retired too.
        for (old, new) in found {
            var target = new
            var hops = 0
            while hops < 32,
                let next = try String.fetchOne(
                    cachedStatement(sql: "SELECT new_id FROM record_alias WHERE old_id = ?"), arguments: [target])
            {
                target = next
                hops += 1
            }
            found[old] = target
        }
        return found
    }

    /// Keeps what a merge needs to be undone, and retires the absorbed id as an alias of the survivor's.
    func recordMerge(_ record: MergeRecord) throws {
        try run(
            """
            INSERT INTO merge_record (id, kind, survivor_family, absorbed_family, survivor_person, absorbed_person,
                before_families, after_family, at, actor, reason, undone_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
            """,
            [
                record.id.rawValue, record.kind.rawValue, record.survivorFamily.rawValue,
                record.absorbedFamily.rawValue, record.survivorPerson?.rawValue, record.absorbedPerson?.rawValue,
                try StoredValue.json(record.before), try StoredValue.json(record.after),
                StoredValue.time(record.at), record.by, record.reason,
            ])
        let (kind, old, new): (String, String, String)
        switch record.kind {
        case .families: (kind, old, new) = ("family", record.absorbedFamily.rawValue, record.survivorFamily.rawValue)
        case .people:
            (kind, old, new) = (
                "person", record.absorbedPerson?.rawValue ?? "", record.survivorPerson?.rawValue ?? ""
            )
        }
        try run(
            "INSERT OR REPLACE INTO record_alias (old_id, kind, new_id, family_id, merge_id) VALUES (?, ?, ?, ?, ?)",
            [old, kind, new, record.survivorFamily.rawValue, record.id.rawValue])
        // Versions the team server gave the absorbed records now belong to the survivor's; the absorbed
        // family's or person's own record is gone.
        try run(
            "DELETE FROM record_version WHERE record_id = ? AND family_id IN (?, ?)",
            [old, record.absorbedFamily.rawValue, record.survivorFamily.rawValue])
        if record.kind == .families {
            try run(
                "UPDATE OR REPLACE record_version SET family_id = ? WHERE family_id = ?",
                [record.survivorFamily.rawValue, record.absorbedFamily.rawValue])
        }
    }

    /// Marks a merge undone and removes its aliases.
    func recordUndo(of merge: MergeID, at time: Date) throws {
        try run("DELETE FROM record_alias WHERE merge_id = ?", [merge.rawValue])
        try run("UPDATE merge_record SET undone_at = ? WHERE id = ?", [StoredValue.time(time), merge.rawValue])
    }

    /// Merges, newest first; only those whose survivor is `family` when given.
    func mergeRecords(family: FamilyID?, limit: Int) throws -> [MergeRecord] {
        let rows =
            try family.map {
                try Row.fetchAll(
                    self, sql: "SELECT * FROM merge_record WHERE survivor_family = ? ORDER BY at DESC, id DESC LIMIT ?",
                    arguments: [$0.rawValue, max(limit, 0)])
            }
            ?? Row.fetchAll(
                self, sql: "SELECT * FROM merge_record ORDER BY at DESC, id DESC LIMIT ?", arguments: [max(limit, 0)])
        return try rows.map { row in
            MergeRecord(
                id: MergeID(try row.value("id") as String),
                kind: MergeRecord.Kind(rawValue: try row.value("kind")) ?? .families,
                survivorFamily: FamilyID(try row.value("survivor_family") as String),
                absorbedFamily: FamilyID(try row.value("absorbed_family") as String),
                survivorPerson: (try row.optionalValue("survivor_person") as String?).map(PersonID.init(rawValue:)),
                absorbedPerson: (try row.optionalValue("absorbed_person") as String?).map(PersonID.init(rawValue:)),
                before: try StoredValue.decode([Family].self, json: row.value("before_families")),
                after: try StoredValue.decode(Family.self, json: row.value("after_family")),
                at: try row.time("at"), by: try row.value("actor"), reason: try row.value("reason"),
                undoneAt: (try row.optionalValue("undone_at") as Double?).map(StoredValue.date))
        }
    }
}
