import Foundation
import SignpostDomain

/// A person found by ``CaseStore/matchPeople(_:limit:)``: who they are, why they matched, and what their family is open to.
///
/// Everything the front door's "who is it about" list shows on one line, so
/// picking a match needs no further read.
public struct PersonMatch: Hashable, Sendable {
    public var familyID: FamilyID
    public var familyName: String
    public var personID: PersonID
    /// "Given Surname".
    public var personName: String
    public var dateOfBirth: CalendarDate?
    public var postcode: String
    /// Higher is better; comparable only within one query's results.
    public var score: Double
    public var reasons: [MatchReason]
    /// Services the family is open to now (from its case-list summary).
    public var openServices: [ServiceID]
    public var leadProfessional: String?
    public var highestLevel: NeedLevel?
    public var isOpen: Bool

    public init(
        familyID: FamilyID, familyName: String, personID: PersonID, personName: String, dateOfBirth: CalendarDate?,
        postcode: String, score: Double, reasons: [MatchReason], openServices: [ServiceID],
        leadProfessional: String?, highestLevel: NeedLevel?, isOpen: Bool
    ) {
        self.familyID = familyID
        self.familyName = familyName
        self.personID = personID
        self.personName = personName
        self.dateOfBirth = dateOfBirth
        self.postcode = postcode
        self.score = score
        self.reasons = reasons
        self.openServices = openServices
        self.leadProfessional = leadProfessional
        self.highestLevel = highestLevel
        self.isOpen = isOpen
    }

    /// A ranked candidate with the case-list summary of its family.
    public init(_ match: RankedMatch, summary: FamilySummary) {
        self.init(
            familyID: match.candidate.familyID, familyName: match.candidate.familyName,
            personID: match.candidate.personID, personName: match.candidate.fullName,
            dateOfBirth: match.candidate.dateOfBirth, postcode: match.candidate.postcode, score: match.score,
            reasons: match.reasons, openServices: summary.openServices, leadProfessional: summary.leadProfessional,
            highestLevel: summary.highestLevel, isOpen: summary.isOpen)
    }

    /// The reasons joined for a status line ("first name sounds like, surname matches").
    public var reasonText: String { reasons.map(\.description).joined(separator: ", ") }
}

/// How every store narrows a query to the few people it scores, so that all stores find the same people.
///
/// Candidates come only from index lookups (``MatchQuery/lookups``): each
/// lookup reads at most ``rowsPerLookup`` index rows in key order, the people
/// hit are ranked first by how many distinct parts of the query they hit by
/// spelling or near spelling, then by how many they hit at all (by sound, date
/// of birth or postcode too), so that "Zelola" is not crowded out by the
/// thousands who merely sound like it; at most ``candidateLimit`` are scored.
package enum MatchSelection {
    /// Index rows one lookup may read: bounds the work of a very common key (a one-letter prefix, "Zoe").
    package static let rowsPerLookup = 500
    /// People scored at most per query.
    package static let candidateLimit = 150

    /// One index row: a key and the person it belongs to.
    package struct IndexRow: Comparable {
        package var key: String
        package var family: FamilyID
        package var person: PersonID

        package init(key: String, family: FamilyID, person: PersonID) {
            self.key = key
            self.family = family
            self.person = person
        }

        package static func < (lhs: IndexRow, rhs: IndexRow) -> Bool {
            (lhs.key, lhs.family.rawValue, lhs.person.rawValue) < (rhs.key, rhs.family.rawValue, rhs.person.rawValue)
        }
    }

    /// The people to score, given every index row, most query parts hit first, then by family and person id.
    ///
    /// The in-memory store passes every row it holds; the SQLite store does the same work in SQL.
    package static func candidates(_ lookups: [MatchLookup], rows: [IndexRow]) -> [(family: FamilyID, person: PersonID)]
    {
        var terms: [String: (family: FamilyID, person: PersonID, terms: Set<Int>, spelled: Set<Int>)] = [:]
        for lookup in lookups {
            let hit = rows.filter { lookup.matches($0.key) }.sorted().prefix(rowsPerLookup)
            for row in hit {
                let id = row.family.rawValue + "\u{0}" + row.person.rawValue
                terms[id, default: (row.family, row.person, [], [])].terms.insert(lookup.term)
                if lookup.isSpelling { terms[id]!.spelled.insert(lookup.term) }
            }
        }
        return terms.values.sorted { lhs, rhs in
            if lhs.spelled.count != rhs.spelled.count { return lhs.spelled.count > rhs.spelled.count }
            if lhs.terms.count != rhs.terms.count { return lhs.terms.count > rhs.terms.count }
            if lhs.family != rhs.family { return lhs.family < rhs.family }
            return lhs.person < rhs.person
        }
        .prefix(candidateLimit).map { ($0.family, $0.person) }
    }
}

extension CaseStore {
    /// People already recorded who look like `newPerson`, for the warning before they are saved.
    ///
    /// The store's matcher finds candidates by the new person's names, date of
    /// birth and the family's postcode; ``PersonMatcher/isLikelySamePerson(_:newPersonHasDateOfBirth:)``
    /// keeps those that are probably the same person. The new person's own id is never reported.
    ///
    /// ```swift
    /// let existing = try store.possibleDuplicates(of: newPerson, postcode: family.address.postcode)
    /// if !existing.isEmpty { /* warn: "looks like Siobhan Marchbank-Oddly (F-0002)" */ }
    /// ```
    public func possibleDuplicates(of newPerson: Person, postcode: String? = nil, limit: Int = 5) throws
        -> [PersonMatch]
    {
        let query = MatchQuery(lookingFor: newPerson, postcode: postcode)
        let hasDate = newPerson.dateOfBirth != nil
        return Array(
            try matchPeople(query, limit: max(limit, 0) + 20).filter {
                $0.personID != newPerson.id
                    && PersonMatcher.isLikelySamePerson($0.reasons, newPersonHasDateOfBirth: hasDate)
            }
            .prefix(max(limit, 0)))
    }
}
