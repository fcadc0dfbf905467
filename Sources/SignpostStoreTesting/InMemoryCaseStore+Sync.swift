import Foundation
import SignpostDomain
import SignpostStore

/// What the in-memory store keeps for syncing, as the SQLite store's change log does.
struct SyncState {
    struct OutboxEntry {
        var envelope: ChangeEnvelope
        var sentSeq: Int64?
    }

    struct RecordKey: Hashable {
        var family: FamilyID
        var record: String
    }

    var clock: HybridClock
    var outbox: [OutboxEntry] = []
    var pulled: Set<UUID> = []
    var versions: [RecordKey: Int64] = [:]
    var lastPulledSeq: Int64 = 0
    /// The server this store joined: the only one it may join.
    var joinedServer: String?
    /// Whether saved changes go to the outbox (once the store joined a team server).
    var outboxStarted = false
    /// The server's open conflicts at the last sync that reached it.
    var rememberedConflicts: RememberedConflicts?

    init(device: DeviceID) {
        clock = HybridClock(device: device, last: nil)
    }

    /// Writes the envelope for one applied change (nothing when it changed nothing to send).
    mutating func record(_ change: CaseChange, before: Family?, after: Family, at now: Date) {
        guard outboxStarted else { return }
        let base = change.addsRecord ? nil : versions[RecordKey(family: change.family, record: change.recordID)]
        let hlc = clock.tick(wall: now)
        guard
            let envelope = ChangeEnvelope.outgoing(
                change, before: before, after: after, device: clock.device, hlc: hlc, base: base)
        else { return }
        outbox.append(OutboxEntry(envelope: envelope))
    }

    /// Starts the outbox, once, queueing each family held whole (oldest id first).
    mutating func startOutbox(holding families: [FamilyID: Family], at now: Date) {
        guard !outboxStarted else { return }
        outboxStarted = true
        for family in families.values.sorted(by: { $0.id.rawValue < $1.id.rawValue }) {
            record(.addFamily(family), before: nil, after: family, at: now)
        }
    }

    /// Records the server's seq for one of this store's changes; false when it is not in the outbox.
    mutating func acknowledge(_ id: UUID, seq: Int64) -> Bool {
        guard let index = outbox.firstIndex(where: { $0.envelope.id == id }) else { return false }
        outbox[index].sentSeq = seq
        if seq > 0 { setVersion(seq, of: outbox[index].envelope) }
        return true
    }

    /// Moves a record's version forward to `seq`, never back.
    mutating func setVersion(_ seq: Int64, of envelope: ChangeEnvelope) {
        let key = RecordKey(family: envelope.family, record: envelope.record)
        versions[key] = max(versions[key] ?? seq, seq)
    }
}

extension InMemoryCaseStore: SyncableStore {
    public func pendingChanges(limit: Int) throws -> [ChangeEnvelope] {
        withState { state in
            Array(state.sync.outbox.lazy.filter { $0.sentSeq == nil }.prefix(max(limit, 0)).map(\.envelope))
        }
    }

    public func markSent(_ acknowledgements: [(id: UUID, seq: Int64)]) throws {
        withState { state in
            for acknowledgement in acknowledgements {
                _ = state.sync.acknowledge(acknowledgement.id, seq: acknowledgement.seq)
            }
        }
    }

    public func applyPulled(_ changes: [ServerChange]) throws {
        let now = clock()
        try withState { state in
            var working = state
            for pulled in changes.sorted(by: { $0.seq < $1.seq }) {
                working.sync.lastPulledSeq = max(working.sync.lastPulledSeq, pulled.seq)
                guard working.sync.pulled.insert(pulled.envelope.id).inserted else { continue }
                working.sync.clock.receive(pulled.envelope.hlc, wall: now)
                if working.sync.acknowledge(pulled.envelope.id, seq: pulled.seq) { continue }
                try Self.apply(
                    [pulled.envelope.changeToApply.attributed(to: pulled.author)], by: pulled.author, at: now,
                    to: &working, kind: kind,
                    outgoing: false)
                working.sync.setVersion(pulled.seq, of: pulled.envelope)
            }
            state = working
        }
    }

    public func removeFamilyLeftScope(_ family: FamilyID, reason: String, pulledChanges: [UUID]) throws -> Bool {
        let now = clock()
        return withState { state in
            let unsent = state.sync.outbox.contains { $0.sentSeq == nil && $0.envelope.family == family }
            let drafted = state.formDrafts.keys.contains { $0.form.family == family }
            guard !unsent, !drafted, state.families[family] != nil else { return false }
            state.families[family] = nil
            state.sync.outbox.removeAll { $0.envelope.family == family }
            state.sync.versions = state.sync.versions.filter { $0.key.family != family }
            state.sync.pulled.subtract(pulledChanges)
            state.audit.append(
                AuditEntry(
                    at: now, actor: "signpost sync", action: "family-left-scope", family: family,
                    recordID: family.rawValue, summary: "\(family.rawValue) removed from this laptop: \(reason)"))
            return true
        }
    }

    public func lastPulledSeq() throws -> Int64 {
        withState { $0.sync.lastPulledSeq }
    }

    public func joinedTeamServer() throws -> String? {
        withState { $0.sync.joinedServer }
    }

    public func joinTeamServer(_ link: TeamServerLink) throws {
        if link.serverKind != kind {
            throw StoreError.invalidChange(
                "this \(kind) store cannot sync with a \(link.serverKind) team server: fictional and live records never mix"
            )
        }
        let now = clock()
        try withState { state in
            if let refusal = link.refusal(joinedBefore: state.sync.joinedServer) {
                throw StoreError.invalidChange(refusal)
            }
            state.sync.joinedServer = link.server
            state.sync.startOutbox(holding: state.families, at: now)
        }
    }

    public func rememberedConflicts() throws -> RememberedConflicts? {
        withState { $0.sync.rememberedConflicts }
    }

    public func rememberConflicts(_ remembered: RememberedConflicts) throws {
        withState { $0.sync.rememberedConflicts = remembered }
    }

    public func startOutbox() throws {
        let now = clock()
        withState { state in state.sync.startOutbox(holding: state.families, at: now) }
    }
}
