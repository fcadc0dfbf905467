import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// The Supporting Families report's queries: each a `GROUP BY` over one of schema 21's date indexes.
extension SQLiteCaseStore {
    public func supportingFamiliesFigures(from first: CalendarDate, to last: CalendarDate) throws
        -> SupportingFamiliesFigures
    {
        let range: [(any DatabaseValueConvertible)?] = [first.iso, last.iso]
        return try read { db in
            var figures = SupportingFamiliesFigures()
            figures.eligibleFamilies =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM supporting_families_family
                        WHERE eligible_on IS NOT NULL AND eligible_on BETWEEN ? AND ?
                        """, arguments: StatementArguments(range)) ?? 0
            figures.progressFamilies =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM supporting_families_family
                        WHERE progress_on IS NOT NULL AND progress_on BETWEEN ? AND ?
                        """, arguments: StatementArguments(range)) ?? 0
            // The families counted above, by the areas of their needs.
            for (column, keyPath) in [
                ("eligible_on", \SupportingFamiliesAreaFigures.eligibleFamilies),
                ("progress_on", \SupportingFamiliesAreaFigures.progressFamilies),
            ] {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT n.area, count(*) AS families FROM supporting_families_family f
                        JOIN supporting_families_need n ON n.family_id = f.family_id
                        WHERE f.\(column) IS NOT NULL AND f.\(column) BETWEEN ? AND ?
                        GROUP BY n.area
                        """, arguments: StatementArguments(range))
                for row in rows {
                    let area: OutcomeArea = try row.choice("area")
                    figures[area][keyPath: keyPath] = try row.value("families")
                }
            }
            for (column, keyPath) in [
                ("identified_on", \SupportingFamiliesAreaFigures.identified),
                ("achieved_on", \SupportingFamiliesAreaFigures.achieved),
            ] {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT area, count(*) AS needs FROM supporting_families_need
                        WHERE \(column) IS NOT NULL AND \(column) BETWEEN ? AND ? GROUP BY area
                        """, arguments: StatementArguments(range))
                for row in rows {
                    let area: OutcomeArea = try row.choice("area")
                    figures[area][keyPath: keyPath] = try row.value("needs")
                }
            }
            let checks = try Row.fetchAll(
                db,
                sql: """
                    SELECT area, sustained, count(*) AS checks FROM supporting_families_need
                    WHERE checked_on IS NOT NULL AND checked_on BETWEEN ? AND ? GROUP BY area, sustained
                    """, arguments: StatementArguments(range))
            for row in checks {
                let area: OutcomeArea = try row.choice("area")
                if try row.flag("sustained") {
                    figures[area].sustained = try row.value("checks")
                } else {
                    figures[area].notSustained = try row.value("checks")
                }
            }
            return figures
        }
    }

    public func supportingFamiliesListing(
        from first: CalendarDate, to last: CalendarDate, after: FamilyID?, limit: Int
    ) throws -> [SupportingFamiliesListing] {
        try read { db in
            // Each side of the UNION reads its own partial index; the page is cut from their union by id.
            try Row.fetchAll(
                db,
                sql: """
                    SELECT family_id, eligible_on, progress_on FROM supporting_families_family
                    WHERE family_id IN (
                        SELECT family_id FROM supporting_families_family
                            WHERE eligible_on IS NOT NULL AND eligible_on BETWEEN ? AND ?
                        UNION SELECT family_id FROM supporting_families_family
                            WHERE progress_on IS NOT NULL AND progress_on BETWEEN ? AND ?)
                        AND family_id > ?
                    ORDER BY family_id LIMIT ?
                    """,
                arguments: [first.iso, last.iso, first.iso, last.iso, after?.rawValue ?? "", max(limit, 0)]
            )
            .map { row in
                SupportingFamiliesListing(
                    family: FamilyID(rawValue: try row.value("family_id")),
                    eligibleOn: try row.optionalCalendarDate("eligible_on"),
                    progressOn: try row.optionalCalendarDate("progress_on"))
            }
        }
    }
}
