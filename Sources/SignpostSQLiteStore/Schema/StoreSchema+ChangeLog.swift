import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension StoreSchema {
    /// The change log (#13): the outbox of changes made here, the changes pulled from the team server,
    /// and each record's server version.
    ///
    /// - `change_outbox`: one row per change applied here, written in the same
    ///   transaction as the change, in the order made (`position`); `sent_seq`
    ///   is null until the server acknowledges it. Pending rows are found by a
    ///   partial index, so pushing never reads what was sent long ago.
    /// - `change_pulled`: the id of every change pulled and applied, so the
    ///   same change pulled twice is applied once.
    /// - `record_version`: per record, the server seq of the latest change to it
    ///   this store has seen (pulled, or its own acknowledged): the `base` of the
    ///   next local change to that record.
    /// - `store_metadata` gains `device_id` (made here, once), `hlc_last` (the
    ///   clock's last reading, so it never goes back across restarts) and
    ///   `last_pulled_seq`; `team_server` is added when the store joins a server.
    ///
    /// It depends on no migration after version 4, so it can run in any order with them.
    static func createChangeLog(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE change_outbox (
                    position INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,              -- the envelope's UUID
                    family_id TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    envelope BLOB NOT NULL,               -- the whole ChangeEnvelope as JSON
                    sent_seq INTEGER                      -- the server's seq once acknowledged
                );
                CREATE INDEX change_outbox_pending ON change_outbox (position) WHERE sent_seq IS NULL;
                CREATE TABLE change_pulled (
                    id TEXT PRIMARY KEY NOT NULL,
                    seq INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE record_version (
                    family_id TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    PRIMARY KEY (family_id, record_id)
                ) WITHOUT ROWID;
                INSERT INTO store_metadata (key, value) VALUES ('device_id', ?), ('last_pulled_seq', '0');
                """,
            arguments: [DeviceID.generate().rawValue])
    }

    /// Version 11: the outbox is kept only once a store joins a team server.
    ///
    /// A store that joined, pulled or sent anything keeps its outbox as it is, and goes on
    /// queueing. A store that never did holds in its outbox only a copy of every change it made
    /// (about 3.7 KB a family): that copy goes, and joining queues each family whole instead
    /// (``Outbox/start(in:path:)``), so nothing recorded is lost.
    static func keepOutboxOnlyOnceJoined(_ db: Database) throws {
        let joined =
            try String.fetchOne(
                db, sql: "SELECT value FROM store_metadata WHERE key = 'team_server_joined'") != nil
        let pulled =
            (Int64(
                try String.fetchOne(
                    db, sql: "SELECT value FROM store_metadata WHERE key = 'last_pulled_seq'") ?? "") ?? 0) > 0
        let sent =
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM change_outbox WHERE sent_seq IS NOT NULL)")
            ?? false
        if joined || pulled || sent {
            try db.execute(sql: "INSERT OR REPLACE INTO store_metadata (key, value) VALUES ('outbox_started', '1')")
        } else {
            try db.execute(sql: "DELETE FROM change_outbox")
        }
    }
}
