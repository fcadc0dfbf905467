import Foundation

/// One versioned step of the team server's schema.
public struct TeamServerMigration: Sendable {
    /// Applied in ascending order; recorded in `signpost.schema_migrations` once applied.
    public let version: Int
    public let name: String
    let sql: String
}

/// The team server's schema: its migrations, newest last.
///
/// `TeamServerConnection.initialise(kind:)` applies the ones a database lacks, in one
/// transaction, so running it twice changes nothing the second time.
///
/// ```swift
/// let latest = TeamServerSchema.latestVersion
/// ```
public enum TeamServerSchema {
    public static let migrations: [TeamServerMigration] = [
        version1, version2, version3, conflictResolution, laptopScope, localityGrant, erasure, certificateLogin,
        familyErasure, sharedErasureAudit, quietPulls,
    ]

    public static var latestVersion: Int { migrations.map(\.version).max() ?? 0 }

    /// The migration's SQL as one statement: a DO block that executes the script, so a script of
    /// many statements runs through the extended query protocol.
    static func executableStatement(for migration: TeamServerMigration) -> String {
        let tag = "$signpost_migration_sql$"
        precondition(!migration.sql.contains(tag), "a migration must not contain its own quoting tag")
        return "DO $signpost_migration$ BEGIN EXECUTE \(tag)\(migration.sql)\(tag); END $signpost_migration$"
    }
}
