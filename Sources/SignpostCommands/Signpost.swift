import ArgumentParser
import Foundation

/// The `signpost` command: with no subcommand, the terminal interface on the live store.
public struct Signpost: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "signpost",
        abstract: "A keyboard-driven case tool for children's-services practitioners.",
        discussion: """
            With no subcommand, opens the terminal interface on the live store. \
            Exit codes: 0 success; 1 `check` found problems; 2 bad input or usage; \
            3 the store could not be opened or used; 4 a family or record was not found; \
            5 the team server could not be reached or refused the request.
            """,
        version: version,
        subcommands: [
            OpenCommand.self, ListCommand.self, ShowCommand.self, SearchCommand.self, ImportCommand.self,
            ExportCommand.self, CheckCommand.self, DemoCommand.self, TrainCommand.self, NavigateCommand.self,
            MatchCommand.self, SnapshotCommand.self, ServerCommand.self, TeamCommand.self, SyncCommand.self,
            ConflictsCommand.self, AuditCommand.self, ExportRecordCommand.self, DuplicatesCommand.self,
            MergeCommand.self, UndoMergeCommand.self, ReturnsCommand.self, ReportCommand.self, EraseCommand.self,
            SubjectAccessCommand.self, RetentionCommand.self, CAFCommand.self,
            DirectoryCommand.self,
        ],
        defaultSubcommand: OpenCommand.self)

    public init() {}

    /// Runs the command line and exits: errors on standard error in one line, with the documented exit code.
    public static func runAndExit(arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        // A file-size limit (`ulimit -f`) then fails the write, which is reported, instead of killing the process.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot(arguments)
            // The team server's commands talk to the network and are asynchronous; the rest, the
            // terminal interface among them, run here on the main thread as they always have.
            if let asynchronous = command as? any AsyncParsableCommand {
                try runToCompletion(asynchronous)
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let failure as CommandFailure {
            Console.error(failure.message)
            Foundation.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure || code.rawValue == 64 {
                Console.error(message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)")
                Console.error("run `signpost help` for usage.")
                Foundation.exit(2)
            }
            if code.isSuccess { exit(withError: error) }
            // Any other failure quotes what was typed: printed through the sanitiser, never raw.
            Console.error(message(for: error))
            Foundation.exit(code.rawValue)
        }
    }
}

/// `signpost open`: the terminal interface on the live store (what `signpost` alone does).
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the terminal interface on the live store (the default).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var interfaceOptions: InterfaceOptions

    func run() throws {
        let store = try storeOptions.openOrCreate(.live)
        try Interface.run(
            store: store, location: storeOptions.location(for: .live), options: interfaceOptions,
            practitioner: storeOptions.practitioner)
    }
}

extension Signpost {
    /// Runs an asynchronous command on the concurrency pool and waits for it on this thread.
    private static func runToCompletion(_ command: any AsyncParsableCommand) throws {
        // Handed to one task and read back only after it signals: no concurrent access.
        final class Run: @unchecked Sendable {
            var command: any AsyncParsableCommand
            var failure: (any Error)?
            init(_ command: any AsyncParsableCommand) { self.command = command }
        }
        let run = Run(command)
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            do { try await run.command.run() } catch { run.failure = error }
            finished.signal()
        }
        finished.wait()
        if let failure = run.failure { throw failure }
    }
}
