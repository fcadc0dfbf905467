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
/// writing and migrated. A file that fails the check is left byte for byte as
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
    private let checkpointer: BackgroundCheckpointer

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
        if try StoreFile.prepareForCreation(url) {
            try self.init(openingValidated: url, kind: kind, busyTimeout: busyTimeout)
        } else {
            try self.init(opening: url, expecting: kind, busyTimeout: busyTimeout)
        }
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
        try self.init(openingValidated: url, kind: found.kind, busyTimeout: busyTimeout)
    }

    private init(openingValidated url: URL, kind: StoreKind, busyTimeout: TimeInterval) throws {
        self.url = url
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(busyTimeout)
            configuration.foreignKeysEnabled = true
            configuration.label = "Signpost store"
            // Checkpoints run in the background (BackgroundCheckpointer), never inside a save.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
                try db.execute(sql: "PRAGMA journal_size_limit = \(BackgroundCheckpointer.keptLog)")
            }
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            try StoreSchema.migrator(creating: kind).migrate(pool)
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
            checkpointer.close()
            _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            try pool.close()
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Runs `body` in a read, turning database errors into ``StoreError``.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError(error, path: path) }
    }

    /// Runs `body` in one write transaction, turning database errors into ``StoreError``.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
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
