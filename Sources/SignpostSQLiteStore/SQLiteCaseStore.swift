import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// The embedded ``CaseStore``: one SQLite file, shared safely by several Signpost processes.
///
/// The file is created readable by its owner only (mode 0600, in a folder
/// made 0700), runs in WAL mode with foreign keys on, and waits for a busy
/// file rather than failing at once. Its header carries Signpost's
/// `application_id` and a metadata table records the store's kind and
/// schema version.
///
/// Opening never changes a file that is not a sound Signpost store: the file
/// is first checked with a read-only connection, and only then opened for
/// writing and migrated. A new store is made whole under a temporary name and
/// moved into place, so several processes creating it at once all end up with
/// the same store. A live or demonstration store syncs the write-ahead log on
/// every commit (`synchronous = FULL`), so a save that returned survives a
/// power cut; a training store, deleted when the session ends, syncs only at
/// checkpoints (`NORMAL`). Reading commands open with ``init(openingForReading:busyTimeout:)``,
/// which also reads a store the user may not write. A file that fails the check is left byte for byte as
/// it was, and the error says why (``StoreError/notASignpostStore(path:)``,
/// ``StoreError/damaged(path:detail:)``, ``StoreError/newerSchema(path:found:supported:)``,
/// ``StoreError/wrongKind(path:found:expected:)``, ``StoreError/locked(path:)``,
/// ``StoreError/unavailable(path:detail:)``).
///
/// ```swift
/// let url = SQLiteCaseStore.defaultLocation(environment: ProcessInfo.processInfo.environment)
/// let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
/// try store.apply([.addFamily(family)], by: "j.okafor")
/// let hits = try store.search("quil", limit: 10)
/// ```
public final class SQLiteCaseStore: CaseStore {
    let pool: DatabasePool
    private let checkpointer: BackgroundCheckpointer?

    /// True when the store was opened for reading only (``init(openingForReading:busyTimeout:)``):
    /// every change is refused.
    public let isReadOnly: Bool

    /// For a store opened for reading: whether its `-wal` and `-shm` files were there before.
    private let companionsBeforeReading: StoreFile.Companions?

    /// Where the store's file is.
    public let url: URL

    /// What kind of data the store holds, fixed when it was created.
    public let kind: StoreKind

    /// The id this store's changes carry to the team server, made once when the change log was created.
    public let device: DeviceID

    /// The store file's path.
    public var path: String { url.path }

    /// Opens the store at `url`, creating it (and its folder) when there is no file there yet.
    ///
    /// An empty file counts as no store yet and becomes one.
    ///
    /// - Parameters:
    ///   - url: The store's file.
    ///   - kind: The kind of store wanted; an existing store of another kind is refused.
    ///   - busyTimeout: How long to wait for another process holding the file.
    /// - Throws: ``StoreError``; the file is left untouched unless it was created.
    public convenience init(openingOrCreating url: URL, kind: StoreKind, busyTimeout: TimeInterval = 5) throws {
        let url = url.standardizedFileURL
        if try StoreFile.needsCreation(url) {
            try StoreCreation.create(url, kind: kind, busyTimeout: busyTimeout)
        }
        try self.init(opening: url, expecting: kind, busyTimeout: busyTimeout)
    }

    /// Opens the existing store at `url` for reading only: nothing is migrated or written.
    ///
    /// A store whose file (or folder) the user may not write is read as it is;
    /// a store written by an older Signpost must be opened for writing once
    /// first, to be upgraded. Every change is refused with ``StoreError/unavailable(path:detail:)``.
    ///
    /// ```swift
    /// let store = try SQLiteCaseStore(openingForReading: URL(fileURLWithPath: "/backups/signpost.sqlite"))
    /// let report = try store.check()
    /// ```
    ///
    /// - Throws: ``StoreError``; the file is left untouched.
    public init(openingForReading url: URL, busyTimeout: TimeInterval = 5) throws {
        let url = url.standardizedFileURL
        // Before the check, which may itself make them.
        let companions = StoreFile.Companions(path: url.path)
        let found = try StoreFile.validate(url, busyTimeout: busyTimeout)
        if found.schemaVersion < StoreSchema.currentVersion {
            throw StoreError.unavailable(
                path: url.path,
                detail:
                    "it was written by an older Signpost and must be upgraded before it can be read: open it once with `signpost --store \(url.path)` by someone who may write to it"
            )
        }
        self.url = url
        self.kind = found.kind
        self.isReadOnly = true
        self.checkpointer = nil
        self.companionsBeforeReading = companions
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(busyTimeout)
            configuration.label = "Signpost store (read-only)"
            let pool = try DatabasePool(path: StoreFile.readingPath(url.path), configuration: configuration)
            self.device = try pool.read { db in try Outbox.device(in: db, path: url.path) }
            self.pool = pool
        } catch {
            throw StoreError(error, path: url.path)
        }
    }

    /// Whether the store at `url` was written by an older Signpost and must be upgraded before it is read.
    ///
    /// - Throws: ``StoreError`` when the file is not a store this Signpost can open.
    public static func needsUpgrade(_ url: URL) throws -> Bool {
        let url = url.standardizedFileURL
        let before = StoreFile.Companions(path: url.path)
        defer { StoreFile.tidy(url.path, before: before) }
        return try StoreFile.validate(url, busyTimeout: 5).schemaVersion < StoreSchema.currentVersion
    }

    /// How a store of `kind` makes its saves durable, for `signpost info` and the README.
    public static func durability(of kind: StoreKind) -> String {
        kind == .training ? "synchronous = NORMAL" : "synchronous = FULL"
    }

    /// Opens the existing store at `url`.
    ///
    /// - Parameters:
    ///   - url: The store's file, which must exist.
    ///   - kind: The kind of store expected, or nil to accept any kind (see ``kind``).
    ///   - busyTimeout: How long to wait for another process holding the file.
    /// - Throws: ``StoreError``; the file is left untouched when it is refused.
    public convenience init(opening url: URL, expecting kind: StoreKind?, busyTimeout: TimeInterval = 5) throws {
        let url = url.standardizedFileURL
        let found = try StoreFile.validate(url, busyTimeout: busyTimeout)
        if let kind, found.kind != kind {
            throw StoreError.wrongKind(path: url.path, found: found.kind, expected: kind)
        }
        try self.init(
            openingValidated: url, kind: found.kind, migrating: found.schemaVersion < StoreSchema.currentVersion,
            busyTimeout: busyTimeout)
    }

    private init(openingValidated url: URL, kind: StoreKind, migrating: Bool, busyTimeout: TimeInterval) throws {
        self.url = url
        self.isReadOnly = false
        self.companionsBeforeReading = nil
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(busyTimeout)
            configuration.foreignKeysEnabled = true
            configuration.label = "Signpost store"
            // Checkpoints run in the background (BackgroundCheckpointer), never inside a save.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
                try db.execute(sql: "PRAGMA journal_size_limit = \(BackgroundCheckpointer.keptLog)")
                // What is deleted is overwritten, not only unlinked: an erased person's text must not survive
                // in a freed page or a record's old space (see SQLiteCaseStore+SecureErasure.swift).
                try db.execute(sql: "PRAGMA secure_delete = ON")
            }
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            // GRDB sets NORMAL when it turns WAL on, after `prepareDatabase`; the writer is the one that syncs.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA \(Self.durability(of: kind))")
            }
            // Only when the schema is older: even finding nothing to do, the migrator takes the write lock,
            // and a reader would then wait for (or give up on) another process's long batch.
            if migrating { try StoreSchema.migrator(creating: kind).migrate(pool) }
            let stored = try pool.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM store_metadata WHERE key = 'kind'")
            }
            guard let stored, let storedKind = StoreKind(rawValue: stored) else {
                throw StoreError.damaged(path: url.path, detail: "the store does not say what kind it is")
            }
            guard storedKind == kind else {
                throw StoreError.wrongKind(path: url.path, found: storedKind, expected: kind)
            }
            self.pool = pool
            self.kind = kind
            self.device = try pool.read { db in try Outbox.device(in: db, path: url.path) }
            self.checkpointer = BackgroundCheckpointer(path: url.path)
        } catch {
            throw StoreError(error, path: url.path)
        }
        StoreFile.restrictPermissions(of: url)
    }

    /// The kind of the store at `url`, found without changing the file.
    ///
    /// Useful before opening, to say what a file is (`signpost info --store PATH`).
    ///
    /// - Throws: ``StoreError`` saying why the file is not a usable Signpost store.
    public static func inspect(_ url: URL) throws -> StoreKind {
        try StoreFile.validate(url.standardizedFileURL, busyTimeout: 5).kind
    }

    /// Where the store is kept when no other place is given.
    ///
    /// `$XDG_DATA_HOME/signpost/signpost.sqlite`, or `$HOME/.local/share/signpost/signpost.sqlite`
    /// when `XDG_DATA_HOME` is unset, empty or not an absolute path (as the XDG specification asks).
    ///
    /// - Parameter environment: The process environment, such as `ProcessInfo.processInfo.environment`.
    public static func defaultLocation(environment: [String: String]) -> URL {
        let dataHome: URL
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            dataHome = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(
                ".local/share", isDirectory: true)
        }
        return dataHome.appendingPathComponent("signpost", isDirectory: true).appendingPathComponent("signpost.sqlite")
    }

    /// The newest schema version this Signpost reads and writes.
    public static var supportedSchemaVersion: Int { StoreSchema.currentVersion }

    /// Closes the file now rather than when the store is released.
    ///
    /// What is written is first copied from the write-ahead log into the main
    /// file (as far as other processes reading it allow), so a store closed by
    /// its only user is one self-contained file. The store cannot be used afterwards.
    ///
    /// - Throws: ``StoreError`` if the file could not be closed cleanly.
    public func close() throws {
        do {
            // Passive: another process still reading keeps its pages in the log, and closing never waits on it.
            if let checkpointer {
                checkpointer.close()
                _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            }
            try pool.close()
            tidyAfterReading()
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Leaves no `-wal` or `-shm` file that reading made beside the store.
    ///
    /// A read-only connection cannot remove them; a writable connection closed
    /// as SQLite's last one does, after SQLite's own locks have shown no other
    /// process is using the store. Nothing is done when they were there before
    /// (another Signpost is using the store) or the file cannot be written.
    private func tidyAfterReading() {
        if let before = companionsBeforeReading { StoreFile.tidy(path, before: before) }
    }

    /// Runs `body` in a read, turning database errors into ``StoreError``.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError(error, path: path) }
    }

    /// Runs `body` in one write transaction, turning database errors into ``StoreError``.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard let checkpointer else {
            throw StoreError.unavailable(
                path: path, detail: "the store was opened read-only, so nothing can be changed in it")
        }
        let result: T
        do { result = try pool.write(body) } catch { throw StoreError(error, path: path) }
        if checkpointer.logIsLarge {
            // A large batch (an import, a generated store): copied back now, so the log cannot grow without bound.
            _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        } else {
            checkpointer.commitDone()
        }
        return result
    }
}
