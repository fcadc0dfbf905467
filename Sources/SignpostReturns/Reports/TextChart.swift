/// Charts made of characters, that read the same without colour: bars of `█` and sparklines of `▁▂▃▄▅▆▇█`.
///
/// ```swift
/// TextChart.bar(5, of: 10, width: 10)        // "█████"
/// TextChart.sparkline([0, 1, 4, 8])          // "▁▂▅█"
/// TextChart.fit("Bright Start Central", 12)  // "Bright Star…"
/// ```
public enum TextChart {
    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A bar `value / maximum` of `width` cells long; at least one cell for any value above zero, so a small
    /// count is never drawn as none.
    public static func bar(_ value: Int, of maximum: Int, width: Int) -> String {
        guard value > 0, maximum > 0, width > 0 else { return "" }
        let cells = max(1, Int((Double(value) / Double(maximum) * Double(width)).rounded()))
        return String(repeating: "█", count: min(cells, width))
    }

    /// One character per value, the lowest block for zero and the full block for the largest.
    public static func sparkline(_ values: [Int]) -> String {
        let top = values.max() ?? 0
        return String(
            values.map { value -> Character in
                guard top > 0, value > 0 else { return sparks[0] }
                return sparks[min(sparks.count - 1, 1 + Int(Double(value) / Double(top) * Double(sparks.count - 2)))]
            })
    }

    /// `values` summed into at most `buckets` consecutive groups of equal length (the last may be shorter),
    /// so a year of days fits a line.
    public static func folded(_ values: [Int], into buckets: Int) -> (values: [Int], perBucket: Int) {
        guard buckets > 0, values.count > buckets else { return (values, 1) }
        let size = (values.count + buckets - 1) / buckets
        return (
            stride(from: 0, to: values.count, by: size).map { values[$0..<min($0 + size, values.count)].reduce(0, +) },
            size
        )
    }

    /// `text` cut to `width` characters, ending "…" when cut; padded with spaces to `width`.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if text.count <= width { return text + String(repeating: " ", count: width - text.count) }
        return String(text.prefix(width - 1)) + "…"
    }

    /// `text` in lines of at most `width` characters, broken at spaces (inside a word only when the word
    /// alone is wider than the line).
    ///
    /// ```swift
    /// TextChart.wrap("Individual (family, friend, neighbour)", 22)  // ["Individual (family,", "friend, neighbour)"]
    /// ```
    public static func wrap(_ text: String, _ width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ").map(String.init) {
            var word = word
            while word.count > width {
                if !line.isEmpty { lines.append(line) }
                line = ""
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` right-aligned in `width` characters.
    public static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
