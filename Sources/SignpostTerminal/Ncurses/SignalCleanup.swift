import CNcurses
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files that must not outlive the process, removed even when SIGINT, SIGTERM or SIGHUP ends it.
///
/// A training store holds realistic fictional families; a session closed by a
/// hang-up or `kill` must not leave it behind in the temporary folder. The
/// handler removes the registered files and then their folder with calls that
/// are safe in a signal handler (`unlink`, `rmdir`), then restores the terminal
/// and exits as the terminal's own handler does. SIGKILL cannot be caught:
/// leftovers from it are cleared at the next start by their owner (see `signpost train`).
///
/// ```swift
/// SignalCleanup.removeOnSignal([store.path, store.path + "-wal", folder.path])
/// defer { SignalCleanup.forget() }
/// ```
public enum SignalCleanup {
    /// Registers `paths` (files first, their folder last) for removal if a signal ends the process.
    public static func removeOnSignal(_ paths: [String]) {
        forget()
        let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: paths.count)
        for (index, path) in paths.enumerated() { list[index] = strdup(path) }
        allocatedCount = paths.count
        cleanupList = list
        cleanupCount = paths.count
        installHandlers()
    }

    /// Installs the one handler for SIGINT, SIGTERM and SIGHUP: remove the registered paths, restore the
    /// terminal, say what happened to the practitioner's work, and exit with 128 plus the signal's number.
    ///
    /// ``NcursesTerminal`` calls this after starting ncurses (whose own handlers it replaces).
    public static func installHandlers() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { signalNumber in
                if let list = cleanupList {
                    for index in 0..<cleanupCount {
                        guard let path = list[index] else { continue }
                        if unlink(path) != 0 { rmdir(path) }
                    }
                }
                signpost_restore_and_exit(signalNumber)
            }
        }
    }

    /// Forgets the registered paths: they were removed normally, or are kept on purpose.
    public static func forget() {
        guard let list = cleanupList else { return }
        // The handler stops seeing the list before it is freed.
        cleanupCount = 0
        cleanupList = nil
        for index in 0..<allocatedCount { free(list[index]) }
        list.deallocate()
        allocatedCount = 0
    }
}

// Read by the signal handler, which can capture nothing; written only before the handler is installed
// and after it stops being needed.
nonisolated(unsafe) private var cleanupList: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
nonisolated(unsafe) private var cleanupCount = 0
nonisolated(unsafe) private var allocatedCount = 0
