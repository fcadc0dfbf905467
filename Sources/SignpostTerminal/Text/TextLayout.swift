/// Horizontal alignment of text in a fixed width.
public enum Alignment: Sendable, Hashable {
    case leading, trailing, center
}

/// Fitting text to display widths: truncation, padding and word wrapping.
///
/// All measurements are display columns (see ``DisplayWidth``), never characters or bytes.
public enum TextLayout {
    /// The ellipsis appended to truncated text.
    public static let ellipsis: Character = "…"

    /// `text` cut to at most `width` columns, ending in `…` when something was cut.
    ///
    /// A wide character that would straddle the limit is dropped rather than split.
    /// ```swift
    /// TextLayout.truncate("Łukasz Kowalski", to: 8)  // "Łukasz …"
    /// ```
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if text.displayWidth <= width { return text }
        let limit = width - 1
        var result = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.width(of: character)
            if used + w > limit { break }
            result.append(character)
            used += w
        }
        result.append(ellipsis)
        return result
    }

    /// `text` cut to at most `width` columns at the end of a word, ending in `…` when something was cut.
    ///
    /// Falls back to ``truncate(_:to:)`` when the first word alone is wider than the line.
    /// ```swift
    /// TextLayout.truncate(atWord: "written to the audit trail", to: 20)  // "written to the…"
    /// ```
    public static func truncate(atWord text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        guard cut.last == ellipsis, cut != text else { return cut }
        var kept = String(cut.dropLast())
        // The cut fell inside a word unless the next character of the text is a space.
        let nextIsSpace = text.dropFirst(kept.count).first == " "
        guard !nextIsSpace, let space = kept.lastIndex(of: " ") else { return cut }
        kept = String(kept[..<space])
        while kept.last == " " { kept.removeLast() }
        return kept.isEmpty ? cut : kept + String(ellipsis)
    }

    /// `text` truncated to `width` columns and padded with spaces to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .leading) -> String {
        guard width > 0 else { return "" }
        let fitted = truncate(text, to: width)
        let gap = width - fitted.displayWidth
        switch alignment {
        case .leading: return fitted + String(repeating: " ", count: gap)
        case .trailing: return String(repeating: " ", count: gap) + fitted
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: gap - left)
        }
    }

    /// `text` in at most `width` columns: whole if it fits, else cut after its last whole word that leaves
    /// room for "…" (a trailing separator such as "·" or "," is dropped first). A word is cut inside only
    /// when not even the first one fits.
    ///
    /// ```swift
    /// TextLayout.shortened("Assessment (CAF) · Noor Quillfeather · Complete", toWidth: 40)
    /// // "Assessment (CAF) · Noor Quillfeather…"
    /// ```
    public static func shortened(_ text: String, toWidth width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var kept = ""
        for word in text.split(separator: " ") {
            let longer = kept.isEmpty ? String(word) : kept + " " + String(word)
            guard DisplayWidth.of(longer) + 1 <= width else { break }
            kept = longer
        }
        while let last = kept.last, last == " " || last == "·" || last == "›" || last == "," || last == ":" {
            kept.removeLast()
        }
        if kept.isEmpty { kept = String(text.prefix(max(0, width - 1))) }
        while DisplayWidth.of(kept) + 1 > width, !kept.isEmpty { kept.removeLast() }
        return kept + "…"
    }

    /// `text` with its spaces made no-break spaces, so wrapping keeps it on one line (moving it whole to the
    /// next line) unless it is wider than a line; surfaces draw a no-break space as a plain space.
    ///
    /// For text that reads wrongly split, such as a date and its time.
    ///
    /// ```swift
    /// "sent " + TextLayout.keptTogether("16/01/2025 17:15")  // never "16/01/2025" / "17:15"
    /// ```
    public static func keptTogether(_ text: String) -> String {
        text.replacingOccurrences(of: " ", with: "\u{00A0}")
    }

    /// Splits `text` into lines of at most `width` columns, breaking at spaces where possible
    /// and inside words only when a word is wider than the line. Newlines start new lines.
    ///
    /// ```swift
    /// TextLayout.wrap("the quick brown fox", width: 10)  // ["the quick", "brown fox"]
    /// ```
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let characters = Array(paragraph)
            for range in wrapRanges(characters, width: width) {
                var line = String(characters[range])
                while line.last == " " { line.removeLast() }
                lines.append(line)
            }
        }
        return lines
    }

    /// Wraps one line (no newlines) into consecutive ranges of character indices.
    ///
    /// The ranges cover every character exactly once, so a cursor index can be mapped to its
    /// visual row; spaces at a break stay at the end of the earlier row. An empty line gives
    /// one empty range.
    public static func wrapRanges(_ characters: [Character], width: Int) -> [Range<Int>] {
        guard !characters.isEmpty else { return [0..<0] }
        let width = max(1, width)
        var ranges: [Range<Int>] = []
        var start = 0
        while start < characters.count {
            var used = 0
            var index = start
            var lastBreak: Int? = nil
            while index < characters.count {
                let w = DisplayWidth.width(of: characters[index])
                if characters[index] == " " {
                    // Spaces may hang past the edge: they never force a break themselves.
                    index += 1
                    lastBreak = index
                    used += w
                    continue
                }
                if used + w > width { break }
                used += w
                index += 1
            }
            if index >= characters.count {
                ranges.append(start..<characters.count)
                break
            }
            var end = index
            if let lastBreak, lastBreak > start, lastBreak <= index {
                end = lastBreak
            }
            if end == start { end = start + 1 }
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }
}
