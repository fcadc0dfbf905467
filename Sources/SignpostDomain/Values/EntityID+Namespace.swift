/// Which records an id may belong to: live casework, or fictional (demonstration and training) data.
///
/// Fictional records carry the reserved prefix ``EntityID/fictionalPrefix`` (`ZZ-`, as every
/// fictional postcode ends in `ZZ`) at the start of their id: `ZZ-F-0001` is a fictional family,
/// `ZZ-P-0001-2` one of its people. The mark is part of every id, so it cannot be forged by editing
/// one field of an export: a live store refuses any record whose id is in the fictional namespace,
/// and a fictional store refuses any record whose id is not.
///
/// ```swift
/// FamilyID("ZZ-F-0001").namespace      // .fictional
/// FamilyID("F-0001").namespace         // .live
/// let id: PersonID = IDNamespace.fictional.generate(prefix: "P")   // "ZZ-P-3F2A9C1B7D"
/// ```
public enum IDNamespace: String, Sendable, Hashable, CustomStringConvertible {
    case live
    case fictional

    /// The namespace of a record whose id is `text`.
    ///
    /// The prefix is recognised whatever its case (`zz-F-1` is fictional too), so changing the case of
    /// the mark cannot pass a fictional record for a live one.
    public static func of(_ text: String) -> IDNamespace {
        let prefix = EntityIDNamespacePrefix.text
        guard text.utf8.count >= prefix.utf8.count else { return .live }
        return text.prefix(prefix.count).uppercased() == prefix ? .fictional : .live
    }

    /// The text every id minted in this namespace starts with: `ZZ-` for fictional records, nothing for live ones.
    public var prefix: String { self == .fictional ? EntityIDNamespacePrefix.text : "" }

    /// `body` as an id in this namespace: `F-0001` becomes `ZZ-F-0001` in the fictional namespace.
    ///
    /// A body that already carries the fictional mark is not marked twice.
    public func id<Entity>(_ body: String) -> EntityID<Entity> {
        EntityID(self == .fictional && IDNamespace.of(body) == .fictional ? body : prefix + body)
    }

    /// A new random id in this namespace with a readable prefix: `N-3F2A9C1B7D`, or `ZZ-N-3F2A9C1B7D` when fictional.
    public func generate<Entity>(prefix kind: String) -> EntityID<Entity> {
        id(EntityID<Entity>.generate(prefix: kind).rawValue)
    }

    public var description: String { rawValue }
}

/// The reserved mark of fictional ids, kept in one place.
enum EntityIDNamespacePrefix {
    static let text = "ZZ-"
}

extension EntityID {
    /// The reserved prefix of fictional records' ids: `ZZ-`.
    public static var fictionalPrefix: String { EntityIDNamespacePrefix.text }

    /// Whether this id belongs to a live or a fictional record (see ``IDNamespace``).
    public var namespace: IDNamespace { IDNamespace.of(rawValue) }

    /// The id without the namespace's mark: `F-0001` for `ZZ-F-0001`, the id itself for a live one.
    public var body: String {
        namespace == .fictional ? String(rawValue.dropFirst(EntityIDNamespacePrefix.text.count)) : rawValue
    }
}
