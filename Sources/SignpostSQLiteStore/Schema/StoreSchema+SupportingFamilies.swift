import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension StoreSchema {
    /// Version 21: Supporting Families needs and outcomes (#17), indexed for the report.
    ///
    /// - `supporting_families_need` keeps one row per family and headline outcome area: the day the need was
    ///   identified, the outcome achieved and the six-month check, with the whole need as JSON. Three partial
    ///   indexes (by the day identified, achieved and checked, then the area) let the report count each area's
    ///   events in a period from the index alone.
    /// - `supporting_families_family` keeps each family's two dates the report counts families by: the day it
    ///   came to meet the criteria (its third need) and the day it showed significant and sustained progress,
    ///   each indexed where it is set.
    static func createSupportingFamilies(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE supporting_families_need (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    area TEXT NOT NULL,
                    identified_on TEXT NOT NULL,
                    achieved_on TEXT,
                    checked_on TEXT,
                    sustained INTEGER,
                    document TEXT NOT NULL,            -- the whole SupportingFamiliesNeed as JSON
                    PRIMARY KEY (family_id, area)
                );
                CREATE INDEX sf_need_by_identified ON supporting_families_need (identified_on, area);
                CREATE INDEX sf_need_by_achieved ON supporting_families_need (achieved_on, area)
                    WHERE achieved_on IS NOT NULL;
                CREATE INDEX sf_need_by_checked ON supporting_families_need (checked_on, sustained, area)
                    WHERE checked_on IS NOT NULL;
                CREATE TABLE supporting_families_family (
                    family_id TEXT PRIMARY KEY REFERENCES family (id) ON DELETE CASCADE,
                    needs INTEGER NOT NULL,
                    eligible_on TEXT,
                    progress_on TEXT
                );
                CREATE INDEX sf_family_by_eligible ON supporting_families_family (eligible_on)
                    WHERE eligible_on IS NOT NULL;
                CREATE INDEX sf_family_by_progress ON supporting_families_family (progress_on)
                    WHERE progress_on IS NOT NULL;
                """)
    }
}

extension Database {
    /// Writes the family's Supporting Families needs and its report dates as they now stand (at most ten rows).
    func writeSupportingFamilies(of family: Family) throws {
        try run("DELETE FROM supporting_families_need WHERE family_id = ?", [family.id.rawValue])
        try run("DELETE FROM supporting_families_family WHERE family_id = ?", [family.id.rawValue])
        let needs = family.supportingFamiliesNeeds
        guard !needs.isEmpty else { return }
        for need in needs {
            try run(
                """
                INSERT INTO supporting_families_need (family_id, area, identified_on, achieved_on, checked_on,
                    sustained, document)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    family.id.rawValue, need.area.rawValue, need.identifiedOn.iso, need.achievement?.on.iso,
                    need.check?.on.iso, need.check.map(\.sustained), try StoredValue.json(need),
                ])
        }
        try run(
            """
            INSERT INTO supporting_families_family (family_id, needs, eligible_on, progress_on) VALUES (?, ?, ?, ?)
            """,
            [
                family.id.rawValue, needs.count, SupportingFamiliesRule.eligibleOn(needs)?.iso,
                SupportingFamiliesRule.progressOn(needs)?.iso,
            ])
    }

    /// Adds Supporting Families needs to `families` (keyed by id), the table read once.
    func readSupportingFamilies(into families: inout [String: Family], marks: String, keys: [String]) throws {
        // An earlier migration reading families runs before this table exists.
        guard try tableExists("supporting_families_need") else { return }
        let rows = try Row.fetchAll(
            cachedStatement(
                sql: "SELECT family_id, document FROM supporting_families_need WHERE family_id IN (\(marks))"),
            arguments: StatementArguments(keys))
        var needs: [String: [SupportingFamiliesNeed]] = [:]
        for row in rows {
            let id: String = try row.value("family_id")
            needs[id, default: []].append(
                try StoredValue.decode(SupportingFamiliesNeed.self, json: try row.value("document")))
        }
        for (id, list) in needs where families[id] != nil {
            families[id]!.supportingFamiliesNeeds = list
        }
    }
}
