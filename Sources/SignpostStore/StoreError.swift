import Foundation
import SignpostDomain

/// Why a store could not be opened or a change could not be saved.
///
/// Every case says what happened and what to do, in words a practitioner can act on.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The file exists but is not a Signpost store (another database, or not a database at all).
    case notASignpostStore(path: String)
    /// The file is damaged or truncated.
    case damaged(path: String, detail: String)
    /// The file was written by a newer Signpost.
    case newerSchema(path: String, found: Int, supported: Int)
    /// Another program holds the file and did not let go in time.
    case locked(path: String)
    /// The store holds a different kind of data from the one asked for (demonstration data opened as live).
    case wrongKind(path: String, found: StoreKind, expected: StoreKind)
    /// The disk holding the store is full: the change in progress was not saved, and nothing saved before was lost.
    case diskFull(path: String)
    /// The file or its folder cannot be read or written.
    case unavailable(path: String, detail: String)
    case familyNotFound(FamilyID)
    case personNotFound(FamilyID, PersonID)
    case recordNotFound(FamilyID, String)
    case duplicateFamily(FamilyID)
    case duplicateRecord(String)
    /// Fictional data (a demonstration or training export) offered to a live store.
    case fictionalDataInLiveStore(String)
    /// The change is not valid as given.
    case invalidChange(String)
    /// A live record (an id without the fictional mark `ZZ-`) offered to a demonstration or training store.
    case liveDataInFictionalStore(String)

    public var description: String {
        switch self {
        case .notASignpostStore(let path):
            return
                "\(path) is not a Signpost store; it was left untouched. Check the path, or pass --store with a new file name to create one."
        case .damaged(let path, let detail):
            return
                "\(path) cannot be read as a sound store: \(detail). It was left untouched. Do not delete it: copy it (with any -wal file beside it) somewhere safe and ask for help; `signpost check --store COPY` on the copy lists what is wrong. If it cannot be repaired, restore the latest backup."
        case .newerSchema(let path, let found, let supported):
            return
                "\(path) was written by a newer Signpost (schema \(found); this one reads up to \(supported)); it was left untouched. Update Signpost to open it."
        case .locked(let path):
            return
                "\(path) is locked by another program; nothing was changed. Close the other Signpost using it and try again."
        case .wrongKind(let path, let found, let expected):
            return
                "\(path) is a \(found) store, not a \(expected) one; it was not opened. \(found.isFictional ? "Use `signpost demo` or `signpost train` for fictional data." : "Live data cannot be opened in a demonstration or training session.")"
        case .diskFull(let path):
            return
                "the disk holding \(path) is full: the last change was not saved, and what was saved before is kept. Free some space (or move the store with --store to a disk with room) and try again."
        case .unavailable(let path, let detail):
            return "cannot use \(path): \(detail)"
        case .familyNotFound(let id):
            return "no family with id \(id)"
        case .personNotFound(let family, let person):
            return "family \(family) has no person with id \(person)"
        case .recordNotFound(let family, let record):
            return "family \(family) has no record with id \(record)"
        case .duplicateFamily(let id):
            return "a family with id \(id) is already in the store; nothing was imported"
        case .duplicateRecord(let id):
            return "a record with id \(id) already exists"
        case .fictionalDataInLiveStore(let what):
            return
                "\(what) has a fictional id (starting \(FamilyID.fictionalPrefix)): fictional demonstration or training data cannot be put into a live store. Nothing was saved."
        case .invalidChange(let reason):
            return reason
        case .liveDataInFictionalStore(let what):
            return
                "\(what) has a live id (fictional ids start with \(FamilyID.fictionalPrefix)): live case data cannot be put into a demonstration or training store. Nothing was saved."
        }
    }
}
