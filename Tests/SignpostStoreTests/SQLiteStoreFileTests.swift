import Foundation
import GRDB
import SignpostDomain
import SignpostStore
import Testing

@testable import SignpostSQLiteStore

/// The SQLite store's file: where it goes, who can read it, and what it refuses to open.
@Suite("SQLite store file")
struct SQLiteStoreFileTests {
    typealias F = TestFamilies

    private func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// A closed store holding the test families.
    private func closedStore(kind: StoreKind = .live) throws -> URL {
        let url = try TemporaryFolder().file("store.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: kind)
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        try store.close()
        return url
    }

    private func expectUnchanged(
        _ url: URL, by open: () throws -> Void, throws expected: StoreError,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try Data(contentsOf: url)
        let walBefore = try? Data(contentsOf: URL(fileURLWithPath: url.path + "-wal"))
        #expect(throws: expected, sourceLocation: sourceLocation) { try open() }
        #expect(try Data(contentsOf: url) == before, "file bytes changed", sourceLocation: sourceLocation)
        let walAfter = try? Data(contentsOf: URL(fileURLWithPath: url.path + "-wal"))
        #expect(walAfter == walBefore, "write-ahead log changed", sourceLocation: sourceLocation)
    }

    @Test("a new store is private to its owner: file 0600, new folders 0700")
    func fileModes() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("nested/deeper/store.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        try store.apply([.addFamily(F.quillfeather())], by: "jo")
        #expect(try mode(url) == 0o600)
        #expect(try mode(url.deletingLastPathComponent()) == 0o700)
        #expect(try mode(folder.url.appendingPathComponent("nested")) == 0o700)
        for suffix in ["-wal", "-shm"] {
            let companion = URL(fileURLWithPath: url.path + suffix)
            #expect(FileManager.default.fileExists(atPath: companion.path))
            #expect(try mode(companion) == 0o600, "\(suffix)")
        }
    }

    @Test("the default location follows XDG_DATA_HOME, then HOME")
    func defaultLocation() {
        #expect(
            SQLiteCaseStore.defaultLocation(environment: ["XDG_DATA_HOME": "/data/me", "HOME": "/home/me"]).path
                == "/data/me/signpost/signpost.sqlite")
        #expect(
            SQLiteCaseStore.defaultLocation(environment: ["HOME": "/home/me"]).path
                == "/home/me/.local/share/signpost/signpost.sqlite")
        #expect(
            SQLiteCaseStore.defaultLocation(environment: ["XDG_DATA_HOME": "", "HOME": "/home/me"]).path
                == "/home/me/.local/share/signpost/signpost.sqlite")
        #expect(
            SQLiteCaseStore.defaultLocation(environment: ["XDG_DATA_HOME": "relative/path", "HOME": "/home/me"]).path
                == "/home/me/.local/share/signpost/signpost.sqlite")
    }

    @Test("a store reopened after closing holds what was saved")
    func reopen() throws {
        let url = try closedStore(kind: .live)
        #expect(try SQLiteCaseStore.inspect(url) == .live)
        let store = try SQLiteCaseStore(opening: url, expecting: nil)
        #expect(store.kind == .live)
        for family in F.all() { #expect(try store.family(family.id) == family) }
        let info = try store.info()
        #expect(info.schemaVersion == SQLiteCaseStore.supportedSchemaVersion)
        #expect(info.location == url.path)
        #expect(info.auditEntryCount == 3)
        let again = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        #expect(try again.info().familyCount == 3)
    }

    @Test("two store objects on one file see each other's changes")
    func twoStoresOneFile() throws {
        let url = try TemporaryFolder().file("shared.sqlite")
        let first = try SQLiteCaseStore(openingOrCreating: url, kind: .training)
        let second = try SQLiteCaseStore(openingOrCreating: url, kind: .training)
        try first.apply([.addFamily(F.quillfeather())], by: "a")
        #expect(try second.family("F-00017") == F.quillfeather())
        let note = CaseNote(id: "N-2", writtenAt: F.at("2026-03-01T10:00:00Z"), author: "b", text: "Second writer")
        try second.apply([.addCaseNote(family: "F-00017", note)], by: "b")
        #expect(try first.family("F-00017")?.notes.last == note)
        #expect(try first.search("second writer", limit: 5).first?.summary.id == "F-00017")
        #expect(try first.auditTrail(family: nil, limit: 5).map(\.actor) == ["b", "a"])
    }

    @Test("random bytes are refused and left as they were")
    func refusesRandomBytes() throws {
        let url = try TemporaryFolder().file("random.sqlite")
        var generator = SystemRandomNumberGenerator()
        try Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: url)
        try expectUnchanged(
            url, by: { _ = try SQLiteCaseStore(openingOrCreating: url, kind: .live) },
            throws: .notASignpostStore(path: url.path))
        try expectUnchanged(
            url, by: { _ = try SQLiteCaseStore(opening: url, expecting: nil) },
            throws: .notASignpostStore(path: url.path))
    }

    @Test("a truncated store is reported damaged and left as it was")
    func refusesTruncatedStore() throws {
        let url = try closedStore()
        let full = try Data(contentsOf: url)
        try full.prefix(full.count / 2).write(to: url)
        let before = try Data(contentsOf: url)
        #expect {
            _ = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration)
        } throws: { error in
            guard case .damaged(let path, let detail) = error as? StoreError else { return false }
            return path == url.path && detail.contains("cut short")
        }
        #expect(try Data(contentsOf: url) == before)

        try full.prefix(40).write(to: url)
        #expect {
            _ = try SQLiteCaseStore(opening: url, expecting: nil)
        } throws: { error in
            if case .damaged = error as? StoreError { return true }
            return false
        }
        #expect(try Data(contentsOf: url) == full.prefix(40))
    }

    @Test("another program's SQLite database is refused and left as it was")
    func refusesForeignDatabase() throws {
        let url = try TemporaryFolder().file("other.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        try store.pool.write { db in
            try db.execute(sql: "PRAGMA application_id = 0; CREATE TABLE inventory (item TEXT)")
        }
        try store.close()
        try expectUnchanged(
            url, by: { _ = try SQLiteCaseStore(openingOrCreating: url, kind: .live) },
            throws: .notASignpostStore(path: url.path))
        #expect(throws: StoreError.notASignpostStore(path: url.path)) { try SQLiteCaseStore.inspect(url) }
    }

    @Test("a store from a newer Signpost is refused and left as it was")
    func refusesNewerSchema() throws {
        let url = try TemporaryFolder().file("newer.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        let newer = SQLiteCaseStore.supportedSchemaVersion + 1
        try store.pool.write { db in
            try db.execute(sql: "UPDATE store_metadata SET value = ? WHERE key = 'schema_version'", arguments: [newer])
        }
        try store.close()
        try expectUnchanged(
            url, by: { _ = try SQLiteCaseStore(opening: url, expecting: .live) },
            throws: .newerSchema(path: url.path, found: newer, supported: SQLiteCaseStore.supportedSchemaVersion))
    }

    @Test("a store of another kind is refused and left as it was")
    func refusesWrongKind() throws {
        let url = try closedStore(kind: .demonstration)
        try expectUnchanged(
            url, by: { _ = try SQLiteCaseStore(openingOrCreating: url, kind: .live) },
            throws: .wrongKind(path: url.path, found: .demonstration, expected: .live))
        try expectUnchanged(
            url, by: { _ = try SQLiteCaseStore(opening: url, expecting: .training) },
            throws: .wrongKind(path: url.path, found: .demonstration, expected: .training))
    }

    @Test("opening a missing file says there is no store, and creates nothing")
    func openingMissingFile() throws {
        let url = try TemporaryFolder().file("missing.sqlite")
        #expect(throws: StoreError.unavailable(path: url.path, detail: "there is no store at this path")) {
            try SQLiteCaseStore(opening: url, expecting: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test("a folder, or a path through a file, is reported unavailable")
    func unavailablePaths() throws {
        let folder = try TemporaryFolder()
        #expect(throws: StoreError.unavailable(path: folder.url.path, detail: StoreFile.folderDetail(folder.url.path)))
        {
            try SQLiteCaseStore(openingOrCreating: folder.url, kind: .live)
        }
        let file = folder.file("plain.txt")
        try Data("notes".utf8).write(to: file)
        #expect {
            try SQLiteCaseStore(openingOrCreating: file.appendingPathComponent("store.sqlite"), kind: .live)
        } throws: { error in
            if case .unavailable = error as? StoreError { return true }
            return false
        }
        #expect(try Data(contentsOf: file) == Data("notes".utf8))
    }

    @Test("an empty file becomes a new store")
    func emptyFileBecomesStore() throws {
        let url = try TemporaryFolder().file("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data()))
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .training)
        #expect(try store.info().kind == .training)
        #expect(try mode(url) == 0o600)
    }

    @Test("a file held exclusively by another connection is reported locked")
    func locked() throws {
        let url = try closedStore()
        let holder = try SQLiteCaseStore(opening: url, expecting: nil)
        // An exclusive lock needs the pool's idle readers closed first.
        holder.pool.releaseMemory()
        try holder.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE")
            #expect(throws: StoreError.locked(path: url.path)) {
                try SQLiteCaseStore(opening: url, expecting: nil, busyTimeout: 0.2)
            }
            try db.execute(sql: "ROLLBACK")
        }
    }

    @Test("check finds a summary that no longer matches its records")
    func checkFindsBrokenSummary() throws {
        let store = try SQLiteCaseStore(opening: try closedStore(), expecting: nil)
        let healthy = try store.check()
        #expect(healthy.isHealthy, "\(healthy.problems)")
        #expect(healthy.checked.contains("SQLite integrity check: ok"))
        #expect(healthy.checked.contains { $0.hasPrefix("3 families, 7 people") })

        try store.pool.write { db in
            try db.execute(sql: "UPDATE family SET highest_level = 4, is_open = 0 WHERE id = 'F-00017'")
            try db.execute(sql: "DELETE FROM search_entry WHERE family_id = 'F-00018' AND field = 5")
        }
        let report = try store.check()
        #expect(!report.isHealthy)
        #expect(
            report.problems.contains(
                "family F-00017: the case-list summary does not match its records (highest level, open or closed)"))
        #expect(report.problems.contains("family F-00018: the search entries do not match its records"))
        #expect(!report.problems.contains { $0.hasPrefix("the full-text search index") })

        try store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO search_index (search_index, rowid, person_name, also_known_as, family_name, postcode, address, note)
                    SELECT 'delete', id, person_name, also_known_as, family_name, postcode, address, note
                    FROM search_entry WHERE family_id = 'F-00019' AND field = 0
                    """)
        }
        #expect(try store.check().problems.contains { $0.hasPrefix("the full-text search index does not agree") })
        // Tobi's name has left the full-text index (only the matcher's own index still finds him).
        #expect(try store.search("tobi", limit: 5).allSatisfy { !$0.reason.hasPrefix("name: ") })
    }

    @Test("a version 1 store is migrated: the matcher's keys are written for the people already there")
    func migratesVersion1() throws {
        let url = try closedStore()
        // Take the store back to version 1 as an older Signpost left it.
        let old = try SQLiteCaseStore(opening: url, expecting: nil)
        try old.pool.write { db in
            try Self.undoVersion3(db)
            try db.execute(sql: "DROP TABLE person_match_key")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2'")
            try db.execute(sql: "UPDATE store_metadata SET value = '1' WHERE key = 'schema_version'")
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        try old.close()

        let store = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try store.info().schemaVersion == StoreSchema.currentVersion)
        #expect(try store.matchPeople(MatchQuery("toby adeyemi"), limit: 5).first?.personID == "P-tobi")
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")

        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM person_match_key WHERE person_id = 'P-dami' AND key LIKE 'p:%'")
        }
        #expect(try store.check().problems == ["family F-00018: the matcher's keys do not match its people"])
    }

    /// Takes a store back to version 4 as an older Signpost left it: no audit chain (and nothing newer).
    static func undoVersion5(_ db: Database) throws {
        try undoMatchKeys(db)
        try undoFormDrafts(db)
        try db.execute(sql: "ALTER TABLE audit_entry DROP COLUMN previous_hash")
        try db.execute(sql: "ALTER TABLE audit_entry DROP COLUMN entry_hash")
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5-audit-chain'")
        try db.execute(sql: "UPDATE store_metadata SET value = '4' WHERE key = 'schema_version'")
        try db.execute(sql: "PRAGMA user_version = 4")
    }

    /// Takes a store back to version 2 as an older Signpost left it: no drafts table, no contact time index,
    /// no kept family count.
    private static func undoVersion3(_ db: Database) throws {
        try undoVersion5(db)
        try db.execute(sql: "DROP TRIGGER family_counted")
        try db.execute(sql: "DROP TRIGGER family_uncounted")
        try db.execute(sql: "DELETE FROM store_metadata WHERE key = 'family_count'")
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4'")
        try db.execute(sql: "DROP TABLE contact_draft")
        try db.execute(sql: "DROP INDEX contact_by_received_at")
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3'")
        try db.execute(sql: "UPDATE store_metadata SET value = '2' WHERE key = 'schema_version'")
        try db.execute(sql: "PRAGMA user_version = 2")
    }

    /// Takes a store back to version 6 as an older Signpost left it: no change log, no pair keys for the matcher.
    private static func undoMatchKeys(_ db: Database) throws {
        try undoChangeLog(db)
        try db.execute(sql: "DELETE FROM person_match_key WHERE key >= 'q:' AND key < 'q;'")
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v7-match-keys'")
        try db.execute(sql: "UPDATE store_metadata SET value = '6' WHERE key = 'schema_version'")
        try db.execute(sql: "PRAGMA user_version = 6")
    }

    @Test("a version 6 store is migrated: the matcher's pair keys are added for the people already there")
    func migratesVersion4() throws {
        let url = try closedStore()
        let old = try SQLiteCaseStore(opening: url, expecting: nil)
        try old.pool.write { db in try Self.undoMatchKeys(db) }
        try old.close()

        let store = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try store.info().schemaVersion == StoreSchema.currentVersion)
        let pairs = try store.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT key FROM person_match_key WHERE person_id = 'P-tobi' AND key >= 'q' AND key < 'r'")
        }
        #expect(Set(pairs) == ["q:tobi adeyemi", "q:adeyemi tobi", "qb:tobi 03-14", "qb:adeyemi 03-14"])
        #expect(try store.matchPeople(MatchQuery("adeyemi 14/3"), limit: 5).first?.personID == "P-tobi")
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
    }

    /// Takes away the change log (#13, "v8-change-log"), as every store before it was.
    private static func undoChangeLog(_ db: Database) throws {
        try undoCaseworkLife(db)
        try undoHouseholdHistory(db)
        try db.execute(
            sql: """
                DROP TABLE change_outbox;
                DROP TABLE change_pulled;
                DROP TABLE record_version;
                DELETE FROM store_metadata WHERE key IN ('device_id', 'hlc_last', 'last_pulled_seq', 'team_server');
                DELETE FROM grdb_migrations WHERE identifier = 'v8-change-log';
                """)
    }

    /// Takes away the household history (#15, "v9-household-history"), as every store before it was.
    private static func undoHouseholdHistory(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TABLE previous_address;
                DROP TABLE relationship_event;
                ALTER TABLE family DROP COLUMN address_since;
                ALTER TABLE consent DROP COLUMN person_id;
                ALTER TABLE consent DROP COLUMN purposes;
                ALTER TABLE consent DROP COLUMN agencies;
                ALTER TABLE consent DROP COLUMN method;
                DELETE FROM grdb_migrations WHERE identifier = 'v9-household-history';
                UPDATE store_metadata SET value = '8' WHERE key = 'schema_version';
                PRAGMA user_version = 8;
                """)
    }

    /// Takes away the audit trail's values and the notes' types and amendments (#16, "v13-audit-values-notes").
    static func undoAuditValuesAndNotes(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX audit_entry_by_actor;
                DROP INDEX audit_entry_by_time;
                ALTER TABLE audit_entry DROP COLUMN detail;
                ALTER TABLE audit_entry DROP COLUMN detail_digest;
                ALTER TABLE case_note DROP COLUMN kind;
                ALTER TABLE case_note DROP COLUMN amendments;
                DELETE FROM grdb_migrations WHERE identifier = 'v13-audit-values-notes';
                UPDATE store_metadata SET value = '10' WHERE key = 'schema_version';
                PRAGMA user_version = 10;
                """)
        // Entries written with values sealed their digest; chained again as a version 10 store had them.
        var previous = ""
        for row in try Row.fetchAll(db, sql: "SELECT * FROM audit_entry ORDER BY id") {
            let hash = try AuditChain.hash(of: row, after: previous)
            try db.execute(
                sql: "UPDATE audit_entry SET previous_hash = ?, entry_hash = ? WHERE id = ?",
                arguments: [previous, hash, row["id"] as Int64])
            previous = hash
        }
    }

    /// Takes away the aliases and merges of one record per person (#16, "v14-record-merging"); taken away
    /// with every older version, so it may already be gone.
    private static func undoRecordMerging(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS directory_entry;
                DELETE FROM grdb_migrations WHERE identifier = 'v17-directory-import';
                DROP TABLE IF EXISTS record_alias;
                DROP TABLE IF EXISTS merge_record;
                DELETE FROM grdb_migrations WHERE identifier = 'v14-record-merging';
                """)
    }

    /// Takes away retention review decisions (#16, "v20-retention-decisions").
    private static func undoRetentionDecisions(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TABLE retention_decision;
                DELETE FROM grdb_migrations WHERE identifier = 'v20-retention-decisions';
                """)
    }

    /// Takes a store back to version 10 as an older Signpost left it: an outbox kept from the first change,
    /// joined or not ("v11-outbox-after-join").
    private static func undoOutboxAfterJoin(_ db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM store_metadata WHERE key = 'outbox_started';
                DELETE FROM grdb_migrations WHERE identifier = 'v11-outbox-after-join';
                UPDATE store_metadata SET value = '10' WHERE key = 'schema_version';
                PRAGMA user_version = 10;
                """)
    }

    /// Takes away the report indexes (#17, "v15-report-indexes"), as every store before them was: some index
    /// columns older versions did not have.
    private static func undoReportIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX contact_by_received_outcome_source;
                DROP INDEX referral_by_contact;
                DROP INDEX referral_by_made_at;
                DROP INDEX assessment_by_started_on;
                DROP INDEX assessment_by_completed_on;
                DROP INDEX episode_by_stepped_up;
                DROP INDEX episode_by_stepped_down;
                DROP INDEX family_by_caseload;
                DELETE FROM grdb_migrations WHERE identifier = 'v15-report-indexes';
                UPDATE store_metadata SET value = '10' WHERE key = 'schema_version';
                PRAGMA user_version = 10;
                """)
    }

    /// Takes a store back to version 10: no social-care statuses, team changes, episode holds or closers, meeting
    /// kinds or logins.
    private static func undoCaseLifeStages(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TABLE social_care_status;
                DROP TABLE team_member_change;
                ALTER TABLE episode DROP COLUMN closed_by;
                ALTER TABLE episode DROP COLUMN suspensions;
                ALTER TABLE episode DROP COLUMN stepped_down_from_records;
                ALTER TABLE team_meeting DROP COLUMN kind;
                ALTER TABLE professional DROP COLUMN login;
                ALTER TABLE family DROP COLUMN lead_login_key;
                DELETE FROM grdb_migrations WHERE identifier = 'v12-case-life-stages';
                UPDATE store_metadata SET value = '10' WHERE key = 'schema_version';
                PRAGMA user_version = 10;
                """)
    }

    @Test(
        "a version 10 store is migrated: one that never joined a team drops its outbox copy and queues its families when it joins; one that joined keeps its outbox"
    )
    func migratesVersion10Outbox() throws {
        // Version 10 queued every change from the first: an outbox as it left it.
        let neverJoined = try closedStore()
        let old = try SQLiteCaseStore(opening: neverJoined, expecting: nil)
        try old.startOutbox()
        let families = try old.info().familyCount
        #expect(try old.pendingChangeCount() == families)
        try old.pool.write { db in try Self.undoToVersion10(db) }
        try old.close()
        let migrated = try SQLiteCaseStore(opening: neverJoined, expecting: .live)
        #expect(try migrated.info().schemaVersion == StoreSchema.currentVersion)
        #expect(try migrated.pendingChangeCount() == 0, "the never-joined store's outbox copy is gone")
        try migrated.apply(
            [.addCaseNote(family: "F-00017", CaseNote(id: "N-MIG", writtenAt: Date(), author: "jo", text: "Phoned."))],
            by: "jo")
        #expect(try migrated.pendingChangeCount() == 0, "and it queues nothing until it joins")
        try migrated.joinTeamServer(
            TeamServerLink(url: "postgresql://jo@127.0.0.1/signpost", login: "jo", serverKind: .live))
        #expect(
            try migrated.pendingChanges(limit: 1_000).map(\.kind) == Array(repeating: "add-family", count: families))
        try migrated.close()

        let joined = try closedStore()
        let member = try SQLiteCaseStore(opening: joined, expecting: nil)
        try member.joinTeamServer(
            TeamServerLink(url: "postgresql://jo@127.0.0.1/signpost", login: "jo", serverKind: .live))
        try member.pool.write { db in try Self.undoToVersion10(db) }
        try member.close()
        let kept = try SQLiteCaseStore(opening: joined, expecting: .live)
        #expect(try kept.pendingChangeCount() == families, "a joined store keeps what waits to be sent")
        try kept.apply(
            [.addCaseNote(family: "F-00017", CaseNote(id: "N-MIG", writtenAt: Date(), author: "jo", text: "Phoned."))],
            by: "jo")
        #expect(try kept.pendingChangeCount() == families + 1, "and goes on queueing")
        try kept.close()
    }

    /// Takes a store back to before version 21: no Supporting Families tables.
    private static func undoSupportingFamilies(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TABLE supporting_families_need;
                DROP TABLE supporting_families_family;
                DELETE FROM grdb_migrations WHERE identifier = 'v21-supporting-families';
                """)
    }

    /// Takes a store back to version 10, newest migration first: what every version after it added.
    private static func undoToVersion10(_ db: Database) throws {
        try undoSupportingFamilies(db)
        try undoRetentionDecisions(db)
        try undoReportIndexes(db)
        try undoRecordMerging(db)
        try undoAuditValuesAndNotes(db)
        try undoCaseLifeStages(db)
        try undoOutboxAfterJoin(db)
    }

    /// Takes a store back to version 8 as an older Signpost left it: no referral outcomes, episode details or
    /// lead professional history.
    private static func undoCaseworkLife(_ db: Database) throws {
        try undoToVersion10(db)
        try db.execute(
            sql: """
                DROP TABLE lead_professional_change;
                DROP TABLE team_meeting;
                ALTER TABLE referral DROP COLUMN outcome_on;
                ALTER TABLE referral DROP COLUMN outcome_reason;
                ALTER TABLE referral DROP COLUMN outcome_by;
                ALTER TABLE episode DROP COLUMN opened_because;
                ALTER TABLE episode DROP COLUMN lead_professional;
                ALTER TABLE episode DROP COLUMN concurrent_reason;
                ALTER TABLE episode DROP COLUMN stepped_down_from;
                ALTER TABLE episode DROP COLUMN opened_by;
                DELETE FROM grdb_migrations WHERE identifier = 'v10-casework-life';
                UPDATE store_metadata SET value = '8' WHERE key = 'schema_version';
                PRAGMA user_version = 8;
                """)
    }

    @Test("a version 8 store is migrated: its families read back as they were, and a move keeps the old address")
    func migratesVersion8() throws {
        let url = try closedStore()
        let old = try SQLiteCaseStore(opening: url, expecting: nil)
        let before = try #require(try old.family(F.quillfeather().id))
        try old.pool.write { db in
            try Self.undoCaseworkLife(db)
            try Self.undoHouseholdHistory(db)
        }
        try old.close()

        let store = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try store.info().schemaVersion == StoreSchema.currentVersion)
        #expect(try store.family(before.id) == before)
        let move = AddressMove(
            address: Address(lines: ["3 New Street"], postcode: "N1 1AA"), movedOn: F.day("2026-02-01"),
            recordedBy: "jo")
        try store.apply([.changeAddress(family: before.id, move)], by: "jo")
        #expect(try store.family(before.id)?.previousAddresses.map(\.address) == [before.address])
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
    }

    @Test("a version 8 store is migrated: a family open to CSCT on a referral only sent is no longer (#15)")
    func migratesVersion8OpenTo() throws {
        let url = try TemporaryFolder().file("store.sqlite")
        let created = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        var family = F.adeyemi()
        family.referrals = [
            Referral(
                id: "R-csct", service: "csct", people: ["P-tobi"], madeAt: F.at("2026-03-02T10:00:00Z"),
                madeBy: "csct.duty", consent: .notRequired, urgency: .sameDay)
        ]
        try created.apply([.addFamily(family)], by: "loader")
        try created.pool.write { db in
            try Self.undoCaseworkLife(db)
            try Self.undoHouseholdHistory(db)
            // As version 8 summarised it: open to every service with a referral sent.
            try db.execute(
                sql: """
                    UPDATE family SET open_services = '["csct"]', is_open = 1 WHERE id = 'F-00019';
                    INSERT INTO family_open_service (family_id, service) VALUES ('F-00019', 'csct');
                    """)
        }
        try created.close()

        let store = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try store.info().schemaVersion == StoreSchema.currentVersion)
        #expect(try store.families(FamilyListQuery(service: "csct", limit: 5)).summaries.isEmpty)
        #expect(try store.families(FamilyListQuery(isOpen: false, limit: 5)).summaries.map(\.id) == ["F-00019"])
        #expect(try store.family("F-00019")?.referrals.first?.outcomeOn == nil)
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
    }

    @Test("a version 2 store is migrated: drafts can be saved and its contacts are listed by day")
    func migratesVersion2() throws {
        let url = try closedStore()
        let old = try SQLiteCaseStore(opening: url, expecting: nil)
        try old.pool.write { db in try Self.undoVersion3(db) }
        try old.close()
        #expect(try SQLiteCaseStore.inspect(url) == .live)

        let store = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try store.info().schemaVersion == StoreSchema.currentVersion)
        #expect(
            try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
                == StoreSchema.currentVersion)
        #expect(try store.families(FamilyListQuery(limit: 1)).totalCount == store.info().familyCount)
        // The change log is made for a store that had none: a device id, nothing waiting, nothing pulled.
        #expect(store.device.rawValue.hasPrefix("D-"))
        #expect(try store.pendingChanges(limit: 1).isEmpty)
        #expect(try store.lastPulledSeq() == 0)
        #expect(try store.contacts(on: F.day("2026-01-05"), recordedBy: nil).map(\.contact.id) == ["C-1"])
        let draft = TriageConformanceTests.everyField()
        try store.saveDraft(draft)
        #expect(try store.drafts(for: draft.practitioner) == [draft])
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
    }

    /// Takes a store back to before the "v6-form-drafts" migration: no form drafts table.
    private static func undoFormDrafts(_ db: Database) throws {
        try undoRecordMerging(db)
        try db.execute(sql: "DROP TABLE form_draft")
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v6-form-drafts'")
        try db.execute(sql: "UPDATE store_metadata SET value = '5' WHERE key = 'schema_version'")
        try db.execute(sql: "PRAGMA user_version = 5")
    }

    @Test("a store from before form drafts is migrated by v6-form-drafts: a form draft saved survives reopening")
    func migratesToFormDrafts() throws {
        let url = try closedStore()
        let old = try SQLiteCaseStore(opening: url, expecting: nil)
        try old.pool.write { db in
            try Self.undoMatchKeys(db)
            try Self.undoFormDrafts(db)
        }
        try old.close()

        let store = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try store.info().schemaVersion == StoreSchema.currentVersion)
        let applied = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(applied.contains("v6-form-drafts"))
        let draft = FormDraftConformanceTests.draft(text: "Mum rang about the boiler.\nShe sounded tired.")
        try store.saveFormDraft(draft)
        try store.close()
        let reopened = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try reopened.formDrafts(for: draft.practitioner) == [draft])
        #expect(try reopened.check().isHealthy)
    }

    @Test("a form draft that no longer reads is left out of the list, and check says which")
    func unreadableFormDraft() throws {
        let store = try SQLiteCaseStore(opening: try closedStore(), expecting: nil)
        let good = FormDraftConformanceTests.draft()
        try store.saveFormDraft(good)
        #expect(try store.check().checked.contains("1 form drafts can be read"))
        try store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO form_draft (practitioner, kind, family_id, person_id, updated_at, body)
                    VALUES (?, 'level', 'F-00017', 'P-ava', 900000000.0, ?)
                    """,
                arguments: [good.practitioner, Data(#"{"form":"#.utf8)])
        }
        #expect(try store.formDrafts(for: good.practitioner) == [good])
        #expect(
            try store.check().problems == [
                "a level form draft saved by sam.okafor can no longer be read, so it is not offered back"
            ])
        try store.discardFormDraft(FormDraftKey(kind: "level", family: "F-00017", person: "P-ava"), by: "sam.okafor")
        #expect(try store.check().isHealthy)
    }

    @Test("a saved draft is in the file: it survives the store being closed and reopened")
    func draftSurvivesReopening() throws {
        let url = try closedStore()
        let draft = TriageConformanceTests.everyField()
        let first = try SQLiteCaseStore(opening: url, expecting: .live)
        try first.saveDraft(draft)
        // Another process sees it at once, before this one closes.
        let other = try SQLiteCaseStore(opening: url, expecting: .live)
        #expect(try other.drafts(for: draft.practitioner) == [draft])
        try other.close()
        try first.close()
        #expect(try SQLiteCaseStore(opening: url, expecting: nil).drafts(for: draft.practitioner) == [draft])
    }

    @Test("a draft that no longer reads is left out of the list, and check says which")
    func unreadableDraft() throws {
        let store = try SQLiteCaseStore(opening: try closedStore(), expecting: nil)
        let good = TriageConformanceTests.everyField()
        try store.saveDraft(good)
        try store.pool.write { db in
            try db.execute(
                sql: "INSERT INTO contact_draft (id, practitioner, updated_at, body) VALUES (?, ?, ?, ?)",
                arguments: ["D-broken", good.practitioner, 900_000_000.0, Data(#"{"id":"D-broken","step":"#.utf8)])
            try db.execute(
                sql: "INSERT INTO contact_draft (id, practitioner, updated_at, body) VALUES (?, ?, ?, ?)",
                arguments: ["D-text", good.practitioner, 900_000_001.0, "not json"])
        }
        #expect(try store.drafts(for: good.practitioner) == [good])
        let report = try store.check()
        #expect(
            report.problems == [
                "contact draft D-broken saved by sam.okafor can no longer be read, so it is not offered for resuming; discard it if it is not needed",
                "contact draft D-text saved by sam.okafor can no longer be read, so it is not offered for resuming; discard it if it is not needed",
            ])

        // Discarding clears the problem, and is audited though the draft's family is unknown.
        try store.discardDraft("D-broken", by: "sam.okafor")
        try store.discardDraft("D-text", by: "sam.okafor")
        let removed = try #require(try store.auditTrail(family: nil, limit: 1).first)
        #expect(removed.action == "discard-contact-draft")
        #expect(removed.summary == "removed the front-door contact draft (it could no longer be read)")
        #expect(try store.check().isHealthy)

        // A row whose columns disagree with its body is reported too.
        try store.pool.write { db in
            try db.execute(sql: "UPDATE contact_draft SET updated_at = 0 WHERE id = 'D-full'")
        }
        #expect(
            try store.check().problems == [
                "contact draft D-full saved by sam.okafor: its practitioner or time does not match what it holds"
            ])
    }

    @Test("the day's contacts and a practitioner's drafts are read through indexes, not by scanning")
    func indexedReads() throws {
        let store = try SQLiteCaseStore(opening: try closedStore(), expecting: nil)
        func plan(_ sql: String) throws -> String {
            try store.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String? ?? "" }
                    .joined(separator: "; ")
            }
        }
        let day = try plan(
            """
            SELECT c.*, f.name AS household FROM contact c JOIN family f ON f.id = c.family_id
            WHERE c.received_at >= 0 AND c.received_at < 1 AND c.recorded_by = 'sam'
            ORDER BY c.received_at DESC, c.family_id, c.id
            """)
        #expect(day.contains("contact_by_received_at"), "\(day)")
        let drafts = try plan(
            "SELECT body FROM contact_draft WHERE practitioner = 'sam' ORDER BY updated_at DESC, id")
        #expect(drafts.contains("contact_draft_by_practitioner"), "\(drafts)")
    }

    @Test("the matcher reads people through index lookups only, never a scan")
    func matcherUsesIndexes() throws {
        let store = try SQLiteCaseStore(opening: try closedStore(), expecting: nil)
        let prefix = MatchLookup(key: "n:quil", isPrefix: true, term: 0)
        let exact = MatchLookup(key: "b:2022-03-14", isPrefix: false, term: 1)
        let people = [
            IndexedPerson(family: "F-00017", person: "P-zoe"), IndexedPerson(family: "F-00019", person: "P-tobi"),
        ]
        let statements = [
            SQLiteMatchKeyIndex.countStatement(prefix, upTo: 10), SQLiteMatchKeyIndex.countStatement(exact, upTo: 10),
            SQLiteMatchKeyIndex.peopleStatement(prefix, limit: 10),
            SQLiteMatchKeyIndex.peopleStatement(exact, limit: 10),
            SQLiteMatchKeyIndex.probeStatement(prefix, people: people[...]),
            SQLiteMatchKeyIndex.probeStatement(exact, people: people[...]),
            SQLiteCaseStore.candidateStatement(people),
            SQLiteMatchKeyIndex.sampledStatement(MatchQuery("zoe quilfether 14/3 n7").lookups),
        ]
        for (sql, arguments) in statements {
            let plan = try store.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map {
                    try $0.value("detail") as String
                }
            }
            #expect(plan.contains { $0.hasPrefix("SEARCH") }, "\(plan)")
            // Scans of the typed list of people, or of a subquery, are fine; of a table, not.
            let tableScans = plan.filter {
                $0.hasPrefix("SCAN") && !$0.contains("CONSTANT ROWS") && !$0.hasPrefix("SCAN probed")
                    && !$0.hasPrefix("SCAN chosen") && !$0.contains("subquery")
            }
            #expect(tableScans.isEmpty, "\(plan)")
        }
    }

    @Test("the case list's total is the kept family count, and check finds it when it drifts")
    func keptFamilyCount() throws {
        let store = try SQLiteCaseStore(opening: try closedStore(), expecting: nil)
        let families = try store.info().familyCount
        #expect(try store.families(FamilyListQuery(limit: 1)).totalCount == families)
        try store.apply([.addFamily(Family(id: "F-COUNTED", name: "Counted", locality: .south))], by: "t")
        #expect(try store.families(FamilyListQuery(limit: 1)).totalCount == families + 1)
        #expect(try store.check().isHealthy)
        try store.pool.write { db in
            try db.execute(sql: "UPDATE store_metadata SET value = '7' WHERE key = 'family_count'")
        }
        #expect(try store.check().problems.contains { $0.contains("holds \(families + 1)") })
    }

    @Test("5,000 families import in batches and stay searchable")
    func bulkImportAndSearch() throws {
        let store = try SQLiteCaseStore(
            openingOrCreating: try TemporaryFolder().file("bulk.sqlite"), kind: .demonstration)
        // Speed is the benchmark's business (signpost-benchmark); this test checks only what is saved and found.
        for batch in 0..<5 {
            let families = F.generated(count: 1000, startingAt: batch * 1000)
            try store.apply(families.map(CaseChange.addFamily), by: "generator")
        }
        #expect(try store.info().familyCount == 5000)

        let hits = try store.search("brightwater71", limit: 20)
        #expect(hits.first?.summary.id == "G-00498")
        #expect(hits.first?.reason.hasPrefix("name: ") == true)
        #expect(try store.search("ash", limit: 20).count == 20)
        #expect(try store.search("G-04999", limit: 5).first?.summary.id == "G-04999")

        let page = try store.families(FamilyListQuery(locality: .south, level: .complex, offset: 10, limit: 25))
        #expect(page.summaries.count == 25)
        #expect(page.summaries.allSatisfy { $0.locality == .south && $0.highestLevel == .complex })
        #expect(page.totalCount == 5000 / 4)
        #expect(try store.familyIDs(after: "G-04990", limit: 100).count == 9)
    }
}
