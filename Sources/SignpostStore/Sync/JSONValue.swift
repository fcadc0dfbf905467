import Foundation

/// One JSON value, kept as it was read: what a per-field update carries.
///
/// A change envelope's `fields` maps a field's name to its new value as JSON,
/// so that the team server can compare values without knowing Swift's types.
/// Numbers are kept as `Double`, which holds every integer the case record
/// uses (levels, counts) exactly.
///
/// ```swift
/// let phone: JSONValue = .string("020 7946 0001")
/// let encoded = try JSONEncoder().encode(["phone": phone])  // {"phone":"020 7946 0001"}
/// ```
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let bool): try container.encode(bool)
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        case .array(let array): try container.encode(array)
        case .object(let object): try container.encode(object)
        }
    }
}

/// Literals, so that a field update reads as it would be written: `[.phone: "020 7946 0001"]`.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

extension JSONValue {
    /// The JSON form of any `Encodable` value, written as a change envelope writes it.
    ///
    /// ```swift
    /// try JSONValue(encoding: Gender.female)  // .string("female")
    /// ```
    public init(encoding value: some Encodable) throws {
        let data = try ChangeCoding.encoder.encode(value)
        self = try ChangeCoding.decoder.decode(JSONValue.self, from: data)
    }

    /// This value read as `type`, as a change envelope reads it.
    ///
    /// - Throws: `DecodingError` when the value does not have the type's form.
    public func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try ChangeCoding.decoder.decode(type, from: ChangeCoding.encoder.encode(self))
    }
}

/// The one JSON encoding of changes, so every store and the server read the same bytes.
///
/// Keys are sorted (the same change always encodes to the same text) and dates
/// are Foundation's seconds since 2001-01-01 UTC, the form that reads back to
/// exactly the `Date` written (the SQLite store keeps dates the same way).
public enum ChangeCoding {
    /// An encoder for envelopes and changes (a new one each time: encoders are not `Sendable`).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .deferredToDate
        return encoder
    }

    /// A decoder for envelopes and changes.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        return decoder
    }
}
