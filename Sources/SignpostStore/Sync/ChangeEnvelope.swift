import Foundation
import SignpostDomain

/// One change as it travels between a store and the team server.
///
/// The server reads only the top-level keys: `id` makes pushing idempotent,
/// `family` and `scope` decide who may see it, and for the field kinds
/// (``CaseChange/fieldKinds``) `base` and `fields` decide whether it conflicts
/// with what the server already holds. `change` is the whole ``CaseChange``
/// for the stores that pull it; for a field kind it carries exactly the fields
/// in `fields`. The author is never in the envelope: the server sets it from
/// the login that pushed.
///
/// ```json
/// {"base":1234,"change":{…},"device":"D-7Q2M9X4K","family":"F-0001","fields":{"phone":"020 7946 0001"},
///  "format":1,"hlc":"0001764095400123-0000-D-7Q2M9X4K","id":"3F1C6A52-…","kind":"update-person",
///  "record":"P-0002","scope":null}
/// ```
public struct ChangeEnvelope: Codable, Hashable, Sendable {
    /// Unique per change: the server applies one id once.
    public var id: UUID
    /// The envelope's format version (``currentFormat``).
    public var format: Int
    /// The store that made the change.
    public var device: DeviceID
    /// When it was made, on the device's hybrid logical clock.
    public var hlc: HybridTimestamp
    /// The family the change is about.
    public var family: FamilyID
    /// The record changed: a person, a note, a referral… or the family's own id.
    public var record: String
    /// What was done: ``CaseChange/action`` (`update-person`, `add-case-note`, …).
    public var kind: String
    /// The server sequence number of the record's state this change was made on; nil for a new record.
    public var base: Int64?
    /// For the field kinds, each changed field's new value; nil for appends and new records.
    public var fields: [String: JSONValue]?
    /// Who may see the family, on a new family and when a family's locality changes; otherwise nil.
    public var scope: ChangeScope?
    /// The change itself, for the stores that pull it.
    public var change: CaseChange

    /// The envelope format this code writes and reads.
    public static let currentFormat = 1

    /// An envelope for `change`, its family, record and kind taken from the change.
    public init(
        id: UUID = UUID(), device: DeviceID, hlc: HybridTimestamp, base: Int64?, fields: [String: JSONValue]?,
        scope: ChangeScope?, change: CaseChange
    ) {
        self.id = id
        self.format = Self.currentFormat
        self.device = device
        self.hlc = hlc
        self.family = change.family
        self.record = change.recordID
        self.kind = change.action
        self.base = base
        self.fields = fields
        self.scope = scope
        self.change = change
    }

    enum CodingKeys: String, CodingKey {
        case id, format, device, hlc, family, record, kind, base, fields, scope, change
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(Int.self, forKey: .format)
        guard format == Self.currentFormat else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription:
                    "change envelope format \(format) is not one this Signpost reads (\(Self.currentFormat))")
        }
        id = try container.decode(UUID.self, forKey: .id)
        device = try container.decode(DeviceID.self, forKey: .device)
        hlc = try container.decode(HybridTimestamp.self, forKey: .hlc)
        family = try container.decode(FamilyID.self, forKey: .family)
        record = try container.decode(String.self, forKey: .record)
        kind = try container.decode(String.self, forKey: .kind)
        base = try container.decodeIfPresent(Int64.self, forKey: .base)
        fields = try container.decodeIfPresent([String: JSONValue].self, forKey: .fields)
        scope = try container.decodeIfPresent(ChangeScope.self, forKey: .scope)
        change = try container.decode(CaseChange.self, forKey: .change)
        guard change.action == kind, change.family == family, change.recordID == record else {
            throw DecodingError.dataCorruptedError(
                forKey: .change, in: container,
                debugDescription:
                    "the change (\(change.action) on \(change.family) \(change.recordID)) does not match the envelope (\(kind) on \(family) \(record))"
            )
        }
    }

    /// Writes every key, `null` included, so the server always finds the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(format, forKey: .format)
        try container.encode(device, forKey: .device)
        try container.encode(hlc, forKey: .hlc)
        try container.encode(family, forKey: .family)
        try container.encode(record, forKey: .record)
        try container.encode(kind, forKey: .kind)
        try container.encode(base, forKey: .base)
        try container.encode(fields, forKey: .fields)
        try container.encode(scope, forKey: .scope)
        try container.encode(change, forKey: .change)
    }
}

/// What the server's need-to-know rules use about a family: where it is.
public struct ChangeScope: Codable, Hashable, Sendable {
    public var locality: Locality

    public init(locality: Locality) { self.locality = locality }
}

/// A change pulled from the team server: the envelope as pushed, with what the server added.
public struct ServerChange: Codable, Hashable, Sendable {
    /// The server's sequence number: changes are pulled in this order.
    public var seq: Int64
    /// The login that pushed the change, as the server authenticated it.
    public var author: String
    /// When the server accepted it.
    public var receivedAt: Date
    public var envelope: ChangeEnvelope

    public init(seq: Int64, author: String, receivedAt: Date, envelope: ChangeEnvelope) {
        self.seq = seq
        self.author = author
        self.receivedAt = receivedAt
        self.envelope = envelope
    }

    enum CodingKeys: String, CodingKey {
        case seq, author
        case receivedAt = "received_at"
        case envelope
    }
}

/// The team server a store syncs with: where it is, who logs in, and what kind of data it holds.
///
/// Never the password: the connection asks for it (or finds it where PostgreSQL
/// clients keep them) each time.
public struct TeamServerLink: Codable, Hashable, Sendable {
    /// The server's address (`postgres://host:5432/signpost`), without a password.
    public var url: String
    /// The practitioner's login on the server.
    public var login: String
    /// What the server holds (live or fictional): a store only syncs with a server of its own kind.
    public var serverKind: StoreKind

    public init(url: String, login: String, serverKind: StoreKind) {
        self.url = url
        self.login = login
        self.serverKind = serverKind
    }

    enum CodingKeys: String, CodingKey {
        case url, login
        case serverKind = "server_kind"
    }
}

extension TeamServerLink {
    /// The server itself, whoever logs in: the URL's host, port, database and socket, without the login.
    ///
    /// A store that has joined one server is never joined to another: its last pulled seq, its
    /// records' versions and its outbox all belong to the first.
    ///
    /// ```swift
    /// TeamServerLink(url: "postgresql://alex@127.0.0.1:54329/signpost", login: "alex", serverKind: .live).server
    /// // "postgresql://127.0.0.1:54329/signpost"
    /// ```
    ///
    /// How the connection is protected is not part of it (`sslmode`, and the files of the
    /// certificate authority, the client certificate and its key): a practitioner's renewed
    /// certificate in another file still reaches the same server.
    public var server: String { Self.server(of: url) }

    /// The server a URL names, or a `server` kept before TLS settings were left out of it.
    public static func server(of url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.user = nil
        components.password = nil
        if components.scheme == "postgres" { components.scheme = "postgresql" }
        let transport: Set<String> = ["sslmode", "sslrootcert", "sslcert", "sslkey"]
        let kept = (components.queryItems ?? []).filter { !transport.contains($0.name) }
        components.queryItems = kept.isEmpty ? nil : kept
        return components.string ?? url
    }

    /// Why this store, which joined `joined` before, may not join this link's server; nil when it may.
    package func refusal(joinedBefore joined: String?) -> String? {
        guard let joined, Self.server(of: joined) != server else { return nil }
        return "this store joined the team server \(joined) and cannot join another (\(server)): "
            + "its changes and what it pulled belong to that server; make a new store for this one"
    }
}
