import Foundation
import GRDB

/// Leaving no erased text in the store's files (#16).
///
/// Every connection runs with `PRAGMA secure_delete` (set where the pool is made), so SQLite overwrites
/// a deleted record's space and every page it frees with zeros. That is not enough in WAL mode: the log
/// still holds the pages as they were written before the erasure (the person's record among them) until
/// its frames are overwritten, and a checkpoint leaves them there. After an erasure the log is therefore
/// copied back and emptied (`TRUNCATE`), so the main file holds the only copy and that copy is clean.
extension SQLiteCaseStore {
    /// Checkpoints the write-ahead log in full and truncates it to nothing, after an erasure's commit.
    ///
    /// Another process reading the store can hold the log's frames for a while: the checkpoint then waits
    /// up to the busy timeout and, failing that, leaves the log to the next erasure. The erasure itself is
    /// already committed either way, so this never fails a save.
    ///
    /// ```swift
    /// try store.apply([.erasePerson(erasure)], by: "jo")  // calls this after committing
    /// ```
    func emptyLogAfterErasure() {
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }
}
