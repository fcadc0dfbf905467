import Foundation
import SignpostDomain

/// How every store lists possible duplicates store-wide: by blocks of people who share a blocking key.
///
/// Comparing every person with every other is out of the question at 100,000
/// families, so people are compared only within a *block*: those who share a
/// name word and a birthday (the matcher's `qb:` keys, ``MatchKeys/nameAndBirthday(_:_:)``),
/// which two records of one person share whenever either name and the day and
/// month of birth agree. Blocks are read in key order from the match index, a
/// page at a time, so a page costs the blocks it reads, never the whole store.
/// Within a block each pair is checked with the front door's rule
/// (``PersonMatcher/isLikelySamePerson(_:newPersonHasDateOfBirth:)``): the first
/// name agrees, and the surname or the whole date of birth does. A pair that
/// shares several blocks is reported once, under the first.
///
/// People with no date of birth are in no block; the check when a person or a
/// family is added still finds them.
package enum DuplicateScan {
    /// Where blocks start in the match index, and a key past the last.
    package static let firstKey = MatchKeys.nameBirthday
    package static let pastLastKey = "qb;"
    /// People read from one block at most (a block this large is a common name on a common day).
    package static let blockLimit = 50
    /// Blocks read for one page at most, so a page's cost is bounded even when few blocks hold duplicates.
    package static let blocksPerPage = 1000

    /// The likely pairs in one block, each reported only under the first block key the two share.
    package static func pairs(in block: [MatchCandidate], key: String) -> [(
        MatchCandidate, MatchCandidate, [MatchReason]
    )] {
        let people = block.sorted { ($0.familyID, $0.personID) < ($1.familyID, $1.personID) }
        var found: [(MatchCandidate, MatchCandidate, [MatchReason])] = []
        let keys = people.map(blockKeys)
        for (index, first) in people.enumerated() {
            for (offset, second) in people[(index + 1)...].enumerated() where second.personID != first.personID {
                let shared = keys[index].intersection(keys[index + 1 + offset])
                guard shared.min() == key, let reasons = likelySame(first, second) else { continue }
                found.append((first, second, reasons))
            }
        }
        return found
    }

    /// The blocks a person is in: each of their name words with their day and month of birth, as the
    /// match index keys them (``MatchCandidate/indexKeys``), without working out every other key.
    package static func blockKeys(_ person: MatchCandidate) -> Set<String> {
        guard let born = person.dateOfBirth else { return [] }
        let monthAndDay = String(format: "%02d-%02d", born.month, born.day)
        var keys: Set<String> = []
        for name in [person.givenName, person.surname] + person.alsoKnownAs {
            for word in NameText.nameKeys(name) where word.count >= 2 {
                keys.insert(MatchKeys.nameAndBirthday(word, monthAndDay))
            }
        }
        return keys
    }

    /// The matcher's reasons when `second` is probably `first`, else nil.
    package static func likelySame(_ first: MatchCandidate, _ second: MatchCandidate) -> [MatchReason]? {
        var words = [first.givenName, first.surname]
        if let born = first.dateOfBirth { words.append(born.british) }
        let query = MatchQuery(words.joined(separator: " "))
        guard let ranked = PersonMatcher.rank(query, among: [second], limit: 1).first,
            PersonMatcher.isLikelySamePerson(ranked.reasons, newPersonHasDateOfBirth: first.dateOfBirth != nil)
        else { return nil }
        return ranked.reasons
    }
}

extension Family {
    /// This family's members paired with the people already recorded who look like them (the front door's
    /// check, ``CaseStore/possibleDuplicates(of:postcode:limit:)``), each pair once.
    ///
    /// ```swift
    /// for pair in try family.possibleDuplicatePairs(in: store, limit: 20) { print(pair.second.personName) }
    /// ```
    public func possibleDuplicatePairs(in store: any CaseStore, limit: Int) throws -> [DuplicatePair] {
        let summary = FamilySummary(of: self)
        var seen: Set<[PersonID]> = []
        var pairs: [DuplicatePair] = []
        for person in members where !person.isUnborn {
            let own = PersonMatch(
                RankedMatch(candidate: MatchCandidate(person: person, in: self), score: 0, reasons: []),
                summary: summary)
            for match in try store.possibleDuplicates(of: person, postcode: address.postcode, limit: 5) {
                guard seen.insert([person.id, match.personID].sorted()).inserted else { continue }
                pairs.append(DuplicatePair(first: own, second: match, reasons: match.reasons))
                if pairs.count >= limit { return pairs }
            }
        }
        return pairs
    }
}
