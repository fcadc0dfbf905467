import Foundation
import GRDB
import SignpostStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creating, recognising and protecting a store's file, before SQLite is allowed to write to it.
enum StoreFile {
    /// What a valid store file says about itself.
    struct Identity {
        var kind: StoreKind
        var schemaVersion: Int
    }

    /// Makes an empty file for a new store (mode 0600, its missing folders 0700).
    ///
    /// - Returns: True when there was no store yet (the file is new or was empty),
    ///   false when a file with content is already there and must be validated.
    static func prepareForCreation(_ url: URL) throws -> Bool {
        let path = url.path
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw StoreError.unavailable(path: path, detail: "it is a folder, not a file")
            }
            return info.st_size == 0
        }
        try createFolder(url.deletingLastPathComponent())
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw StoreError.unavailable(path: path, detail: String(cString: strerror(errno)))
        }
        close(descriptor)
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
    /// The header is read first (the SQLite signature, a length matching the page
    /// count), then Signpost's application id and the metadata through a read-only
    /// connection, which never switches journal mode or migrates.
    static func validate(_ url: URL, busyTimeout: TimeInterval) throws -> Identity {
        let path = url.path
        try checkHeader(path)
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(busyTimeout)
            configuration.label = "Signpost store check"
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                // Read through SQLite, not from the header bytes: the newest header may still be in the WAL.
                guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == StoreSchema.applicationID else {
                    throw StoreError.notASignpostStore(path: path)
                }
                guard try db.tableExists("store_metadata") else {
                    throw StoreError.damaged(
                        path: path, detail: "it is marked as a Signpost store but has no store metadata")
                }
                let metadata = try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM store_metadata").map {
                        (try $0.decode(String.self, forColumn: "key"), try $0.decode(String.self, forColumn: "value"))
                    })
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
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// The SQLite file header, as documented at https://www.sqlite.org/fileformat.html.
    private static func checkHeader(_ path: String) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            var info = stat()
            if stat(path, &info) != 0, errno == ENOENT {
                throw StoreError.unavailable(path: path, detail: "there is no store at this path")
            }
            throw StoreError.unavailable(path: path, detail: "the file cannot be read (check its permissions)")
        }
        defer { try? handle.close() }
        let header: Data
        let fileSize: UInt64
        do {
            header = try handle.read(upToCount: 100) ?? Data()
            fileSize = try handle.seekToEnd()
        } catch {
            throw StoreError.unavailable(path: path, detail: "the file cannot be read: \(error.localizedDescription)")
        }
        let signature = Data("SQLite format 3\0".utf8)
        guard header.count >= 100 else {
            if !header.isEmpty, signature.starts(with: header) || header.starts(with: signature) {
                throw StoreError.damaged(path: path, detail: "it is only \(header.count) bytes long; it was cut short")
            }
            throw StoreError.notASignpostStore(path: path)
        }
        guard header.starts(with: signature) else { throw StoreError.notASignpostStore(path: path) }
        let bytes = [UInt8](header)
        func bigEndian(_ offset: Int, _ count: Int) -> UInt32 {
            bytes[offset..<offset + count].reduce(0) { $0 << 8 | UInt32($1) }
        }
        let rawPageSize = bigEndian(16, 2)
        let pageSize = UInt64(rawPageSize == 1 ? 65536 : rawPageSize)
        let pageCount = UInt64(bigEndian(28, 4))
        let pageCountIsValid = bigEndian(24, 4) == bigEndian(92, 4)
        if pageCountIsValid, pageCount > 0, fileSize < pageCount * pageSize {
            throw StoreError.damaged(
                path: path,
                detail: "it is \(fileSize) bytes long but should be \(pageCount * pageSize); it was cut short")
        }
    }
}
