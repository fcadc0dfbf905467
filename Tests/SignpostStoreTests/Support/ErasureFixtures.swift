import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// What the erasure tests (``ErasureConformanceTests`` for a person, ``FamilyErasureTests`` for a whole
/// family) start from, and how they read a SQLite file for anything left of what was erased.
///
/// Both erase from the Quillfeathers with more written about Ava, beside the Okonkwos, who stay; both
/// then read every text and blob of every table of a store's file.
///
/// ```swift
/// let store = try kind.make(kind: .live)
/// try ErasureFixtures.writeQuillfeathersWithMoreAboutAva(into: store)
/// try store.saveFormDraft(ErasureFixtures.draftAboutAva)
/// ```
enum ErasureFixtures {
    static let now = TestFamilies.at("2026-03-05T12:00:00Z")

    /// Jo's unfinished case note about Ava.
    static let draftAboutAva = FormDraft(
        form: FormDraftKey(kind: "case-note", family: "F-00017", person: "P-ava"), practitioner: "jo",
        summary: "note about Ava", fields: ["text": "Ava was tired"], updatedAt: now)

    /// Adds the Quillfeathers and the Okonkwos (by "loader"), then, by jo in one batch: a level for Ava
    /// (complex: "sleep worse"), the note N-2 about Ava and Zoë that names Ava, and `more`.
    ///
    /// - Parameters:
    ///   - noteText: The note's text; it names Ava, so the erasure has a text to redact.
    ///   - more: Further changes of the same batch (a change about Zoë alone, which the erasure keeps).
    static func writeQuillfeathersWithMoreAboutAva(
        into store: any CaseStore, noteText: String = "Ava and Zoë played well at the park.",
        and more: [CaseChange] = []
    ) throws {
        try store.apply([.addFamily(TestFamilies.quillfeather()), .addFamily(TestFamilies.okonkwo())], by: "loader")
        try store.apply(
            [
                .recordLevel(
                    family: "F-00017", person: "P-ava",
                    LevelEntry(level: .complex, setBy: "jo", setAt: now, reason: "sleep worse")),
                .addCaseNote(
                    family: "F-00017",
                    CaseNote(id: "N-2", writtenAt: now, author: "jo", text: noteText, about: ["P-ava", "P-zoe"])),
            ] + more, by: "jo")
    }

    /// Every text and blob of every table of the SQLite file at `url` that holds one of `strings`, as
    /// "table.column holds string", and how many tables were read (so a test can tell it read them).
    ///
    /// Rows `isKept` accepts are passed over whole (the erasure's own entry, which names what it erased),
    /// and so are the columns `isSealed` accepts (ids a redacted audit entry keeps beside its marker,
    /// because the chain sealed them).
    ///
    /// ```swift
    /// let read = try ErasureFixtures.leftovers(
    ///     of: ["P-ava", "Ava"], in: url,
    ///     isKept: { table, row in table == "audit_entry" && (row["action"] as String?) == "erase-person" },
    ///     isSealed: { _, _, _ in false })
    /// #expect(read.leftovers == [])
    /// ```
    static func leftovers(
        of strings: [String], in url: URL, isKept: (_ table: String, _ row: Row) -> Bool,
        isSealed: (_ table: String, _ column: String, _ row: Row) -> Bool
    ) throws -> (tablesRead: Int, leftovers: [String]) {
        let queue = try DatabaseQueue(path: url.path)
        var leftovers: [String] = []
        var tablesRead = 0
        try queue.read { db in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            for table in tables {
                tablesRead += 1
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") where !isKept(table, row) {
                    for column in row.columnNames where !isSealed(table, column, row) {
                        let text: String
                        switch (row[column] as DatabaseValue).storage {
                        case .string(let string): text = string
                        case .blob(let data): text = String(decoding: data, as: UTF8.self)
                        default: continue
                        }
                        for string in strings where text.contains(string) {
                            leftovers.append("\(table).\(column) holds \(string)")
                        }
                    }
                }
            }
        }
        return (tablesRead, leftovers)
    }
}
