import Foundation
import SignpostDomain
import SignpostStore
import SignpostTeamServer

extension SyncEngine {
    /// Brings one family's whole history from the team server into the store, then pulls whatever
    /// else is new, so the family is complete on this laptop.
    ///
    /// The server decides whether this login may have it: a family outside the login's
    /// need-to-know is opened (audited on the server with the real login), and a restricted one
    /// needs `reason` from anyone not named on it. A refusal throws ``TeamServerError`` (permission
    /// denied) and changes nothing here.
    ///
    /// ```swift
    /// let brought = try await SyncEngine(store: store, server: server)
    ///     .bringFamily(FamilyID("F-0001"), reason: "Duty cover for the named worker")
    /// ```
    public func bringFamily(_ family: FamilyID, reason: String?) async throws -> BroughtFamily {
        try await checkKinds()
        try store.startOutbox()
        let history = try await server.familyHistory(family.rawValue, reason: reason)
        // Changes up to the store's last pulled seq are applied now; the pull that follows brings the
        // rest in order with everything else, so the store's place in the change log never skips.
        let since = try store.lastPulledSeq()
        let older = try Self.decode(history.changes.filter { $0.seq <= since })
        try store.applyPulled(older)
        let pull = try await pull()
        return BroughtFamily(
            family: family, restricted: history.restricted, locality: history.locality,
            changes: history.changes.count, pull: pull)
    }

    /// The families given to this login since the store last pulled that the store does not hold,
    /// each brought whole up to the store's last pulled seq (what comes after arrives in the pull).
    func backFillNewlyReadable(since: Int64, held: inout HeldFamilies, report: inout PullReport) async throws {
        guard since > 0 else { return }
        let granted = try await server.newlyReadableFamilies(since: since)
        for family in granted.map({ FamilyID($0) }) {
            if try held.contains(family, in: store) { continue }
            let history = try await server.familyHistory(family.rawValue)
            let older = try Self.decode(history.changes.filter { $0.seq <= since })
            try store.applyPulled(older)
            // Its later changes (its first ones too, when it is new since) come with the pull.
            if !older.isEmpty { held.insert(family) }
            report.backFilled.insert(family.rawValue)
        }
    }

    /// A pulled page with the whole history (up to the page's last seq) of every family it changes
    /// that the store does not hold and the page does not add: a family just put on this worker's
    /// caseload or moved into their locality, whose earlier changes this store never saw.
    func withBackFill(
        _ page: [ServerChange], held: inout HeldFamilies, report: inout PullReport
    ) async throws -> [ServerChange] {
        guard let last = page.last?.seq else { return page }
        let added = Set(page.filter { $0.envelope.kind == "add-family" }.map(\.envelope.family))
        var missing: [FamilyID] = []
        for family in Set(page.map(\.envelope.family)).sorted(by: { $0.rawValue < $1.rawValue })
        where !added.contains(family) {
            if try !held.contains(family, in: store) { missing.append(family) }
        }
        var changes = page
        var seen = Set(page.map(\.seq))
        for family in missing {
            let history = try await server.familyHistory(family.rawValue)
            for change in try Self.decode(history.changes.filter { $0.seq <= last })
            where seen.insert(change.seq).inserted {
                changes.append(change)
            }
            report.backFilled.insert(family.rawValue)
        }
        for family in added { held.insert(family) }
        for family in missing { held.insert(family) }
        return missing.isEmpty ? page : changes.sorted { $0.seq < $1.seq }
    }

    /// The server's changes as the store reads them; one it cannot read stops the sync.
    ///
    /// Public for the benchmark, which decodes and applies pulled changes without a server:
    ///
    /// ```swift
    /// try store.applyPulled(try SyncEngine.decode(try await server.pull(since: 0, max: 1_000)))
    /// ```
    public static func decode(_ pulled: [PulledChange]) throws -> [ServerChange] {
        let decoder = JSONDecoder()
        return try pulled.map { change in
            do {
                let envelope = try decoder.decode(ChangeEnvelope.self, from: change.envelopeJSON)
                return ServerChange(
                    seq: change.seq, author: change.author, receivedAt: change.receivedAt, envelope: envelope)
            } catch {
                throw SyncError.unreadableChange(seq: change.seq, why: "\(error)")
            }
        }
    }
}

/// The families a store holds, read once (ids only) the first time a pull needs to know.
struct HeldFamilies {
    private var known: Set<FamilyID>?

    init() {}

    mutating func contains(_ family: FamilyID, in store: any SyncableStore) throws -> Bool {
        if known == nil {
            var all = Set<FamilyID>()
            var after: FamilyID?
            while true {
                let page = try store.familyIDs(after: after, limit: 5_000)
                all.formUnion(page)
                guard let last = page.last, page.count == 5_000 else { break }
                after = last
            }
            known = all
        }
        return known?.contains(family) ?? false
    }

    mutating func insert(_ family: FamilyID) {
        known?.insert(family)
    }
}

/// What bringing a family to the laptop did.
public struct BroughtFamily: Sendable {
    public var family: FamilyID
    public var restricted: Bool
    public var locality: String?
    /// Changes in the family's history on the server.
    public var changes: Int
    /// The pull that followed.
    public var pull: PullReport
}
