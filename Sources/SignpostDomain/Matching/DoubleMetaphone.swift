/// Lawrence Philips' Double Metaphone: two keys saying how a name sounds.
///
/// The primary key is the most likely English pronunciation; the alternate
/// key allows for another reading (a Slavic, Germanic, Spanish, Irish or
/// Arabic one). Two names sound alike when any key of one equals any key of
/// the other: "Mohammed" and "Muhammad" are both `MHMT`.
///
/// Written from the published description of the algorithm (C/C++ Users
/// Journal, June 2000). One deliberate extension: an Irish lenited `bh` or
/// `mh` inside a name also reads as `F` in the alternate key, so "Siobhan"
/// (`SPN`/`XFN`) meets "Shivawn" (`XFN`) and "Niamh" meets "Neeve".
///
/// ```swift
/// DoubleMetaphone.keys(for: "Siobhan")  // PhoneticKeys(primary: "SPN", alternate: "XFN")
/// ```
public enum DoubleMetaphone {
    /// The primary and alternate keys of `name`, each at most `maxLength` sounds long.
    ///
    /// Accents are folded first ("Zoë" reads as "ZOE"); anything that is not a
    /// letter is dropped. An empty name gives empty keys.
    public static func keys(for name: String, maxLength: Int = 4) -> PhoneticKeys {
        // Bytes rather than Characters: the encoder looks at each letter many times, and this runs per keystroke.
        let letters = NameText.fold(name).utf8.compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - 32
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte
            default: return nil
            }
        }
        var encoder = Encoder(letters, maxLength: maxLength)
        return encoder.encode()
    }
}

/// The two Double Metaphone keys of a name.
public struct PhoneticKeys: Hashable, Sendable, CustomStringConvertible {
    public var primary: String
    /// The same as ``primary`` when the name has only one likely reading.
    public var alternate: String

    public init(primary: String, alternate: String) {
        self.primary = primary
        self.alternate = alternate
    }

    /// The distinct, non-empty keys.
    public var all: [String] {
        var keys: [String] = []
        for key in [primary, alternate] where !key.isEmpty && !keys.contains(key) { keys.append(key) }
        return keys
    }

    /// True when any key of one equals any key of the other.
    public func soundsLike(_ other: PhoneticKeys) -> Bool {
        guard !primary.isEmpty, !other.primary.isEmpty else { return false }
        return primary == other.primary || primary == other.alternate || alternate == other.primary
            || alternate == other.alternate
    }

    public var description: String { primary == alternate ? primary : "\(primary)/\(alternate)" }
}

extension DoubleMetaphone {
    /// One pass over a name's letters, appending sounds to both keys.
    fileprivate struct Encoder {
        let word: [UInt8]
        let maxLength: Int
        let last: Int
        let isSlavoGermanic: Bool
        var primary = ""
        var alternate = ""
        var current = 0

        init(_ word: [UInt8], maxLength: Int) {
            self.word = word
            self.maxLength = maxLength
            self.last = word.count - 1
            let text = String(decoding: word, as: UTF8.self)
            self.isSlavoGermanic =
                text.contains("W") || text.contains("K") || text.contains("CZ") || text.contains("WITZ")
        }

        // MARK: Reading the word

        func char(_ index: Int) -> Character {
            index >= 0 && index < word.count ? Character(Unicode.Scalar(word[index])) : " "
        }

        func byte(_ index: Int) -> UInt8 {
            index >= 0 && index < word.count ? word[index] : UInt8(ascii: " ")
        }

        func isVowel(_ index: Int) -> Bool {
            switch byte(index) {
            case UInt8(ascii: "A"), UInt8(ascii: "E"), UInt8(ascii: "I"), UInt8(ascii: "O"), UInt8(ascii: "U"),
                UInt8(ascii: "Y"):
                return true
            default: return false
            }
        }

        /// True when one of `options` is spelt at `start` (a word edge reads as a space, as in "VAN ").
        func at(_ start: Int, _ options: StaticString...) -> Bool {
            guard start >= 0 else { return false }
            for option in options {
                var matches = true
                option.withUTF8Buffer { letters in
                    for (offset, letter) in letters.enumerated() where byte(start + offset) != letter {
                        matches = false
                        return
                    }
                }
                if matches { return true }
            }
            return false
        }

        mutating func add(_ main: String, _ other: String? = nil) {
            primary += main
            alternate += other ?? main
        }

        var isFull: Bool { primary.count >= maxLength && alternate.count >= maxLength }

        // MARK: Encoding

        mutating func encode() -> PhoneticKeys {
            guard !word.isEmpty else { return PhoneticKeys(primary: "", alternate: "") }
            // Silent first letters: GNome, KNight, PNeumatic, WRite, PSychology.
            if at(0, "GN", "KN", "PN", "WR", "PS") { current = 1 }
            // An initial X reads as S: Xavier.
            if char(0) == "X" {
                add("S")
                current = 1
            }
            while !isFull && current < word.count {
                switch char(current) {
                case "A", "E", "I", "O", "U", "Y":
                    // Only a first vowel is kept, as A.
                    if current == 0 { add("A") }
                    current += 1
                case "B": encodeB()
                case "C": encodeC()
                case "D": encodeD()
                case "F", "K", "N", "Q":
                    let sound = char(current) == "Q" ? "K" : String(char(current))
                    add(sound)
                    current += char(current + 1) == char(current) ? 2 : 1
                case "G": encodeG()
                case "H": encodeH()
                case "J": encodeJ()
                case "L": encodeL()
                case "M": encodeM()
                case "P": encodeP()
                case "R": encodeR()
                case "S": encodeS()
                case "T": encodeT()
                case "V":
                    add("F")
                    current += char(current + 1) == "V" ? 2 : 1
                case "W": encodeW()
                case "X": encodeX()
                case "Z": encodeZ()
                default: current += 1
                }
            }
            return PhoneticKeys(
                primary: String(primary.prefix(maxLength)), alternate: String(alternate.prefix(maxLength)))
        }

        mutating func encodeB() {
            // Irish lenition (Siobhan, Aoibheann): a B followed by H inside a name may be a V.
            if current > 0 && char(current + 1) == "H" {
                add("P", "F")
                current += 2
                return
            }
            add("P")
            current += char(current + 1) == "B" ? 2 : 1
        }

        mutating func encodeC() {
            // Germanic "ach" (Bacher, Macher), but not "achi" or "ache".
            if current > 1 && !isVowel(current - 2) && at(current - 1, "ACH") && char(current + 2) != "I"
                && (char(current + 2) != "E" || at(current - 2, "BACHER", "MACHER"))
            {
                add("K")
                current += 2
                return
            }
            if current == 0 && at(current, "CAESAR") {
                add("S")
                current += 2
                return
            }
            if at(current, "CHIA") {
                add("K")
                current += 2
                return
            }
            if at(current, "CH") {
                encodeCH()
                return
            }
            // Polish "cz" (Czerny), but not "wicz".
            if at(current, "CZ") && !at(current - 2, "WICZ") {
                add("S", "X")
                current += 2
                return
            }
            if at(current + 1, "CIA") {
                add("X")
                current += 3
                return
            }
            // Double C, but not McClellan.
            if at(current, "CC") && !(current == 1 && char(0) == "M") {
                if at(current + 2, "I", "E", "H") && !at(current + 2, "HU") {
                    // Accident, accede, succeed: KS; otherwise bacci, bertucci: X.
                    if (current == 1 && char(current - 1) == "A") || at(current - 1, "UCCEE", "UCCES") {
                        add("KS")
                    } else {
                        add("X")
                    }
                    current += 3
                } else {
                    add("K")
                    current += 2
                }
                return
            }
            if at(current, "CK", "CG", "CQ") {
                add("K")
                current += 2
                return
            }
            if at(current, "CI", "CE", "CY") {
                // Italian "cio", "cie", "cia" may read as X.
                if at(current, "CIO", "CIE", "CIA") { add("S", "X") } else { add("S") }
                current += 2
                return
            }
            add("K")
            if at(current + 1, " C", " Q", " G") {
                current += 3
            } else if at(current + 1, "C", "K", "Q") && !at(current + 1, "CE", "CI") {
                current += 2
            } else {
                current += 1
            }
        }

        mutating func encodeCH() {
            // Michael: K with X as the other reading.
            if current > 0 && at(current, "CHAE") {
                add("K", "X")
                current += 2
                return
            }
            // Greek roots at the start: character, charisma, chorus, chemistry; but chore.
            if current == 0 && (at(current + 1, "HARAC", "HARIS") || at(current + 1, "HOR", "HYM", "HIA", "HEM"))
                && !at(0, "CHORE")
            {
                add("K")
                current += 2
                return
            }
            let germanicOrGreek =
                at(0, "VAN ", "VON ") || at(0, "SCH") || at(current - 2, "ORCHES", "ARCHIT", "ORCHID")
                || at(current + 2, "T", "S")
                || ((at(current - 1, "A", "O", "U", "E") || current == 0)
                    && at(current + 2, "L", "R", "N", "M", "B", "H", "F", "V", "W", " "))
            if germanicOrGreek {
                add("K")
            } else if current > 0 {
                if at(0, "MC") { add("K") } else { add("X", "K") }
            } else {
                add("X")
            }
            current += 2
        }

        mutating func encodeD() {
            if at(current, "DG") {
                // Edge: J; Edgar: TK.
                if at(current + 2, "I", "E", "Y") {
                    add("J")
                    current += 3
                } else {
                    add("TK")
                    current += 2
                }
                return
            }
            add("T")
            current += at(current, "DT", "DD") ? 2 : 1
        }

        mutating func encodeG() {
            if char(current + 1) == "H" {
                encodeGH()
                return
            }
            if char(current + 1) == "N" {
                if current == 1 && isVowel(0) && !isSlavoGermanic {
                    add("KN", "N")
                } else if !at(current + 2, "EY") && char(current + 1) != "Y" && !isSlavoGermanic {
                    add("N", "KN")
                } else {
                    add("KN")
                }
                current += 2
                return
            }
            // Tagliaro.
            if at(current + 1, "LI") && !isSlavoGermanic {
                add("KL", "L")
                current += 2
                return
            }
            // A soft G at the start: Gerald, Gillian, Gyles.
            if current == 0
                && (char(current + 1) == "Y"
                    || at(current + 1, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER"))
            {
                add("K", "J")
                current += 2
                return
            }
            // -ger- and -gy-, but not danger, ranger, manger, or -rgy, -ogy.
            if (at(current + 1, "ER") || char(current + 1) == "Y") && !at(0, "DANGER", "RANGER", "MANGER")
                && !at(current - 1, "E", "I") && !at(current - 1, "RGY", "OGY")
            {
                add("K", "J")
                current += 2
                return
            }
            // Italian "biaggi".
            if at(current + 1, "E", "I", "Y") || at(current - 1, "AGGI", "OGGI") {
                if at(0, "VAN ", "VON ") || at(0, "SCH") || at(current + 1, "ET") {
                    add("K")
                } else if at(current + 1, "IER ") {
                    add("J")
                } else {
                    add("J", "K")
                }
                current += 2
                return
            }
            add("K")
            current += char(current + 1) == "G" ? 2 : 1
        }

        mutating func encodeGH() {
            if current > 0 && !isVowel(current - 1) {
                add("K")
                current += 2
                return
            }
            if current == 0 {
                // Ghislane: J; Ghost: K.
                add(char(current + 2) == "I" ? "J" : "K")
                current += 2
                return
            }
            // Silent after B, H or D nearby: Hugh, bough, broughton.
            if (current > 1 && at(current - 2, "B", "H", "D")) || (current > 2 && at(current - 3, "B", "H", "D"))
                || (current > 3 && at(current - 4, "B", "H"))
            {
                current += 2
                return
            }
            // Laugh, McLaughlin, cough, rough: F.
            if current > 2 && char(current - 1) == "U" && at(current - 3, "C", "G", "L", "R", "T") {
                add("F")
            } else if current > 0 && char(current - 1) != "I" {
                add("K")
            }
            current += 2
        }

        mutating func encodeH() {
            // Only an H at the start or between vowels is heard.
            if (current == 0 || isVowel(current - 1)) && isVowel(current + 1) {
                add("H")
                current += 2
            } else {
                current += 1
            }
        }

        mutating func encodeJ() {
            // Spanish Jose, San Jacinto.
            if at(current, "JOSE") || at(0, "SAN ") {
                if (current == 0 && char(current + 4) == " ") || at(0, "SAN ") {
                    add("H")
                } else {
                    add("J", "H")
                }
                current += 1
                return
            }
            if current == 0 {
                add("J", "A")
            } else if isVowel(current - 1) && !isSlavoGermanic && (char(current + 1) == "A" || char(current + 1) == "O")
            {
                add("J", "H")
            } else if current == last {
                add("J", "")
            } else if !at(current + 1, "L", "T", "K", "S", "N", "M", "B", "Z") && !at(current - 1, "S", "K", "L") {
                add("J")
            }
            current += char(current + 1) == "J" ? 2 : 1
        }

        mutating func encodeL() {
            if char(current + 1) == "L" {
                // Spanish "-illo", "-illa", "-alle" (Cabrillo, Gallegos): the alternate drops the L.
                if (current == word.count - 3 && at(current - 1, "ILLO", "ILLA", "ALLE"))
                    || ((at(last - 1, "AS", "OS") || at(last, "A", "O")) && at(current - 1, "ALLE"))
                {
                    add("L", "")
                } else {
                    add("L")
                }
                current += 2
                return
            }
            add("L")
            current += 1
        }

        mutating func encodeM() {
            // Irish lenition (Niamh): an M followed by H inside a name may be a V.
            if current > 0 && char(current + 1) == "H" {
                add("M", "F")
                current += 2
                return
            }
            add("M")
            let silentB = at(current - 1, "UMB") && (current + 1 == last || at(current + 2, "ER"))
            current += silentB || char(current + 1) == "M" ? 2 : 1
        }

        mutating func encodeP() {
            if char(current + 1) == "H" {
                add("F")
                current += 2
                return
            }
            add("P")
            current += at(current + 1, "P", "B") ? 2 : 1
        }

        mutating func encodeR() {
            // French endings: Rogier.
            if current == last && !isSlavoGermanic && at(current - 2, "IE") && !at(current - 4, "ME", "MA") {
                add("", "R")
            } else {
                add("R")
            }
            current += char(current + 1) == "R" ? 2 : 1
        }

        mutating func encodeS() {
            // Island, carlisle: silent.
            if at(current - 1, "ISL", "YSL") {
                current += 1
                return
            }
            if current == 0 && at(current, "SUGAR") {
                add("X", "S")
                current += 1
                return
            }
            if at(current, "SH") {
                // Germanic: Holmsheim, Hochsholz.
                add(at(current + 1, "HEIM", "HOEK", "HOLM", "HOLZ") ? "S" : "X")
                current += 2
                return
            }
            // Italian and Armenian: Siobhan, Sian, -sian.
            if at(current, "SIO", "SIA") || at(current, "SIAN") {
                if isSlavoGermanic { add("S") } else { add("S", "X") }
                current += 3
                return
            }
            // German and anglicised: Schmidt, Snider; and "sz".
            if (current == 0 && at(current + 1, "M", "N", "L", "W")) || at(current + 1, "Z") {
                add("S", "X")
                current += at(current + 1, "Z") ? 2 : 1
                return
            }
            if at(current, "SC") {
                encodeSC()
                return
            }
            // French endings: Resnais, Artois.
            if current == last && at(current - 2, "AI", "OI") { add("", "S") } else { add("S") }
            current += at(current + 1, "S", "Z") ? 2 : 1
        }

        mutating func encodeSC() {
            if char(current + 2) == "H" {
                // Dutch: school, schooner, schermerhorn.
                if at(current + 3, "OO", "ER", "EN", "UY", "ED", "EM") {
                    if at(current + 3, "ER", "EN") { add("X", "SK") } else { add("SK") }
                } else if current == 0 && !isVowel(3) && char(3) != "W" {
                    add("X", "S")
                } else {
                    add("X")
                }
                current += 3
                return
            }
            add(at(current + 2, "I", "E", "Y") ? "S" : "SK")
            current += 3
        }

        mutating func encodeT() {
            if at(current, "TION") || at(current, "TIA", "TCH") {
                add("X")
                current += 3
                return
            }
            if at(current, "TH") || at(current, "TTH") {
                // Thomas, Thames, and Germanic names keep a T.
                if at(current + 2, "OM", "AM") || at(0, "VAN ", "VON ") || at(0, "SCH") {
                    add("T")
                } else {
                    add("0", "T")
                }
                current += 2
                return
            }
            add("T")
            current += at(current + 1, "T", "D") ? 2 : 1
        }

        mutating func encodeW() {
            if at(current, "WR") {
                add("R")
                current += 2
                return
            }
            if current == 0 && (isVowel(current + 1) || at(current, "WH")) {
                // Wasserman may be Vasserman.
                if isVowel(current + 1) { add("A", "F") } else { add("A") }
            }
            // Polish endings: Filipowicz; a final W after a vowel: Tsjaikowsky.
            if (current == last && isVowel(current - 1)) || at(current - 1, "EWSKI", "EWSKY", "OWSKI", "OWSKY")
                || at(0, "SCH")
            {
                add("", "F")
                current += 1
                return
            }
            if at(current, "WICZ", "WITZ") {
                add("TS", "FX")
                current += 4
                return
            }
            current += 1
        }

        mutating func encodeX() {
            // French endings are silent: Breaux.
            if !(current == last && (at(current - 3, "IAU", "EAU") || at(current - 2, "AU", "OU"))) { add("KS") }
            current += at(current + 1, "C", "X") ? 2 : 1
        }

        mutating func encodeZ() {
            // Chinese pinyin: Zhao.
            if char(current + 1) == "H" {
                add("J")
                current += 2
                return
            }
            if at(current + 1, "ZO", "ZI", "ZA") || (isSlavoGermanic && current > 0 && char(current - 1) != "T") {
                add("S", "TS")
            } else {
                add("S")
            }
            current += char(current + 1) == "Z" ? 2 : 1
        }
    }
}
