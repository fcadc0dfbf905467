/// The one sanitiser for text bound for a terminal: control characters, escape sequences and
/// characters that could disguise text become visible, so nothing read from a record, a file
/// or a command line can move the cursor, change colours, retitle the terminal or pass one
/// name off as another.
///
/// ESC becomes `^[`, the other C0 controls `^@`…`^_` (tab and newline too, since a cell holds
/// one line, unless `keepingLines`), DEL `^?`, and C1 controls (U+0080–U+009F) `<U+0085>`-style.
/// Characters that reorder or hide text are shown the same way: the bidirectional marks,
/// embeddings, overrides and isolates (U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C), and
/// the zero-width space, word joiner, invisible operators and byte-order mark (U+200B, U+180E,
/// U+2060–U+2064, U+FEFF). The zero-width joiner and non-joiner (U+200C, U+200D) are left
/// alone: Persian, Indic scripts and emoji need them, and they cannot reorder text.
///
/// Every surface passes text through this before it reaches a cell, and every line the
/// commands print (results and errors) passes through it with `keepingLines: true`.
///
/// ```swift
/// visible("\u{1B}[2J")                        // "^[[2J"
/// visible("Ava\u{202E}nhoJ")                  // "Ava<U+202E>nhoJ"
/// visible("one\ntwo", keepingLines: true)     // "one\ntwo"
/// ```
public func visible(_ text: String, keepingLines: Bool = false) -> String {
    var needsWork = false
    for scalar in text.unicodeScalars where mustShow(scalar, keepingLines: keepingLines) {
        needsWork = true
        break
    }
    guard needsWork else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        let value = scalar.value
        if !mustShow(scalar, keepingLines: keepingLines) {
            result.append(scalar)
        } else if value < 0x20 {
            result.append("^")
            result.append(Unicode.Scalar(UInt8(value + 0x40)))
        } else if value == 0x7F {
            result.append(contentsOf: "^?".unicodeScalars)
        } else {
            let hex = String(value, radix: 16, uppercase: true)
            result.append(
                contentsOf: "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>".unicodeScalars)
        }
    }
    return String(result)
}

private func mustShow(_ scalar: Unicode.Scalar, keepingLines: Bool) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: return !keepingLines
    case 0..<0x20, 0x7F...0x9F: return true
    case 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF:
        return true
    default: return false
    }
}
