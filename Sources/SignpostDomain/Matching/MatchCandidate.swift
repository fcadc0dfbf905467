import Foundation

/// One person as the matcher sees them: names, date of birth, and their family's name and postcode.
///
/// ```swift
/// let candidate = MatchCandidate(person: ava, in: family)
/// ```
public struct MatchCandidate: Hashable, Sendable {
    public var familyID: FamilyID
    /// The household's name ("Marchbank-Oddly").
    public var familyName: String
    public var personID: PersonID
    public var givenName: String
    /// The person's own family name, which may differ from the household's.
    public var surname: String
    public var alsoKnownAs: [String]
    public var dateOfBirth: CalendarDate?
    public var postcode: String

    public init(
        familyID: FamilyID, familyName: String, personID: PersonID, givenName: String, surname: String,
        alsoKnownAs: [String] = [], dateOfBirth: CalendarDate? = nil, postcode: String = ""
    ) {
        self.familyID = familyID
        self.familyName = familyName
        self.personID = personID
        self.givenName = givenName
        self.surname = surname
        self.alsoKnownAs = alsoKnownAs
        self.dateOfBirth = dateOfBirth
        self.postcode = postcode
    }

    /// `person` as a member of `family`.
    public init(person: Person, in family: Family) {
        self.init(
            familyID: family.id, familyName: family.name, personID: person.id, givenName: person.givenName,
            surname: person.familyName, alsoKnownAs: person.alsoKnownAs, dateOfBirth: person.dateOfBirth,
            postcode: family.address.postcode)
    }

    /// "Given Surname".
    public var fullName: String { [givenName, surname].filter { !$0.isEmpty }.joined(separator: " ") }

    /// The keys a store indexes this person under, so that a query's ``MatchQuery/lookups`` find them.
    ///
    /// Every name word (given names, surname, also-known-as, each with a
    /// double-barrelled or two-part name also run together) gives its folded
    /// spelling (`n:marchbank`) and its Double Metaphone keys (`p:MRXP`), and
    /// each word of four to twelve letters itself and with any one letter left
    /// out (`d:zelola`, `d:elola`, `d:zlola`…), which finds one-letter slips
    /// that change a name's sound; the
    /// date of birth gives the whole date and its day-and-month, month-and-year
    /// and year (`b:2022-03-14`, `bd:03-14`, `bm:2022-03`, `by:2022`); the
    /// postcode gives its compact form (`c:N78ZZ`).
    ///
    /// Pairs make a whole name, or a name and a birthday, one key, so that a
    /// person is found in one index seek however many others share each part:
    /// every two of the person's name words in either order (`q:zelola morfli`,
    /// `q:morfli zelola`), and each name word with the month and day of birth
    /// (`qb:morfli 08-06`).
    public var indexKeys: Set<String> {
        var keys: Set<String> = []
        var nameWords: [String] = []
        for name in [givenName, surname] + alsoKnownAs {
            for word in NameText.nameKeys(name) {
                keys.insert(MatchKeys.spelling + word)
                for key in DoubleMetaphone.keys(for: word).all { keys.insert(MatchKeys.sound + key) }
                if word.count >= 2 && !nameWords.contains(word) { nameWords.append(word) }
            }
            for word in NameText.words(name) {
                for variant in MatchKeys.singleDeletions(of: word) { keys.insert(MatchKeys.nearSpelling + variant) }
            }
        }
        for first in nameWords {
            for second in nameWords where second != first { keys.insert(MatchKeys.pair(first, second)) }
        }
        if let born = dateOfBirth {
            let monthAndDay = String(format: "%02d-%02d", born.month, born.day)
            keys.insert(MatchKeys.birth + born.iso)
            keys.insert(MatchKeys.birthDayMonth + monthAndDay)
            keys.insert(MatchKeys.birthMonthYear + String(format: "%04d-%02d", born.year, born.month))
            keys.insert(MatchKeys.birthYear + String(format: "%04d", born.year))
            for word in nameWords { keys.insert(MatchKeys.nameAndBirthday(word, monthAndDay)) }
        }
        let postcode = NameText.compactPostcode(postcode)
        if !postcode.isEmpty { keys.insert(MatchKeys.postcode + postcode) }
        return keys
    }
}

/// The prefixes of index keys, one per kind of key.
public enum MatchKeys {
    public static let spelling = "n:"
    /// A word of four to twelve letters, and the word with any one letter left out.
    public static let nearSpelling = "d:"
    public static let sound = "p:"
    public static let birth = "b:"
    public static let birthDayMonth = "bd:"
    public static let birthMonthYear = "bm:"
    public static let birthYear = "by:"
    public static let postcode = "c:"
    /// Two name words of one person, in either order: `q:zelola morfli`.
    public static let namePair = "q:"
    /// A name word and the month and day of birth: `qb:morfli 08-06`.
    public static let nameBirthday = "qb:"

    /// The key of two name words of one person (in a lookup, the second may be the start of one).
    public static func pair(_ first: String, _ second: String) -> String { namePair + first + " " + second }

    /// The key of a name word and a month and day of birth (`MM-DD`).
    public static func nameAndBirthday(_ word: String, _ monthAndDay: String) -> String {
        nameBirthday + word + " " + monthAndDay
    }

    /// True for the kinds of key schema version 7 added to those already indexed: the pairs.
    public static func isPair(_ key: String) -> Bool { key.hasPrefix(namePair) || key.hasPrefix(nameBirthday) }
}

extension MatchKeys {
    /// `word` and every way of leaving one letter out of it, for words of four to twelve letters.
    ///
    /// Two words are one letter apart (a letter wrong, missing, extra, or two
    /// neighbours swapped) exactly when these sets share a member, so an
    /// index of them finds "Zeola" for "Zelola" without comparing every name.
    /// Longer words are left to their sound: a slip rarely changes its first four sounds.
    public static func singleDeletions(of word: String) -> [String] {
        let letters = Array(word)
        guard (4...12).contains(letters.count) else { return [] }
        var variants = [word]
        for index in letters.indices {
            var shorter = letters
            shorter.remove(at: index)
            let variant = String(shorter)
            if !variants.contains(variant) { variants.append(variant) }
        }
        return variants
    }
}

/// One index lookup a query needs: a key, or the start of keys, and which part of the query it serves.
///
/// A store finds candidates by these lookups only (so it never scans every
/// person), and ranks candidates first by how many distinct ``term``s they hit.
public struct MatchLookup: Hashable, Sendable {
    public var key: String
    /// True when every key that starts with ``key`` matches.
    public var isPrefix: Bool
    /// Which part of the query: the index of a name word, or a number after them for the date and postcode.
    public var term: Int
    /// For a pair (``MatchKeys/namePair``, ``MatchKeys/nameBirthday``), the other part of the query it serves.
    public var pairedTerm: Int?

    /// For a prefix, the longest key it matches (in characters), when longer keys must not match.
    ///
    /// An outward code ("N1") matches the postcodes of that district ("N1 1ZZ")
    /// and not of the districts it begins ("N10 1ZZ", "N19 3AB"), as the scorer
    /// reads it: a compact postcode is the outward code and three more characters.
    public var longest: Int?

    public init(key: String, isPrefix: Bool, term: Int, pairedTerm: Int? = nil, longest: Int? = nil) {
        self.key = key
        self.isPrefix = isPrefix
        self.term = term
        self.pairedTerm = pairedTerm
        self.longest = longest
    }

    /// The parts of the query a hit on this lookup agrees with: its term, and for a pair the other one too.
    public var terms: [Int] { [term] + (pairedTerm.map { [$0] } ?? []) }

    /// True for a lookup of two parts of the query at once.
    public var isPair: Bool { pairedTerm != nil }

    /// True for a lookup by a name's spelling or near spelling (as opposed to its sound, a date or a postcode).
    public var isSpelling: Bool {
        key.hasPrefix(MatchKeys.spelling) || key.hasPrefix(MatchKeys.nearSpelling) || MatchKeys.isPair(key)
    }

    /// The terms a hit agrees with by spelling: both words of a name pair, the name word of a name and birthday.
    public var spelledTerms: [Int] {
        guard isSpelling else { return [] }
        return key.hasPrefix(MatchKeys.namePair) ? terms : [term]
    }

    /// True for a lookup by what was typed itself (a spelling, a date, a postcode) rather than by a name's sound.
    ///
    /// A store reads such lookups whole when they are rare enough, to find
    /// every person a query could be about; sounds only add to the evidence.
    public var drives: Bool { !key.hasPrefix(MatchKeys.sound) }

    /// True when an index key satisfies this lookup.
    public func matches(_ indexKey: String) -> Bool {
        guard isPrefix else { return indexKey == key }
        return indexKey.hasPrefix(key) && (longest.map { indexKey.count <= $0 } ?? true)
    }
}

extension MatchQuery {
    /// The index lookups that find every person this query could match, near spellings included for every word.
    public var lookups: [MatchLookup] { lookups(beginsAName: { _ in false }) }

    /// The index lookups that find every person this query could match.
    ///
    /// A name word of two letters or more is looked up as the start of a
    /// folded name word; one of three letters or more also by its sound. A
    /// word of four to twelve letters that begins no name in the store (a
    /// slip, not a name being typed) is also looked up by its near spellings;
    /// asking first keeps a correctly spelt common name from reading its
    /// namesakes again through every one-letter variant. The date of birth is
    /// looked up by its most specific known parts; the postcode as the start
    /// of a compact postcode.
    ///
    /// - Parameter beginsAName: Whether any index key starts with the given
    ///   spelling key (`n:zelo`); a store answers it with one index seek.
    public func lookups(beginsAName: (String) throws -> Bool) rethrows -> [MatchLookup] {
        var lookups: [MatchLookup] = []
        for (term, word) in nameWords.enumerated() where word.count >= 2 {
            let spelling = MatchKeys.spelling + word
            lookups.append(MatchLookup(key: spelling, isPrefix: true, term: term))
            guard word.count >= 3 else { continue }
            for key in DoubleMetaphone.keys(for: word).all {
                lookups.append(MatchLookup(key: MatchKeys.sound + key, isPrefix: false, term: term))
            }
            let variants = MatchKeys.singleDeletions(of: word)
            guard !variants.isEmpty, try !beginsAName(spelling) else { continue }
            for variant in variants {
                lookups.append(MatchLookup(key: MatchKeys.nearSpelling + variant, isPrefix: false, term: term))
            }
        }
        // Every two name words as a pair (the second perhaps still being typed), and each with the birthday.
        let words = nameWords.enumerated().filter { $0.element.count >= 2 }
        for (first, firstWord) in words {
            for (second, secondWord) in words where second != first {
                lookups.append(
                    MatchLookup(
                        key: MatchKeys.pair(firstWord, secondWord), isPrefix: true, term: first, pairedTerm: second))
            }
            if let day = dateOfBirth?.day, let month = dateOfBirth?.month {
                lookups.append(
                    MatchLookup(
                        key: MatchKeys.nameAndBirthday(firstWord, String(format: "%02d-%02d", month, day)),
                        isPrefix: false, term: first, pairedTerm: nameWords.count))
            }
        }
        if let date = dateOfBirth {
            let term = nameWords.count
            let key: String?
            switch (date.day, date.month, date.year) {
            case (let day?, let month?, let year?):
                key = MatchKeys.birth + String(format: "%04d-%02d-%02d", year, month, day)
            case (let day?, let month?, nil):
                key = MatchKeys.birthDayMonth + String(format: "%02d-%02d", month, day)
            case (nil, let month?, let year?):
                key = MatchKeys.birthMonthYear + String(format: "%04d-%02d", year, month)
            case (nil, nil, let year?):
                key = MatchKeys.birthYear + String(format: "%04d", year)
            default:
                key = nil
            }
            if let key { lookups.append(MatchLookup(key: key, isPrefix: false, term: term)) }
        }
        if let postcode, !postcode.isEmpty {
            let key = MatchKeys.postcode + NameText.compactPostcode(postcode)
            // Typed up to its outward code, a postcode has at most an inward code (three characters) to come.
            lookups.append(MatchLookup(key: key, isPrefix: true, term: nameWords.count + 1, longest: key.count + 3))
        }
        return lookups
    }
}
