import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension SQLiteCaseStore {
    /// Finds people for the front door through `person_match_key`, then scores only them.
    ///
    /// ``MatchSelection`` chooses the candidates through index lookups of
    /// `person_match_key` (``SQLiteMatchKeyIndex``); one statement then reads
    /// their names, date of birth and family summary columns. Scoring happens
    /// in Swift on those.
    public func matchPeople(_ query: MatchQuery, limit: Int) throws -> [PersonMatch] {
        guard !query.isEmpty, limit > 0 else { return [] }
        return try read { db in try matchPeople(query, limit: limit, in: db) }
    }

    /// ``matchPeople(_:limit:)`` inside a read already open (search asks it too).
    func matchPeople(_ query: MatchQuery, limit: Int, in db: Database) throws -> [PersonMatch] {
        guard !query.isEmpty, limit > 0 else { return [] }
        let index = SQLiteMatchKeyIndex(db: db)
        let lookups = try query.lookups { spelling in try index.hasKey(beginning: spelling) }
        let chosen = try MatchSelection.candidates(lookups, in: index)
        guard !chosen.isEmpty else { return [] }
        let (sql, arguments) = Self.candidateStatement(chosen)
        var candidates: [MatchCandidate] = []
        var families: [FamilyID: Row] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let candidate = try db.matchCandidate(from: row)
            candidates.append(candidate)
            families[candidate.familyID] = row
        }
        return try PersonMatcher.rank(query, among: candidates, limit: limit).map { match in
            let row = families[match.candidate.familyID]!
            var found = PersonMatch(
                familyID: match.candidate.familyID, familyName: match.candidate.familyName,
                personID: match.candidate.personID, personName: match.candidate.fullName,
                dateOfBirth: match.candidate.dateOfBirth, postcode: match.candidate.postcode, score: match.score,
                reasons: match.reasons,
                openServices: try StoredValue.strings(row.value("open_services")).map(ServiceID.init(rawValue:)),
                leadProfessional: try row.optionalValue("lead_professional"),
                highestLevel: try row.optionalChoice("highest_level"), isOpen: try row.flag("is_open"))
            found.unmatchedWords = match.unmatchedWords
            return found
        }
    }

    /// The statement that reads the chosen people's names, date of birth and family summary, by primary key.
    static func candidateStatement(_ people: [IndexedPerson]) -> (sql: String, arguments: StatementArguments) {
        let rows = Array(repeating: "(?, ?)", count: people.count).joined(separator: ", ")
        let sql = """
            WITH chosen(family_id, person_id) AS (VALUES \(rows))
            SELECT p.family_id, p.id, p.given_name, p.family_name, p.also_known_as, p.date_of_birth,
                f.name AS household, f.postcode, f.open_services, f.lead_professional, f.highest_level, f.is_open
            FROM chosen
            JOIN person p ON p.family_id = chosen.family_id AND p.id = chosen.person_id
            JOIN family f ON f.id = chosen.family_id
            """
        return (sql, StatementArguments(people.flatMap { [$0.family.rawValue, $0.person.rawValue] }))
    }
}

/// `person_match_key` as ``MatchSelection`` reads it: every answer one index range or one probe per person.
///
/// The table's primary key (key, family, person) answers a lookup by key or
/// by the start of a key; its index by person (family, person, then the key
/// the primary key adds) answers whether one person has such a key.
struct SQLiteMatchKeyIndex: MatchKeyIndex {
    let db: Database

    /// Probes per statement, so that no statement binds more values than SQLite allows.
    static let probesPerStatement = 1000

    /// The condition on `key` for `lookup`, and its arguments.
    private static func condition(_ lookup: MatchLookup, column: String = "key") -> (
        String, [any DatabaseValueConvertible]
    ) {
        guard lookup.isPrefix else { return ("\(column) = ?", [lookup.key]) }
        // Past every key that starts with the prefix: U+10FFFF sorts after any character a key holds.
        let range = "\(column) >= ? AND \(column) < ?"
        guard let longest = lookup.longest else { return (range, [lookup.key, lookup.key + "\u{10FFFF}"]) }
        return (range + " AND length(\(column)) <= ?", [lookup.key, lookup.key + "\u{10FFFF}", longest])
    }

    /// Counts the rows of `lookup`, no further than `cap`.
    static func countStatement(_ lookup: MatchLookup, upTo cap: Int) -> (sql: String, arguments: StatementArguments) {
        let (condition, arguments) = condition(lookup)
        return (
            "SELECT count(*) FROM (SELECT 1 FROM person_match_key WHERE \(condition) LIMIT \(cap))",
            StatementArguments(arguments)
        )
    }

    /// The people of the first `limit` rows of `lookup`, in key order.
    static func peopleStatement(_ lookup: MatchLookup, limit: Int) -> (sql: String, arguments: StatementArguments) {
        let (condition, arguments) = condition(lookup)
        return (
            """
            SELECT family_id, person_id FROM person_match_key WHERE \(condition)
            ORDER BY key, family_id, person_id LIMIT \(limit)
            """,
            StatementArguments(arguments)
        )
    }

    /// Which of `people` have a key `lookup` hits: one probe of the index by person each.
    static func probeStatement(_ lookup: MatchLookup, people: ArraySlice<IndexedPerson>) -> (
        sql: String, arguments: StatementArguments
    ) {
        let (condition, arguments) = condition(lookup, column: "k.key")
        let rows = Array(repeating: "(?, ?)", count: people.count).joined(separator: ", ")
        return (
            """
            WITH probed(family_id, person_id) AS (VALUES \(rows))
            SELECT probed.family_id, probed.person_id FROM probed
            WHERE EXISTS (
                SELECT 1 FROM person_match_key k
                WHERE k.family_id = probed.family_id AND k.person_id = probed.person_id AND \(condition))
            """,
            StatementArguments(
                people.flatMap { [$0.family.rawValue, $0.person.rawValue] as [any DatabaseValueConvertible] }
                    + arguments)
        )
    }

    /// ``MatchSelection/sampled(_:in:)`` in one statement: each lookup's first rows, grouped and ranked in SQLite.
    static func sampledStatement(_ lookups: [MatchLookup]) -> (sql: String, arguments: StatementArguments) {
        var parts: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for lookup in lookups {
            let (condition, values) = condition(lookup)
            let spelled = Set(lookup.spelledTerms)
            // A pair agrees with two terms: its rows count once for each.
            for term in lookup.terms {
                parts.append(
                    """
                    SELECT * FROM (SELECT family_id, person_id, \(term) AS term, \(spelled.contains(term) ? 1 : 0) AS spelled
                        FROM person_match_key WHERE \(condition)
                        ORDER BY key, family_id, person_id LIMIT \(MatchSelection.rowsPerLookup))
                    """)
                arguments += values
            }
        }
        let sql = """
            SELECT family_id, person_id FROM (\(parts.joined(separator: " UNION ALL ")))
            GROUP BY family_id, person_id
            ORDER BY count(DISTINCT CASE WHEN spelled THEN term END) DESC, count(DISTINCT term) DESC, family_id, person_id
            LIMIT \(MatchSelection.candidateLimit)
            """
        return (sql, StatementArguments(arguments))
    }

    func sampledCandidates(_ lookups: [MatchLookup]) throws -> [IndexedPerson] {
        guard !lookups.isEmpty else { return [] }
        let (sql, arguments) = Self.sampledStatement(lookups)
        return try Self.people(db, sql: sql, arguments: arguments)
    }

    func hasKey(beginning prefix: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM person_match_key WHERE key >= ? AND key < ? LIMIT 1",
            arguments: [prefix, prefix + "\u{10FFFF}"]) ?? false
    }

    func rowCount(_ lookup: MatchLookup, upTo cap: Int) throws -> Int {
        let (sql, arguments) = Self.countStatement(lookup, upTo: cap)
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }

    func people(hitBy lookup: MatchLookup, limit: Int) throws -> [IndexedPerson] {
        let (sql, arguments) = Self.peopleStatement(lookup, limit: limit)
        return try Self.people(db, sql: sql, arguments: arguments)
    }

    func people(_ people: [IndexedPerson], hitBy lookup: MatchLookup) throws -> Set<IndexedPerson> {
        var found: Set<IndexedPerson> = []
        for start in stride(from: 0, to: people.count, by: Self.probesPerStatement) {
            let slice = people[start..<min(start + Self.probesPerStatement, people.count)]
            let (sql, arguments) = Self.probeStatement(lookup, people: slice)
            found.formUnion(try Self.people(db, sql: sql, arguments: arguments))
        }
        return found
    }

    /// The people a statement selects as its first two columns, family id and person id (both NOT NULL).
    ///
    /// Read from a cursor by column position: a matcher query may read a thousand rows, and
    /// copying each row and finding its columns by name was a large part of its time.
    private static func people(_ db: Database, sql: String, arguments: StatementArguments) throws -> [IndexedPerson] {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var people: [IndexedPerson] = []
        while let row = try rows.next() {
            let family: String = row[0]
            let person: String = row[1]
            people.append(IndexedPerson(family: FamilyID(family), person: PersonID(person)))
        }
        return people
    }
}

extension Database {
    /// A person as the matcher sees them, from a row with the person's columns and the family's `household` name and `postcode`.
    func matchCandidate(from row: Row) throws -> MatchCandidate {
        MatchCandidate(
            familyID: FamilyID(try row.value("family_id") as String), familyName: try row.value("household"),
            personID: PersonID(try row.value("id") as String), givenName: try row.value("given_name"),
            surname: try row.value("family_name"), alsoKnownAs: try StoredValue.strings(row.value("also_known_as")),
            dateOfBirth: try row.optionalCalendarDate("date_of_birth"), postcode: try row.value("postcode"))
    }

    /// Writes one person's match keys (into `table`, which a migration may point at a loading table).
    func insertMatchKeys(of candidate: MatchCandidate, into table: String = "person_match_key") throws {
        for key in candidate.indexKeys.sorted() {
            try run(
                "INSERT INTO \(table) (key, family_id, person_id) VALUES (?, ?, ?)",
                [key, candidate.familyID.rawValue, candidate.personID.rawValue])
        }
    }

    /// Writes the match keys of every member of `family` afresh.
    ///
    /// Called in the transaction of each change that adds or edits a person or
    /// changes the family's name or postcode, so the index never lags the records.
    func reindexMatchKeys(of family: Family) throws {
        try reindexMatchKeys(of: [family], new: [])
    }

    /// Writes the match keys of every member of `families` afresh, in one pass: the old keys
    /// go (except for families in `new`, which have none), and every new key row is written
    /// in key order, many rows a statement.
    ///
    /// A page of pulled changes or a batch of saves adds thousands of key rows (a person
    /// has dozens: spellings, sounds, near spellings, birth dates). Written person by person
    /// they land all over the key index; sorted, each lands next to the one before, and a
    /// statement of a hundred rows costs little more than one of one row.
    func reindexMatchKeys(of families: [Family], new: Set<FamilyID>) throws {
        var rows: [(key: String, family: String, person: String)] = []
        for family in families {
            if !new.contains(family.id) {
                try run("DELETE FROM person_match_key WHERE family_id = ?", [family.id.rawValue])
            }
            for person in family.members {
                let candidate = MatchCandidate(person: person, in: family)
                for key in candidate.indexKeys {
                    rows.append((key, family.id.rawValue, person.id.rawValue))
                }
            }
        }
        rows.sort { first, second in
            if first.key != second.key { return first.key < second.key }
            if first.family != second.family { return first.family < second.family }
            return first.person < second.person
        }
        let rowsPerStatement = 100
        var start = rows.startIndex
        while start < rows.endIndex {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.endIndex)]
            let placeholders = Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", ")
            var arguments: [(any DatabaseValueConvertible)?] = []
            arguments.reserveCapacity(chunk.count * 3)
            for row in chunk { arguments += [row.key, row.family, row.person] }
            // The statement for a full chunk is cached; only the last, shorter one is prepared afresh.
            try run("INSERT INTO person_match_key (key, family_id, person_id) VALUES \(placeholders)", arguments)
            start += chunk.count
        }
    }
}
