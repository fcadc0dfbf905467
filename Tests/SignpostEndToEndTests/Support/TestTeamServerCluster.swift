import Foundation
import Testing

/// The throwaway PostgreSQL cluster `make test` starts, as the end-to-end tests use it: initialised
/// as a demonstration team server, with practitioners added through the real binary.
///
/// The cluster is shared by every suite in the run, so each test names its logins (and any family it
/// pushes) with a suffix of its own.
///
/// ```swift
/// let cluster = try TestTeamServerCluster(binary: binary, home: home)
/// let password = try cluster.addPractitioner("sam\(cluster.suffix)", role: "hub-worker", locality: "north")
/// try cluster.writePasswordFile([("sam\(cluster.suffix)", password)])
/// ```
struct TestTeamServerCluster {
    let adminURL: String
    let host: String
    let port: Int
    let database: String
    /// Six characters unique to this test, for its logins and families.
    let suffix = UUID().uuidString.prefix(6).lowercased()
    let binary: SignpostBinary
    let home: TemporaryHome

    /// Reads the cluster from `SIGNPOST_TEST_POSTGRES_URL` and initialises it as a demonstration server.
    init(binary: SignpostBinary, home: TemporaryHome, initialise: Bool = true) throws {
        adminURL = try #require(
            ProcessInfo.processInfo.environment["SIGNPOST_TEST_POSTGRES_URL"],
            "SIGNPOST_TEST_POSTGRES_URL is not set: run the tests with `make test`, which starts PostgreSQL")
        let components = try #require(URLComponents(string: adminURL))
        host = try #require(components.host)
        port = try #require(components.port)
        database = String(components.path.dropFirst())
        self.binary = binary
        self.home = home
        if initialise {
            let initialised = try binary.run(
                ["server", "init", "--url", adminURL, "--kind", "demonstration"], home: home)
            #expect(initialised.status == 0, "\(initialised.standardError)")
        }
    }

    /// Where `login` signs in (no password in it).
    func url(for login: String) -> String { "postgresql://\(login)@\(host):\(port)/\(database)" }

    /// Adds a practitioner with `signpost server add-user` and returns the password it was given.
    @discardableResult
    func addPractitioner(_ login: String, role: String, locality: String? = nil) throws -> String {
        let password = "pw-\(UUID().uuidString)"
        let added = try binary.run(
            ["server", "add-user", login, "--role", role, "--url", adminURL]
                + (locality.map { ["--locality", $0] } ?? []),
            home: home, environment: ["SIGNPOST_NEW_PASSWORD": password])
        #expect(added.status == 0, "\(added.standardError)")
        return password
    }

    /// Writes each login's password to `~/.pgpass` (0600), as PostgreSQL's own tools keep them;
    /// `anyPort` for a test that also reaches the server through a relay on another port.
    func writePasswordFile(_ passwords: [(login: String, password: String)], anyPort: Bool = false) throws {
        let portField = anyPort ? "*" : String(port)
        let lines = passwords.map { "\(host):\(portField):\(database):\($0.login):\($0.password)" }
        try lines.joined(separator: "\n").write(toFile: home.path(".pgpass"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home.path(".pgpass"))
    }
}
