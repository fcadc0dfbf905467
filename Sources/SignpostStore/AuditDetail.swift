import Foundation
import SignpostDomain

/// The values behind an audit entry: each field a change touched, with its old and new value.
///
/// Kept beside the entry's sentence as JSON. The audit chain seals a digest of this JSON, not the
/// JSON itself, so the values of a person who is later erased can be replaced by an
/// ``erased`` marker that says what was erased and why, and the chain still verifies
/// (see ARCHITECTURE.md, "The audit trail").
///
/// ```swift
/// AuditDetail(changes: [AuditValueChange(field: "phone", old: "020 7946 0000", new: "020 7946 0001")])
/// ```
public struct AuditDetail: Hashable, Codable, Sendable {
    /// The fields, in the order the change names them.
    public var changes: [AuditValueChange]
    /// Set when the values were erased: what was erased and why. ``changes`` is then empty.
    public var erased: String?

    public init(changes: [AuditValueChange], erased: String? = nil) {
        self.changes = changes
        self.erased = erased
    }

    /// The detail's stored form: JSON with sorted keys, so the same values always give the same digest.
    ///
    /// Written directly (`AuditDetail+Writing.swift`), byte for byte what `JSONEncoder` with sorted
    /// keys and unescaped slashes writes: every change saved or pulled writes one, and Foundation's
    /// encoder was most of an audit entry's cost.
    public func encoded() -> Data {
        Data(jsonText().utf8)
    }

    /// Reads a stored detail, or nil when it cannot be read.
    public static func decoded(from data: Data) -> AuditDetail? {
        try? JSONDecoder().decode(AuditDetail.self, from: data)
    }

    /// The changes in one line: `phone: 020 7946 0000 → 020 7946 0001; reason: …`.
    public var line: String {
        if let erased { return "values erased: \(erased)" }
        return changes.map(\.line).joined(separator: "; ")
    }
}

/// One field in an audit entry: its name, the value before (nil for a new record) and after (nil when removed).
public struct AuditValueChange: Hashable, Codable, Sendable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }

    /// `field: old → new`, `field: new` for a new value, `field: old → (removed)`.
    public var line: String {
        switch (old, new) {
        case (nil, let new?): return "\(field): \(new)"
        case (let old?, let new?): return "\(field): \(old) → \(new)"
        case (let old?, nil): return "\(field): \(old) → (removed)"
        case (nil, nil): return field
        }
    }
}

/// What a page of the audit trail is asked for: whose, which actions, when, and where to resume.
///
/// Pages run newest first. Pass the last entry's ``AuditEntry/sequence`` as ``before`` for the
/// next page; nothing is ever read whole.
///
/// ```swift
/// var query = AuditQuery(family: "F-0001", limit: 50)
/// let first = try store.auditEntries(query)
/// query.before = first.last?.sequence
/// ```
public struct AuditQuery: Hashable, Sendable {
    public var family: FamilyID?
    /// Exactly this actor (login).
    public var actor: String?
    /// Only entries of this kind of action.
    public var kind: AuditActionKind?
    /// From this instant (inclusive).
    public var since: Date?
    /// Up to this instant (exclusive).
    public var until: Date?
    /// Only entries older than this ``AuditEntry/sequence``.
    public var before: Int64?
    public var limit: Int

    public init(
        family: FamilyID? = nil, actor: String? = nil, kind: AuditActionKind? = nil, since: Date? = nil,
        until: Date? = nil, before: Int64? = nil, limit: Int = 50
    ) {
        self.family = family
        self.actor = actor
        self.kind = kind
        self.since = since
        self.until = until
        self.before = before
        self.limit = limit
    }

    /// Whether `entry` passes the filters (not the paging): what a store without indexes checks.
    public func admits(_ entry: AuditEntry) -> Bool {
        if let family, entry.family != family { return false }
        if let actor, entry.actor != actor { return false }
        if let kind, AuditActionKind(action: entry.action) != kind { return false }
        if let since, entry.at < since { return false }
        if let until, entry.at >= until { return false }
        return true
    }
}

/// What an audit entry records someone doing: creating, changing, viewing or exporting case data.
public enum AuditActionKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case created, changed, viewed, exported

    /// The kind of an action name: `add-family` created, `view-family` (and lists and searches) viewed,
    /// `export-…` exported, everything else changed.
    public init(action: String) {
        if action == "add-family" {
            self = .created
        } else if action.hasPrefix("export-") {
            self = .exported
        } else if Self.readActions.contains(action) || action.hasPrefix("view-") {
            self = .viewed
        } else {
            self = .changed
        }
    }

    /// Reads of case data that name no family's change (`list-families`, `search-families`, `match-people`).
    public static let readActions: Set<String> = ["view-family", "list-families", "search-families", "match-people"]

    public var label: String {
        switch self {
        case .created: return "Created"
        case .changed: return "Changed"
        case .viewed: return "Viewed"
        case .exported: return "Exported"
        }
    }

    public var description: String { rawValue }
}
