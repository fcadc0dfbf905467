import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// The store's side of syncing with a team server: its outbox, the changes it pulls, and the server it joined.
///
/// See ``StoreSchema/createChangeLog(_:)`` for the tables.
extension SQLiteCaseStore: SyncableStore {
    public func pendingChanges(limit: Int) throws -> [ChangeEnvelope] {
        try read { db in
            try Data.fetchAll(
                db, sql: "SELECT envelope FROM change_outbox WHERE sent_seq IS NULL ORDER BY position LIMIT ?",
                arguments: [max(limit, 0)]
            ).map { try Outbox.decode($0) }
        }
    }

    public func markSent(_ acknowledgements: [(id: UUID, seq: Int64)]) throws {
        guard !acknowledgements.isEmpty else { return }
        try write { db in
            for acknowledgement in acknowledgements {
                try Outbox.acknowledge(acknowledgement.id, seq: acknowledgement.seq, in: db)
            }
        }
    }

    public func applyPulled(_ changes: [ServerChange]) throws {
        guard !changes.isEmpty else { return }
        let now = Date()
        let device = self.device
        try write { db in
            var clock = try Outbox.clock(in: db, path: path)
            var lastPulled = try Outbox.lastPulledSeq(in: db)
            // One batch for the page: each family is read once and its summary and indexes written once.
            var batch = try ChangeBatch(in: db, path: path, kind: kind, outgoing: false)
            for pulled in changes.sorted(by: { $0.seq < $1.seq }) {
                lastPulled = max(lastPulled, pulled.seq)
                try db.run(
                    "INSERT INTO change_pulled (id, seq) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                    [pulled.envelope.id.uuidString, pulled.seq])
                // Pulled before: applied once.
                guard db.changesCount > 0 else { continue }
                clock.receive(pulled.envelope.hlc, wall: now)
                // One of this store's own changes coming back: already applied here; it only needed its seq.
                if pulled.envelope.device == device, try Outbox.acknowledge(pulled.envelope.id, seq: pulled.seq, in: db)
                {
                    continue
                }
                try batch.apply(
                    pulled.envelope.changeToApply.attributed(to: pulled.author), by: pulled.author, at: now, in: db)
                try Outbox.setVersion(
                    pulled.seq, family: pulled.envelope.family, record: pulled.envelope.record, in: db)
            }
            try batch.finish(in: db)
            try Outbox.setMetadata("last_pulled_seq", String(lastPulled), in: db)
            if let last = clock.last { try Outbox.setMetadata("hlc_last", last.description, in: db) }
        }
        if changes.contains(where: { $0.envelope.change.erasesData }) { emptyLogAfterErasure() }
    }

    public func removeFamilyLeftScope(_ family: FamilyID, reason: String, pulledChanges: [UUID]) throws -> Bool {
        let id = family.rawValue
        return try write { db in
            let unsent =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM change_outbox WHERE family_id = ? AND sent_seq IS NULL",
                    arguments: [id]) ?? 0
            let drafts =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM form_draft WHERE family_id = ?", arguments: [id]) ?? 0
            let held = try Int.fetchOne(db, sql: "SELECT count(*) FROM family WHERE id = ?", arguments: [id]) ?? 0
            guard unsent == 0, drafts == 0, held > 0 else { return false }
            // Every table about the family's records refers to it with ON DELETE CASCADE (search
            // entries and match keys through its people); the change log's tables do not.
            try db.run("DELETE FROM family WHERE id = ?", [id])
            try db.run("DELETE FROM change_outbox WHERE family_id = ?", [id])
            try db.run("DELETE FROM record_version WHERE family_id = ?", [id])
            for change in pulledChanges {
                try db.run("DELETE FROM change_pulled WHERE id = ?", [change.uuidString])
            }
            var audit = AuditChain.Writer()
            try audit.insert(
                AuditEntry(
                    at: Date(), actor: "signpost sync", action: "family-left-scope", family: family, recordID: id,
                    summary: "\(id) removed from this laptop: \(reason)"),
                in: db)
            return true
        }
    }

    public func lastPulledSeq() throws -> Int64 {
        try read(Outbox.lastPulledSeq(in:))
    }

    public func joinedTeamServer() throws -> String? {
        try read { db in try Outbox.metadata("team_server_joined", in: db) }
    }

    public func joinTeamServer(_ link: TeamServerLink) throws {
        if link.serverKind != kind {
            throw StoreError.invalidChange(
                "this \(kind) store cannot sync with a \(link.serverKind) team server: fictional and live records never mix"
            )
        }
        try write { db in
            // Remembered for good: a store joins one server only.
            if let refusal = link.refusal(joinedBefore: try Outbox.metadata("team_server_joined", in: db)) {
                throw StoreError.invalidChange(refusal)
            }
            try Outbox.setMetadata("team_server_joined", link.server, in: db)
            try Outbox.start(in: db, path: path)
        }
    }

    public func rememberedConflicts() throws -> RememberedConflicts? {
        try read { db in
            guard let text = try Outbox.metadata("conflicts_remembered", in: db) else { return nil }
            // Only a copy of what the server holds: one this version cannot read is heard again at the next sync.
            return try? ChangeCoding.decoder.decode(RememberedConflicts.self, from: Data(text.utf8))
        }
    }

    public func rememberConflicts(_ remembered: RememberedConflicts) throws {
        let text = String(decoding: try ChangeCoding.encoder.encode(remembered), as: UTF8.self)
        try write { db in try Outbox.setMetadata("conflicts_remembered", text, in: db) }
    }

    public func startOutbox() throws {
        // Read first: every sync asks, and only the first may need the write lock.
        guard try !read(Outbox.isStarted(in:)) else { return }
        try write { db in try Outbox.start(in: db, path: path) }
    }

    /// The team server link a store kept before links moved to the user's config (schema
    /// version 10 and earlier); nil when there is none. `signpost` moves it to the config once.
    public func teamServerLinkKeptInStore() throws -> TeamServerLink? {
        try read { db in
            guard let text = try Outbox.metadata("team_server", in: db) else { return nil }
            return try? ChangeCoding.decoder.decode(TeamServerLink.self, from: Data(text.utf8))
        }
    }

    /// Forgets the link ``teamServerLinkKeptInStore()`` read, once it is in the user's config.
    public func forgetTeamServerLinkKeptInStore() throws {
        try write { db in try db.execute(sql: "DELETE FROM store_metadata WHERE key = 'team_server'") }
    }
}

/// Writing a batch's changes to the outbox, inside the transaction that applies them.
///
/// Made once per batch: it reads the device and the clock's last reading,
/// stamps each change, and writes the clock back once at the end.
struct Outbox {
    private var clock: HybridClock

    init(in db: Database, path: String) throws {
        clock = try Self.clock(in: db, path: path)
    }

    /// Writes the envelope for one applied change (nothing when it changed nothing to send).
    mutating func record(_ change: CaseChange, before: Family?, after: Family, at now: Date, in db: Database) throws {
        let base = change.addsRecord ? nil : try Self.version(family: change.family, record: change.recordID, in: db)
        guard
            let envelope = ChangeEnvelope.outgoing(
                change, before: before, after: after, device: clock.device, hlc: clock.tick(wall: now), base: base)
        else { return }
        try db.run(
            "INSERT INTO change_outbox (id, family_id, record_id, envelope) VALUES (?, ?, ?, ?)",
            [
                envelope.id.uuidString, envelope.family.rawValue, envelope.record,
                try ChangeCoding.encoder.encode(envelope),
            ])
    }

    /// Whether this store keeps an outbox (it joined a team server, or synced with one).
    static func isStarted(in db: Database) throws -> Bool {
        try metadata("outbox_started", in: db) != nil
    }

    /// Starts the outbox, once: each family held now is queued whole, as an `add-family` change,
    /// a page of families at a time, oldest id first.
    static func start(in db: Database, path: String) throws {
        guard try !isStarted(in: db) else { return }
        var outbox = try Outbox(in: db, path: path)
        let now = Date()
        var after = ""
        while true {
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM family WHERE id > ? ORDER BY id LIMIT 500", arguments: [after])
            guard let last = ids.last else { break }
            for id in ids {
                guard let family = try db.fetchFamily(FamilyID(id)) else { continue }
                try outbox.record(.addFamily(family), before: nil, after: family, at: now, in: db)
            }
            after = last
        }
        try outbox.saveClock(in: db)
        try setMetadata("outbox_started", "1", in: db)
    }

    /// Keeps the clock's last reading, so it carries on from there after a restart.
    func saveClock(in db: Database) throws {
        if let last = clock.last { try Self.setMetadata("hlc_last", last.description, in: db) }
    }

    static func device(in db: Database, path: String) throws -> DeviceID {
        guard let text = try metadata("device_id", in: db), !text.isEmpty else {
            throw StoreError.damaged(path: path, detail: "the store has no device id for syncing")
        }
        return DeviceID(text)
    }

    static func clock(in db: Database, path: String) throws -> HybridClock {
        let last = try metadata("hlc_last", in: db).flatMap { try? HybridTimestamp(parsing: $0) }
        return HybridClock(device: try device(in: db, path: path), last: last)
    }

    static func lastPulledSeq(in db: Database) throws -> Int64 {
        Int64(try metadata("last_pulled_seq", in: db) ?? "") ?? 0
    }

    /// Records the server's seq for one of this store's changes; false when it is not in the outbox.
    @discardableResult
    static func acknowledge(_ id: UUID, seq: Int64, in db: Database) throws -> Bool {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT family_id, record_id FROM change_outbox WHERE id = ?"),
                arguments: [id.uuidString])
        else { return false }
        try db.run("UPDATE change_outbox SET sent_seq = ? WHERE id = ?", [seq, id.uuidString])
        // Seq 0: the server held the change (a conflict) without numbering it; the record's version stays.
        if seq > 0 {
            try setVersion(seq, family: FamilyID(row["family_id"] as String), record: row["record_id"], in: db)
        }
        return true
    }

    static func version(family: FamilyID, record: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT seq FROM record_version WHERE family_id = ? AND record_id = ?"),
            arguments: [family.rawValue, record])
    }

    /// Moves a record's version forward to `seq` (never back: acknowledgements may arrive after newer pulls).
    static func setVersion(_ seq: Int64, family: FamilyID, record: String, in db: Database) throws {
        try db.run(
            """
            INSERT INTO record_version (family_id, record_id, seq) VALUES (?, ?, ?)
            ON CONFLICT (family_id, record_id) DO UPDATE SET seq = max(seq, excluded.seq)
            """,
            [family.rawValue, record, seq])
    }

    static func metadata(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM store_metadata WHERE key = ?", arguments: [key])
    }

    static func setMetadata(_ key: String, _ value: String, in db: Database) throws {
        try db.execute(
            sql:
                "INSERT INTO store_metadata (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    static func decode(_ data: Data) throws -> ChangeEnvelope {
        do {
            return try ChangeCoding.decoder.decode(ChangeEnvelope.self, from: data)
        } catch {
            throw StoreError.invalidChange("a change waiting to be sent cannot be read: \(error)")
        }
    }
}
