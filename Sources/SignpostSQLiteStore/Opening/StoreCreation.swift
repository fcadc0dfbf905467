import Foundation
import GRDB
import SignpostStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Making a new store so that no other process ever sees it half made.
///
/// The store is built whole under a temporary name in the same folder (mode
/// 0600, schema migrated, journal switched to WAL, closed), then linked into
/// place with `link(2)`, which fails if a file appeared there meanwhile:
/// exactly one of several processes creating the same store at once wins, and
/// the others open the winner's store. An empty file at the path (made by
/// `touch`, say) is replaced with `rename(2)` while an exclusive `flock(2)` on
/// it is held, and only if it is still that empty file.
enum StoreCreation {
    /// Creates the store at `url` unless some other process has made one there first.
    static func create(_ url: URL, kind: StoreKind, busyTimeout: TimeInterval) throws {
        let path = url.path
        removeAbandonedAttempts(for: url)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).creating-\(getpid())-\(UUID().uuidString.prefix(8))")
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary.path + suffix) }
        }
        try build(temporary, kind: kind, busyTimeout: busyTimeout)
        if link(temporary.path, path) == 0 { return }
        let linkError = errno
        guard linkError == EEXIST else {
            throw StoreError.unavailable(
                path: path, detail: "cannot create the store: \(String(cString: strerror(linkError)))")
        }
        try replaceEmptyFile(at: path, with: temporary.path)
    }

    /// Removes the temporary files of creations whose process is gone (killed while building the store).
    private static func removeAbandonedAttempts(for url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).creating-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count).prefix { $0 != "-" }) else { continue }
            // kill(pid, 0) fails with ESRCH only when no such process exists.
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder.appendingPathComponent(name).path) }
        }
    }

    /// A complete, closed store at `url`.
    private static func build(_ url: URL, kind: StoreKind, busyTimeout: TimeInterval) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason = errno
            if reason == ENOSPC { throw StoreError.diskFull(path: url.deletingLastPathComponent().path) }
            throw StoreError.unavailable(
                path: url.deletingLastPathComponent().path,
                detail: "cannot create a file in this folder: \(String(cString: strerror(reason)))")
        }
        close(descriptor)
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(busyTimeout)
            configuration.label = "Signpost store creation"
            let queue = try DatabaseQueue(path: url.path, configuration: configuration)
            try StoreSchema.migrator(creating: kind).migrate(queue)
            try queue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try queue.close()
        } catch {
            throw StoreError(error, path: url.path)
        }
    }

    /// Puts the new store in place of an empty file, unless another process already has.
    private static func replaceEmptyFile(at path: String, with temporary: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            // The file went away meanwhile: try the link once more.
            if link(temporary, path) == 0 { return }
            if errno == EEXIST { return }
            throw StoreError.unavailable(path: path, detail: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw StoreError.unavailable(
                path: path, detail: "cannot lock the file: \(String(cString: strerror(errno)))")
        }
        defer { flock(descriptor, LOCK_UN) }
        var held = stat()
        var current = stat()
        guard fstat(descriptor, &held) == 0, stat(path, &current) == 0 else { return }
        // Someone else's store is there now (the path names another file, or this one has content): use it.
        guard held.st_ino == current.st_ino, held.st_dev == current.st_dev, current.st_size == 0 else { return }
        if rename(temporary, path) != 0 {
            throw StoreError.unavailable(
                path: path, detail: "cannot create the store: \(String(cString: strerror(errno)))")
        }
    }
}
