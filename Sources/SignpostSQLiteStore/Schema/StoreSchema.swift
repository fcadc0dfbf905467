import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// The tables of a Signpost store and how they came to be.
///
/// Dates are kept as REAL seconds since 2001-01-01 UTC (Foundation's reference
/// date), so that every `Date` reads back exactly as it was written; calendar
/// dates are `YYYY-MM-DD` text. Lists whose order matters have a `position`.
enum StoreSchema {
    /// Marks the file as a Signpost store in its header (`PRAGMA application_id`): "SGNP".
    static let applicationID: Int32 = 0x5347_4E50

    /// The newest schema this code reads and writes.
    static let currentVersion = 21

    /// The migrator that brings a new or older store up to ``currentVersion``.
    ///
    /// - Parameter kind: The kind written into a store created by the first migration.
    static func migrator(creating kind: StoreKind) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try createVersion1(db)
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: "PRAGMA user_version = 1")
            try db.execute(
                sql:
                    "INSERT INTO store_metadata (key, value) VALUES ('kind', ?), ('schema_version', '1'), ('created_at', ?)",
                arguments: [kind.rawValue, Timestamp.text(Date())])
        }
        migrator.registerVersion(2, "v2", migrate: createVersion2)
        migrator.registerVersion(3, "v3", migrate: createVersion3)
        migrator.registerVersion(4, "v4", migrate: createVersion4)
        migrator.registerVersion(5, "v5-audit-chain", migrate: AuditChain.createVersion5)
        migrator.registerVersion(6, "v6-form-drafts", migrate: createFormDrafts)
        migrator.registerVersion(7, "v7-match-keys", migrate: addMatchKeyPairs)
        migrator.registerVersion(8, "v8-change-log", migrate: createChangeLog)
        migrator.registerVersion(9, "v9-household-history", migrate: createHouseholdHistory)
        migrator.registerVersion(10, "v10-casework-life", migrate: createCaseworkLife)
        migrator.registerVersion(11, "v11-outbox-after-join", migrate: keepOutboxOnlyOnceJoined)
        migrator.registerVersion(12, "v12-case-life-stages", migrate: createCaseLifeStages)
        migrator.registerVersion(13, "v13-audit-values-notes", migrate: createAuditValuesAndNotes)
        migrator.registerVersion(14, "v14-record-merging", migrate: createRecordMerging)
        migrator.registerVersion(15, "v15-report-indexes", migrate: createReportIndexes)
        migrator.registerVersion(17, "v17-directory-import", migrate: createDirectoryImport)
        migrator.registerVersion(20, "v20-retention-decisions", migrate: createRetentionDecisions)
        migrator.registerVersion(21, "v21-supporting-families", migrate: createSupportingFamilies)
        return migrator
    }

    /// Version 13: the audit trail's values and the case notes' types and amendments (#16).
    ///
    /// An audit entry keeps its values as JSON in `detail` and their SHA-256 in `detail_digest`;
    /// the chain seals the digest (``AuditChain``), so erasing a person's values later can replace
    /// `detail` with a marker and leave the chain whole. Entries written before keep no values and
    /// verify as they always did. Two indexes page the store-wide trail by actor and by time.
    /// A case note gains its type (`other` for notes already written) and its amendments, kept
    /// whole as JSON since they are only ever appended and read with the note.
    private static func createAuditValuesAndNotes(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE audit_entry ADD COLUMN detail TEXT;
                ALTER TABLE audit_entry ADD COLUMN detail_digest TEXT;
                CREATE INDEX audit_entry_by_actor ON audit_entry (actor, id);
                CREATE INDEX audit_entry_by_time ON audit_entry (at);
                ALTER TABLE case_note ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
                ALTER TABLE case_note ADD COLUMN amendments TEXT NOT NULL DEFAULT '[]';
                """)
    }

    /// Version 6: drafts of the free-text forms (case notes, level reasons, members, new families).
    ///
    /// As with contact drafts, a draft is kept whole as its JSON, since it is only
    /// saved and read whole, rewritten on every key, and holds half-typed values.
    /// One row per practitioner and form: the key's parts are columns (an empty
    /// string when the form is about no family or person), so saving is one upsert
    /// on the primary key and a practitioner's drafts are listed newest first from
    /// the index without reading anyone else's.
    private static func createFormDrafts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE form_draft (
                    practitioner TEXT NOT NULL,
                    kind TEXT NOT NULL,                -- case-note, level, member, new-family
                    family_id TEXT NOT NULL,           -- '' when about no family yet
                    person_id TEXT NOT NULL,           -- '' when about no one person
                    updated_at REAL NOT NULL,
                    body BLOB NOT NULL,                -- the whole draft as JSON
                    PRIMARY KEY (practitioner, kind, family_id, person_id)
                ) WITHOUT ROWID;
                CREATE INDEX form_draft_by_practitioner ON form_draft (practitioner, updated_at);
                """)
    }

    /// Version 7: the matcher's pair keys, two name words or a name word and a birthday in one key (#10).
    ///
    /// Each lookup of the matcher reads a bounded number of index rows, so at
    /// 100,000 families a common first name and a common surname could each
    /// fill their share with other people and the one person with both was
    /// never a candidate. A pair (``MatchKeys/namePair``,
    /// ``MatchKeys/nameBirthday``) names that person in one seek. The table is
    /// unchanged; the pairs of the people already stored are added here (those
    /// a version 2 migration has just written are left as they are).
    private static func addMatchKeyPairs(_ db: Database) throws {
        try db.execute(
            sql:
                "CREATE TEMP TABLE match_key_load (key TEXT NOT NULL, family_id TEXT NOT NULL, person_id TEXT NOT NULL)"
        )
        try forEachPerson(in: db) { candidate in
            for key in candidate.indexKeys.filter(MatchKeys.isPair).sorted() {
                try db.execute(
                    sql: "INSERT INTO match_key_load (key, family_id, person_id) VALUES (?, ?, ?)",
                    arguments: [key, candidate.familyID.rawValue, candidate.personID.rawValue])
            }
        }
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO person_match_key (key, family_id, person_id)
                    SELECT key, family_id, person_id FROM match_key_load ORDER BY key, family_id, person_id;
                DROP TABLE match_key_load;
                """)
    }

    /// Version 4: the number of families, kept as families are added and removed.
    ///
    /// Counting a table's rows reads every entry of an index: 17 ms at 100,000
    /// families, paid on every start just to show the total on the first screen.
    /// Triggers keep the count in the same transaction as the rows, so it cannot
    /// drift from them whichever code writes; `check()` compares the two.
    private static func createVersion4(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO store_metadata (key, value) VALUES ('family_count', (SELECT count(*) FROM family));
                CREATE TRIGGER family_counted AFTER INSERT ON family
                BEGIN
                    UPDATE store_metadata SET value = CAST(value AS INTEGER) + 1 WHERE key = 'family_count';
                END;
                CREATE TRIGGER family_uncounted AFTER DELETE ON family
                BEGIN
                    UPDATE store_metadata SET value = CAST(value AS INTEGER) - 1 WHERE key = 'family_count';
                END;
                """)
    }

    /// Version 3: the front door's contact drafts, and contacts found by the day they were received (#5).
    ///
    /// A draft is kept whole as its JSON (`ContactDraft` is Codable), because it
    /// is only ever saved and read whole, is rewritten on every keystroke, and
    /// holds half-typed values no other table would accept. Its practitioner
    /// and `updated_at` are columns too, so a practitioner's drafts are listed
    /// newest first from the index without reading anyone else's.
    ///
    /// The index on `contact (received_at)` lets the day's contact list read
    /// one range of the index instead of every contact ever recorded.
    private static func createVersion3(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE contact_draft (
                    id TEXT PRIMARY KEY NOT NULL,
                    practitioner TEXT NOT NULL,
                    updated_at REAL NOT NULL,
                    body BLOB NOT NULL                 -- the whole draft as JSON
                );
                CREATE INDEX contact_draft_by_practitioner ON contact_draft (practitioner, updated_at);
                CREATE INDEX contact_by_received_at ON contact (received_at);
                """)
    }

    /// Version 2: the front-door matcher's index of people by name spelling, name sound, date of birth and postcode.
    ///
    /// One row per person and key (``MatchCandidate/indexKeys``), so candidates
    /// are found by the primary key's index and never by scanning people. The
    /// keys of people already stored are written here, in the migration's
    /// transaction; from then on every change that adds or edits people, or a
    /// family's name or postcode, rewrites the family's keys in its own transaction.
    private static func createVersion2(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE person_match_key (
                    key TEXT NOT NULL,                 -- n:spelling, d:near spelling, p:SOUND, b:/bd:/bm:/by: birth, c:POSTCODE
                    family_id TEXT NOT NULL,
                    person_id TEXT NOT NULL,
                    PRIMARY KEY (key, family_id, person_id),
                    FOREIGN KEY (family_id, person_id) REFERENCES person (family_id, id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                -- Keys arrive in person order; they are sorted into the table in one pass below.
                CREATE TEMP TABLE match_key_load (key TEXT NOT NULL, family_id TEXT NOT NULL, person_id TEXT NOT NULL);
                """)
        try forEachPerson(in: db) { candidate in try db.insertMatchKeys(of: candidate, into: "match_key_load") }
        // Written in key order and indexed afterwards: far quicker than millions of inserts scattered over a B-tree.
        try db.execute(
            sql: """
                INSERT INTO person_match_key (key, family_id, person_id)
                    SELECT key, family_id, person_id FROM match_key_load ORDER BY key, family_id, person_id;
                DROP TABLE match_key_load;
                CREATE INDEX person_match_key_by_person ON person_match_key (family_id, person_id);
                """)
    }

    /// Calls `body` with every person in the store as the matcher sees them, in storage order.
    ///
    /// A page of people at a time, so a large store is never read into memory
    /// whole (the migrations that build the matcher's keys run over 100,000 families).
    private static func forEachPerson(in db: Database, _ body: (MatchCandidate) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.rowid AS person_rowid, p.family_id, p.id, p.given_name, p.family_name, p.also_known_as,
                        p.date_of_birth, f.name AS household, f.postcode
                    FROM person p JOIN family f ON f.id = p.family_id
                    WHERE p.rowid > ? ORDER BY p.rowid LIMIT 5000
                    """,
                arguments: [after])
            guard let last = rows.last else { break }
            after = try last.value("person_rowid")
            for row in rows { try body(try db.matchCandidate(from: row)) }
        }
    }

    private static func createVersion1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE store_metadata (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );

                CREATE TABLE family (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    address_lines TEXT NOT NULL,       -- JSON array of street lines
                    postcode TEXT NOT NULL,
                    locality TEXT NOT NULL,
                    languages TEXT NOT NULL,           -- JSON array
                    interpreter_needed INTEGER NOT NULL,
                    access_notes TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    -- The case-list summary, recomputed by every change to the family.
                    highest_level INTEGER,
                    open_services TEXT NOT NULL,       -- JSON array of service ids
                    lead_professional TEXT,
                    lead_professional_key TEXT NOT NULL, -- folded lead professional name, for filtering
                    last_activity REAL NOT NULL,
                    is_open INTEGER NOT NULL,
                    members_summary TEXT NOT NULL      -- JSON array of member summaries
                );
                CREATE INDEX family_by_activity ON family (last_activity DESC, id);
                CREATE INDEX family_by_locality ON family (locality, last_activity DESC, id);
                CREATE INDEX family_by_level ON family (highest_level, last_activity DESC, id);
                CREATE INDEX family_by_openness ON family (is_open, last_activity DESC, id);
                CREATE INDEX family_by_reference ON family (id COLLATE NOCASE);

                -- Services a family is open to (part of the summary), for the service filter.
                CREATE TABLE family_open_service (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    service TEXT NOT NULL,
                    PRIMARY KEY (service, family_id)
                ) WITHOUT ROWID;
                CREATE INDEX family_open_service_by_family ON family_open_service (family_id);

                CREATE TABLE professional (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    is_lead INTEGER NOT NULL,          -- 1: lead professional; 0: team around the family
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    organisation TEXT NOT NULL,
                    phone TEXT NOT NULL,
                    email TEXT NOT NULL,
                    PRIMARY KEY (family_id, is_lead, position)
                );

                CREATE TABLE person (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    role TEXT NOT NULL,
                    given_name TEXT NOT NULL,
                    family_name TEXT NOT NULL,
                    also_known_as TEXT NOT NULL,       -- JSON array
                    date_of_birth TEXT,
                    expected_delivery_date TEXT,
                    gender TEXT NOT NULL,
                    ethnicity TEXT,
                    first_language TEXT NOT NULL,
                    has_send INTEGER NOT NULL,
                    has_ehc_plan INTEGER NOT NULL,
                    has_disability INTEGER NOT NULL,
                    needs_details TEXT NOT NULL,
                    has_parental_responsibility INTEGER NOT NULL,
                    phone TEXT NOT NULL,
                    PRIMARY KEY (family_id, id)
                );
                CREATE INDEX person_by_reference ON person (id COLLATE NOCASE);
                CREATE INDEX person_by_date_of_birth ON person (date_of_birth);
                CREATE INDEX person_by_expected_delivery ON person (expected_delivery_date);

                CREATE TABLE relationship (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    from_person TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    to_person TEXT NOT NULL,
                    PRIMARY KEY (family_id, position),
                    FOREIGN KEY (family_id, from_person) REFERENCES person (family_id, id),
                    FOREIGN KEY (family_id, to_person) REFERENCES person (family_id, id)
                );
                CREATE INDEX relationship_by_from ON relationship (family_id, from_person);
                CREATE INDEX relationship_by_to ON relationship (family_id, to_person);

                CREATE TABLE level_entry (
                    family_id TEXT NOT NULL,
                    person_id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
                    set_by TEXT NOT NULL,
                    set_at REAL NOT NULL,
                    reason TEXT NOT NULL,
                    indicators TEXT NOT NULL,          -- JSON array
                    suggested_level INTEGER,
                    PRIMARY KEY (family_id, person_id, position),
                    FOREIGN KEY (family_id, person_id) REFERENCES person (family_id, id) ON DELETE CASCADE
                );

                CREATE TABLE contact (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    received_at REAL NOT NULL,
                    caller_name TEXT NOT NULL,
                    caller_agency TEXT NOT NULL,
                    caller_relationship TEXT NOT NULL,
                    caller_phone TEXT NOT NULL,
                    source TEXT NOT NULL,
                    door TEXT,
                    about TEXT NOT NULL,               -- JSON array of person ids
                    concern_in_callers_words TEXT NOT NULL,
                    concerns TEXT NOT NULL,            -- JSON array of concern ids
                    outcome TEXT NOT NULL,
                    outcome_reason TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    PRIMARY KEY (family_id, id)
                );

                CREATE TABLE referral (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    service TEXT NOT NULL,
                    people TEXT NOT NULL,              -- JSON array of person ids
                    made_at REAL NOT NULL,
                    made_by TEXT NOT NULL,
                    consent TEXT NOT NULL,
                    urgency TEXT NOT NULL,
                    status TEXT NOT NULL,
                    contact_id TEXT,
                    reason TEXT NOT NULL,
                    PRIMARY KEY (family_id, id)
                );

                CREATE TABLE case_note (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    written_at REAL NOT NULL,
                    author TEXT NOT NULL,
                    text TEXT NOT NULL,
                    is_significant INTEGER NOT NULL,
                    about TEXT NOT NULL,               -- JSON array of person ids
                    PRIMARY KEY (family_id, id)
                );

                CREATE TABLE consent (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    given_by TEXT NOT NULL,
                    given_on TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    withdrawn_on TEXT,
                    recorded_by TEXT NOT NULL,
                    PRIMARY KEY (family_id, id)
                );

                CREATE TABLE episode (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    service TEXT NOT NULL,
                    opened_on TEXT NOT NULL,
                    closed_on TEXT,
                    closure_reason TEXT,
                    PRIMARY KEY (family_id, id)
                );

                CREATE TABLE assessment (
                    family_id TEXT NOT NULL,
                    id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    subject TEXT NOT NULL,
                    status TEXT NOT NULL,
                    document TEXT NOT NULL,            -- the whole assessment as JSON
                    PRIMARY KEY (family_id, id),
                    FOREIGN KEY (family_id, subject) REFERENCES person (family_id, id) ON DELETE CASCADE
                );

                CREATE TABLE audit_entry (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    family_id TEXT,
                    record_id TEXT NOT NULL,
                    summary TEXT NOT NULL
                );
                CREATE INDEX audit_entry_by_family ON audit_entry (family_id, id);

                -- What search can find a family by; one searchable column is filled per row.
                CREATE TABLE search_entry (
                    id INTEGER PRIMARY KEY,
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    person_id TEXT,
                    field INTEGER NOT NULL,
                    display TEXT NOT NULL,
                    person_name TEXT,
                    also_known_as TEXT,
                    family_name TEXT,
                    postcode TEXT,
                    address TEXT,
                    note TEXT
                );
                CREATE INDEX search_entry_by_family ON search_entry (family_id);
                CREATE VIRTUAL TABLE search_index USING fts5 (
                    person_name, also_known_as, family_name, postcode, address, note,
                    content = 'search_entry', content_rowid = 'id',
                    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
                );
                CREATE TRIGGER search_entry_inserted AFTER INSERT ON search_entry BEGIN
                    INSERT INTO search_index (rowid, person_name, also_known_as, family_name, postcode, address, note)
                    VALUES (new.id, new.person_name, new.also_known_as, new.family_name, new.postcode, new.address, new.note);
                END;
                CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_entry BEGIN
                    INSERT INTO search_index (search_index, rowid, person_name, also_known_as, family_name, postcode, address, note)
                    VALUES ('delete', old.id, old.person_name, old.also_known_as, old.family_name, old.postcode, old.address, old.note);
                END;
                """)
    }
}

extension DatabaseMigrator {
    /// Registers the migration that brings a store to schema `version`, then stamps the version in both
    /// places Signpost reads it: SQLite's `user_version` (read before the store is opened) and `store_metadata`.
    fileprivate mutating func registerVersion(
        _ version: Int, _ name: String, migrate: @escaping @Sendable (Database) throws -> Void
    ) {
        registerMigration(name) { db in
            try migrate(db)
            try db.execute(sql: "PRAGMA user_version = \(version)")
            try db.execute(
                sql: "UPDATE store_metadata SET value = ? WHERE key = 'schema_version'", arguments: ["\(version)"])
        }
    }
}
