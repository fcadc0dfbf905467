import Foundation
import PostgresNIO

extension TeamServerConnection {
    /// Creates or upgrades the server's schema (roles, tables, policies, functions), applying the
    /// migrations the database lacks in one transaction; returns the versions applied (none when
    /// it was up to date). A server is live or demonstration for good: initialising it again as
    /// the other kind fails.
    ///
    /// Needs a login allowed to create roles and schemas (the cluster's owner or an equivalent).
    @discardableResult
    public func initialise(kind: TeamServerKind) async throws -> [Int] {
        try await initialise(kind: kind, throughVersion: TeamServerSchema.latestVersion)
    }

    /// Creates or upgrades the schema as ``initialise(kind:)`` does, but no further than `lastVersion`:
    /// how the tests make a server as an older Signpost left it, to upgrade it afterwards.
    ///
    /// ```swift
    /// try await admin.initialise(kind: .demonstration, throughVersion: 9)
    /// let applied = try await admin.initialise(kind: .demonstration)  // [10, ...]
    /// ```
    @discardableResult
    func initialise(kind: TeamServerKind, throughVersion lastVersion: Int) async throws -> [Int] {
        try await inTransaction {
            try await execute("SELECT pg_advisory_xact_lock(7318999)")
            try await execute("CREATE SCHEMA IF NOT EXISTS signpost")
            try await execute(
                """
                CREATE TABLE IF NOT EXISTS signpost.schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    applied_by text NOT NULL DEFAULT session_user
                )
                """)
            let present = Set(try await appliedVersions())
            var applied: [Int] = []
            for migration in TeamServerSchema.migrations.sorted(by: { $0.version < $1.version })
            where !present.contains(migration.version) && migration.version <= lastVersion {
                try await execute(PostgresQuery(unsafeSQL: TeamServerSchema.executableStatement(for: migration)))
                try await execute(
                    "INSERT INTO signpost.schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))"
                )
                applied.append(migration.version)
            }
            if let existing = try await serverKind() {
                guard existing == kind else {
                    throw TeamServerError.server(
                        message: "This team server was initialised as \(existing); it cannot become \(kind).",
                        sqlState: nil)
                }
            } else {
                try await execute("INSERT INTO signpost.server_info (kind) VALUES (\(kind.rawValue))")
            }
            return applied
        }
    }

    /// The schema versions applied to this database, ascending.
    public func appliedVersions() async throws -> [Int] {
        try await translatingErrors {
            var versions: [Int] = []
            let rows = try await connection.query(
                "SELECT version FROM signpost.schema_migrations ORDER BY version", logger: logger)
            for try await version in rows.decode(Int.self) { versions.append(version) }
            return versions
        }
    }

    /// Whether the server holds live or fictional records; nil before `initialise`.
    public func serverKind() async throws -> TeamServerKind? {
        try await translatingErrors {
            let rows = try await connection.query("SELECT kind FROM signpost.server_info", logger: logger)
            for try await kind in rows.decode(String.self) {
                guard let known = TeamServerKind(rawValue: kind) else {
                    throw TeamServerError.unexpectedAnswer("server kind \(kind)")
                }
                return known
            }
            return nil
        }
    }

    /// Adds (or updates) a practitioner: a login with a SCRAM password in the role's group role.
    /// Administrators only; the password travels to the server once and is never stored here.
    public func addPractitioner(login: String, role: PractitionerRole, locality: String?, password: String) async throws
    {
        try await execute(
            "SELECT signpost.add_practitioner(\(login), \(role.rawValue), \(locality), \(password))")
    }

    /// Adds (or updates) a practitioner who signs in with a client certificate: a login with no
    /// password, in the role's group role and in `signpost_certificate_login`, which the cluster's
    /// `pg_hba.conf` sends to its `cert` method (the certificate's common name must be the login).
    /// Administrators only. Adding them again with a password makes them sign in with that instead.
    ///
    /// ```swift
    /// try await admin.addCertificatePractitioner(login: "sam", role: .hubWorker, locality: "north")
    /// ```
    public func addCertificatePractitioner(login: String, role: PractitionerRole, locality: String?) async throws {
        try await execute("SELECT signpost.add_certificate_practitioner(\(login), \(role.rawValue), \(locality))")
    }

    /// Restricts a family to named workers (nil lifts the restriction). Managers and administrators.
    public func restrictFamily(_ family: String, to workers: [String]?) async throws {
        try await execute("SELECT signpost.restrict_family(\(family), \(workers))")
    }

    /// Puts a family on a worker's caseload. Managers and administrators.
    public func assignCaseload(family: String, to worker: String) async throws {
        try await execute("SELECT signpost.assign_caseload(\(family), \(worker))")
    }

    /// The first audit entry whose hash does not chain; nil when the trail is intact.
    public func verifyAudit() async throws -> Int64? {
        try await translatingErrors {
            let rows = try await connection.query("SELECT signpost.verify_audit()", logger: logger)
            for try await broken in rows.decode(Int64?.self) { return broken }
            return nil
        }
    }

    /// The server's kind, schema, practitioners and counts, as far as this login may see them.
    public func status() async throws -> TeamServerStatus {
        let kind = try await serverKind()
        let version = try await appliedVersions().max() ?? 0
        return try await translatingErrors {
            var practitioners: [Practitioner] = []
            let people = try await connection.query(
                "SELECT login, role, locality FROM signpost.practitioner ORDER BY login", logger: logger)
            for try await (login, role, locality) in people.decode((String, String, String?).self) {
                guard let role = PractitionerRole(rawValue: role) else { continue }
                practitioners.append(Practitioner(login: login, role: role, locality: locality))
            }
            var counts: (Int64, Int64, Int64) = (0, 0, 0)
            let totals = try await connection.query(
                """
                SELECT (SELECT count(*) FROM signpost.change), (SELECT coalesce(max(seq), 0) FROM signpost.change),
                    (SELECT count(*) FROM signpost.conflict WHERE resolved_at IS NULL)
                """, logger: logger)
            for try await row in totals.decode((Int64, Int64, Int64).self) { counts = row }
            var auditEntries: Int64 = 0
            var broken: Int64?
            let mayReadAudit = try await connection.query(
                "SELECT has_table_privilege('signpost.audit', 'SELECT')", logger: logger)
            var readable = false
            for try await allowed in mayReadAudit.decode(Bool.self) { readable = allowed }
            if readable {
                let audit = try await connection.query("SELECT count(*) FROM signpost.audit", logger: logger)
                for try await count in audit.decode(Int64.self) { auditEntries = count }
                let check = try await connection.query("SELECT signpost.verify_audit()", logger: logger)
                for try await first in check.decode(Int64?.self) { broken = first }
            }
            return TeamServerStatus(
                kind: kind, schemaVersion: version, practitioners: practitioners, changes: counts.0,
                lastSeq: counts.1, openConflicts: counts.2, auditEntries: auditEntries,
                firstBrokenAuditEntry: broken)
        }
    }
}
