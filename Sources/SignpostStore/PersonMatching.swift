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
    /// Typed name words that fit none of this person's names (0 when every word agrees with one).
    public var unmatchedWords = 0

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
        unmatchedWords = match.unmatchedWords
    }

    /// The reasons joined for a status line ("first name sounds like, surname matches").
    public var reasonText: String { reasons.map(\.description).joined(separator: ", ") }
}

/// One person in a store's match index: the family and the person's id.
package struct IndexedPerson: Hashable, Comparable, Sendable {
    package var family: FamilyID
    package var person: PersonID

    package init(family: FamilyID, person: PersonID) {
        self.family = family
        self.person = person
    }

    package static func < (lhs: IndexedPerson, rhs: IndexedPerson) -> Bool {
        (lhs.family.rawValue, lhs.person.rawValue) < (rhs.family.rawValue, rhs.person.rawValue)
    }
}

/// What a store's index of match keys answers, so that ``MatchSelection`` can choose candidates the same way in every store.
///
/// Each answer is exact and in a fixed order, so two stores holding the same
/// people choose the same candidates.
package protocol MatchKeyIndex {
    /// How many index rows `lookup` hits, counting no further than `cap` (a common key is not counted to its end).
    func rowCount(_ lookup: MatchLookup, upTo cap: Int) throws -> Int
    /// The people of the first `limit` index rows `lookup` hits, in key order, then family and person id.
    func people(hitBy lookup: MatchLookup, limit: Int) throws -> [IndexedPerson]
    /// Which of `people` `lookup` hits: one index probe per person, whatever the size of the store.
    func people(_ people: [IndexedPerson], hitBy lookup: MatchLookup) throws -> Set<IndexedPerson>
    /// ``MatchSelection/sampled(_:in:)``: a store may answer it in one statement, with the same result.
    func sampledCandidates(_ lookups: [MatchLookup]) throws -> [IndexedPerson]
}

extension MatchKeyIndex {
    package func sampledCandidates(_ lookups: [MatchLookup]) throws -> [IndexedPerson] {
        try MatchSelection.sampled(lookups, in: self)
    }
}

/// How every store narrows a query to the few people it scores, so that all stores find the same people.
///
/// Candidates come only from index lookups (``MatchQuery/lookups``), never
/// from reading every person. Each part of the query (a name word, the date
/// of birth, the postcode) is a *term*; people are ranked by how many distinct
/// terms they hit by spelling or near spelling, then by how many they hit at
/// all, and at most ``candidateLimit`` are scored. Which people are read:
///
/// 1. When two parts of the query together name someone (a pair key: two name
///    words, or a name word and the birthday), or the query has one part
///    only, each lookup reads its first ``rowsPerLookup`` rows in key order. A
///    pair names few people, so whoever has the whole name typed, or the
///    surname and birthday, is read whatever the size of the store, and
///    ranks first for hitting two terms at once.
/// 2. Otherwise (a part misspelt or heard wrong) the rarest part, by its
///    spelling, near spellings, date or postcode, is read whole when it names
///    at most ``completeLimit`` index rows (with the second rarest too when the
///    query has three parts or more, so one wrong part cannot hide someone),
///    and each of those people is checked against every lookup: fetched when
///    the lookup is rare, probed person by person when it is common. Ties are
///    broken by where people came in the rarest part's key order.
/// 3. When every part is common (a short prefix, a district), as in 1.
package enum MatchSelection {
    /// Index rows a driving term may have and still be read whole.
    package static let completeLimit = 1000
    /// Index rows one lookup reads when sampling: bounds the work of a one- or two-letter prefix.
    package static let rowsPerLookup = 300
    /// People scored at most per query.
    package static let candidateLimit = 40

    /// The people to score for `lookups`, best first, as every store chooses them.
    package static func candidates(_ lookups: [MatchLookup], in index: some MatchKeyIndex) throws -> [IndexedPerson] {
        guard !lookups.isEmpty else { return [] }
        let terms = Dictionary(grouping: lookups.filter { !$0.isPair }, by: \.term)
        guard terms.count >= 2 else { return try index.sampledCandidates(lookups) }
        for pair in lookups where pair.isPair {
            if try index.rowCount(pair, upTo: 1) > 0 { return try index.sampledCandidates(lookups) }
        }
        var counts: [MatchLookup: Int] = [:]
        for lookup in lookups where !lookup.isPair {
            counts[lookup] = try index.rowCount(lookup, upTo: completeLimit + 1)
        }
        let drivers = terms.map { term, lookups in
            let driving = lookups.filter(\.drives)
            return (term: term, lookups: driving, rows: driving.reduce(0) { $0 + counts[$1]! })
        }
        .filter { $0.rows > 0 }
        .sorted { ($0.rows, $0.term) < ($1.rows, $1.term) }
        guard let rarest = drivers.first, rarest.rows <= completeLimit else {
            return try index.sampledCandidates(lookups)
        }

        var chosen = [rarest]
        if terms.count >= 3, drivers.count >= 2, rarest.rows + drivers[1].rows <= completeLimit {
            chosen.append(drivers[1])
        }
        var fetched: [MatchLookup: [IndexedPerson]] = [:]
        var people: Set<IndexedPerson> = []
        var tally = Tally()
        for lookup in chosen.flatMap(\.lookups) {
            let hit = try index.people(hitBy: lookup, limit: completeLimit)
            fetched[lookup] = hit
            people.formUnion(hit)
            tally.arrive(hit)
        }
        let ordered = people.sorted()
        for lookup in lookups where !lookup.isPair {
            let hit: [IndexedPerson]
            if let known = fetched[lookup] {
                hit = known
            } else if counts[lookup]! <= completeLimit {
                hit = try index.people(hitBy: lookup, limit: completeLimit).filter(people.contains)
            } else {
                hit = Array(try index.people(ordered, hitBy: lookup))
            }
            tally.add(hit, for: lookup)
        }
        return tally.best(candidateLimit)
    }

    /// Candidates from each lookup's first ``rowsPerLookup`` rows, ranked by terms hit, then family and person id.
    package static func sampled(_ lookups: [MatchLookup], in index: some MatchKeyIndex) throws -> [IndexedPerson] {
        var tally = Tally()
        for lookup in lookups { tally.add(try index.people(hitBy: lookup, limit: rowsPerLookup), for: lookup) }
        return tally.best(candidateLimit)
    }

    /// Which terms each person hit, by spelling and at all.
    private struct Tally {
        var hits: [IndexedPerson: (terms: Set<Int>, spelled: Set<Int>)] = [:]
        /// Where each person first came in the driving lookups' rows, in key order: an exact
        /// spelling ("n:amir") sorts before the longer names it begins ("n:amira"), so among people
        /// who hit as many terms, those come first. Without it, family and person id decide.
        var arrival: [IndexedPerson: Int] = [:]

        mutating func arrive(_ people: [IndexedPerson]) {
            for person in people where arrival[person] == nil { arrival[person] = arrival.count }
        }

        mutating func add(_ people: [IndexedPerson], for lookup: MatchLookup) {
            let terms = lookup.terms
            let spelled = lookup.spelledTerms
            for person in people {
                hits[person, default: ([], [])].terms.formUnion(terms)
                if !spelled.isEmpty { hits[person]!.spelled.formUnion(spelled) }
            }
        }

        func best(_ limit: Int) -> [IndexedPerson] {
            hits.map { person, hit in
                (
                    person: person, spelled: hit.spelled.count, terms: hit.terms.count,
                    arrival: arrival[person] ?? Int.max
                )
            }
            .sorted { lhs, rhs in
                if lhs.spelled != rhs.spelled { return lhs.spelled > rhs.spelled }
                if lhs.terms != rhs.terms { return lhs.terms > rhs.terms }
                if lhs.arrival != rhs.arrival { return lhs.arrival < rhs.arrival }
                return lhs.person < rhs.person
            }
            .prefix(limit).map(\.person)
        }
    }
}

/// A match index over rows held in memory, sorted once: the in-memory store's, and a reference for tests.
package struct SortedMatchKeyIndex: MatchKeyIndex {
    /// One index row: a key and the person it belongs to.
    package struct Row: Comparable {
        package var key: String
        package var person: IndexedPerson

        package init(key: String, person: IndexedPerson) {
            self.key = key
            self.person = person
        }

        package static func < (lhs: Row, rhs: Row) -> Bool {
            (lhs.key, lhs.person) < (rhs.key, rhs.person)
        }
    }

    private let rows: [Row]
    private let keysByPerson: [IndexedPerson: [String]]

    package init(_ rows: [Row]) {
        self.rows = rows.sorted()
        self.keysByPerson = Dictionary(grouping: rows, by: \.person).mapValues { $0.map(\.key) }
    }

    /// True when some key begins with `prefix`.
    package func hasKey(beginning prefix: String) -> Bool {
        let start = firstIndex(atLeast: prefix)
        return start < rows.count && rows[start].key.hasPrefix(prefix)
    }

    package func rowCount(_ lookup: MatchLookup, upTo cap: Int) throws -> Int {
        min(cap, matching(lookup).count)
    }

    package func people(hitBy lookup: MatchLookup, limit: Int) throws -> [IndexedPerson] {
        matching(lookup).prefix(limit).map(\.person)
    }

    package func people(_ people: [IndexedPerson], hitBy lookup: MatchLookup) throws -> Set<IndexedPerson> {
        Set(people.filter { person in (keysByPerson[person] ?? []).contains(where: lookup.matches) })
    }

    private func matching(_ lookup: MatchLookup) -> [Row] {
        // Every key a lookup matches begins with its key, so they are together in key order.
        let start = firstIndex(atLeast: lookup.key)
        var end = start
        while end < rows.count && rows[end].key.hasPrefix(lookup.key) { end += 1 }
        return rows[start..<end].filter { lookup.matches($0.key) }
    }

    /// The first row whose key is not before `key` (binary search).
    private func firstIndex(atLeast key: String) -> Int {
        var low = 0
        var high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if rows[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
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
