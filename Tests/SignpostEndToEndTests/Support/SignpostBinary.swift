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

extension SignpostBinary {
    /// Loads the demonstration families into a new store in `home` and returns the store's path.
    ///
    /// ```swift
    /// let path = try binary.loadDemo(home: home)
    /// let family = try binary.firstFamily(inStore: path, home: home)
    /// let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", path], home: home)
    /// try session.waitFor(family.name)
    /// ```
    func loadDemo(home: TemporaryHome, named name: String = "demo.sqlite") throws -> String {
        let path = home.path(name)
        let load = try run(["demo", "load", "--store", path], home: home)
        #expect(load.status == 0, "\(load.standardError)")
        return path
    }

    /// The id and name of the family `signpost list` shows first in the store at `path`: the one the
    /// home screen lists first, so a test can wait for its name and open it with Enter.
    func firstFamily(inStore path: String, home: TemporaryHome) throws -> (id: String, name: String) {
        let list = try run(["list", "--store", path, "--json", "--limit", "1"], home: home)
        let line = try #require(list.standardOutput.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        return (try #require(object["id"] as? String), try #require(object["name"] as? String))
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
