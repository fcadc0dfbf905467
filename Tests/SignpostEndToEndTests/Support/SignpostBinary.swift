import Foundation
import SignpostSubprocess
import Testing

/// The built `signpost` executable, run as a person or a script would run it.
///
/// `make test` sets `SIGNPOST_BINARY`; otherwise the debug build under `.build` is used.
/// Each test gets its own home folder, so no test can touch a real store.
struct SignpostBinary {
    let url: URL

    init() throws {
        if let path = ProcessInfo.processInfo.environment["SIGNPOST_BINARY"] {
            url = URL(fileURLWithPath: path)
        } else {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            url = root.appendingPathComponent(".build/debug/signpost")
        }
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw HarnessError("no signpost binary at \(url.path): run `make test`, which builds it first")
        }
    }

    /// What a finished run printed and how it exited.
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var outputData: Data
    }

    /// Runs `signpost` with `arguments` in `home`, feeding `input` to standard input; `environment`
    /// adds to the home's variables.
    ///
    /// A run that has not finished after `timeout` is killed and fails the test, rather than hanging the suite.
    ///
    /// With `unprivileged`, a run under root is made as the unprivileged user ``UnprivilegedUser`` instead (root may
    /// write any file, so a read-only file is only read-only to someone else); as any other user it runs as that user.
    func run(
        _ arguments: [String], home: TemporaryHome, input: Data? = nil, environment: [String: String] = [:],
        timeout: Duration = .seconds(120), unprivileged: Bool = false
    ) throws -> Result {
        let (program, allArguments) =
            unprivileged && UnprivilegedUser.isNeeded
            ? (UnprivilegedUser.setpriv, UnprivilegedUser.arguments + [url.path] + arguments)
            : (url.path, arguments)
        let finished = try ChildProcess.run(
            program, allArguments, environment: home.environment.merging(environment) { $1 }, input: input ?? Data(),
            timeout: timeout)
        return Result(
            status: finished.status, standardOutput: finished.standardOutput,
            standardError: finished.standardError, outputData: finished.outputData)
    }
}

/// A throwaway home folder with its own XDG data folder, removed when the test ends.
final class TemporaryHome {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var dataFolder: URL { url.appendingPathComponent(".local/share/signpost") }
    var liveStore: URL { dataFolder.appendingPathComponent("signpost.sqlite") }
    var demoStore: URL { dataFolder.appendingPathComponent("demo.sqlite") }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    var environment: [String: String] {
        [
            "HOME": url.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
            "SIGNPOST_USER": "e2e.tester", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
