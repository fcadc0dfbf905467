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
    /// primary key finds the next blocks holding two people or more, then each block is read by its key.
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
                for block in blocks {
                    key = block
                    blocksRead += 1
                    pairs += try duplicatePairs(inBlock: block, in: db)
                    if pairs.count >= limit { return DuplicatePage(pairs: pairs, next: key) }
                }
            }
            return DuplicatePage(pairs: pairs, next: key)
        }
    }

    private func duplicatePairs(inBlock key: String, in db: Database) throws -> [DuplicatePair] {
        let people = try Row.fetchAll(
            db.cachedStatement(
                sql:
                    "SELECT family_id, person_id FROM person_match_key WHERE key = ? ORDER BY family_id, person_id LIMIT ?"
            ), arguments: [key, DuplicateScan.blockLimit]
        ).map { IndexedPerson(family: FamilyID($0[0] as String), person: PersonID($0[1] as String)) }
        let (sql, arguments) = Self.candidateStatement(people)
        var candidates: [MatchCandidate] = []
        var rows: [PersonID: Row] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let candidate = try db.matchCandidate(from: row)
            candidates.append(candidate)
            rows[candidate.personID] = row
        }
        return try DuplicateScan.pairs(in: candidates, key: key).map { first, second, reasons in
            DuplicatePair(
                first: try Self.listed(first, row: rows[first.personID]!, reasons: []),
                second: try Self.listed(second, row: rows[second.personID]!, reasons: reasons), reasons: reasons)
        }
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
