import Foundation
import GRDB
import SignpostDomain

/// How values that SQLite has no type for are kept in columns.
enum StoredValue {
    /// Seconds since Foundation's reference date: reads back as exactly the same `Date`.
    static func time(_ date: Date) -> Double { date.timeIntervalSinceReferenceDate }

    static func date(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: seconds) }

    /// A JSON array of strings, written by hand because bulk imports write many of them.
    static func list(_ strings: [String]) -> String {
        var text = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { text += "," }
            text += "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                case _ where scalar.value < 0x20: text += String(format: "\\u%04x", scalar.value)
                default: text.unicodeScalars.append(scalar)
                }
            }
            text += "\""
        }
        return text + "]"
    }

    static func list<ID: RawRepresentable>(_ ids: [ID]) -> String where ID.RawValue == String {
        list(ids.map(\.rawValue))
    }

    static func strings(_ text: String) throws -> [String] {
        // Most lists are empty (no also-known-as); the matcher reads one per candidate on every keystroke.
        if text == "[]" { return [] }
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    static func ids<ID: RawRepresentable>(_ text: String) throws -> [ID] where ID.RawValue == String {
        try strings(text).map { ID(rawValue: $0)! }
    }

    /// Any Codable value as JSON with sorted keys.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A note's amendments as JSON (`[]` for none, which almost every note has).
    static func amendments(_ amendments: [CaseNoteAmendment]) -> String {
        amendments.isEmpty ? "[]" : ((try? json(amendments)) ?? "[]")
    }

    /// A note's amendments read back.
    static func amendments(from text: String) throws -> [CaseNoteAmendment] {
        text == "[]" ? [] : try decode([CaseNoteAmendment].self, json: text)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, json text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// A value read from a column that the store's code did not write.
struct UnreadableValue: Error, CustomStringConvertible {
    var column: String
    var value: String
    var description: String { "\(column) holds “\(value)”, which this Signpost does not recognise" }
}

extension Row {
    /// The column's value, throwing rather than stopping when the stored value has the wrong type.
    func value<Value: DatabaseValueConvertible>(_ column: String) throws -> Value {
        try decode(Value.self, forColumn: column)
    }

    func optionalValue<Value: DatabaseValueConvertible>(_ column: String) throws -> Value? {
        try decode(Value?.self, forColumn: column)
    }

    /// An enum kept by its raw value.
    func choice<Value: RawRepresentable>(_ column: String) throws -> Value
    where Value.RawValue: DatabaseValueConvertible {
        let raw: Value.RawValue = try value(column)
        guard let choice = Value(rawValue: raw) else { throw UnreadableValue(column: column, value: "\(raw)") }
        return choice
    }

    func optionalChoice<Value: RawRepresentable>(_ column: String) throws -> Value?
    where Value.RawValue: DatabaseValueConvertible {
        guard let raw: Value.RawValue = try optionalValue(column) else { return nil }
        guard let choice = Value(rawValue: raw) else { throw UnreadableValue(column: column, value: "\(raw)") }
        return choice
    }

    func calendarDate(_ column: String) throws -> CalendarDate {
        let text: String = try value(column)
        do { return try CalendarDate(iso: text) } catch { throw UnreadableValue(column: column, value: text) }
    }

    func optionalCalendarDate(_ column: String) throws -> CalendarDate? {
        guard let text: String = try optionalValue(column) else { return nil }
        do { return try CalendarDate(iso: text) } catch { throw UnreadableValue(column: column, value: text) }
    }

    func time(_ column: String) throws -> Date { StoredValue.date(try value(column)) }

    func flag(_ column: String) throws -> Bool { try value(column) as Int != 0 }
}

extension Database {
    /// Runs one statement from the statement cache, as bulk imports need.
    func run(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?]) throws {
        try cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments))
    }
}
