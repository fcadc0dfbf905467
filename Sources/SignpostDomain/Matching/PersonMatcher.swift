import Foundation

/// Scores how well a person fits what was typed, and says why.
///
/// Each typed name word is compared with every name of the person (first
/// names, surname, also-known-as, the household's name) and counts for its
/// best agreement: exact, the same without accents, a near spelling, the same
/// sound (Double Metaphone), or the start of the name as it is typed. A date
/// of birth adds by how many parts agree and subtracts when one contradicts;
/// a postcode likewise. The order typed does not matter, but a surname typed
/// first is noted as "first and last name swapped".
///
/// ```swift
/// let query = MatchQuery("muhammad marchbank")
/// if let match = PersonMatcher.score(query, candidate) {
///     match.score    // higher is better
///     match.reasons  // [first name sounds like, surname matches]
/// }
/// ```
public enum PersonMatcher {
    /// The score of `candidate` for `query`, or nil when nothing typed agrees with them.
    public static func score(_ query: MatchQuery, _ candidate: MatchCandidate) -> MatchScore? {
        score(PreparedQuery(query), PreparedCandidate(candidate))
    }

    /// The candidates that match `query`, best first, at most `limit` of them.
    ///
    /// Ties are broken by family id, then person id, so every store gives the same order.
    public static func rank(_ query: MatchQuery, among candidates: [MatchCandidate], limit: Int) -> [RankedMatch] {
        guard !query.isEmpty, limit > 0 else { return [] }
        let prepared = PreparedQuery(query)
        var ranked: [RankedMatch] = []
        // Family members share a surname and household name: each word's sound is worked out once.
        var sounds: [String: PhoneticKeys] = [:]
        for candidate in candidates {
            guard let score = score(prepared, PreparedCandidate(candidate, sounds: &sounds)) else { continue }
            ranked.append(
                RankedMatch(
                    candidate: candidate, score: score.score, reasons: score.reasons,
                    unmatchedWords: score.unmatchedWords))
        }
        ranked.sort(by: RankedMatch.isBetter)
        return Array(ranked.prefix(limit))
    }

    /// People among `candidates` who look like the same person as `newPerson`, best first.
    ///
    /// For the warning shown before a new person is saved; see
    /// ``isLikelySamePerson(_:newPersonHasDateOfBirth:)`` for when a candidate
    /// counts. The new person's own record (same id) is never a duplicate.
    ///
    /// - Parameters:
    ///   - newPerson: The person about to be added.
    ///   - postcode: The postcode of the family they are being added to, when known.
    ///   - candidates: People already recorded (from ``MatchQuery/init(lookingFor:postcode:)`` through a store).
    public static func possibleDuplicates(
        of newPerson: Person, postcode: String? = nil, among candidates: [MatchCandidate]
    ) -> [RankedMatch] {
        let query = MatchQuery(lookingFor: newPerson, postcode: postcode)
        let others = candidates.filter { $0.personID != newPerson.id }
        return rank(query, among: others, limit: others.count).filter {
            isLikelySamePerson($0.reasons, newPersonHasDateOfBirth: newPerson.dateOfBirth != nil)
        }
    }

    /// True when a match's reasons say it is probably the same person, not a namesake or a twin.
    ///
    /// The first name must agree (even only as its start: "Tobi" for
    /// "Tobias"), and so must either the surname or an also-known-as (at least
    /// by sound) or the whole date of birth, which finds someone whose surname
    /// has changed. Twins share a surname and a birthday but not a first name,
    /// so they are not flagged; a date of birth that contradicts rules a match out.
    public static func isLikelySamePerson(_ reasons: [MatchReason], newPersonHasDateOfBirth: Bool) -> Bool {
        if newPersonHasDateOfBirth && reasons.contains(.dateOfBirthDiffers) { return false }
        var firstName = false
        var surname = false
        for case .name(let field, let agreement) in reasons {
            if field == .firstName { firstName = true } else if agreement <= .soundsLike { surname = true }
        }
        return firstName && (surname || reasons.contains(.dateOfBirth([.day, .month, .year])))
    }

    // MARK: Scoring

    /// The weight of a typed name word's agreement.
    static func weight(_ agreement: NameAgreement, typed: String, name: String) -> Double {
        switch agreement {
        case .exact, .withoutAccents: return 1.0
        case .spelling: return 0.85
        case .soundsLike: return 0.8
        case .beginsWith:
            // "qu" says less than "quillfe": more of the name typed, more weight.
            let typedShare = min(1.0, Double(typed.count) / Double(max(name.count, 1)))
            // Four or more letters typed exactly are a name being typed, and outrank a whole
            // different name one letter away ("zelo" is Zelola half typed more likely than Zilo).
            guard typed.count >= 4, name.hasPrefix(typed) else { return 0.45 + 0.4 * typedShare }
            return 0.86 + 0.1 * typedShare
        }
    }

    static func score(_ query: PreparedQuery, _ candidate: PreparedCandidate) -> MatchScore? {
        var total = 0.0
        var reasons: [MatchReason] = []
        var evidence = false
        var fieldsByWord: [NameField?] = []
        var unmatchedWords = 0
        for (index, word) in query.words.enumerated() {
            var best: (weight: Double, field: NameField, agreement: NameAgreement)?
            for name in candidate.names {
                guard let agreement = agreement(word, name, typedAccented: query.hasAccents[index]) else { continue }
                let weight = self.weight(agreement, typed: word.text, name: name.text) * name.field.weight
                if best == nil || weight > best!.weight { best = (weight, name.field, agreement) }
            }
            if let best {
                total += best.weight
                evidence = true
                let reason = MatchReason.name(best.field, best.agreement)
                if !reasons.contains(reason) { reasons.append(reason) }
                fieldsByWord.append(best.field)
            } else {
                // A typed word that fits none of the person's names counts against them.
                total -= 0.6
                unmatchedWords += 1
                fieldsByWord.append(nil)
            }
        }
        if let first = fieldsByWord.firstIndex(where: { $0 != nil }),
            fieldsByWord[first] == .surname || fieldsByWord[first] == .familyName,
            fieldsByWord[(first + 1)...].contains(.firstName)
        {
            reasons.append(.namesSwapped)
            // Slightly below the same names in the usual order.
            total -= 0.05
        }
        if let date = query.query.dateOfBirth {
            switch candidate.candidate.dateOfBirth.map(date.agreement(with:)) {
            case .matches(let parts)?:
                total += parts.reduce(0.0) { $0 + ($1 == .year ? 0.5 : 0.6) }
                evidence = true
                reasons.append(.dateOfBirth(parts))
            case .contradicts?:
                total -= 1.0
                reasons.append(.dateOfBirthDiffers)
            case nil:
                total -= 0.3
                reasons.append(.dateOfBirthDiffers)
            }
        }
        if let typed = query.postcode, !typed.isEmpty {
            let postcode = candidate.postcode
            if postcode == typed {
                total += 1.0
                evidence = true
                reasons.append(.postcode(whole: true))
            } else if postcode.hasPrefix(typed)
                && (typed.count >= candidate.outwardCode.count ? true : candidate.outwardCode == typed)
            {
                total += 0.5
                evidence = true
                reasons.append(.postcode(whole: false))
            } else {
                total -= 0.4
                reasons.append(.postcodeDiffers)
            }
        }
        guard evidence, total > 0 else { return nil }
        // Rounded so that every store, whatever order it adds in, gives the same score.
        return MatchScore(score: (total * 1000).rounded() / 1000, reasons: reasons, unmatchedWords: unmatchedWords)
    }

    /// How a typed word agrees with one name word, if at all.
    static func agreement(_ word: PreparedWord, _ name: PreparedName, typedAccented: Bool) -> NameAgreement? {
        if word.text == name.text {
            return name.hasAccents && !typedAccented ? .withoutAccents : .exact
        }
        let length = word.text.count
        if length >= 4 {
            let allowed = length >= 8 ? 2 : 1
            if EditDistance.within(allowed, word.scalars, name.scalars) { return .spelling }
        }
        if length >= 3 && word.keys.soundsLike(name.keys) { return .soundsLike }
        if length >= 1 && name.text.hasPrefix(word.text) { return .beginsWith }
        // A misspelt start as it is typed ("quilf" for "quillfeather").
        if length >= 4 && name.scalars.count > length
            && EditDistance.within(1, word.scalars, Array(name.scalars.prefix(length)))
        {
            return .beginsWith
        }
        return nil
    }
}

/// A score and its reasons.
public struct MatchScore: Hashable, Sendable {
    /// Higher is better; comparable only between candidates for the same query.
    public var score: Double
    public var reasons: [MatchReason]
    /// Typed name words that fit none of the person's names (each counted against them).
    public var unmatchedWords: Int

    public init(score: Double, reasons: [MatchReason], unmatchedWords: Int = 0) {
        self.score = score
        self.reasons = reasons
        self.unmatchedWords = unmatchedWords
    }
}

/// A candidate with its score and reasons.
public struct RankedMatch: Hashable, Sendable {
    public var candidate: MatchCandidate
    public var score: Double
    public var reasons: [MatchReason]
    /// Typed name words that fit none of the candidate's names.
    public var unmatchedWords: Int

    public init(candidate: MatchCandidate, score: Double, reasons: [MatchReason], unmatchedWords: Int = 0) {
        self.candidate = candidate
        self.score = score
        self.reasons = reasons
        self.unmatchedWords = unmatchedWords
    }

    /// Best score first; ties by family id, then person id.
    public static func isBetter(_ lhs: RankedMatch, _ rhs: RankedMatch) -> Bool {
        if lhs.score != rhs.score { return lhs.score > rhs.score }
        if lhs.candidate.familyID != rhs.candidate.familyID { return lhs.candidate.familyID < rhs.candidate.familyID }
        return lhs.candidate.personID < rhs.candidate.personID
    }
}

extension NameField {
    /// How much a word agreeing with this field counts.
    var weight: Double {
        switch self {
        case .firstName, .surname: return 1.0
        case .alsoKnownAs: return 0.9
        case .familyName: return 0.8
        }
    }
}

// MARK: Prepared forms, computed once per query or candidate

struct PreparedWord {
    let text: String
    let scalars: [Unicode.Scalar]
    let keys: PhoneticKeys

    init(_ text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
        self.keys = DoubleMetaphone.keys(for: text)
    }
}

struct PreparedName {
    let field: NameField
    let text: String
    let scalars: [Unicode.Scalar]
    let keys: PhoneticKeys
    let hasAccents: Bool
}

struct PreparedQuery {
    let query: MatchQuery
    let words: [PreparedWord]
    let hasAccents: [Bool]
    let postcode: String?

    init(_ query: MatchQuery) {
        self.query = query
        self.words = query.nameWords.map(PreparedWord.init)
        self.hasAccents = query.nameWords.indices.map { index in
            index < query.typedWords.count && query.typedWords[index] != query.nameWords[index]
        }
        self.postcode = query.postcode.map(NameText.compactPostcode)
    }
}

struct PreparedCandidate {
    let candidate: MatchCandidate
    let names: [PreparedName]
    let postcode: String
    let outwardCode: String

    init(_ candidate: MatchCandidate) {
        var sounds: [String: PhoneticKeys] = [:]
        self.init(candidate, sounds: &sounds)
    }

    init(_ candidate: MatchCandidate, sounds: inout [String: PhoneticKeys]) {
        self.candidate = candidate
        var names: [PreparedName] = []
        func keys(_ word: String) -> PhoneticKeys {
            if let known = sounds[word] { return known }
            let computed = DoubleMetaphone.keys(for: word)
            sounds[word] = computed
            return computed
        }
        func add(_ name: String, as field: NameField) {
            let accented =
                !name.utf8.allSatisfy { $0 < 0x80 }
                && NameText.fold(name) != name.lowercased().filter { $0 != "'" && $0 != "’" }
            for word in NameText.nameKeys(name)
            where !names.contains(where: { $0.field == field && $0.text == word }) {
                names.append(
                    PreparedName(
                        field: field, text: word, scalars: Array(word.unicodeScalars),
                        keys: keys(word), hasAccents: accented))
            }
        }
        add(candidate.givenName, as: .firstName)
        add(candidate.surname, as: .surname)
        for alias in candidate.alsoKnownAs { add(alias, as: .alsoKnownAs) }
        if NameText.fold(candidate.familyName) != NameText.fold(candidate.surname) {
            add(candidate.familyName, as: .familyName)
        }
        self.names = names
        self.postcode = NameText.compactPostcode(candidate.postcode)
        self.outwardCode = NameText.outwardCode(candidate.postcode)
    }
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
enum EditDistance {
    /// True when `a` can be made into `b` with at most `limit` edits.
    static func within(_ limit: Int, _ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        guard abs(a.count - b.count) <= limit else { return false }
        return distance(a, b) <= limit
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
