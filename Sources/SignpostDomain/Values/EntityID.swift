/// A stable identifier for one kind of record, such as a family or a person.
///
/// The phantom `Entity` keeps a person's id from being passed where a
/// family's is wanted. Identifiers are text so that references read out over
/// the phone (`F-00017`) and generated ones (UUIDs) live side by side.
///
/// Every id follows one strict grammar (``isWellFormed(_:)``): 1 to 64 ASCII
/// letters, digits, `-` and `_`, starting with a letter or digit. Ids name
/// export files and are read out over the phone, so nothing that could climb
/// out of a folder (`../`), hide at the end (a trailing space) or pass for
/// another id (a non-breaking hyphen, a Cyrillic letter) is accepted. Decoding
/// checks it, so every document, situation or draft read from JSON has only
/// well-formed ids; stores check it on every change.
///
/// ```swift
/// let id: FamilyID = "F-00017"
/// ```
public struct EntityID<Entity>: RawRepresentable, Hashable, Comparable, Sendable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// A new random identifier with a readable prefix, such as `N-3F2A9C1B7D`.
    public static func generate(prefix: String) -> EntityID {
        var generator = SystemRandomNumberGenerator()
        return generate(prefix: prefix, using: &generator)
    }

    /// A new identifier drawn from `generator`, for reproducible data.
    public static func generate(prefix: String, using generator: inout some RandomNumberGenerator) -> EntityID {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let body = (0..<10).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        return EntityID("\(prefix)-\(String(body))")
    }

    public var description: String { rawValue }

    public static func < (lhs: EntityID, rhs: EntityID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The longest id accepted.
    public static var maximumLength: Int { 64 }

    /// Whether `text` follows the id grammar: 1–64 ASCII letters, digits, `-` or `_`, starting with a letter or digit.
    ///
    /// ```swift
    /// FamilyID.isWellFormed("F-00017")        // true
    /// FamilyID.isWellFormed("../../victim")   // false
    /// FamilyID.isWellFormed("F-7777 ")        // false: a trailing space
    /// ```
    public static func isWellFormed(_ text: String) -> Bool { EntityIDError.problem(in: text) == nil }

    /// Whether this id follows the grammar (see ``isWellFormed(_:)``).
    public var isWellFormed: Bool { Self.isWellFormed(rawValue) }

    /// An id from text given by a person or another program, checked against the grammar.
    ///
    /// ```swift
    /// let id = try FamilyID(validating: "F-00017")
    /// ```
    ///
    /// - Throws: ``EntityIDError`` saying what is wrong with the text.
    public init(validating text: String) throws(EntityIDError) {
        if let problem = EntityIDError.problem(in: text) { throw EntityIDError(text: text, problem: problem) }
        self.rawValue = text
    }
}

/// Why some text is not a valid id, in words that show the text safely.
///
/// The offending character is named by its code point and Unicode name, so a
/// lookalike (a non-breaking hyphen for `-`) is told apart in the message.
public struct EntityIDError: Error, Equatable, CustomStringConvertible {
    /// The text that was refused.
    public var text: String
    /// What is wrong with it.
    public var problem: String

    public var description: String {
        "\(text.debugDescription) is not a valid id (\(problem)); ids are 1 to 64 letters A-Z or a-z, digits, - or _, starting with a letter or digit"
    }

    static func problem(in text: String) -> String? {
        let scalars = text.unicodeScalars
        guard let first = scalars.first else { return "it is empty" }
        if scalars.count > 64 { return "it is \(scalars.count) characters long" }
        for scalar in scalars where !isAllowed(scalar) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let name = scalar.properties.name.map { " \($0)" } ?? ""
            return "it contains \(code)\(name)"
        }
        if first == "-" || first == "_" { return "it starts with \(first)" }
        return nil
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_": return true
        default: return false
        }
    }
}

extension EntityID: Codable {
    /// Reads an id, refusing one that does not follow the grammar (see ``isWellFormed(_:)``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public typealias FamilyID = EntityID<Family>
public typealias PersonID = EntityID<Person>
public typealias ContactID = EntityID<Contact>
public typealias ReferralID = EntityID<Referral>
public typealias CaseNoteID = EntityID<CaseNote>
public typealias ConsentID = EntityID<ConsentRecord>
public typealias EpisodeID = EntityID<EarlyHelpEpisode>
public typealias AssessmentID = EntityID<EarlyHelpAssessment>
public typealias ContactDraftID = EntityID<ContactDraft>

/// The id of a service in the service directory (`bright-start`, `csct`, …).
public struct ServiceID: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }
    public static func < (lhs: ServiceID, rhs: ServiceID) -> Bool { lhs.rawValue < rhs.rawValue }
}
