import Foundation
import SignpostSQLiteStore
import XCTest

@testable import SignpostTeamServer

/// A fresh team server database per test on the PostgreSQL cluster `make test` starts, with
/// practitioners made on demand and laptops' stores in a folder of the test's own; everything it made
/// is dropped afterwards.
///
/// The cluster's superuser URL comes from SIGNPOST_TEST_POSTGRES_URL. Without it these tests fail
/// (never skip): `make test` always provides it through `.ci/postgres run`.
class TeamServerTestCase: XCTestCase {
    static let urlVariable = "SIGNPOST_TEST_POSTGRES_URL"
    /// The schema version the test database is initialised to: the latest, unless a subclass starts
    /// from a server as an older Signpost left it (to upgrade it in its own set-up).
    class var initialisedThroughVersion: Int { TeamServerSchema.latestVersion }

    /// The superuser's endpoint on the test database.
    private(set) var adminEndpoint: TeamServerEndpoint!
    /// The superuser, signed in to the test database (it initialised the schema).
    private(set) var admin: TeamServerConnection!
    private var clusterEndpoint: TeamServerEndpoint!
    private var databaseName = ""
    private var madeLogins: [String] = []
    private var openConnections: [TeamServerConnection] = []
    private let runID = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
    /// The folder of this test's laptops' stores (``laptop(_:)``), removed after the test.
    private var laptopFolder: URL?

    override func setUp() async throws {
        try await super.setUp()
        guard let url = ProcessInfo.processInfo.environment[Self.urlVariable], !url.isEmpty else {
            XCTFail(
                """
                \(Self.urlVariable) is not set: the team server tests need a PostgreSQL cluster. Run them with \
                `make test`, which starts a throwaway one (.ci/postgres run ...), or set the variable to a \
                superuser URL of a disposable cluster.
                """)
            throw TeamServerError.badURL(url: "", why: "\(Self.urlVariable) is not set")
        }
        clusterEndpoint = try TeamServerEndpoint(url: url)
        databaseName = "signpost_test_\(runID)"
        let maintenance = try await TeamServerConnection.connect(to: clusterEndpoint)
        try await maintenance.execute(PostgresQueryText.createDatabase(databaseName))
        try await maintenance.close()
        adminEndpoint = clusterEndpoint
        adminEndpoint.database = databaseName
        admin = try await TeamServerConnection.connect(to: adminEndpoint)
        openConnections.append(admin)
        try await admin.initialise(kind: .demonstration, throughVersion: Self.initialisedThroughVersion)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "signpost-team-laptops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        laptopFolder = folder
    }

    override func tearDown() async throws {
        for connection in openConnections { try? await connection.close() }
        openConnections = []
        if let clusterEndpoint, !databaseName.isEmpty {
            let maintenance = try await TeamServerConnection.connect(to: clusterEndpoint)
            try await maintenance.execute(PostgresQueryText.dropDatabase(databaseName))
            for login in madeLogins { try await maintenance.execute(PostgresQueryText.dropRole(login)) }
            try await maintenance.close()
        }
        if let laptopFolder { try? FileManager.default.removeItem(at: laptopFolder) }
        try await super.tearDown()
    }

    /// Where the laptop called `name` keeps its store: a file in the test's own folder.
    func laptopStoreURL(_ name: String) -> URL {
        guard let laptopFolder else {
            preconditionFailure("laptopStoreURL(_:) is used after setUp, which made the folder")
        }
        return laptopFolder.appendingPathComponent("\(name).sqlite")
    }

    /// The SQLite store of the laptop called `name` (a demonstration store that is part of the team),
    /// made in the test's own folder, or opened again if the test made it already.
    ///
    /// ```swift
    /// let alex = try laptop("alex")
    /// _ = try await SyncEngine(store: alex, server: alexServer).sync()
    /// ```
    func laptop(_ name: String) throws -> SQLiteCaseStore {
        try SQLiteCaseStore(openingOrCreating: laptopStoreURL(name), kind: .demonstration).inTeam()
    }

    /// Makes a practitioner (a login with its own password) and signs them in.
    func practitioner(
        _ name: String, role: PractitionerRole, locality: String? = nil
    ) async throws -> TeamServerConnection {
        let login = "\(name)_\(runID)"
        let password = UUID().uuidString
        try await admin.addPractitioner(login: login, role: role, locality: locality, password: password)
        madeLogins.append(login)
        let connection = try await TeamServerConnection.connect(
            to: adminEndpoint.signingIn(as: login, password: password))
        openConnections.append(connection)
        return connection
    }

    /// Makes a practitioner and returns where and how to sign in as them (password included), for
    /// tests that connect, lose the connection and connect again.
    func practitionerEndpoint(
        _ name: String, role: PractitionerRole, locality: String? = nil
    ) async throws -> TeamServerEndpoint {
        let login = "\(name)_\(runID)"
        let password = UUID().uuidString
        try await admin.addPractitioner(login: login, role: role, locality: locality, password: password)
        madeLogins.append(login)
        return adminEndpoint.signingIn(as: login, password: password)
    }

    /// Makes a practitioner who signs in with a client certificate (no password); returns the login.
    func certificatePractitioner(
        _ name: String, role: PractitionerRole, locality: String? = nil
    ) async throws -> String {
        let login = "\(name)_\(runID)"
        try await admin.addCertificatePractitioner(login: login, role: role, locality: locality)
        madeLogins.append(login)
        return login
    }

    /// Where `login` signs in with the certificate and key given (over TLS, the server verified
    /// against the cluster's authority), as a URL a practitioner would write.
    func certificateURL(login: String, certificate: String, key: String) throws -> String {
        let authority = try TestCertificates.clusterAuthority()
        return "postgresql://\(login)@\(adminEndpoint.host ?? "127.0.0.1"):\(adminEndpoint.port)/\(databaseName)"
            + "?sslrootcert=\(authority)&sslcert=\(certificate)&sslkey=\(key)"
    }

    /// Signs in at `endpoint`; the connection is closed after the test.
    func connect(_ endpoint: TeamServerEndpoint) async throws -> TeamServerConnection {
        let connection = try await TeamServerConnection.connect(to: endpoint)
        openConnections.append(connection)
        return connection
    }

    /// Another session for the same login (for concurrent pushes).
    func anotherSession(of login: String, password: String) async throws -> TeamServerConnection {
        let connection = try await TeamServerConnection.connect(
            to: adminEndpoint.signingIn(as: login, password: password))
        openConnections.append(connection)
        return connection
    }

    /// A login of the cluster that is not a practitioner of this server.
    func outsider() async throws -> TeamServerConnection {
        let login = "outsider_\(runID)"
        try await admin.execute(PostgresQueryText.createLogin(login, password: "outsider-password"))
        madeLogins.append(login)
        let connection = try await TeamServerConnection.connect(
            to: adminEndpoint.signingIn(as: login, password: "outsider-password"))
        openConnections.append(connection)
        return connection
    }

    /// A family id unique to this test run.
    func familyID(_ number: Int) -> String { "F-\(runID.prefix(4).uppercased())\(number)" }
}
