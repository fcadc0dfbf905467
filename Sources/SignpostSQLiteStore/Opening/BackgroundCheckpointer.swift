import Dispatch
import Foundation
import GRDB
import Synchronization

/// Copies the write-ahead log back into the store file away from the practitioner's keystrokes.
///
/// SQLite normally checkpoints inside the commit that pushes the log past 1,000
/// pages, and that commit then pays for writing those pages into a large file and
/// syncing it: tens to hundreds of milliseconds at 100,000 families, felt as a
/// stall while typing. The store turns automatic checkpoints off and, after a
/// every so many commits, asks this object for a
/// passive checkpoint on a background queue, through a connection of its own,
/// so no save waits for it. A passive checkpoint never blocks readers or
/// writers; whatever it cannot copy now is copied next time. Crash safety is
/// unchanged: committed transactions are in the log until they are copied.
///
/// The log file's size does not say how much is left to copy (SQLite reuses the
/// file from its start once it has all been copied), so checkpoints are started
/// by commits counted: every ``commitsPerCheckpoint`` commits, about SQLite's
/// own 1,000 pages for the saves the screens make. Large batches (an import, a
/// generated store) would outrun a background checkpoint and let the log grow
/// without bound, so when the log passes ``largeLog`` bytes the store copies it
/// back at once, in the writer (``logIsLarge``). The log is truncated back to
/// ``keptLog`` after each complete checkpoint (`journal_size_limit`), so its
/// size stays a fair measure of what is waiting.
final class BackgroundCheckpointer: Sendable {
    /// Commits between checkpoints.
    static let commitsPerCheckpoint = 32
    /// The log size past which the writer checkpoints at once: reached only by large batches.
    static let largeLog = 64 << 20
    /// The size the log file is cut back to after a complete checkpoint, so that its size means something.
    static let keptLog = 4 << 20

    private let path: String
    private let commits = Mutex(0)
    private let running = Mutex(false)
    private let connection = Mutex<DatabaseQueue?>(nil)

    init(path: String) { self.path = path }

    /// Counts a commit, and every so many starts a checkpoint in the background unless one is running.
    func commitDone() {
        let due = commits.withLock { count in
            count += 1
            guard count >= Self.commitsPerCheckpoint else { return false }
            count = 0
            return true
        }
        guard due else { return }
        let start = running.withLock { running in
            guard !running else { return false }
            running = true
            return true
        }
        guard start else { return }
        DispatchQueue.global(qos: .utility).async { [self] in
            defer { running.withLock { $0 = false } }
            checkpointNow()
        }
    }

    /// Whether the log has grown past ``largeLog``: then the writer should checkpoint itself, now.
    var logIsLarge: Bool {
        var status = stat()
        return stat(path + "-wal", &status) == 0 && Int(status.st_size) > Self.largeLog
    }

    /// A passive checkpoint through this object's own connection, opened on first use.
    func checkpointNow() {
        connection.withLock { queue in
            do {
                if queue == nil {
                    var configuration = Configuration()
                    configuration.label = "Signpost checkpoint"
                    configuration.busyMode = .timeout(1)
                    queue = try DatabaseQueue(path: path, configuration: configuration)
                }
                try queue?.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
            } catch {
                // A busy or failed checkpoint loses nothing: the pages stay in the log for the next one.
            }
        }
    }

    /// Closes the checkpoint connection, after any checkpoint in progress.
    func close() {
        connection.withLock { queue in
            try? queue?.close()
            queue = nil
        }
    }
}
