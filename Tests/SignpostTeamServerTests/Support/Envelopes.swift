import Foundation

/// Raw change envelopes as a client sends them (the server reads only the top-level keys).
enum Envelopes {
    /// One envelope as JSON; `extra` adds keys a client should not send (like "author").
    static func make(
        id: UUID = UUID(), device: String = "D-TESTDEV1", family: String, record: String? = nil, kind: String,
        base: Int64? = nil,
        fields: [String: Any]? = nil, locality: String? = nil, extra: [String: Any] = [:]
    ) -> Data {
        var object: [String: Any] = [
            "id": id.uuidString.lowercased(), "format": 1, "device": device,
            "hlc": "0001764095400123-0000-\(device)", "family": family, "record": record ?? family, "kind": kind,
            "base": base.map { NSNumber(value: $0) } ?? NSNull(), "fields": fields ?? NSNull(),
            "scope": locality.map { ["locality": $0] } ?? NSNull(),
            "change": ["action": kind, "note": "fictional test change"],
        ]
        for (key, value) in extra { object[key] = value }
        return try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// The top-level object of a pulled envelope.
    static func object(_ data: Data) throws -> [String: Any] {
        try XCTUnwrapDictionary(JSONSerialization.jsonObject(with: data))
    }

    private static func XCTUnwrapDictionary(_ value: Any) throws -> [String: Any] {
        guard let dictionary = value as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return dictionary
    }
}
