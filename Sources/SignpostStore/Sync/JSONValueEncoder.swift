import Foundation

/// Encodes a value straight into a ``JSONValue``, without writing JSON text and reading it back.
///
/// Gives the value `JSONEncoder` then `JSONDecoder` would give (the audit of every appended record
/// took that round trip, most of a pulled note's cost): the same containers from the value's own
/// `Codable` conformance, numbers as `Double`, dates as `JSONEncoder`'s `.iso8601` strategy writes
/// them (internet date-time, whole seconds, UTC), a URL as its absolute string. A value it does
/// not turn out the same (`Data`, `Decimal`, a number that is not finite) throws
/// ``Unsupported``, so a caller can fall back to the round trip.
///
/// ```swift
/// let value = try JSONValueEncoder().encode(CaseChange.addCaseNote(family: "F-0001", note))
/// // .object(["family": .string("F-0001"), "kind": .string("add-case-note"), "record": .object(…), …])
/// ```
struct JSONValueEncoder {
    /// A value this encoder does not write as `JSONEncoder` would.
    struct Unsupported: Error {
        var type: String
    }

    func encode(_ value: some Encodable) throws -> JSONValue {
        try Self.box(value, at: [])
    }

    /// One value: the special types as `JSONEncoder` writes them, anything else by its conformance.
    fileprivate static func box(_ value: some Encodable, at path: [any CodingKey]) throws -> JSONValue {
        switch value {
        case let date as Date: return .string(iso8601(date))
        case let url as URL: return .string(url.absoluteString)
        case is Data, is Decimal: throw Unsupported(type: "\(type(of: value))")
        default:
            let encoder = ValueEncoder(codingPath: path)
            try value.encode(to: encoder)
            return encoder.storage.resolved
        }
    }

    fileprivate static func number(_ value: Double) throws -> JSONValue {
        guard value.isFinite else { throw Unsupported(type: "\(value)") }
        return .number(value)
    }

    /// `JSONEncoder`'s `.iso8601`: `ISO8601DateFormatter` with `.withInternetDateTime`, in UTC.
    private static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!))
    }
}

/// Where one value is built: a value already known, or the members of the object or array its
/// containers are filling (shared with nested containers, read once the value is encoded).
private final class Slot {
    var value: JSONValue?
    var objectMembers: ObjectMembers?
    var arrayMembers: ArrayMembers?

    init(_ value: JSONValue? = nil) { self.value = value }

    /// The value as encoded; an object or array container's members win over a single value, as
    /// they do in `JSONEncoder`, and a container nobody wrote into is an empty object.
    var resolved: JSONValue {
        if let objectMembers { return .object(objectMembers.slots.mapValues(\.resolved)) }
        if let arrayMembers { return .array(arrayMembers.slots.map(\.resolved)) }
        return value ?? .object([:])
    }
}

private final class ObjectMembers {
    var slots: [String: Slot] = [:]

    func set(_ key: String, _ slot: Slot) { slots[key] = slot }
}

private final class ArrayMembers {
    var slots: [Slot] = []
}

private final class ValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let storage = Slot()

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(codingPath: codingPath, slot: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(codingPath: codingPath, slot: storage)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(codingPath: codingPath, slot: storage)
    }
}

/// An encoder for one nested value (`superEncoder`): writes into the slot it was given.
private final class SlotEncoder: Encoder {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let slot: Slot

    init(codingPath: [any CodingKey], slot: Slot) {
        self.codingPath = codingPath
        self.slot = slot
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(codingPath: codingPath, slot: slot))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(codingPath: codingPath, slot: slot)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(codingPath: codingPath, slot: slot)
    }
}

/// Keyed members, written into the slot as an object each time one is added (so the slot always
/// holds the object as it stands, whichever container is the last to write).
private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let codingPath: [any CodingKey]
    let slot: Slot
    private let members: ObjectMembers

    init(codingPath: [any CodingKey], slot: Slot) {
        self.codingPath = codingPath
        self.slot = slot
        if let existing = slot.objectMembers {
            members = existing
        } else {
            members = ObjectMembers()
            slot.objectMembers = members
        }
    }

    private func put(_ value: JSONValue, for key: Key) {
        members.set(key.stringValue, Slot(value))
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, for: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), for: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), for: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try JSONValueEncoder.number(value), for: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        put(try JSONValueEncoder.number(Double(value)), for: key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.number(Double(value)), for: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.number(Double(value)), for: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.number(Double(value)), for: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.number(Double(value)), for: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.number(Double(value)), for: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.number(Double(value)), for: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.number(Double(value)), for: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.number(Double(value)), for: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.number(Double(value)), for: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.number(Double(value)), for: key) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        put(try JSONValueEncoder.box(value, at: codingPath + [key]), for: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = Slot()
        members.set(key.stringValue, nested)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(codingPath: codingPath + [key], slot: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = Slot()
        members.set(key.stringValue, nested)
        return UnkeyedContainer(codingPath: codingPath + [key], slot: nested)
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(named: "super")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(named: key.stringValue, path: codingPath + [key])
    }

    private func superEncoder(named name: String, path: [any CodingKey]? = nil) -> any Encoder {
        let nested = Slot()
        members.set(name, nested)
        return SlotEncoder(codingPath: path ?? codingPath, slot: nested)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let codingPath: [any CodingKey]
    let slot: Slot
    private let members: ArrayMembers

    init(codingPath: [any CodingKey], slot: Slot) {
        self.codingPath = codingPath
        self.slot = slot
        if let existing = slot.arrayMembers {
            members = existing
        } else {
            members = ArrayMembers()
            slot.arrayMembers = members
        }
    }

    var count: Int { members.slots.count }

    private func append(_ value: JSONValue) { members.slots.append(Slot(value)) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(try JSONValueEncoder.number(value)) }
    mutating func encode(_ value: Float) throws { append(try JSONValueEncoder.number(Double(value))) }
    mutating func encode(_ value: Int) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { append(.number(Double(value))) }
    mutating func encode(_ value: some Encodable) throws {
        append(try JSONValueEncoder.box(value, at: codingPath + [IndexKey(count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = Slot()
        let path = codingPath + [IndexKey(count)]
        members.slots.append(nested)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(codingPath: path, slot: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = Slot()
        let path = codingPath + [IndexKey(count)]
        members.slots.append(nested)
        return UnkeyedContainer(codingPath: path, slot: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let nested = Slot()
        let path = codingPath + [IndexKey(count)]
        members.slots.append(nested)
        return SlotEncoder(codingPath: path, slot: nested)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let codingPath: [any CodingKey]
    let slot: Slot

    mutating func encodeNil() throws { slot.value = .null }
    mutating func encode(_ value: Bool) throws { slot.value = .bool(value) }
    mutating func encode(_ value: String) throws { slot.value = .string(value) }
    mutating func encode(_ value: Double) throws { slot.value = try JSONValueEncoder.number(value) }
    mutating func encode(_ value: Float) throws { slot.value = try JSONValueEncoder.number(Double(value)) }
    mutating func encode(_ value: Int) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: Int8) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: Int16) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: Int32) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: Int64) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: UInt) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: UInt8) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: UInt16) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: UInt32) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: UInt64) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: some Encodable) throws {
        slot.value = try JSONValueEncoder.box(value, at: codingPath)
    }
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
