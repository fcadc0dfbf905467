import Foundation

/// How names, dates and postcodes are read for matching: case, accents and punctuation set aside.
///
/// Practitioners type what they hear on the phone, often without accents or
/// in another order, so "zoe o'neil-smith" must meet "Zoë O'Neil-Smith".
/// Folding lower-cases, strips accents (including letters Unicode does not
/// decompose, such as "Ł" and "ø"), and drops apostrophes so "O'Neil" is one
/// word.
///
/// ```swift
/// NameText.fold("Zoë Łukasz")             // "zoe lukasz"
/// NameText.words("Marchbank-Oddly")       // ["marchbank", "oddly"]
/// NameText.nameKeys("Marchbank-Oddly")    // ["marchbank", "oddly", "marchbankoddly"]
/// ```
public enum NameText {
    /// Letters that carry a stroke or ligature rather than a combining accent, and so survive diacritic folding.
    private static let undecomposed: [Character: String] = [
        "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ı": "i", "ħ": "h",
    ]

    /// Lower case, without accents, apostrophes or other marks inside words.
    public static func fold(_ text: String) -> String {
        // Most names are plain ASCII; Foundation's folding is the slow part of scoring a candidate.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0 != "'" && $0 != "`" }))
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var result = ""
        result.reserveCapacity(folded.utf8.count)
        for character in folded {
            if let plain = undecomposed[character] {
                result += plain
            } else if character == "'" || character == "’" || character == "‘" || character == "`" {
                // O'Neil and D’Souza are one word, typed with or without the apostrophe.
                continue
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The folded words of `text`, split at spaces, hyphens and other punctuation.
    public static func words(_ text: String) -> [String] {
        let folded = fold(text)
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: split on bytes, far quicker than on Characters.
            return folded.utf8.split { byte in
                !((byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")))
            }.map { String(decoding: $0, as: UTF8.self) }
        }
        return folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The words of a name, plus the whole name run together when it has several parts.
    ///
    /// "Marchbank-Oddly" gives "marchbank", "oddly" and "marchbankoddly", so a
    /// double-barrelled name is found by either half or typed without its hyphen.
    public static func nameKeys(_ name: String) -> [String] {
        let parts = words(name)
        guard parts.count > 1 else { return parts }
        return parts + [parts.joined()]
    }

    /// A postcode in capitals without spaces ("n7 8zz" → "N78ZZ"), for comparing.
    public static func compactPostcode(_ postcode: String) -> String {
        String(fold(postcode).uppercased().filter { $0.isLetter || $0.isNumber })
    }

    /// The outward code of a postcode ("N7 8ZZ" → "N7", "EC1V9ZZ" → "EC1V"): all but the last three characters.
    public static func outwardCode(_ postcode: String) -> String {
        let compact = compactPostcode(postcode)
        return compact.count > 4 ? String(compact.dropLast(3)) : compact
    }
}
