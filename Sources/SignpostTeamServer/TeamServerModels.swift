import Foundation

/// A practitioner's part in the team, and the PostgreSQL group role that carries it.
public enum PractitionerRole: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case frontDoor = "front-door"
    case hubWorker = "hub-worker"
    case manager
    case admin

    /// The group role a login of this role is a member of.
    public var groupRole: String { "signpost_" + rawValue.replacingOccurrences(of: "-", with: "_") }

    public var description: String { rawValue }
}

/// What a team server holds: real casework, or fictional families for demonstration and training.
public enum TeamServerKind: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case live
    case demonstration

    public var isFictional: Bool { self != .live }

    public var description: String { rawValue }
}

/// The server's answer for one pushed change.
public struct PushOutcome: Hashable, Sendable, Decodable {
    public enum Status: String, Hashable, Sendable, Decodable {
        /// Accepted and given `seq`.
        case applied
        /// Its id was pushed before; `seq` is the first one's.
        case duplicate
        /// A field it sets changed on the server since its base, to another value: recorded as a
        /// conflict, the server's value stands and the change is not applied.
        case conflict
        /// Malformed, or for a family the pusher may not change.
        case refused
    }

    /// The change's id; nil when what was pushed had no readable one (it is then refused).
    public var id: UUID?
    public var seq: Int64?
    public var status: Status
    public var reason: String?

    enum CodingKeys: String, CodingKey { case id, seq, status, reason }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = (try? container.decodeIfPresent(String.self, forKey: .id)).flatMap { $0.flatMap(UUID.init(uuidString:)) }
        seq = try container.decodeIfPresent(Int64.self, forKey: .seq)
        status = try container.decode(Status.self, forKey: .status)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
    }
}

/// A change as the server gives it back: its place in the team's order, the login that pushed it
/// (set by the server), when the server received it, and the envelope as pushed (JSON).
public struct PulledChange: Hashable, Sendable {
    public var seq: Int64
    public var author: String
    public var receivedAt: Date
    public var envelopeJSON: Data

    public init(seq: Int64, author: String, receivedAt: Date, envelopeJSON: Data) {
        self.seq = seq
        self.author = author
        self.receivedAt = receivedAt
        self.envelopeJSON = envelopeJSON
    }
}

/// A recorded conflict: the value the server kept and the one a push tried to set.
public struct ConflictRecord: Hashable, Sendable {
    public var id: Int64
    public var family: String
    public var record: String
    public var field: String
    /// JSON text of the value that stands.
    public var serverValue: String
    public var serverAuthor: String
    public var serverChangedAt: Date
    /// JSON text of the value the push carried.
    public var pushedValue: String
    public var pushedAuthor: String
    public var pushedAt: Date
    public var pushedChange: UUID
}

/// A person search hit: which family and record, never case content.
public struct ServerPersonMatch: Hashable, Sendable {
    public var family: String
    public var record: String
    public var locality: String?
    public var restricted: Bool
}

/// A practitioner on the server.
public struct Practitioner: Hashable, Sendable {
    public var login: String
    public var role: PractitionerRole
    public var locality: String?
}

/// What `signpost server status` prints.
public struct TeamServerStatus: Hashable, Sendable {
    public var kind: TeamServerKind?
    public var schemaVersion: Int
    public var practitioners: [Practitioner]
    public var changes: Int64
    public var lastSeq: Int64
    public var openConflicts: Int64
    public var auditEntries: Int64
    /// The first audit entry that does not chain; nil when the trail is intact (or not readable).
    public var firstBrokenAuditEntry: Int64?
}
