import Foundation
import SignpostDomain

/// A store that exchanges changes with a team server.
///
/// Once the store joined a team server (``startOutbox()``), every
/// ``CaseStore/apply(_:by:)`` also writes one ``ChangeEnvelope`` per change into
/// the store's outbox, in the same transaction, so a change saved locally is
/// always one that will be pushed. A sync engine pushes
/// ``pendingChanges(limit:)``, acknowledges them with ``markSent(_:)``, and
/// pulls with ``lastPulledSeq()`` and ``applyPulled(_:)``.
///
/// ```swift
/// let outgoing = try store.pendingChanges(limit: 500)
/// let results = try server.push(outgoing)              // [(id, seq)]
/// try store.markSent(results)
/// try store.applyPulled(try server.pull(since: store.lastPulledSeq(), max: 1000))
/// ```
public protocol SyncableStore: CaseStore {
    /// This store's device id (made once, kept in the store).
    var device: DeviceID { get }

    /// Local changes not yet acknowledged by the server, oldest first.
    func pendingChanges(limit: Int) throws -> [ChangeEnvelope]

    /// How many local changes wait to be sent (the interface's header shows it).
    func pendingChangeCount() throws -> Int

    /// Marks pushed changes as sent (by id), recording the seq the server gave each.
    ///
    /// The seq becomes the record's base version for the next local change to
    /// it. Seq 0 marks a change the server held without numbering it (a
    /// conflict, listed on the server): it leaves the outbox and the record's
    /// version stays as it was. Ids that are not pending are ignored.
    func markSent(_ acknowledgements: [(id: UUID, seq: Int64)]) throws

    /// Applies changes pulled from the server in one transaction, audited with the server's author,
    /// WITHOUT adding them to the outbox; skips any already applied (same id); advances lastPulledSeq.
    ///
    /// A pulled change this store made itself (same device) is not applied again.
    /// For the field kinds only the fields in the envelope's `fields` are applied.
    ///
    /// - Throws: ``StoreError`` if a change cannot be applied; then nothing is saved.
    func applyPulled(_ changes: [ServerChange]) throws

    /// The highest server seq pulled so far (0 at first).
    func lastPulledSeq() throws -> Int64

    /// The team server this store joined (its ``TeamServerLink/server``: the address without a
    /// login); nil when it never joined one.
    ///
    /// Where the server is and who signs in live in the user's config (`signpost team join`
    /// writes it); the store keeps only which server it joined, for good, because its last pulled
    /// seq, its records' versions and its outbox belong to that server.
    func joinedTeamServer() throws -> String?

    /// Joins the team server `link` names: remembers which server it is and starts the outbox
    /// (``startOutbox()``), so everything already recorded here is sent on the first sync.
    ///
    /// Joining the same server again (another login, say) changes nothing here.
    ///
    /// - Throws: ``StoreError/invalidChange(_:)`` when the server's kind is not the store's
    ///   (a fictional store never syncs with a live server, nor a live one with a fictional server),
    ///   or when the store joined another server before.
    func joinTeamServer(_ link: TeamServerLink) throws

    /// Starts keeping an outbox for the team server, once: from now on every change saved is
    /// queued to be sent, and every family the store holds now is queued once, whole as it
    /// stands (an `add-family` change), so nothing recorded before is lost.
    ///
    /// A store that never syncs keeps no outbox (it would only grow); joining, and the sync
    /// engine's first push or pull, start it. Starting it again does nothing.
    ///
    /// ```swift
    /// try store.startOutbox()
    /// try store.pendingChanges(limit: 10)  // one add-family per family held
    /// ```
    func startOutbox() throws

    /// The open conflicts the team server listed at the last sync that reached it, and when; nil
    /// before any. The interface shows them while the server does not answer.
    func rememberedConflicts() throws -> RememberedConflicts?

    /// Keeps the open conflicts the server listed just now, replacing those kept before.
    ///
    /// ```swift
    /// try store.rememberConflicts(RememberedConflicts(conflicts: try await server.openConflicts(), asOf: Date()))
    /// ```
    func rememberConflicts(_ remembered: RememberedConflicts) throws

    /// Removes a family that has left the practitioner's scope from this store, unless any of its
    /// work is not yet on the server.
    ///
    /// A family with changes waiting to be sent, or a form draft, is kept and nothing changes
    /// (`false`): it is removed at a later sync, once they are sent. Otherwise the family, its
    /// search entries and match keys, its sent changes and record versions go; the pulled changes
    /// named in `pulledChanges` are forgotten (so the family arrives whole if it comes back into
    /// scope); and one audit entry says which family left and why, without its content.
    ///
    /// ```swift
    /// let removed = try store.removeFamilyLeftScope(
    ///     FamilyID("F-0001"), reason: "restricted to other workers", pulledChanges: ids)
    /// ```
    func removeFamilyLeftScope(_ family: FamilyID, reason: String, pulledChanges: [UUID]) throws -> Bool
}

extension SyncableStore {
    /// Counts by reading the outbox; a store that can count without reading every change does so.
    public func pendingChangeCount() throws -> Int {
        try pendingChanges(limit: Int.max).count
    }
}
