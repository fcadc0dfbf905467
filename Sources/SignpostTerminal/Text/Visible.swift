/// Makes stored text safe to draw: control characters and escape sequences become visible
/// text, so nothing read from a record can move the cursor, change colours or retitle the
/// terminal.
///
/// ESC becomes `^[`, the other C0 controls `^@`…`^_` (tab and newline included, since a cell
/// holds one line), DEL `^?`, and C1 controls (U+0080–U+009F) `<U+0085>`-style. Every surface
/// passes text through this before it reaches a cell.
///
/// ```swift
/// visible("\u{1B}[2J")  // "^[[2J"
/// ```
public func visible(_ text: String) -> String {
    var needsWork = false
    for scalar in text.unicodeScalars where isControl(scalar) {
        needsWork = true
        break
    }
    guard needsWork else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        let value = scalar.value
        if value < 0x20 {
            result.append("^")
            result.append(Unicode.Scalar(UInt8(value + 0x40)))
        } else if value == 0x7F {
            result.append(contentsOf: "^?".unicodeScalars)
        } else if (0x80...0x9F).contains(value) {
            let hex = String(value, radix: 16, uppercase: true)
            result.append(contentsOf: "<U+\(String(repeating: "0", count: 4 - hex.count))\(hex)>".unicodeScalars)
        } else {
            result.append(scalar)
        }
    }
    return String(result)
}

private func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
}
