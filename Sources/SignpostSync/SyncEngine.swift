import Foundation
import SignpostStore
import SignpostTeamServer

/// Exchanges one store's changes with the team server: pushes the outbox in batches (one server
/// transaction each) and marks what the server acknowledged, then pulls what others pushed since
/// the last sequence number the store saw, page by page, and applies it.
///
/// The store stays the interface's only source: the engine runs beside it (from `signpost sync`),
/// and nothing here waits for a screen.
///
/// ```swift
/// let engine = SyncEngine(store: store, server: connection)
/// let report = try await engine.sync()
/// print(report.summary)
/// ```
public struct SyncEngine: Sendable {
    public let store: any SyncableStore
    public let server: TeamServerConnection
    /// Changes per push: each batch is one transaction on the server.
    public var batchSize: Int
    /// Changes per pull request.
    public var pageSize: Int

    /// This computer's clock (the store's changes are stamped with it), compared with the server's.
    public var wallClock: @Sendable () -> Date

    /// Told after each page of a first sync (a store that has pulled nothing yet): families and
    /// bytes received so far, and an estimate of what remains. `signpost sync` prints it.
    public var firstSyncProgress: (@Sendable (FirstSyncProgress) -> Void)?

    /// Whether the sync ends by removing the families that left the login's scope (one question
    /// per 2,000 families held); the background sync asks once a minute rather than every sync.
    public var removesFamiliesLeftScope = true

    public init(
        store: any SyncableStore, server: TeamServerConnection, batchSize: Int = 250, pageSize: Int = 1_000,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.server = server
        self.batchSize = max(1, batchSize)
        self.pageSize = max(1, pageSize)
        self.wallClock = wallClock
    }

    /// Pushes then pulls, after checking the store and the server hold the same kind of record.
    ///
    /// The report says how far this computer's clock is from the server's when that is more than
    /// the team's limit (``TeamServerSchema/clockLimitMilliseconds``, five minutes): changes are
    /// still sent, and the server keeps their clock readings within the limit, but the
    /// practitioner should set the clock right.
    public func sync() async throws -> SyncReport {
        try await checkKinds()
        let offset = try await clockOffset()
        let pushed = try await push()
        let pulled = try await pull()
        var report = SyncReport(push: pushed, pull: pulled)
        if removesFamiliesLeftScope { report.scope = try await removeFamiliesLeftScope(refused: pushed.refused) }
        if abs(offset) * 1_000 > Double(TeamServerSchema.clockLimitMilliseconds) { report.clockOffset = offset }
        return report
    }

    /// Seconds this computer's clock is ahead of the server's (negative: behind), to within the round trip.
    public func clockOffset() async throws -> TimeInterval {
        let asked = wallClock()
        let serverNow = try await server.serverClock()
        let answered = wallClock()
        let local = asked.addingTimeInterval(answered.timeIntervalSince(asked) / 2)
        return local.timeIntervalSince(serverNow)
    }

    /// Fictional stores (demonstration, training) sync only with a demonstration server, a live
    /// store only with a live one.
    public func checkKinds() async throws {
        let storeKind = store.kind
        guard let serverKind = try await server.serverKind() else {
            throw TeamServerError.server(
                message: "The team server has not been initialised (signpost server init).", sqlState: nil)
        }
        if storeKind.isFictional != serverKind.isFictional {
            throw TeamServerError.kindMismatch(server: serverKind.rawValue, store: storeKind.rawValue)
        }
    }

    /// Pushes every pending change, in batches, oldest first.
    ///
    /// Applied, duplicate and conflicting changes are marked sent with their seq (a conflicting
    /// change was kept without its conflicting fields, which the server recorded for `signpost
    /// conflicts`). A refused change stays in the outbox and is reported.
    public func push() async throws -> PushReport {
        // A store syncing is a store in a team: what it recorded before is queued now, once.
        try store.startOutbox()
        var report = PushReport()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var refused = Set<UUID>()
        while true {
            let pending = try store.pendingChanges(limit: batchSize + refused.count)
                .filter { !refused.contains($0.id) }
                .prefix(batchSize)
            guard !pending.isEmpty else { break }
            let envelopes = try pending.map { try encoder.encode($0) }
            let outcomes = try await server.push(envelopes: envelopes)
            var acknowledgements: [(id: UUID, seq: Int64)] = []
            for (envelope, outcome) in zip(pending, outcomes) {
                switch outcome.status {
                case .applied:
                    report.applied += 1
                    acknowledgements.append((envelope.id, outcome.seq ?? 0))
                case .duplicate:
                    report.duplicates += 1
                    acknowledgements.append((envelope.id, outcome.seq ?? 0))
                case .conflict:
                    report.conflicts.append(PushReport.Held(envelope: envelope, reason: outcome.reason ?? "conflict"))
                    acknowledgements.append((envelope.id, outcome.seq ?? 0))
                case .refused:
                    report.refused.append(PushReport.Held(envelope: envelope, reason: outcome.reason ?? "refused"))
                    refused.insert(envelope.id)
                }
            }
            try store.markSent(acknowledgements)
            report.batches += 1
        }
        return report
    }

    /// Pulls everything after the store's last pulled seq, page by page, applying each page in
    /// one store transaction (which also advances the store's last pulled seq).
    ///
    /// The pages are pipelined: while the store applies one page, the next is already being
    /// fetched from the server and decoded (on another task, never under the store's lock). Each
    /// fetch asks for the changes after the last seq of the page before, so every change arrives
    /// once and in order, exactly as when the pages were fetched one after another; a page whose
    /// apply fails stops the pull, and the page fetched ahead is dropped unapplied.
    public func pull() async throws -> PullReport {
        // Queued before anything pulled arrives, so only this store's own families are queued.
        try store.startOutbox()
        var report = PullReport()
        var since = try store.lastPulledSeq()
        report.from = since
        var held = HeldFamilies()
        try await backFillNewlyReadable(since: since, held: &held, report: &report)
        var first: FirstSyncProgress?
        if since == 0 { first = FirstSyncProgress(latestSeq: try await server.latestSeq()) }
        let (server, pageSize, start) = (self.server, self.pageSize, since)
        try await withThrowingTaskGroup(of: PulledPage.self) { fetching in
            fetching.addTask { try await PulledPage.fetch(from: server, since: start, max: pageSize) }
            while let page = try await fetching.next() {
                guard let last = page.changes.last else { break }
                // The next page travels and is decoded while this one is applied.
                let full = page.changes.count >= pageSize
                if full {
                    fetching.addTask { try await PulledPage.fetch(from: server, since: last.seq, max: pageSize) }
                }
                let changes = page.changes
                report.bytes += page.bytes
                try store.applyPulled(try await withBackFill(changes, held: &held, report: &report))
                // This store's own changes come back with their seq; they were applied here already.
                let others = changes.filter { $0.envelope.device != store.device }
                report.ownReturned += changes.count - others.count
                report.changes += others.count
                report.families.formUnion(others.map { $0.envelope.family.rawValue })
                report.authors.formUnion(others.map(\.author))
                since = last.seq
                report.pages += 1
                if var progress = first {
                    progress.families.formUnion(changes.map { $0.envelope.family.rawValue })
                    progress.bytes = report.bytes
                    progress.seq = since
                    first = progress
                    firstSyncProgress?(progress)
                }
                if !full { break }
            }
        }
        report.to = since
        if let first, report.pages > 0 { report.firstSync = first }
        return report
    }
}

/// One page of a pull as the store reads it: fetched and decoded away from the store.
struct PulledPage: Sendable {
    var changes: [ServerChange]
    /// The page's size as the server sent it (its changes' JSON), in bytes.
    var bytes: Int

    /// The changes after `since` the server lets this login see, at most `max`, decoded.
    static func fetch(from server: TeamServerConnection, since: Int64, max: Int) async throws -> PulledPage {
        let pulled = try await server.pull(since: since, max: max)
        return PulledPage(
            changes: try SyncEngine.decode(pulled), bytes: pulled.reduce(0) { $0 + $1.envelopeJSON.count })
    }
}

/// Why a sync stopped.
public enum SyncError: Error, Equatable, CustomStringConvertible {
    /// A pulled change this version of Signpost cannot read; nothing after it was applied.
    case unreadableChange(seq: Int64, why: String)

    public var description: String {
        switch self {
        case .unreadableChange(let seq, let why):
            "The team server's change \(seq) could not be read by this version of Signpost (\(why)); "
                + "nothing from it on was applied. Update Signpost and sync again."
        }
    }
}
