import Foundation
import SignpostDomain

/// Syncing with the team server while the interface is open, as the interface sees it.
///
/// The interface never waits on the network: it reads ``status()``, a snapshot the
/// syncing side keeps up to date, and asks for a sync with ``requestSync()``,
/// which returns at once. The syncing itself (SignpostSync's `TeamBackgroundSync`)
/// runs on its own task; the screens know only this protocol.
///
/// ```swift
/// if let sync = app.sync {
///     let header = sync.status().headerParts(now: Date()).joined(separator: " · ")  // "synced 14:02"
///     sync.requestSync()  // ":sync": now, not at the next tick
/// }
/// ```
public protocol BackgroundSync: AnyObject, Sendable {
    /// What is known now; never waits on the network.
    func status() -> SyncStatus

    /// Asks for a sync as soon as possible; returns at once. ``SyncStatus/forcedSyncs`` counts
    /// those that finished, with ``SyncStatus/lastOutcome`` saying how.
    func requestSync()

    /// Stops showing a conflict this store has just resolved (its resolution waits in the outbox
    /// and clears it on the server at the next push).
    func noteResolved(conflict: Int64)
}

/// A snapshot of the store's sync: connection, what waits to be sent, and the conflicts the server holds.
public struct SyncStatus: Hashable, Sendable {
    /// Whether the team server answered the last time it was tried.
    public enum Connection: Hashable, Sendable {
        /// Not tried yet in this session.
        case starting
        /// Synced at this moment (the last sync that finished).
        case online(syncedAt: Date)
        /// Unreachable since this moment (the first failure after the last success), and why.
        case offline(since: Date, why: String)
        /// Syncing cannot start: no password where PostgreSQL keeps them, say.
        case unavailable(why: String)
    }

    public var connection: Connection
    /// Local changes not yet acknowledged by the server.
    public var toSend: Int
    /// The conflicts this login may see on the server, unresolved, oldest first.
    public var conflicts: [TeamConflict]
    /// True while a sync is under way.
    public var isSyncing: Bool
    /// The server login this store syncs as.
    public var login: String
    /// How many syncs asked for with ``BackgroundSync/requestSync()`` have finished.
    public var forcedSyncs: Int
    /// How the last sync ended, in a sentence ("Sent 3 changes, received 2.").
    public var lastOutcome: String
    /// Changes received from colleagues since the interface started: when it grows, screens re-read.
    public var received: Int
    /// While a store's first sync runs and after it, its figures ("first sync: 412 families, 3.2 MB").
    public var firstSync: String?
    /// When ``conflicts`` were last heard from the server, if they were remembered from an earlier
    /// session because it has not answered in this one; nil when the server listed them in this one.
    public var conflictsAsOf: Date?

    public init(
        connection: Connection = .starting, toSend: Int = 0, conflicts: [TeamConflict] = [], isSyncing: Bool = false,
        login: String = "", forcedSyncs: Int = 0, lastOutcome: String = "", received: Int = 0
    ) {
        self.connection = connection
        self.toSend = toSend
        self.conflicts = conflicts
        self.isSyncing = isSyncing
        self.login = login
        self.forcedSyncs = forcedSyncs
        self.lastOutcome = lastOutcome
        self.received = received
    }

    /// The families with a conflict waiting.
    public var familiesInConflict: Set<FamilyID> { Set(conflicts.map(\.family)) }

    /// The conflicts about one family.
    public func conflicts(of family: FamilyID) -> [TeamConflict] { conflicts.filter { $0.family == family } }

    /// What the header says, most important first: the connection ("synced 14:02", "offline since
    /// 09:12"), then "3 to send", then "2 conflicts". Times are London's, as everywhere in Signpost.
    ///
    /// - Parameter compact: Shorter words for a narrow header ("offline 09:12").
    public func headerParts(compact: Bool = false) -> [String] {
        var parts: [String] = []
        switch connection {
        case .starting:
            parts.append(toSend == 0 ? "connecting" : "")
        case .online(let syncedAt):
            if toSend == 0 { parts.append("synced \(Self.clockTime(syncedAt))") }
        case .offline(let since, _):
            parts.append(compact ? "offline \(Self.clockTime(since))" : "offline since \(Self.clockTime(since))")
        case .unavailable:
            parts.append("sync off")
        }
        if let firstSync, !compact { parts.append(firstSync) }
        if toSend > 0 { parts.append(isSyncing ? "sending \(toSend)" : "\(toSend) to send") }
        if !conflicts.isEmpty {
            var counted = conflicts.count == 1 ? "1 conflict" : "\(conflicts.count) conflicts"
            // Remembered from an earlier sync: the server may have resolved some since.
            if let conflictsAsOf, !compact { counted += " as of \(Self.clockTime(conflictsAsOf))" }
            parts.append(counted)
        }
        return parts.filter { !$0.isEmpty }
    }

    /// HH:MM in London.
    public static func clockTime(_ instant: Date) -> String {
        String(LondonTime.timestamp(instant).suffix(5))
    }
}

/// A conflict as the team server recorded it: the field, the value that stands and the value a
/// push tried to set, each with who and when.
public struct TeamConflict: Codable, Hashable, Sendable, Identifiable {
    /// The server's id for it.
    public var id: Int64
    public var family: FamilyID
    public var record: String
    /// The kind of edit (`update-person`, …): which record type `record` is.
    public var edits: String
    public var field: String
    /// The value that stands on the server, who set it and when.
    public var serverValue: JSONValue
    public var serverAuthor: String
    public var serverChangedAt: Date
    /// The value the push carried, who pushed it and when.
    public var pushedValue: JSONValue
    public var pushedAuthor: String
    public var pushedAt: Date

    public init(
        id: Int64, family: FamilyID, record: String, edits: String, field: String, serverValue: JSONValue,
        serverAuthor: String, serverChangedAt: Date, pushedValue: JSONValue, pushedAuthor: String, pushedAt: Date
    ) {
        self.id = id
        self.family = family
        self.record = record
        self.edits = edits
        self.field = field
        self.serverValue = serverValue
        self.serverAuthor = serverAuthor
        self.serverChangedAt = serverChangedAt
        self.pushedValue = pushedValue
        self.pushedAuthor = pushedAuthor
        self.pushedAt = pushedAt
    }

    /// The resolution setting the field to `value`.
    public func resolution(_ choice: ConflictResolution.Choice, value: JSONValue) -> ConflictResolution {
        ConflictResolution(
            conflict: id, family: family, record: record, edits: edits, field: field, value: value, choice: choice)
    }
}

/// The open conflicts the team server listed at the last sync that reached it, kept in the store so
/// that an interface started offline still shows them ("as of the last sync").
public struct RememberedConflicts: Codable, Hashable, Sendable {
    public var conflicts: [TeamConflict]
    /// When the server listed them.
    public var asOf: Date

    public init(conflicts: [TeamConflict], asOf: Date) {
        self.conflicts = conflicts
        self.asOf = asOf
    }
}
