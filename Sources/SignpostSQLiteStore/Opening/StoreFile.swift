import Foundation
import GRDB
import SignpostStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Recognising and protecting a store's file, before SQLite is allowed to write to it.
///
/// Whether a file is damaged is decided by SQLite, which reads the main file
/// through its write-ahead log, and never from the header bytes alone: a
/// checkpoint in progress (or one cut short by a full disk) leaves a header
/// that claims more pages than the file has while the log still holds them,
/// and such a store is sound.
enum StoreFile {
    /// What a valid store file says about itself.
    struct Identity {
        var kind: StoreKind
        var schemaVersion: Int
    }

    /// The advice for a folder given where a store file is wanted.
    static func folderDetail(_ path: String) -> String {
        "it is a folder, not a store file; pass --store with a file inside it, such as \(path)/signpost.sqlite"
    }

    /// Makes the store's missing folders (0700) and says whether a store must be created.
    ///
    /// - Returns: True when there is no store yet (no file, or an empty one),
    ///   false when a file with content is already there and must be validated.
    static func needsCreation(_ url: URL) throws -> Bool {
        let path = url.path
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw StoreError.unavailable(path: path, detail: folderDetail(path))
            }
            return info.st_size == 0
        }
        try createFolder(url.deletingLastPathComponent())
        return true
    }

    /// Gives the store's file and SQLite's companion files to their owner only.
    ///
    /// SQLite creates the `-wal` and `-shm` files with the main file's mode; this
    /// also tightens a store made from an empty file someone else created.
    static func restrictPermissions(of url: URL) {
        for suffix in ["", "-wal", "-shm"] {
            let path = url.path + suffix
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & 0o077 != 0 { chmod(path, 0o600) }
        }
    }

    private static func createFolder(_ folder: URL) throws {
        let path = folder.path
        var info = stat()
        if stat(path, &info) == 0 { return }
        try createFolder(folder.deletingLastPathComponent())
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw StoreError.unavailable(
                path: path, detail: "cannot create the folder: \(String(cString: strerror(errno)))")
        }
    }

    /// Checks, without changing it, that the file at `url` is a Signpost store this code can open.
    ///
    /// The first bytes must be SQLite's signature; everything else is read
    /// through SQLite with a read-only connection (which never switches journal
    /// mode or migrates): Signpost's application id and the metadata. When
    /// SQLite finds the file damaged, the error says what is known about it. A
    /// refused file is left as it was: any `-wal` or `-shm` file SQLite made
    /// beside it while looking is removed again.
    static func validate(_ url: URL, busyTimeout: TimeInterval) throws -> Identity {
        let path = url.path
        try checkSignature(path)
        let companions = Companions(path: path)
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(busyTimeout)
            configuration.label = "Signpost store check"
            let queue = try DatabaseQueue(path: readingPath(path), configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let found = try identity(db, path: path)
                if let shortfall = lastingShortfall(path) {
                    // The header alone proves nothing (a checkpoint may be under way, the log may hold the
                    // rest), so SQLite reads the whole store through the log and decides.
                    // Not quick_check: SQLite 3.40 reports NULLs that are not there in WITHOUT ROWID tables.
                    let verdict = try String.fetchAll(db, sql: "PRAGMA integrity_check(5)")
                    if verdict != ["ok"] {
                        throw StoreError.damaged(
                            path: path,
                            detail: "SQLite's integrity check reports: \(verdict.joined(separator: "; ")); \(shortfall)"
                        )
                    }
                }
                return found
            }
        } catch {
            var refusal = StoreError(error, path: path)
            switch refusal {
            case .damaged(_, let detail) where detail.hasPrefix("SQLite's integrity check"):
                companions.removeThoseCreatedSince()
            case .damaged(_, let detail):
                refusal = .damaged(path: path, detail: describeDamage(path, sqliteSaid: detail))
                companions.removeThoseCreatedSince()
            case .notASignpostStore:
                // No Signpost is using it; a busy or locked store, by contrast, has a writer whose files these are.
                companions.removeThoseCreatedSince()
            default:
                break
            }
            throw refusal
        }
    }

    /// What the metadata of an open store says, or why it is not a store this code reads.
    static func identity(_ db: Database, path: String) throws -> Identity {
        guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == StoreSchema.applicationID else {
            throw StoreError.notASignpostStore(path: path)
        }
        guard try db.tableExists("store_metadata") else {
            throw StoreError.damaged(path: path, detail: "it is marked as a Signpost store but has no store metadata")
        }
        let metadata = try Dictionary(
            Row.fetchAll(db, sql: "SELECT key, value FROM store_metadata").map {
                (try $0.decode(String.self, forColumn: "key"), try $0.decode(String.self, forColumn: "value"))
            }, uniquingKeysWith: { first, _ in first })
        guard let versionText = metadata["schema_version"], let version = Int(versionText) else {
            throw StoreError.damaged(path: path, detail: "the store metadata has no schema version")
        }
        if version > StoreSchema.currentVersion {
            throw StoreError.newerSchema(path: path, found: version, supported: StoreSchema.currentVersion)
        }
        guard let kindText = metadata["kind"], let kind = StoreKind(rawValue: kindText) else {
            throw StoreError.damaged(path: path, detail: "the store metadata does not give a known kind")
        }
        return Identity(kind: kind, schemaVersion: version)
    }

    /// Refuses, before SQLite sees it, a path that is missing, a folder, unreadable, or not a SQLite file.
    private static func checkSignature(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw StoreError.unavailable(path: path, detail: "there is no store at this path") }
            throw StoreError.unavailable(path: path, detail: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw StoreError.unavailable(path: path, detail: folderDetail(path)) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw StoreError.unavailable(
                path: path,
                detail: "the file cannot be read (\(String(cString: strerror(errno)))); check its permissions")
        }
        defer { close(descriptor) }
        var start = [UInt8](repeating: 0, count: 16)
        let count = read(descriptor, &start, 16)
        guard count > 0 else { throw StoreError.notASignpostStore(path: path) }
        let signature = Array("SQLite format 3\0".utf8)
        guard Array(start.prefix(count)) == Array(signature.prefix(count)) else {
            throw StoreError.notASignpostStore(path: path)
        }
    }

    /// SQLite's own words, with the facts about the file that help someone decide what to do.
    static func describeDamage(_ path: String, sqliteSaid: String) -> String {
        [sqliteSaid, headerShortfall(path)].compactMap { $0 }.joined(separator: "; ")
    }

    /// A shortfall that is still there after a checkpoint in progress would have finished (about half a second).
    ///
    /// A checkpoint writes page 1 first and extends the file as it goes, so for a moment the header of a
    /// sound store claims more than the file holds; waiting for that spares a full integrity check.
    private static func lastingShortfall(_ path: String) -> String? {
        for _ in 0..<10 {
            guard headerShortfall(path) != nil else { return nil }
            usleep(50_000)
        }
        return headerShortfall(path)
    }

    /// What the file's length says when it is shorter than its header records, or nil when it is not.
    ///
    /// Only a reason to ask SQLite: in WAL mode the missing pages may be in the log.
    static func headerShortfall(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let size = Int64(info.st_size)
        var walInfo = stat()
        let logSize = stat(path + "-wal", &walInfo) == 0 ? Int64(walInfo.st_size) : 0
        let log = logSize > 0 ? " (its write-ahead log holds \(logSize) bytes)" : ""
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 100)
        let count = read(descriptor, &bytes, 100)
        guard count == 100 else { return "the file is only \(size) bytes long\(log); it looks cut short" }
        func bigEndian(_ offset: Int, _ count: Int) -> Int64 {
            bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int64($1) }
        }
        let rawPageSize = bigEndian(16, 2)
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        let pages = bigEndian(28, 4)
        guard bigEndian(24, 4) == bigEndian(92, 4), pages * pageSize > size else { return nil }
        return
            "the file is \(size) bytes but its header records \(pages * pageSize) (\(pages) pages)\(log); it looks cut short"
    }

    /// Leaves no `-wal` or `-shm` file that looking at the store made beside it.
    ///
    /// A read-only connection cannot remove them; a writable connection closed
    /// as SQLite's last one does, after SQLite's own locks have shown no other
    /// process is using the store. Nothing is done when they were there before
    /// (another Signpost may be using the store) or the file cannot be written.
    static func tidy(_ path: String, before: Companions) {
        guard before.existed.values.allSatisfy({ !$0 }), FileManager.default.fileExists(atPath: path + "-shm"),
            access(path, W_OK) == 0, access((path as NSString).deletingLastPathComponent, W_OK) == 0
        else { return }
        var configuration = Configuration()
        configuration.busyMode = .timeout(1)
        configuration.label = "Signpost store tidy"
        if let queue = try? DatabaseQueue(path: path, configuration: configuration) {
            try? queue.close()
        }
    }

    /// SQLite's `-wal` and `-shm` files beside a store, as they were before a look at it.
    /// What to give SQLite to read the store at `path` without writing anything.
    ///
    /// A store in WAL mode is read through its `-shm` file, which SQLite makes beside it. In a folder the user
    /// may not write (a backup on read-only media), with no `-wal` file there, nothing can be made and nothing
    /// can be in the log, so the file is opened as immutable (`file:…?immutable=1`): read as it is, with no
    /// companion file and no lock. Anywhere else the path itself.
    ///
    /// ```swift
    /// StoreFile.readingPath("/media/backup/signpost.sqlite")   // "file:/media/backup/signpost.sqlite?immutable=1"
    /// ```
    static func readingPath(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) != 0, !FileManager.default.fileExists(atPath: path + "-wal")
        else { return path }
        // A URI's path escapes what would end it or change its meaning.
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let escaped = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return "file:\(escaped)?immutable=1"
    }

    struct Companions {
        let path: String
        let existed: [String: Bool]

        init(path: String) {
            self.path = path
            existed = Dictionary(
                uniqueKeysWithValues: ["-wal", "-shm"].map { ($0, FileManager.default.fileExists(atPath: path + $0)) })
        }

        /// Removes the companion files made since, when the log holds nothing: a refused file keeps no trace.
        func removeThoseCreatedSince() {
            var info = stat()
            if existed["-wal"] == false, stat(path + "-wal", &info) == 0 {
                guard info.st_size == 0 else { return }
                unlink(path + "-wal")
            }
            if existed["-shm"] == false { unlink(path + "-shm") }
        }
    }
}
