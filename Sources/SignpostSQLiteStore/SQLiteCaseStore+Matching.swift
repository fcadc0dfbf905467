import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension SQLiteCaseStore {
    /// Finds people for the front door through `person_match_key`, then scores only them.
    ///
    /// One statement does the lookups (each an index range of at most
    /// ``MatchSelection/rowsPerLookup`` rows), ranks the people hit by how many
    /// parts of the query they hit by spelling, then by how many at all, keeps the best
    /// ``MatchSelection/candidateLimit``, and joins their names, date of
    /// birth and family summary columns. Scoring happens in Swift on those.
    public func matchPeople(_ query: MatchQuery, limit: Int) throws -> [PersonMatch] {
        guard !query.isEmpty, limit > 0 else { return [] }
        return try read { db in
            let lookups = try query.lookups { spelling in
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM person_match_key WHERE key >= ? AND key < ? LIMIT 1",
                    arguments: [spelling, spelling + "\u{10FFFF}"]) ?? false
            }
            return try matchPeople(query, lookups: lookups, limit: limit, in: db)
        }
    }

    private func matchPeople(_ query: MatchQuery, lookups: [MatchLookup], limit: Int, in db: Database) throws
        -> [PersonMatch]
    {
        guard !lookups.isEmpty else { return [] }
        let (sql, arguments) = Self.candidateStatement(lookups)
        var candidates: [MatchCandidate] = []
        var families: [FamilyID: Row] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let candidate = try db.matchCandidate(from: row)
            candidates.append(candidate)
            families[candidate.familyID] = row
        }
        return try PersonMatcher.rank(query, among: candidates, limit: limit).map { match in
            let row = families[match.candidate.familyID]!
            return PersonMatch(
                familyID: match.candidate.familyID, familyName: match.candidate.familyName,
                personID: match.candidate.personID, personName: match.candidate.fullName,
                dateOfBirth: match.candidate.dateOfBirth, postcode: match.candidate.postcode, score: match.score,
                reasons: match.reasons,
                openServices: try StoredValue.strings(row.value("open_services")).map(ServiceID.init(rawValue:)),
                leadProfessional: try row.optionalValue("lead_professional"),
                highestLevel: try row.optionalChoice("highest_level"), isOpen: try row.flag("is_open"))
        }
    }

    /// The statement that finds and reads the candidates for `lookups`: index lookups only, never a scan of people.
    static func candidateStatement(_ lookups: [MatchLookup]) -> (sql: String, arguments: StatementArguments) {
        var parts: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        for lookup in lookups {
            let condition = lookup.isPrefix ? "key >= ? AND key < ?" : "key = ?"
            parts.append(
                """
                SELECT * FROM (SELECT family_id, person_id, \(lookup.term) AS term, \(lookup.isSpelling ? 1 : 0) AS spelled
                    FROM person_match_key
                    WHERE \(condition) ORDER BY key, family_id, person_id LIMIT \(MatchSelection.rowsPerLookup))
                """)
            arguments.append(lookup.key)
            // Past every key that starts with the prefix: U+10FFFF sorts after any character a key holds.
            if lookup.isPrefix { arguments.append(lookup.key + "\u{10FFFF}") }
        }
        let sql = """
            WITH hit AS (
                SELECT family_id, person_id, count(DISTINCT term) AS terms,
                    count(DISTINCT CASE WHEN spelled THEN term END) AS spelt
                FROM (\(parts.joined(separator: " UNION ALL ")))
                GROUP BY family_id, person_id
                ORDER BY spelt DESC, terms DESC, family_id, person_id
                LIMIT \(MatchSelection.candidateLimit)
            )
            SELECT p.family_id, p.id, p.given_name, p.family_name, p.also_known_as, p.date_of_birth,
                f.name AS household, f.postcode, f.open_services, f.lead_professional, f.highest_level, f.is_open
            FROM hit
            JOIN person p ON p.family_id = hit.family_id AND p.id = hit.person_id
            JOIN family f ON f.id = hit.family_id
            """
        return (sql, StatementArguments(arguments))
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
        try run("DELETE FROM person_match_key WHERE family_id = ?", [family.id.rawValue])
        for person in family.members { try insertMatchKeys(of: MatchCandidate(person: person, in: family)) }
    }
}
