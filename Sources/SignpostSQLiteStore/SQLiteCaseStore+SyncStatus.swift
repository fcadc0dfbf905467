import Foundation
import GRDB
import SignpostStore

extension SQLiteCaseStore {
    /// Counts the outbox's unsent changes without reading them: the header asks every second or so.
    public func pendingChangeCount() throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM change_outbox WHERE sent_seq IS NULL") ?? 0
        }
    }
}
