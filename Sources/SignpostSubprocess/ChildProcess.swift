import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs another program to completion, with its output captured in files and a deadline.
///
/// Foundation's `Process` is not used on purpose. On Linux it can miss the exit of a
/// short-lived child when many are started at once from parallel tests, leaving
/// `waitUntilExit()` blocked for ever; and a pipe's write end can be inherited by an
/// unrelated long-lived grandchild (a tmux server), so reading to the end never
/// ends. Here the child is started with `posix_spawn`, every descriptor above 2 is
/// closed in it, its output goes to temporary files rather than pipes, and the
/// parent waits with `waitpid` on that one process id until a deadline, after which
/// the child is killed and ``ChildProcessError/timedOut(_:after:)`` is thrown.
///
/// ```swift
/// let result = try ChildProcess.run("/usr/bin/env", ["tmux", "-V"], timeout: .seconds(5))
/// print(result.status, result.standardOutput)
/// ```
public enum ChildProcess {
    /// What a finished child printed and how it ended.
    public struct Result: Sendable {
        /// The exit status, or 128 plus the signal number when a signal ended it.
        public var status: Int32
        public var outputData: Data
        public var errorData: Data

        public var standardOutput: String { String(decoding: outputData, as: UTF8.self) }
        public var standardError: String { String(decoding: errorData, as: UTF8.self) }
    }

    /// Where a stream of the child goes.
    public enum Output: Sendable {
        /// Captured and returned in the ``Result``.
        case capture
        /// Thrown away (`/dev/null`).
        case discard
    }

    /// Runs `executable` with `arguments` and waits for it to finish.
    ///
    /// - Parameters:
    ///   - executable: the program's path (not searched for on `PATH`; use `/usr/bin/env` for that).
    ///   - arguments: the arguments after the program's name.
    ///   - environment: the child's whole environment; `nil` passes this process's own.
    ///   - input: bytes for the child's standard input; `nil` gives it `/dev/null`.
    ///   - output: where standard output goes.
    ///   - errors: where standard error goes.
    ///   - timeout: how long to wait before killing the child and throwing; `nil` waits as long as it takes.
    /// - Returns: the exit status and what was captured.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: Data? = nil,
        output: Output = .capture, errors: Output = .capture, timeout: Duration? = nil
    ) throws -> Result {
        // Timing runs that keep nothing need no files: nothing is created for them.
        let needsFiles = input != nil || output == .capture || errors == .capture
        let scratch = needsFiles ? try Scratch(input: input) : Scratch.none
        defer { scratch.remove() }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input == nil ? "/dev/null" : scratch.inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, output == .capture ? scratch.outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(
            &actions, 2, errors == .capture ? scratch.errorPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing of ours may outlive us in a grandchild: every descriptor above 2 is closed.
        closeInheritedDescriptors(&actions)

        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environmentLines.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw ChildProcessError.couldNotStart(executable, reason: String(cString: strerror(spawned)))
        }
        let status = try wait(for: pid, timeout: timeout, describing: ([executable] + arguments).joined(separator: " "))
        return Result(
            status: status,
            outputData: output == .capture
                ? (FileManager.default.contents(atPath: scratch.outputPath) ?? Data()) : Data(),
            errorData: errors == .capture ? (FileManager.default.contents(atPath: scratch.errorPath) ?? Data()) : Data()
        )
    }

    /// glibc 2.34 and later close every descriptor from 3 up in one action; Swift's Glibc module does
    /// not export the function, so it is looked up by name. Older C libraries get one close per open
    /// descriptor, listed from `/proc/self/fd`.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        #if canImport(Glibc)
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
                _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
                return
            }
        #endif
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 && fcntl(descriptor, F_GETFD) != -1 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    private static func wait(for pid: pid_t, timeout: Duration?, describing command: String) throws -> Int32 {
        var status: Int32 = 0
        guard let timeout else {
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return exitCode(status)
        }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var pause: UInt32 = 200
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return exitCode(status) }
            if result == -1 && errno != EINTR { return -1 }
            if clock.now >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                throw ChildProcessError.timedOut(command, after: timeout)
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// The temporary files a run reads from and writes to.
    private struct Scratch {
        static let none = Scratch(folder: "/dev/null-unused")
        let folder: String
        var inputPath: String { folder + "/stdin" }
        var outputPath: String { folder + "/stdout" }
        var errorPath: String { folder + "/stderr" }

        init(input: Data?) throws {
            var template = Array((NSTemporaryDirectory() + "/signpost-child-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else {
                throw ChildProcessError.couldNotStart("a temporary folder", reason: String(cString: strerror(errno)))
            }
            folder = String(cString: made)
            if let input {
                guard FileManager.default.createFile(atPath: inputPath, contents: input) else {
                    throw ChildProcessError.couldNotStart("a temporary file", reason: "cannot write \(inputPath)")
                }
            }
        }

        private init(folder: String) { self.folder = folder }

        func remove() {
            guard folder != Scratch.none.folder else { return }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }
}

/// Why a child process could not be run to the end.
public enum ChildProcessError: Error, CustomStringConvertible {
    case couldNotStart(String, reason: String)
    case timedOut(String, after: Duration)

    public var description: String {
        switch self {
        case .couldNotStart(let what, let reason): return "could not start \(what): \(reason)"
        case .timedOut(let command, let after): return "\(command) did not finish within \(after); it was killed"
        }
    }
}
