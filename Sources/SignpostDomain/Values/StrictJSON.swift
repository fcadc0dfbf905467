import Foundation

/// What Foundation's JSON reading lets through and Signpost must not: a key given twice, NUL in text;
/// and what its JSON writing leaves raw and a terminal must not see: DEL, C1 controls, invisible formatting.
///
/// `JSONDecoder` keeps one of two duplicate keys without a word, so a document
/// can say two things and be read as either; SQLite stores text up to a NUL, so
/// `"Nul\u0000hidden"` would come back as `"Nul"`. Every JSON input Signpost
/// reads is checked here first, and every problem names its field.
/// `JSONEncoder` escapes C0 controls but writes DEL (U+007F), the C1 controls
/// (U+0080–U+009F, which some terminals obey like ESC) and bidirectional or
/// zero-width characters raw; ``escapingInvisibles(_:)`` escapes them, and the
/// document reads back the same.
///
/// ```swift
/// if let problem = StrictJSON.firstProblem(in: data) { throw MyError(problem) }
/// let safe = StrictJSON.escapingInvisibles(try JSONEncoder().encode(value))
/// ```
public enum StrictJSON {
    /// The first key given twice in one object or text holding NUL, in words naming the field; nil when there is none.
    ///
    /// The data should be valid JSON (checked first by a JSON reader); this only looks for what such a reader accepts.
    /// Nesting is followed with a stack of its own, so a deeply nested document cannot exhaust the call stack.
    public static func firstProblem(in data: Data) -> String? {
        var scanner = Scanner(bytes: [UInt8](data))
        return scanner.run()
    }

    /// `data` (JSON text) with DEL, C1 controls and invisible formatting characters written as `\uXXXX` escapes.
    ///
    /// In JSON text these characters can only be inside strings, where the escape means the same character.
    public static func escapingInvisibles(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard text.unicodeScalars.contains(where: isInvisible) else { return data }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) {
                let hex = String(scalar.value, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return Data(String(result).utf8)
    }

    /// DEL, the C1 controls, and the characters that reorder or hide text: bidirectional marks,
    /// embeddings, overrides and isolates; zero-width spaces and joiners; word joiner; byte-order mark.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F, 0x061C, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF:
            return true
        default:
            return false
        }
    }

    private struct Scanner {
        enum Frame {
            case object(keys: Set<String>, key: String?, expectingKey: Bool)
            case array(index: Int)
        }

        let bytes: [UInt8]
        var index = 0
        var stack: [Frame] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        func path(adding key: String? = nil) -> String {
            var path = ""
            for (position, frame) in stack.enumerated() {
                switch frame {
                case .object(_, let current, _):
                    // A key being added replaces the innermost object's current key.
                    if key != nil, position == stack.count - 1 { break }
                    if let current { path += path.isEmpty ? current : "." + current }
                case .array(let index): path += "[\(index)]"
                }
            }
            if let key { path += path.isEmpty ? key : "." + key }
            return path
        }

        mutating func run() -> String? {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "{"):
                    stack.append(.object(keys: [], key: nil, expectingKey: true))
                case UInt8(ascii: "["):
                    stack.append(.array(index: 0))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !stack.isEmpty { stack.removeLast() }
                case UInt8(ascii: ","):
                    switch stack.last {
                    case .array(let position): stack[stack.count - 1] = .array(index: position + 1)
                    case .object(let keys, let key, _):
                        stack[stack.count - 1] = .object(keys: keys, key: key, expectingKey: true)
                    case nil: break
                    }
                case UInt8(ascii: "\""):
                    let (text, hasNUL) = readString()
                    if case .object(var keys, _, true) = stack.last {
                        if hasNUL {
                            return
                                "field \(path(adding: text.debugDescription)) has a NUL character (U+0000) in its name"
                        }
                        guard keys.insert(text).inserted else {
                            return "field \(path(adding: text)) is given twice; give each field once"
                        }
                        stack[stack.count - 1] = .object(keys: keys, key: text, expectingKey: false)
                    } else if hasNUL {
                        let field = path()
                        return
                            "field \(field.isEmpty ? "(the document)" : field) contains a NUL character (U+0000), which cannot be stored; remove it"
                    }
                    continue
                default:
                    break
                }
                index += 1
            }
            return nil
        }

        /// Reads the string starting at the quote at `index`, leaving `index` after its closing quote.
        mutating func readString() -> (String, hasNUL: Bool) {
            index += 1
            var utf8: [UInt8] = []
            var hasNUL = false
            var pendingHigh: UInt32?
            func append(_ value: UInt32) {
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                if value == 0 { hasNUL = true }
                utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    break
                }
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    let escaped = bytes[index + 1]
                    index += 2
                    if escaped == UInt8(ascii: "u"), index + 4 <= bytes.count,
                        let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                    {
                        index += 4
                        if (0xD800...0xDBFF).contains(value) {
                            pendingHigh = value
                            continue
                        }
                        if let high = pendingHigh, (0xDC00...0xDFFF).contains(value) {
                            append(0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00))
                        } else {
                            append(value)
                        }
                        pendingHigh = nil
                        continue
                    }
                    let simple: [UInt8: UInt8] = [
                        UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D,
                        UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
                    ]
                    utf8.append(simple[escaped] ?? escaped)
                    continue
                }
                if byte == 0 { hasNUL = true }
                utf8.append(byte)
                index += 1
            }
            return (String(decoding: utf8, as: UTF8.self), hasNUL)
        }
    }
}
