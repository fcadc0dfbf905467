import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension SQLiteCaseStore {
    public func mergeRecords(family: FamilyID?, limit: Int) throws -> [MergeRecord] {
        try read { db in try db.mergeRecords(family: family, limit: limit) }
    }

    public func resolveFamilyID(_ id: FamilyID) throws -> FamilyID? {
        try read { db in try db.resolvedFamilyID(id) }
    }

    /// Reads blocks of the match index in key order (``DuplicateScan``): one grouped range scan of the
    /// primary key finds the next hundred blocks holding two people or more, one statement reads their
    /// people and one their names, so a page costs three statements per hundred blocks.
    public func possibleDuplicatePairs(after cursor: String?, limit: Int) throws -> DuplicatePage {
        guard limit > 0 else { return DuplicatePage(pairs: [], next: cursor) }
        return try read { db in
            var pairs: [DuplicatePair] = []
            var key = max(cursor ?? DuplicateScan.firstKey, DuplicateScan.firstKey)
            var blocksRead = 0
            while blocksRead < DuplicateScan.blocksPerPage {
                let blocks = try String.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT key FROM person_match_key WHERE key > ? AND key < ?
                            GROUP BY key HAVING count(*) > 1 ORDER BY key LIMIT 100
                            """), arguments: [key, DuplicateScan.pastLastKey])
                guard !blocks.isEmpty else { return DuplicatePage(pairs: pairs, next: nil) }
                let found = try duplicatePairs(inBlocks: blocks, in: db)
                for block in blocks {
                    key = block
                    blocksRead += 1
                    pairs += found[block] ?? []
                    if pairs.count >= limit { return DuplicatePage(pairs: pairs, next: key) }
                }
            }
            return DuplicatePage(pairs: pairs, next: key)
        }
    }

    /// The likely pairs of each block, read together: the first ``DuplicateScan/blockLimit`` people of each.
    private func duplicatePairs(inBlocks blocks: [String], in db: Database) throws -> [String: [DuplicatePair]] {
        let marks = Array(repeating: "?", count: blocks.count).joined(separator: ", ")
        var members: [String: [IndexedPerson]] = [:]
        var everyone: Set<IndexedPerson> = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT key, family_id, person_id FROM (
                    SELECT key, family_id, person_id,
                        row_number() OVER (PARTITION BY key ORDER BY family_id, person_id) AS place
                    FROM person_match_key WHERE key IN (\(marks)))
                WHERE place <= \(DuplicateScan.blockLimit)
                """, arguments: StatementArguments(blocks))
        {
            let person = IndexedPerson(family: FamilyID(row[1] as String), person: PersonID(row[2] as String))
            members[row[0], default: []].append(person)
            everyone.insert(person)
        }
        let (sql, arguments) = Self.candidateStatement(everyone.sorted())
        var candidates: [IndexedPerson: (MatchCandidate, Row)] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let candidate = try db.matchCandidate(from: row)
            candidates[IndexedPerson(family: candidate.familyID, person: candidate.personID)] = (candidate, row)
        }
        var found: [String: [DuplicatePair]] = [:]
        for (block, people) in members {
            let blockPeople = people.compactMap { candidates[$0]?.0 }
            found[block] = try DuplicateScan.pairs(in: blockPeople, key: block).map { first, second, reasons in
                let firstRow = candidates[IndexedPerson(family: first.familyID, person: first.personID)]!.1
                let secondRow = candidates[IndexedPerson(family: second.familyID, person: second.personID)]!.1
                return DuplicatePair(
                    first: try Self.listed(first, row: firstRow, reasons: []),
                    second: try Self.listed(second, row: secondRow, reasons: reasons), reasons: reasons)
            }
        }
        return found
    }

    /// A candidate as a list shows it, with its family's summary columns.
    private static func listed(_ candidate: MatchCandidate, row: Row, reasons: [MatchReason]) throws -> PersonMatch {
        PersonMatch(
            familyID: candidate.familyID, familyName: candidate.familyName, personID: candidate.personID,
            personName: candidate.fullName, dateOfBirth: candidate.dateOfBirth, postcode: candidate.postcode,
            score: 0, reasons: reasons,
            openServices: try StoredValue.strings(row.value("open_services")).map(ServiceID.init(rawValue:)),
            leadProfessional: try row.optionalValue("lead_professional"),
            highestLevel: try row.optionalChoice("highest_level"), isOpen: try row.flag("is_open"))
    }
}
