/// Terminal display width of text, independent of the C library's locale.
///
/// Wide East Asian characters and emoji take two columns, combining marks and format characters
/// none, everything else (Latin, Arabic, Cyrillic, ...) one. The table is compact and matches
/// what terminals with a UTF-8 locale do for the scripts this tool meets; it does not need
/// ncurses or `setlocale`, so in-memory rendering and the real terminal agree.
public enum DisplayWidth {
    /// Code point ranges that terminals draw two columns wide (East Asian Wide and Fullwidth).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F1E6...0x1F1FF,
        0x1F200...0x1F202,
        0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F64F,
        0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]

    /// The width of one Unicode scalar in isolation: 0, 1 or 2.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) || value == 0x200B { return 0 }
        if isWide(value) { return 2 }
        return 1
    }

    static func isWide(_ value: UInt32) -> Bool {
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// The width of one grapheme cluster: the width of its base, widened to 2 by an emoji
    /// presentation selector (U+FE0F) on an emoji base.
    public static func width(of character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
        var result = 0
        var sawBase = false
        var baseIsEmoji = false
        for scalar in character.unicodeScalars {
            if !sawBase {
                let w = width(of: scalar)
                if w > 0 {
                    sawBase = true
                    result = w
                    baseIsEmoji = scalar.properties.isEmoji
                }
            } else if scalar.value == 0xFE0F && baseIsEmoji {
                result = 2
            }
        }
        return result
    }

    /// The number of terminal columns `text` occupies.
    ///
    /// ```swift
    /// DisplayWidth.of("李娜")  // 4
    /// DisplayWidth.of("Zoë")   // 3
    /// ```
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }
}

extension StringProtocol {
    /// The number of terminal columns this text occupies (see ``DisplayWidth``).
    public var displayWidth: Int { DisplayWidth.of(self) }
}
