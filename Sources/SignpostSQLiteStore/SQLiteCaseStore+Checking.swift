import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension SQLiteCaseStore {
    /// Checks the file with SQLite's own checks, then the store's invariants.
    ///
    /// - SQLite's `integrity_check` and `foreign_key_check`;
    /// - every relationship and level entry points at a person of the same family;
    /// - every family's summary columns equal the summary recomputed from its records;
    /// - the search entries are exactly those its records call for, and the
    ///   full-text index agrees with them;
    /// - no one is born after today, has a level recorded before their birth, or is unborn with a date of birth
    ///   (``Family/implausibleRecords(today:)``);
    /// - every person's match keys are exactly those their names, date of birth
    ///   and family postcode call for;
    /// - every id in every table of casework and drafts is in the store's namespace: a live store holds no
    ///   fictional id (`ZZ-…`), a demonstration or training store no live one (``IDNamespace``);
    /// - the audit trail's hash chain is whole (``AuditChain``): the first entry changed, added or removed is named;
    /// - every contact draft can be read, and its row agrees with what it holds
    ///   (an unreadable draft is left out of ``drafts(for:)``, so this is where it is reported).
    public func check() throws -> StoreCheckReport {
        var problems: [String] = []
        var checked: [String] = []
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity == ["ok"] {
                checked.append("SQLite integrity check: ok")
            } else {
                problems += integrity.map { "SQLite integrity check: \($0)" }
            }
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            if orphans.isEmpty {
                checked.append("references between tables: ok")
            } else {
                problems += orphans.map {
                    "a row of \($0[0] as String? ?? "?") refers to a missing row of \($0[2] as String? ?? "?")"
                }
            }
            try checkPeopleReferences(db, problems: &problems, checked: &checked)
            try checkFamilies(db, problems: &problems, checked: &checked)
            try checkNamespaces(db, problems: &problems, checked: &checked)
            try checkDrafts(db, problems: &problems, checked: &checked)
            try checkFormDrafts(db, problems: &problems, checked: &checked)
            let chain = try AuditChain.verify(db)
            if let firstBreak = chain.firstBreak {
                problems.append(firstBreak)
            } else {
                checked.append(
                    "audit trail: \(chain.entries) entries, each chained to the one before (newest hash \(chain.head.isEmpty ? "none" : String(chain.head.prefix(16))))"
                )
            }
            let counted = try Int.fetchOne(db, sql: "SELECT count(*) FROM family") ?? 0
            let kept = try Int.fetchOne(
                db, sql: "SELECT CAST(value AS INTEGER) FROM store_metadata WHERE key = 'family_count'")
            if kept == counted {
                checked.append("the family count shown on the case list: ok")
            } else {
                problems.append(
                    "the store says it holds \(kept.map(String.init) ?? "no count of") families but holds \(counted)")
            }
        }
        do {
            try checkFullTextIndex()
            checked.append("full-text search index agrees with the search entries")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            problems.append(
                "the full-text search index does not agree with the search entries (\(error.message ?? "\(error.resultCode)")); rebuild it"
            )
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            checked.append("full-text search index: not checked, the store cannot be written here")
        } catch {
            throw StoreError(error, path: path)
        }
        return StoreCheckReport(problems: problems, checked: checked)
    }

    /// SQLite's own check of the full-text index, which it runs as a write; rolled back, so the file is unchanged.
    private func checkFullTextIndex() throws {
        let command = "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)"
        guard isReadOnly else {
            try pool.write { db in try db.execute(sql: command) }
            return
        }
        // A store opened for reading (`signpost check`) is checked through a connection of its own that
        // changes nothing: no journal mode set, the transaction rolled back.
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "Signpost full-text check"
        let queue = try DatabaseQueue(path: StoreFile.readingPath(path), configuration: configuration)
        defer { try? queue.close() }
        try queue.inTransaction { db in
            try db.execute(sql: command)
            return .rollback
        }
    }

    private func checkPeopleReferences(_ db: Database, problems: inout [String], checked: inout [String]) throws {
        let strayRelationships = try Row.fetchAll(
            db,
            sql: """
                SELECT r.family_id, r.from_person, r.to_person FROM relationship r
                WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.family_id = r.family_id AND p.id = r.from_person)
                   OR NOT EXISTS (SELECT 1 FROM person p WHERE p.family_id = r.family_id AND p.id = r.to_person)
                """)
        for row in strayRelationships {
            problems.append(
                "family \(row[0] as String? ?? "?"): a relationship \(row[1] as String? ?? "?") → \(row[2] as String? ?? "?") names someone who is not in the family"
            )
        }
        let strayLevels = try Row.fetchAll(
            db,
            sql: """
                SELECT l.family_id, l.person_id FROM level_entry l
                WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.family_id = l.family_id AND p.id = l.person_id)
                """)
        for row in strayLevels {
            problems.append(
                "family \(row[0] as String? ?? "?"): a level is recorded for \(row[1] as String? ?? "?"), who is not in the family"
            )
        }
        if strayRelationships.isEmpty && strayLevels.isEmpty {
            checked.append("every relationship and level belongs to a person in the family")
        }
    }

    private func checkFamilies(_ db: Database, problems: inout [String], checked: inout [String]) throws {
        var familyCount = 0
        var peopleCount = 0
        var entryCount = 0
        var keyCount = 0
        var after = ""
        let problemsBefore = problems.count
        let today = LondonTime.today(at: Date())
        while true {
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM family WHERE id > ? ORDER BY id LIMIT 500", arguments: [after])
            guard let last = ids.last else { break }
            after = last
            for family in try db.fetchFamilies(ids.map(FamilyID.init(rawValue:))) {
                let id = family.id.rawValue
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT \(Database.summaryColumns), lead_professional_key FROM family WHERE id = ?",
                        arguments: [id])
                else { continue }
                familyCount += 1
                peopleCount += family.members.count
                problems += family.implausibleRecords(today: today)
                let expected = FamilySummary(of: family)
                let stored = try db.summary(from: row)
                var stale = expected.differences(from: stored)
                if try row.value("lead_professional_key") as String != SearchText.fold(expected.leadProfessional ?? "")
                {
                    stale.append("lead professional filter")
                }
                let services = try String.fetchAll(
                    db, sql: "SELECT service FROM family_open_service WHERE family_id = ? ORDER BY service",
                    arguments: [id])
                if services != expected.openServices.map(\.rawValue) { stale.append("service filter") }
                if !stale.isEmpty {
                    problems.append(
                        "family \(id): the case-list summary does not match its records (\(stale.joined(separator: ", ")))"
                    )
                }
                let entries = try searchEntries(of: id, in: db)
                entryCount += entries.count
                if entries != Self.expectedEntries(of: family) {
                    problems.append("family \(id): the search entries do not match its records")
                }
                let keys = try Row.fetchAll(
                    db, sql: "SELECT key, person_id FROM person_match_key WHERE family_id = ?", arguments: [id]
                ).map { "\(try $0.value("person_id") as String) \(try $0.value("key") as String)" }
                keyCount += keys.count
                let expectedKeys = family.members.flatMap { person in
                    MatchCandidate(person: person, in: family).indexKeys.map { "\(person.id.rawValue) \($0)" }
                }
                if keys.sorted() != expectedKeys.sorted() {
                    problems.append("family \(id): the matcher's keys do not match its people")
                }
            }
        }
        if problems.count == problemsBefore {
            checked.append(
                "\(familyCount) families, \(peopleCount) people: dates of birth and levels make sense; summaries, \(entryCount) search entries and \(keyCount) match keys match the records"
            )
        }
    }

    private struct StoredEntry: Hashable {
        var field: Int
        var person: String?
        var text: String
    }

    private func searchEntries(of family: String, in db: Database) throws -> [StoredEntry: Int] {
        let columns = SearchField.allCases.map(\.column).joined(separator: ", ")
        let rows = try Row.fetchAll(
            db, sql: "SELECT field, person_id, coalesce(\(columns)) AS text FROM search_entry WHERE family_id = ?",
            arguments: [family])
        var counts: [StoredEntry: Int] = [:]
        for row in rows {
            let entry = StoredEntry(
                field: try row.value("field"), person: try row.optionalValue("person_id"),
                text: try row.optionalValue("text") ?? "")
            counts[entry, default: 0] += 1
        }
        return counts
    }

    private static func expectedEntries(of family: Family) -> [StoredEntry: Int] {
        var counts: [StoredEntry: Int] = [:]
        for entry in family.searchEntries {
            counts[
                StoredEntry(field: entry.field.rawValue, person: entry.person?.rawValue, text: entry.text), default: 0] +=
                1
        }
        return counts
    }
}

extension FamilySummary {
    /// The names of the summary fields that differ, for a check report.
    fileprivate func differences(from other: FamilySummary) -> [String] {
        let fields: [(String, Bool)] = [
            ("members", members != other.members), ("highest level", highestLevel != other.highestLevel),
            ("open services", openServices != other.openServices),
            ("lead professional", leadProfessional != other.leadProfessional),
            ("last activity", lastActivity != other.lastActivity), ("open or closed", isOpen != other.isOpen),
        ]
        return fields.filter(\.1).map(\.0)
    }
}
