import Foundation
import SignpostDomain
import SignpostStore

/// A stand-in for the team server, in memory, following the sync contract: it numbers changes in the
/// order received, applies each id once, and keeps its own value of a field changed since a push's base.
///
/// The real server is PostgreSQL (`SignpostTeamServer`); this one lets the store tests prove what a
/// store does with what it pushes and pulls, without one.
final class TestTeamServer {
    struct Conflict: Equatable {
        var family: FamilyID
        var record: String
        var field: String
        var serverValue: JSONValue
        var pushedValue: JSONValue
        var serverAuthor: String
        var pushedAuthor: String
    }

    enum Status: String { case applied, duplicate, conflict }

    private struct FieldKey: Hashable {
        var family: FamilyID
        var record: String
        var field: String
    }

    private struct FieldSetting {
        var seq: Int64
        var value: JSONValue
        var author: String
        var device: DeviceID
    }

    private(set) var log: [ServerChange] = []
    private(set) var conflicts: [Conflict] = []
    private var seqByID: [UUID: Int64] = [:]
    private var fields: [FieldKey: FieldSetting] = [:]
    private var nextSeq: Int64 = 1

    /// Takes `envelopes` as pushed by `author`, in order; returns each one's seq and what became of it.
    func push(_ envelopes: [ChangeEnvelope], as author: String) -> [(id: UUID, seq: Int64, status: Status)] {
        envelopes.map { envelope in
            if let seq = seqByID[envelope.id] { return (envelope.id, seq, .duplicate) }
            let seq = nextSeq
            nextSeq += 1
            seqByID[envelope.id] = seq
            var stored = envelope
            var status = Status.applied
            if let pushed = envelope.fields {
                var kept: [String: JSONValue] = [:]
                for (name, value) in pushed {
                    let key = FieldKey(family: envelope.family, record: envelope.record, field: name)
                    // A field set since the base, to another value, by another device: the server's value stands.
                    if let current = fields[key], current.seq > (envelope.base ?? 0), current.value != value,
                        current.device != envelope.device
                    {
                        conflicts.append(
                            Conflict(
                                family: envelope.family, record: envelope.record, field: name,
                                serverValue: current.value, pushedValue: value, serverAuthor: current.author,
                                pushedAuthor: author))
                        status = .conflict
                    } else {
                        kept[name] = value
                        fields[key] = FieldSetting(seq: seq, value: value, author: author, device: envelope.device)
                    }
                }
                stored.fields = kept
            }
            log.append(
                ServerChange(
                    seq: seq, author: author, receivedAt: Date(timeIntervalSince1970: 1_764_000_000 + Double(seq)),
                    envelope: stored))
            return (envelope.id, seq, status)
        }
    }

    /// Changes with a seq above `since`, in seq order, at most `max`.
    func pull(since: Int64, max: Int) -> [ServerChange] {
        Array(log.filter { $0.seq > since }.prefix(max))
    }

    /// Pushes everything `store` has waiting, as `author`, then pulls everything new into it.
    @discardableResult
    func sync(_ store: any SyncableStore, as author: String) throws -> [(id: UUID, seq: Int64, status: Status)] {
        let results = push(try store.pendingChanges(limit: 1000), as: author)
        try store.markSent(results.map { ($0.id, $0.seq) })
        try store.applyPulled(pull(since: try store.lastPulledSeq(), max: 1000))
        return results
    }
}
