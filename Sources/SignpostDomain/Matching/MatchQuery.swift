import Foundation

/// What a front-door practitioner typed to find a person: name parts, a date of birth, a postcode, in any order.
///
/// The text is read word by word. A UK postcode or its outward code ("N7",
/// "N7 8ZZ", "n78zz") is taken as the postcode; a date or part of one
/// ("14/3", "3/2022", "14 Mar", "2022", "14/03/22") as the date of birth;
/// every other word as part of a name. A month name is only read as a month
/// next to a number, so "May" and "June" stay names.
///
/// ```swift
/// let query = MatchQuery("shivawn marchbank 10/5 n1")
/// query.nameWords    // ["shivawn", "marchbank"]
/// query.dateOfBirth  // day 10, month 5
/// query.postcode     // "N1"
/// ```
public struct MatchQuery: Hashable, Sendable {
    /// What was typed.
    public var text: String
    /// Folded name words, in the order typed.
    public var nameWords: [String]
    /// Name words as typed (lower case, accents kept), parallel to ``nameWords``.
    public var typedWords: [String]
    public var dateOfBirth: PartialDate?
    /// The postcode or the start of one, in capitals without spaces.
    public var postcode: String?

    /// Reads free text typed into the "who is it about" box.
    ///
    /// - Parameters:
    ///   - text: What was typed.
    ///   - today: Where two-digit years are measured back from.
    public init(_ text: String, today: CalendarDate? = nil) {
        self.text = text
        var tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var postcode: String?
        var date: PartialDate?
        var names: [String] = []

        // A postcode in two parts ("N7 8ZZ", or "N7 8" as it is typed), or one ("N78ZZ", "N7").
        var index = 0
        while index < tokens.count {
            let token = tokens[index].uppercased()
            if postcode == nil, MatchQuery.isOutwardCode(token), index + 1 < tokens.count,
                MatchQuery.isInwardCodeStart(tokens[index + 1].uppercased())
            {
                postcode = token + tokens[index + 1].uppercased()
                tokens.removeSubrange(index...(index + 1))
                continue
            }
            if postcode == nil, MatchQuery.isWholePostcode(token) || MatchQuery.isOutwardCode(token) {
                postcode = token
                tokens.remove(at: index)
                continue
            }
            index += 1
        }

        // The longest run of date-like words that reads as a date ("14 March 2022", "14/3").
        index = 0
        while index < tokens.count {
            var found = false
            if date == nil {
                for length in stride(from: min(3, tokens.count - index), through: 1, by: -1) {
                    let run = tokens[index..<(index + length)]
                    guard run.allSatisfy(MatchQuery.isDateLike) else { continue }
                    // A month name alone is a name (May, June, April).
                    if length == 1 && !run[index].contains(where: \.isNumber) { continue }
                    if let parsed = PartialDate(parsing: run.joined(separator: " "), today: today) {
                        date = parsed
                        tokens.removeSubrange(index..<(index + length))
                        found = true
                        break
                    }
                }
            }
            if !found {
                // Numbers that are not a date (a house number) are not names either.
                if tokens[index].contains(where: \.isLetter) { names.append(tokens[index]) }
                index += 1
            }
        }

        self.postcode = postcode
        self.dateOfBirth = date
        var folded: [String] = []
        var typed: [String] = []
        for name in names {
            let words = NameText.words(name)
            let raw = name.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") }
            for (offset, word) in words.enumerated() where word.contains(where: \.isLetter) {
                folded.append(word)
                typed.append(offset < raw.count && raw.count == words.count ? String(raw[offset]) : word)
            }
        }
        self.nameWords = folded
        self.typedWords = typed
    }

    /// A query that looks for people like `person` (for the "looks like an existing one" warning).
    public init(lookingFor person: Person, postcode: String? = nil) {
        var parts = [person.givenName, person.familyName]
        if let born = person.dateOfBirth { parts.append(born.british) }
        if let postcode, !postcode.isEmpty { parts.append(postcode) }
        self.init(parts.joined(separator: " "))
    }

    /// True when nothing usable was typed.
    public var isEmpty: Bool { nameWords.isEmpty && dateOfBirth == nil && postcode == nil }

    // MARK: Recognising postcodes and dates

    /// "N7", "EC1V", "SW1A", "NW10": one or two letters, a digit, and an optional letter or digit.
    static func isOutwardCode(_ token: String) -> Bool {
        let characters = Array(token)
        guard (2...4).contains(characters.count), characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return false }
        let letters = characters.prefix { $0.isLetter }.count
        guard (1...2).contains(letters), letters < characters.count, characters[letters].isNumber else { return false }
        return characters.count - letters <= 2
    }

    /// "8ZZ", or "8" and "8Z" as the inward code is typed.
    static func isInwardCodeStart(_ token: String) -> Bool {
        let characters = Array(token)
        guard (1...3).contains(characters.count), characters[0].isNumber, characters[0].isASCII else { return false }
        return characters.dropFirst().allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// "N78ZZ", "EC1V9ZZ": an outward code followed by an inward code, without a space.
    static func isWholePostcode(_ token: String) -> Bool {
        guard token.count >= 5, token.count <= 7 else { return false }
        return isOutwardCode(String(token.dropLast(3))) && isInwardCodeStart(String(token.suffix(3)))
            && token.suffix(2).allSatisfy(\.isLetter)
    }

    private static func isDateLike(_ token: String) -> Bool {
        if token.allSatisfy({ $0.isNumber || "/.-,".contains($0) }) { return token.contains(where: \.isNumber) }
        return PartialDate.month(named: token.lowercased().trimmingCharacters(in: .punctuationCharacters)) != nil
    }
}
