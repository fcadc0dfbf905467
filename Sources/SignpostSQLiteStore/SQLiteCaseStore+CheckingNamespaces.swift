import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension SQLiteCaseStore {
    /// One table whose rows carry ids, and how to name a row in a report.
    private struct NamespacedTable {
        var table: String
        /// What a row is called ("person", "case note").
        var what: String
        /// SQL for the row's own id.
        var id: String
        /// Columns holding one id each (the row's own, and those it refers to).
        var idColumns: [String]
        /// Columns holding a JSON array of ids.
        var idLists: [String] = []
        /// SQL for extra words naming the row ("Ava Quillfeather"), or nil.
        var label: String? = nil
        /// SQL for the family the row belongs to, or nil.
        var family: String? = "family_id"
    }

    /// Every table of casework, and the drafts: each id column the store holds.
    private static let namespacedTables: [NamespacedTable] = [
        NamespacedTable(table: "family", what: "family", id: "id", idColumns: ["id"], label: "name", family: nil),
        NamespacedTable(
            table: "person", what: "person", id: "id", idColumns: ["family_id", "id"],
            label: "given_name || ' ' || family_name"),
        NamespacedTable(
            table: "relationship", what: "relationship", id: "from_person || ' → ' || to_person",
            idColumns: ["family_id", "from_person", "to_person"]),
        NamespacedTable(
            table: "level_entry", what: "level entry", id: "person_id || ' #' || (position + 1)",
            idColumns: ["family_id", "person_id"]),
        NamespacedTable(
            table: "contact", what: "contact", id: "id", idColumns: ["family_id", "id"], idLists: ["about"]),
        NamespacedTable(
            table: "referral", what: "referral", id: "id", idColumns: ["family_id", "id", "contact_id"],
            idLists: ["people"]),
        NamespacedTable(
            table: "case_note", what: "case note", id: "id", idColumns: ["family_id", "id"], idLists: ["about"]),
        NamespacedTable(table: "consent", what: "consent", id: "id", idColumns: ["family_id", "id"]),
        NamespacedTable(table: "episode", what: "episode", id: "id", idColumns: ["family_id", "id"]),
        NamespacedTable(
            table: "assessment", what: "assessment", id: "id", idColumns: ["family_id", "id", "subject"]),
        NamespacedTable(
            table: "contact_draft", what: "contact draft", id: "id", idColumns: ["id"], label: "practitioner",
            family: nil),
        NamespacedTable(
            table: "form_draft", what: "form draft", id: "kind || ' by ' || practitioner",
            idColumns: ["nullif(family_id, '')", "nullif(person_id, '')"], family: nil),
    ]

    /// The most rows named per table; the rest are counted.
    private static let namedPerTable = 10

    /// Reports every row, in every table that holds ids, whose ids are not in the store's namespace (``IDNamespace``):
    /// a fictional id (`ZZ-…`) in a live store, or a live id in a demonstration or training store.
    func checkNamespaces(_ db: Database, problems: inout [String], checked: inout [String]) throws {
        let fictional = kind.isFictional
        let expectation =
            fictional
            ? "has a live id in a \(kind) store (fictional ids start with \(FamilyID.fictionalPrefix))"
            : "has a fictional id (starting \(FamilyID.fictionalPrefix)) in a live store"
        // A column's id is outside the namespace when its mark differs from the store's; NULL is no id at all.
        func outside(_ column: String) -> String {
            "(\(column) IS NOT NULL AND (upper(substr(\(column), 1, 3)) = '\(FamilyID.fictionalPrefix)') != \(fictional ? 1 : 0))"
        }
        var rows = 0
        let before = problems.count
        for table in Self.namespacedTables {
            let conditions =
                table.idColumns.map(outside)
                + table.idLists.map { list in
                    "EXISTS (SELECT 1 FROM json_each(\(list)) WHERE \(outside("value")))"
                }
            let condition = conditions.joined(separator: " OR ")
            let label = table.label ?? "NULL"
            let family = table.family ?? "NULL"
            let offending = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(table.id) AS record, \(label) AS label, \(family) AS family FROM \(table.table)
                    WHERE \(condition) LIMIT \(Self.namedPerTable + 1)
                    """)
            rows += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.table)") ?? 0
            for row in offending.prefix(Self.namedPerTable) {
                let record: String = row["record"] ?? "?"
                let name: String? = row["label"]
                let of: String? = row["family"]
                problems.append(
                    "\(table.what) \(record)\(name.map { " (\($0))" } ?? "")\(of.map { " of family \($0)" } ?? "") \(expectation)"
                )
            }
            if offending.count > Self.namedPerTable {
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.table) WHERE \(condition)") ?? 0
                problems.append("… and \(total - Self.namedPerTable) more \(table.what) rows like these")
            }
        }
        if problems.count == before {
            checked.append(
                "\(rows) records in \(Self.namespacedTables.count) tables: every id is \(fictional ? "fictional (\(FamilyID.fictionalPrefix)…)" : "live (none fictional)"), as a \(kind) store's must be"
            )
        }
    }
}
