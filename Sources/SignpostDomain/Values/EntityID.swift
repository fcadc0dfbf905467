/// A stable identifier for one kind of record, such as a family or a person.
///
/// The phantom `Entity` keeps a person's id from being passed where a
/// family's is wanted. Identifiers are text so that references read out over
/// the phone (`F-00017`) and generated ones (UUIDs) live side by side.
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
}

extension EntityID: Codable {
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
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
