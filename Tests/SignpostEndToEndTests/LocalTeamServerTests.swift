import Foundation
import SignpostSubprocess
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The local team server the README tells new users to try (`make team-server`, which runs
/// `.ci/postgres serve`): issue #14's "done means" stops it and brings it back, so stopping it must
/// keep what it holds, and only `make team-server-delete` throws it away.
@Suite("The README's local team server")
struct LocalTeamServerTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    /// `.ci/postgres` in this checkout.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".ci/postgres").path

    @Test("Ctrl-C stops the local team server and keeps its data; the next start has it; delete throws it away")
    func stopAndStartKeepsTheData() throws {
        // Outside the test's home: the postgres user must pass through every folder above the cluster.
        let folder = "/tmp/signpost-kept-\(UUID().uuidString.prefix(8))"
        let environment = [
            "SIGNPOST_TEAM_SERVER_DIR": folder, "SIGNPOST_TEAM_SERVER_PORT": "\(try Self.freePort())",
            "SIGNPOST_BINARY": binary.url.path,
        ]
        defer { _ = try? Self.runScript(["delete"], environment: environment) }

        let first = try TmuxSession(
            program: Self.script, arguments: ["serve"], home: home, width: 120, height: 50,
            extraEnvironment: environment)
        _ = try first.waitFor("new and empty", timeout: 120)
        let adminURL = try String(contentsOfFile: "\(folder)/admin-url", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let added = try binary.run(
            ["server", "add-user", "alex", "--role", "front-door", "--url", adminURL], home: home,
            environment: ["SIGNPOST_NEW_PASSWORD": "a long passphrase"])
        #expect(added.status == 0, "\(added.standardError)")
        let port = environment["SIGNPOST_TEAM_SERVER_PORT"] ?? ""
        let alex = ["PGPASSWORD": "a long passphrase"]
        let store = home.path("alex.sqlite")
        let joined = try binary.run(
            ["team", "join", "postgresql://alex@127.0.0.1:\(port)/signpost", "--store", store], home: home,
            environment: alex)
        #expect(joined.status == 0, "\(joined.standardError)")
        try Self.interrupt(first)
        let stopped = try first.waitFor("[exited", timeout: 60)
        #expect(stopped.contains("Everything it holds is kept in \(folder)"), "\(stopped)")

        // Stopped the README's way, the server is down: the sync says so in words, and keeps what it holds.
        let offline = try binary.run(["sync", "--store", store], home: home, environment: alex)
        #expect(offline.status == 5, "\(offline.standardOutput)")
        #expect(
            offline.standardError.contains("nothing answers at 127.0.0.1:\(port) (the connection was refused)"),
            "\(offline.standardError)")

        let again = try TmuxSession(
            program: Self.script, arguments: ["serve"], home: home, width: 120, height: 50,
            extraEnvironment: environment)
        _ = try again.waitFor("with everything it held", timeout: 120)
        let status = try binary.run(["server", "status", "--url", adminURL], home: home)
        #expect(status.status == 0, "\(status.standardError)")
        #expect(status.standardOutput.contains("alex  front-door"), "alex is still there: \(status.standardOutput)")
        let synced = try binary.run(["sync", "--store", store], home: home, environment: alex)
        #expect(synced.status == 0, "the store syncs with the server started again: \(synced.standardError)")

        let refused = try Self.runScript(["delete"], environment: environment)
        #expect(
            refused.status == 1, "a running server is not deleted: \((refused.standardOutput + refused.standardError))")
        #expect(
            (refused.standardOutput + refused.standardError).contains("stop it first"),
            "\((refused.standardOutput + refused.standardError))")
        try Self.interrupt(again)
        _ = try again.waitFor("[exited", timeout: 60)
        let deleted = try Self.runScript(["delete"], environment: environment)
        #expect(deleted.status == 0, "\(deleted.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder), "the folder is gone")
    }

    /// Ctrl-C, to the script alone: tmux's Ctrl-C also reaches the pane's `sh`, which would end the
    /// pane with it before the test could read what the script said on stopping.
    static func interrupt(_ session: TmuxSession) throws {
        let shell = try session.panePID()
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        guard let script = children.split(separator: " ").first.flatMap({ Int32($0) }) else {
            throw HarnessError("the pane's shell runs no script")
        }
        guard kill(script, SIGINT) == 0 else { throw HarnessError("cannot interrupt \(script) (errno \(errno))") }
    }

    /// Runs `.ci/postgres arguments` to its end, without a terminal (so `delete` does not ask).
    static func runScript(_ arguments: [String], environment: [String: String]) throws -> ChildProcess.Result {
        try ChildProcess.run(
            script, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            timeout: .seconds(60))
    }

    /// A port nothing listens on now: the kernel's pick for a socket bound to port 0.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HarnessError("no socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard found else { throw HarnessError("no free port (errno \(errno))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
