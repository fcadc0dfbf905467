import Foundation
import SignpostStore
import SignpostTeamServer

/// Syncs a store with its team server in the background while the interface is open.
///
/// One task loops beside the interface: every quarter of a second it counts the outbox (a cheap
/// query) and syncs with ``SyncEngine`` when a save added a change, when ``interval`` has passed
/// since the last sync, or when ``requestSync()`` asked; while the server cannot be reached it
/// tries again every ``retryInterval``. The interface only reads ``status()``, a snapshot under a
/// lock, so no keystroke ever waits on the network. A connection lost part way loses nothing:
/// the outbox keeps every change until the server acknowledged it (a change the server took
/// before the connection dropped comes back as a duplicate and is marked sent then), and each
/// pulled page is applied in one store transaction.
///
/// ```swift
/// let sync = TeamBackgroundSync(store: store, endpoint: endpoint, login: link.login)
/// sync.start()
/// // … the interface runs, reading sync.status() …
/// sync.stop()
/// ```
public final class TeamBackgroundSync: BackgroundSync, @unchecked Sendable {
    /// Seconds between syncs while the server answers.
    public let interval: TimeInterval
    /// Every 2 seconds while online: a colleague's saved note reaches an open interface within
    /// about two syncs (the issue asks for 5 seconds), and a sync with nothing new is one query.
    public static let defaultInterval: TimeInterval = 2
    /// Seconds between attempts while it does not.
    public let retryInterval: TimeInterval

    private let store: any SyncableStore
    private let endpoint: TeamServerEndpoint?
    /// How long it waits to sign in and for each request before calling the server offline.
    private let deadlines: TeamServerDeadlines
    // Everything below is guarded by `lock`: the interface reads it from its own thread.
    private let lock = NSLock()
    private var snapshot: SyncStatus
    private var requested = 0
    private var resolvedHere = Set<Int64>()
    private var task: Task<Void, Never>?
    private var stopping = false
    /// When the last sync that asked which families left the login's scope began.
    private var scopeCheckedAt: Date?
    /// Seconds between asking the server which held families left the login's scope: a scope
    /// changes seldom, and asking costs a query per 2,000 families held.
    public static let scopeCheckInterval: TimeInterval = 60

    /// A background sync that signs in to `endpoint` (its password already found).
    public init(
        store: any SyncableStore, endpoint: TeamServerEndpoint, login: String,
        interval: TimeInterval = defaultInterval, retryInterval: TimeInterval = 5,
        deadlines: TeamServerDeadlines = TeamServerDeadlines()
    ) {
        self.store = store
        self.endpoint = endpoint
        self.deadlines = deadlines
        self.interval = interval
        self.retryInterval = retryInterval
        self.snapshot = Self.remembering(SyncStatus(login: login), from: store)
    }

    /// `status` with the conflicts the store remembers from its last sync, until the server answers.
    private static func remembering(_ status: SyncStatus, from store: any SyncableStore) -> SyncStatus {
        guard let remembered = try? store.rememberedConflicts() else { return status }
        var status = status
        status.conflicts = remembered.conflicts
        status.conflictsAsOf = remembered.asOf
        return status
    }

    /// A background sync that cannot start (no password where PostgreSQL keeps them, say): the
    /// header says so and counts what waits to be sent; `signpost sync` still works.
    public init(store: any SyncableStore, unavailable why: String, login: String) {
        self.store = store
        self.endpoint = nil
        self.deadlines = TeamServerDeadlines()
        self.interval = Self.defaultInterval
        self.retryInterval = 5
        self.snapshot = Self.remembering(SyncStatus(connection: .unavailable(why: why), login: login), from: store)
    }

    public func status() -> SyncStatus {
        lock.withLock { snapshot }
    }

    public func requestSync() {
        lock.withLock { requested += 1 }
    }

    public func noteResolved(conflict: Int64) {
        lock.withLock {
            resolvedHere.insert(conflict)
            snapshot.conflicts.removeAll { $0.id == conflict }
        }
        // Resolved here, perhaps offline: an interface started before the next sync does not show it again.
        if var remembered = try? store.rememberedConflicts() {
            remembered.conflicts.removeAll { $0.id == conflict }
            try? store.rememberConflicts(remembered)
        }
    }

    /// Starts the loop; calling it again does nothing.
    public func start() {
        lock.withLock {
            guard task == nil else { return }
            task = Task.detached { [self] in await run() }
        }
    }

    /// Stops the loop after the sync under way, if any (never cut part way: its session is closed
    /// properly); what was not sent stays in the outbox for next time.
    public func stop() {
        lock.withLock {
            stopping = true
            task = nil
        }
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    // MARK: The loop

    private func run() async {
        var connection: TeamServerConnection?
        var lastAttempt = Date.distantPast
        var lastCount = -1
        while !isStopping {
            let count = (try? store.pendingChangeCount()) ?? max(lastCount, 0)
            let (forced, state) = lock.withLock { () -> (Int, SyncStatus.Connection) in
                snapshot.toSend = count
                let forced = requested
                requested = 0
                return (forced, snapshot.connection)
            }
            let elapsed = Date().timeIntervalSince(lastAttempt)
            var due = forced > 0
            switch state {
            case .online: due = due || elapsed >= interval || count > lastCount
            case .starting, .offline: due = due || elapsed >= retryInterval
            case .unavailable: due = false
            }
            if forced > 0, case .unavailable(let why) = state {
                lock.withLock {
                    snapshot.lastOutcome = "Sync is off: \(why)."
                    snapshot.forcedSyncs += forced
                }
            }
            if due, let endpoint {
                lastAttempt = Date()
                connection = await syncOnce(connection, endpoint: endpoint, forced: forced)
            }
            lastCount = count
            try? await Task.sleep(nanoseconds: 250_000_000)
        }
        try? await connection?.close()
    }

    /// One push and pull, then the server's open conflicts; returns the connection to keep (nil when it failed).
    private func syncOnce(_ open: TeamServerConnection?, endpoint: TeamServerEndpoint, forced: Int) async
        -> TeamServerConnection?
    {
        lock.withLock { snapshot.isSyncing = true }
        var connection = open
        if let stale = connection, stale.isClosed {
            // Dropped while idle (the server restarted, the network went): ask afresh.
            try? await stale.close()
            connection = nil
        }
        do {
            let server: TeamServerConnection
            if let connection {
                server = connection
            } else {
                server = try await TeamServerConnection.connect(to: endpoint, deadlines: deadlines)
                connection = server
            }
            var engine = SyncEngine(store: store, server: server)
            let started = Date()
            let checksScope = lock.withLock {
                scopeCheckedAt.map { started.timeIntervalSince($0) >= Self.scopeCheckInterval } ?? true
            }
            engine.removesFamiliesLeftScope = checksScope
            engine.firstSyncProgress = { [weak self] progress in
                guard let self else { return }
                lock.withLock { snapshot.firstSync = progress.done }
            }
            let report = try await engine.sync()
            let conflicts = try await server.openConflicts()
            try? store.rememberConflicts(RememberedConflicts(conflicts: conflicts, asOf: Date()))
            let count = try store.pendingChangeCount()
            lock.withLock {
                // A resolution made here is pushed before the conflicts are read, so one the server
                // still lists was refused or not yet sent: keep hiding it only until the server drops it.
                resolvedHere.formIntersection(conflicts.map(\.id))
                snapshot.connection = .online(syncedAt: Date())
                if checksScope { scopeCheckedAt = started }
                snapshot.toSend = count
                snapshot.conflicts = conflicts.filter { !resolvedHere.contains($0.id) }
                snapshot.conflictsAsOf = nil
                snapshot.isSyncing = false
                // A family removed for leaving the practitioner's scope re-reads the screens too.
                snapshot.received += report.pull.changes + report.scope.removed.count
                if let first = report.pull.firstSync { snapshot.firstSync = first.done }
                snapshot.lastOutcome = Self.outcome(of: report, conflicts: snapshot.conflicts.count)
                snapshot.forcedSyncs += forced
            }
            return connection
        } catch {
            try? await connection?.close()
            let why: String
            if case .unreachable(_, let reason) = error as? TeamServerError {
                // The practitioner knows which server they joined: the reason comes first, in 80 columns.
                why = "\(reason)."
            } else {
                why = (error as? TeamServerError)?.description ?? "\(error)"
            }
            lock.withLock {
                if case .offline = snapshot.connection {
                } else {
                    snapshot.connection = .offline(since: Date(), why: why)
                }
                snapshot.isSyncing = false
                snapshot.lastOutcome = "Could not sync: \(why) Your changes are kept and sent when it answers."
                snapshot.forcedSyncs += forced
            }
            return nil
        }
    }

    /// One sentence for the interface: what moved.
    static func outcome(of report: SyncReport, conflicts: Int) -> String {
        let sent = report.push.applied + report.push.conflicts.count
        var text = "Synced: sent \(sent) \(sent == 1 ? "change" : "changes"), received \(report.pull.changes)"
        if !report.push.refused.isEmpty { text += "; \(report.push.refused.count) refused (kept to send)" }
        if !report.scope.removed.isEmpty {
            let removed = report.scope.removed.count
            text += "; \(removed) \(removed == 1 ? "family" : "families") left your scope, removed from this laptop"
        }
        if conflicts > 0 { text += "; \(conflicts) \(conflicts == 1 ? "conflict" : "conflicts") to review (Y)" }
        return text + "."
    }
}
