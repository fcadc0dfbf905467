import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary folders training sessions keep their stores in, and clearing those a killed session left.
///
/// Each folder's name carries the process id of its session
/// (`signpost-training-<pid>-<random>`). A folder whose process is gone was left
/// by a session that could not clean up (SIGKILL, a power cut) and is removed at
/// the next start; one kept with `--keep` is renamed `signpost-training-kept-…` and left alone.
enum TrainingFolders {
    static let prefix = "signpost-training-"

    /// A new private (0700) folder for this session.
    static func make() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(prefix)\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandFailure.store(
                "cannot make a folder for the training store in \(folder.deletingLastPathComponent().path): \((error as NSError).localizedDescription)"
            )
        }
        return folder
    }

    /// Removes this user's training folders whose session is no longer running.
    static func removeLeftovers() {
        let temporary = FileManager.default.temporaryDirectory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporary.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let parts = name.dropFirst(prefix.count).split(separator: "-")
            guard parts.count == 2, let pid = pid_t(parts[0]) else { continue }
            let path = temporary.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_uid == geteuid(), (info.st_mode & S_IFMT) == S_IFDIR else {
                continue
            }
            // kill(pid, 0) fails with ESRCH only when no such process exists.
            if kill(pid, 0) != 0, errno == ESRCH { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    /// Renames a folder kept with `--keep` so that no later session clears it; returns where it now is.
    static func markKept(_ folder: URL) -> URL {
        let kept = folder.deletingLastPathComponent().appendingPathComponent(
            "\(prefix)kept-\(UUID().uuidString.prefix(8))")
        return rename(folder.path, kept.path) == 0 ? kept : folder
    }
}
