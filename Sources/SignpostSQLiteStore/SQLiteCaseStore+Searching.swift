import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension SQLiteCaseStore {
    /// Finds families by reference, date of birth, or words.
    ///
    /// A family or person reference typed exactly comes first; a date finds
    /// people born (or due) that day. Otherwise each typed word must begin a
    /// word of one field, matched through the full-text index field by field,
    /// names first, so a search never scans the tables. After the names, and
    /// before postcodes, addresses and notes, come the people the front-door
    /// matcher finds when what was typed is a name misheard or misspelt
    /// ("kwilfether" finds Quillfeather), so both searches agree.
    public func search(_ text: String, limit: Int) throws -> [FamilySearchHit] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, limit > 0 else { return [] }
        return try read { db in
            var found = FoundFamilies(limit: limit)
            try findReferences(trimmed, in: db, into: &found)
            if let date = SearchText.date(trimmed) {
                try findBirthdays(date, in: db, into: &found)
            } else {
                let words = SearchText.words(trimmed)
                try findWords(words, in: SearchField.allCases.filter(\.isAName), db: db, into: &found)
                try findSimilarNames(trimmed, in: db, into: &found)
                try findWords(words, in: SearchField.allCases.filter { !$0.isAName }, db: db, into: &found)
            }
            return try found.hits(in: db)
        }
    }

    private func findReferences(_ text: String, in db: Database, into found: inout FoundFamilies) throws {
        for id in try String.fetchAll(db, sql: "SELECT id FROM family WHERE id = ? COLLATE NOCASE", arguments: [text]) {
            found.add(FamilyID(id), person: nil, reason: "family reference: \(id)")
        }
        let people = try Row.fetchAll(
            db, sql: "SELECT family_id, id, given_name, family_name FROM person WHERE id = ? COLLATE NOCASE",
            arguments: [text])
        for row in people {
            let id: String = try row.value("id")
            found.add(
                FamilyID(try row.value("family_id") as String), person: PersonID(id),
                reason: "person reference: \(id) (\(try fullName(row)))")
        }
        // A reference a merge retired finds the record it became.
        let aliases = try Row.fetchAll(
            db, sql: "SELECT old_id, kind, family_id FROM record_alias WHERE old_id = ? COLLATE NOCASE",
            arguments: [text])
        for row in aliases {
            let old: String = try row.value("old_id")
            guard let family = try db.resolvedFamilyID(FamilyID(try row.value("family_id") as String)) else { continue }
            let kind: String = try row.value("kind")
            found.add(family, person: nil, reason: "\(kind) reference \(old), merged into \(family)")
        }
    }

    private func findBirthdays(_ date: CalendarDate, in db: Database, into found: inout FoundFamilies) throws {
        for (column, label) in [
            ("date_of_birth", "date of birth"), ("expected_delivery_date", "expected delivery date"),
        ] {
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT family_id, id, given_name, family_name FROM person WHERE \(column) = ? ORDER BY family_id, position",
                arguments: [date.iso])
            for row in rows {
                found.add(
                    FamilyID(try row.value("family_id") as String), person: PersonID(try row.value("id") as String),
                    reason: "\(label): \(date.british) (\(try fullName(row)))")
            }
        }
    }

    /// People whose names are like what was typed, as the front-door matcher finds them, when the page has room.
    private func findSimilarNames(_ text: String, in db: Database, into found: inout FoundFamilies) throws {
        guard !found.isFull, let query = SearchText.similarNameQuery(text) else { return }
        let matches = try matchPeople(query, limit: SearchText.similarNameMatches(forFamilies: found.limit), in: db)
        for match in matches where SearchText.isSimilarName(match) {
            found.add(match.familyID, person: match.personID, reason: SearchText.similarNameReason(match))
        }
    }

    private func findWords(
        _ words: [String], in fields: [SearchField], db: Database, into found: inout FoundFamilies
    ) throws {
        guard !words.isEmpty else { return }
        // Each word is a quoted prefix term, so nothing typed is read as FTS5 syntax.
        let terms = words.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"*" }.joined(separator: " ")
        // Enough rows to fill the page even when one family matches several times.
        let rowsPerField = max(found.limit * 10, 50)
        // Ranking a prefix of up to three letters means scoring every name in a large store that starts with
        // it, which is felt on each keystroke; those rows are taken in index order and ranking starts at
        // the fourth letter, when there are few enough matches for the order to mean something.
        let ranked = words.contains { $0.count >= 4 }
        let order = ranked ? "ORDER BY search_index.rank" : ""
        for field in fields {
            guard !found.isFull || field.isAboutAPerson else { break }
            let shown = field == .note ? "snippet(search_index, 5, '', '', '…', 10)" : "e.display"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.family_id, e.person_id, \(shown) AS shown
                    FROM search_index JOIN search_entry e ON e.id = search_index.rowid
                    WHERE search_index MATCH ?
                    \(order) LIMIT ?
                    """,
                arguments: ["{\(field.column)} : (\(terms))", rowsPerField])
            for row in rows {
                found.add(
                    FamilyID(try row.value("family_id") as String),
                    person: (try row.optionalValue("person_id") as String?).map(PersonID.init(rawValue:)),
                    reason: "\(field.label): \(try row.value("shown") as String)")
            }
        }
    }

    private func fullName(_ row: Row) throws -> String {
        [try row.value("given_name") as String, try row.value("family_name") as String].filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

/// Families found so far, best first, with the first reason each was found for.
private struct FoundFamilies {
    let limit: Int
    private var order: [FamilyID] = []
    private var reasons: [FamilyID: String] = [:]
    private var people: [FamilyID: [PersonID]] = [:]

    init(limit: Int) { self.limit = limit }

    var isFull: Bool { order.count >= limit }

    mutating func add(_ family: FamilyID, person: PersonID?, reason: String) {
        if reasons[family] == nil {
            guard !isFull else { return }
            order.append(family)
            reasons[family] = reason
        }
        if let person, !(people[family] ?? []).contains(person) { people[family, default: []].append(person) }
    }

    func hits(in db: Database) throws -> [FamilySearchHit] {
        guard !order.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: order.count).joined(separator: ", ")
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(Database.summaryColumns) FROM family WHERE id IN (\(placeholders))",
            arguments: StatementArguments(order.map(\.rawValue)))
        var summaries: [FamilyID: FamilySummary] = [:]
        for row in rows {
            let summary = try db.summary(from: row)
            summaries[summary.id] = summary
        }
        return order.compactMap { id in
            summaries[id].map {
                FamilySearchHit(summary: $0, matchedPeople: people[id] ?? [], reason: reasons[id] ?? "")
            }
        }
    }
}
