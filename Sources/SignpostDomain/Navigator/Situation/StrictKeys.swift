import Foundation

/// The keys a JSON document may use, object by object, for refusing unknown and repeated keys.
///
/// Foundation's decoder ignores a key it does not know and keeps one of two
/// repeated keys; for a situation that would turn `"concern": ["sexual-abuse"]`
/// into "no concerns". ``StrictKeys/problems(in:schema:)`` reads the document's
/// structure itself and reports both, with the nearest known key.
///
/// ```swift
/// StrictKeys.problems(in: Data(#"{"people": [{"id": "a", "concern": []}]}"#.utf8), schema: .situation)
/// // [people[0]: unknown key "concern" (did you mean "concerns"?)]
/// ```
public indirect enum KeySchema: Sendable {
    /// An object with these keys, each with the schema of its value.
    case object([String: KeySchema])
    /// A list whose items follow the schema.
    case list(KeySchema)
    /// Any value that is not checked further (text, numbers, lists of words).
    case value

    /// The situation `signpost navigate` reads.
    public static let situation: KeySchema = .object([
        "door": .value, "consent": .value,
        "people": .list(
            .object(
                Dictionary(
                    uniqueKeysWithValues: [
                        "id", "name", "role", "age", "dateOfBirth", "unborn", "expectedDate", "send", "level",
                        "concerns", "indicators", "consent", "competent", "pregnant",
                    ].map { ($0, KeySchema.value) }))),
    ])
}

/// Finds unknown and repeated keys in a JSON document against a ``KeySchema``.
public enum StrictKeys {
    /// Every unknown or repeated key, by field, or one problem for nesting too deep to be a situation;
    /// empty for a document that is not JSON (the decoder reports that).
    public static func problems(in data: Data, schema: KeySchema) -> [SituationProblem] {
        var scanner = JSONKeyScanner(bytes: Array(data))
        var problems: [SituationProblem] = []
        scanner.skipSpace()
        do {
            try scanner.value(schema: schema, path: "", problems: &problems)
        } catch is JSONKeyScanner.TooDeep {
            return [
                SituationProblem(
                    field: "",
                    message: "nested more than \(JSONKeyScanner.maximumDepth) levels deep: this is not a situation")
            ]
        } catch {
            return []
        }
        return problems
    }

    /// The known key nearest to `key` by edit distance, when it is near enough to be a likely slip.
    static func nearest(to key: String, in known: [String]) -> String? {
        let scored = known.map { ($0, distance(key.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, score) = scored, score <= max(2, best.count / 3) else { return nil }
        return best
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A small reader of JSON structure: only far enough to see each object's keys.
struct JSONKeyScanner {
    struct Malformed: Error {}
    /// Nesting deeper than ``maximumDepth``: refused before the call stack could run out.
    struct TooDeep: Error {}
    /// Far deeper than any situation is; the scanner recurses once per level, on whatever thread reads.
    static let maximumDepth = 64
    let bytes: [UInt8]
    var index = 0
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value(schema: KeySchema, path: String, problems: inout [SituationProblem]) throws {
        skipSpace()
        guard index < bytes.count else { throw Malformed() }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw TooDeep() }
            var seen: Set<String> = []
            let known: [String: KeySchema]? = if case .object(let keys) = schema { keys } else { nil }
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed() }
                index += 1
                let field = path.isEmpty ? key : "\(path).\(key)"
                if !seen.insert(key).inserted {
                    problems.append(SituationProblem(field: field, message: "is given twice: give each key once"))
                }
                var child = KeySchema.value
                if let known {
                    if let schema = known[key] {
                        child = schema
                    } else {
                        let hint = StrictKeys.nearest(to: key, in: Array(known.keys)).map {
                            " (did you mean \"\($0)\"?)"
                        }
                        let list = known.keys.sorted().joined(separator: ", ")
                        problems.append(
                            SituationProblem(
                                field: path, message: "unknown key \"\(key)\"\(hint ?? "; known keys: \(list)")"))
                    }
                }
                try value(schema: child, path: field, problems: &problems)
                skipSpace()
                guard index < bytes.count else { throw Malformed() }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "}") else { throw Malformed() }
                index += 1
                return
            }
        case UInt8(ascii: "["):
            index += 1
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw TooDeep() }
            let item: KeySchema = if case .list(let inner) = schema { inner } else { .value }
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            var position = 0
            while true {
                try value(schema: item, path: "\(path)[\(position)]", problems: &problems)
                position += 1
                skipSpace()
                guard index < bytes.count else { throw Malformed() }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "]") else { throw Malformed() }
                index += 1
                return
            }
        case UInt8(ascii: "\""):
            _ = try string()
        default:
            // A number, true, false or null: up to the next delimiter.
            while index < bytes.count,
                ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D]
                    .contains(bytes[index])
            {
                index += 1
            }
        }
    }

    /// A JSON string, escapes decoded by Foundation.
    mutating func string() throws -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed() }
        let start = index
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") { index += 1 }
            index += 1
        }
        guard index < bytes.count else { throw Malformed() }
        index += 1
        let literal = Data(bytes[start..<index])
        guard let text = try? JSONDecoder().decode(String.self, from: literal) else { throw Malformed() }
        return text
    }
}
