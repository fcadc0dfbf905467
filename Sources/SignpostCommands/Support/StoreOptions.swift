import ArgumentParser
import Foundation
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore

/// The options every command that touches a store shares: which file, and who is working.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store file to use.",
            discussion: "Default: $XDG_DATA_HOME/signpost/signpost.sqlite, or ~/.local/share/signpost/signpost.sqlite.",
            valueName: "path"))
    var store: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Your name as the audit trail records it.", discussion: "Default: $SIGNPOST_USER, then your login name.",
            valueName: "name"))
    var user: String?

    /// The practitioner recorded in the audit trail, for the live store or the one `--store` names.
    var practitioner: String { practitioner(forStoreOf: .live) }

    /// The practitioner recorded in the audit trail of the store of `kind` this invocation means:
    /// `--user`, then `SIGNPOST_USER`, then the login the store syncs as when it joined a team
    /// server, then the computer's login.
    ///
    /// The team login comes before the computer's so that what a practitioner records carries the
    /// same name on a colleague's laptop as in the server's audit trail, not "root" or "admin".
    func practitioner(forStoreOf kind: StoreKind) -> String {
        let environment = ProcessInfo.processInfo.environment
        let named = [user, environment["SIGNPOST_USER"]].contains {
            !($0 ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        if !named,
            let login = try? TeamLinkConfig.standard(environment: environment)
                .link(forStoreAt: location(for: kind), kind: kind)?.login
        {
            return login
        }
        return Practitioner.resolve(explicit: user, environment: environment)
    }

    /// The store file this invocation means, for a store of `kind`.
    func location(for kind: StoreKind) -> URL {
        if let store { return URL(fileURLWithPath: store) }
        let environment = ProcessInfo.processInfo.environment
        switch kind {
        case .live: return SQLiteCaseStore.defaultLocation(environment: environment)
        case .demonstration, .training:
            return SQLiteCaseStore.defaultLocation(environment: environment).deletingLastPathComponent()
                .appendingPathComponent("demo.sqlite")
        }
    }

    /// Opens an existing store of any kind for a reading command, or fails with a message saying what to do.
    ///
    /// Reading commands work on demonstration and training stores too (that is
    /// how trainers use them); a fictional store is announced on standard error
    /// so its output is never mistaken for live data. A store the user may
    /// write is opened normally, so that the read is recorded in its audit
    /// trail; one on a read-only file or folder (a backup, say) is opened
    /// read-only: it is read as it is, nothing is written, and standard error
    /// says that this read could not be recorded.
    ///
    /// - Parameter forReadingOnly: Open read-only even when the store could be written (`check`);
    ///   a store an older Signpost wrote is then upgraded first if it can be.
    func openExisting(forReadingOnly: Bool = false) throws -> SQLiteCaseStore {
        let url = location(for: .live)
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw CommandFailure.store(
                "no store at \(url.path): run `signpost` once to create it, or pass --store with an existing file")
        }
        let writable =
            access(url.path, W_OK) == 0 && access(url.deletingLastPathComponent().path, W_OK) == 0
            && (info.st_mode & S_IFMT) != S_IFDIR
        let store = try StoreOpening.open {
            if try writable && forReadingOnly && SQLiteCaseStore.needsUpgrade(url) {
                try SQLiteCaseStore(opening: url, expecting: nil).close()
            }
            // A reading command waits longer than the interface for another process's batch (an import, a
            // generated store) to finish: it must then write its audit entry, and has no one to keep waiting.
            return writable && !forReadingOnly
                ? try SQLiteCaseStore(opening: url, expecting: nil, busyTimeout: 60)
                : try SQLiteCaseStore(openingForReading: url, busyTimeout: 60)
        }
        let kind = store.kind
        if kind.isFictional { Console.error("\(url.path) is a \(kind) store: FICTIONAL DATA") }
        if store.isReadOnly && !forReadingOnly {
            Console.error("\(url.path) is read-only here: it is read as it is, and this read is not in its audit trail")
        }
        return store
    }

    /// Records in the audit trail that `practitioner` read case data, unless the store is read-only.
    func recordRead(in store: SQLiteCaseStore, _ record: (any CaseStore) throws -> Void) throws {
        guard !store.isReadOnly else { return }
        try StoreOpening.run { try record(store) }
    }

    /// Opens the store of `kind`, creating it if there is none yet.
    func openOrCreate(_ kind: StoreKind) throws -> SQLiteCaseStore {
        let url = location(for: kind)
        return try StoreOpening.open { try SQLiteCaseStore(openingOrCreating: url, kind: kind) }
    }
}

/// Turns the store's errors into command failures with the store's own plain-words message.
enum StoreOpening {
    static func open(_ body: () throws -> SQLiteCaseStore) throws -> SQLiteCaseStore {
        do {
            return try body()
        } catch let error as StoreError {
            throw CommandFailure.store(error.description)
        }
    }

    /// Runs `body`, reporting store errors as failures of the right kind.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            switch error {
            case .familyNotFound, .personNotFound, .recordNotFound:
                throw CommandFailure.notFound(error.description)
            case .duplicateFamily, .duplicateRecord, .fictionalDataInLiveStore, .liveDataInFictionalStore,
                .invalidChange:
                throw CommandFailure.badInput(error.description)
            default:
                throw CommandFailure.store(error.description)
            }
        }
    }
}

/// Who is working: the name the audit trail records.
enum Practitioner {
    /// `--user`, then `SIGNPOST_USER`, then the login name, then "unknown".
    static func resolve(explicit: String?, environment: [String: String]) -> String {
        for candidate in [explicit, environment["SIGNPOST_USER"], environment["USER"], environment["LOGNAME"]] {
            if let name = candidate?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty { return name }
        }
        if let login = getlogin().map({ String(cString: $0) }), !login.isEmpty { return login }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name.map({ String(cString: $0) }), !name.isEmpty
        {
            return name
        }
        return "unknown"
    }
}
