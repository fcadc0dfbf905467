import Foundation

extension AuditDetail {
    /// The detail as JSON text with sorted keys and nothing but the JSON specials escaped: the same
    /// bytes `JSONEncoder` writes with `[.sortedKeys, .withoutEscapingSlashes]`, without its cost.
    ///
    /// Keys in order: `changes` before `erased`; in each change `field`, `new`, `old`. A value that
    /// is nil is left out, as the synthesized `Codable` conformance leaves it out.
    ///
    /// ```swift
    /// AuditDetail(changes: [AuditValueChange(field: "phone", old: nil, new: "020 7946 0001")]).jsonText()
    /// // {"changes":[{"field":"phone","new":"020 7946 0001"}]}
    /// ```
    func jsonText() -> String {
        var text = "{\"changes\":["
        for (index, change) in changes.enumerated() {
            if index > 0 { text += "," }
            text += "{\"field\":"
            Self.appendQuoted(change.field, to: &text)
            if let new = change.new {
                text += ",\"new\":"
                Self.appendQuoted(new, to: &text)
            }
            if let old = change.old {
                text += ",\"old\":"
                Self.appendQuoted(old, to: &text)
            }
            text += "}"
        }
        text += "]"
        if let erased {
            text += ",\"erased\":"
            Self.appendQuoted(erased, to: &text)
        }
        text += "}"
        return text
    }

    /// `value` as a JSON string: quotes and backslashes escaped, control characters as `JSONEncoder`
    /// writes them (`\b \t \n \f \r`, the rest `\u00xx`), everything else as it is.
    static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        // Most values need no escaping: appended whole.
        guard value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
        else {
            text += value
            text += "\""
            return
        }
        let hex = Array("0123456789abcdef".unicodeScalars)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\u{08}": text += "\\b"
            case "\t": text += "\\t"
            case "\n": text += "\\n"
            case "\u{0C}": text += "\\f"
            case "\r": text += "\\r"
            case _ where scalar.value < 0x20:
                text += "\\u00"
                text.unicodeScalars.append(hex[Int(scalar.value >> 4)])
                text.unicodeScalars.append(hex[Int(scalar.value & 0x0f)])
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
