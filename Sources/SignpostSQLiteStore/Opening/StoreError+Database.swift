import Foundation
import GRDB
import SignpostStore

extension StoreError {
    /// The store error for whatever SQLite or the file system reported about the store at `path`.
    init(_ error: any Error, path: String) {
        if let error = error as? StoreError {
            self = error
            return
        }
        if let error = error as? DatabaseError {
            let detail = error.message ?? "\(error.resultCode)"
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                self = .locked(path: path)
            case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_FORMAT, .SQLITE_SCHEMA:
                self = .damaged(path: path, detail: "SQLite reports: \(detail)")
            case .SQLITE_FULL:
                self = .diskFull(path: path)
            case .SQLITE_READONLY:
                self = .unavailable(
                    path: path,
                    detail:
                        "the store cannot be written here (\(detail)); check that you may write to the file and its folder"
                )
            case .SQLITE_IOERR:
                self = .unavailable(
                    path: path,
                    detail:
                        "the store could not be written or read (\(detail)); the last change was not saved. Check the disk has free space and is still connected, then try again"
                )
            case .SQLITE_CONSTRAINT:
                self = .invalidChange("the change breaks a rule of the store: \(detail)")
            default:
                self = .unavailable(path: path, detail: detail)
            }
            return
        }
        if error is RowDecodingError || error is UnreadableValue || error is DecodingError {
            self = .damaged(path: path, detail: "a value could not be read: \(error)")
            return
        }
        self = .unavailable(path: path, detail: "\(error)")
    }
}
