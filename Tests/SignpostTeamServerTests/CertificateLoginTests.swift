import Foundation
import PostgresNIO
import XCTest

@testable import SignpostTeamServer

/// Signing in with a client certificate instead of a password, against the real PostgreSQL cluster
/// `.ci/postgres run` starts: its pg_hba.conf sends TLS connections of members of
/// signpost_certificate_login to the `cert` method, which checks the certificate against the
/// cluster's authority and that its common name is the login.
final class CertificateLoginTests: TeamServerTestCase {
    private var certificates: TestCertificates!

    override func setUp() async throws {
        try await super.setUp()
        certificates = try TestCertificates()
    }

    override func tearDown() async throws {
        certificates?.removeAll()
        try await super.tearDown()
    }

    func testAPractitionerSignsInWithACertificateAndNoPasswordPushesAndPullsAndIsTheAuthor() async throws {
        let login = try await certificatePractitioner("cert", role: .hubWorker, locality: "north")
        let files = try certificates.issue(commonName: login)
        let endpoint = try TeamServerEndpoint(
            url: try certificateURL(login: login, certificate: files.certificate, key: files.key))
        XCTAssertNil(endpoint.password)
        XCTAssertEqual(endpoint.security, .verifyFull)
        let worker = try await connect(endpoint)

        let who = try await worker.whoAmI()
        XCTAssertEqual(who.login, login)
        XCTAssertEqual(who.role, .hubWorker)
        let session = try await strings(
            worker, "SELECT ssl::text || ' ' || coalesce(client_dn, '-') FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        XCTAssertEqual(session, ["true /CN=\(login)"], "an encrypted session that presented the certificate")
        let passwords = try await strings(
            admin, "SELECT (rolpassword IS NULL)::text FROM pg_authid WHERE rolname = '\(login)'")
        XCTAssertEqual(passwords, ["true"], "a certificate login has no password to guess")

        let family = familyID(1)
        let outcomes = try await worker.push(envelopes: [
            Envelopes.make(family: family, kind: "add-family", locality: "north", extra: ["author": "someone-else"]),
            Envelopes.make(family: family, record: "N-1", kind: "add-case-note"),
        ])
        XCTAssertEqual(outcomes.map(\.status), [.applied, .applied])
        let pulled = try await worker.pull(since: 0, max: 10)
        XCTAssertEqual(pulled.map(\.author), [login, login], "the server names the certificate's login")

        let manager = try await practitioner("mgr", role: .manager)
        let seenByManager = try await manager.pull(since: 0, max: 10)
        XCTAssertEqual(seenByManager.map(\.author), [login, login])
        let auditAuthors = try await strings(
            admin, "SELECT DISTINCT login FROM signpost.audit WHERE action = 'push' ORDER BY login")
        XCTAssertEqual(auditAuthors, [login])
    }

    func testACertificateAnotherAuthoritySignedIsRefused() async throws {
        let login = try await certificatePractitioner("stranger", role: .frontDoor)
        let files = try certificates.issue(commonName: login, by: .other)
        let endpoint = try TeamServerEndpoint(
            url: try certificateURL(login: login, certificate: files.certificate, key: files.key))
        do {
            let connection = try await TeamServerConnection.connect(to: endpoint)
            try? await connection.close()
            XCTFail("signed in with a certificate the cluster's authority did not sign")
        } catch let error as TeamServerError {
            guard case .unreachable(_, let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(
                why.contains("the server refused the client certificate in \(files.certificate)"), why)
        }
    }

    func testAKeyOthersMayReadIsRefusedBeforeConnecting() async throws {
        let login = try await certificatePractitioner("careless", role: .frontDoor)
        let files = try certificates.issue(commonName: login)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: files.key)
        let endpoint = try TeamServerEndpoint(
            url: try certificateURL(login: login, certificate: files.certificate, key: files.key))
        do {
            let connection = try await TeamServerConnection.connect(to: endpoint)
            try? await connection.close()
            XCTFail("signed in with a key anyone on the machine may read")
        } catch let error as TeamServerError {
            // clientCertificate comes from reading the files, before any connection; a refused sign-in
            // is `unreachable`.
            guard case .clientCertificate(let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("\(files.key) has group or world access"), why)
            XCTAssertTrue(why.contains("chmod 600"), why)
        }
    }

    func testACertificateForOneLoginCannotSignInAsAnother() async throws {
        let alex = try await certificatePractitioner("alex", role: .frontDoor)
        let sam = try await certificatePractitioner("sam", role: .manager)
        let alexFiles = try certificates.issue(commonName: alex)
        let endpoint = try TeamServerEndpoint(
            url: try certificateURL(login: sam, certificate: alexFiles.certificate, key: alexFiles.key))
        do {
            let connection = try await TeamServerConnection.connect(to: endpoint)
            try? await connection.close()
            XCTFail("\(alex)'s certificate signed in as \(sam)")
        } catch let error as TeamServerError {
            guard case .unreachable(_, let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("certificate authentication failed"), why)
            XCTAssertTrue(why.contains("the certificate's common name must be the login, \(sam)"), why)
        }
        let asAlex = try await connect(
            try TeamServerEndpoint(
                url: try certificateURL(login: alex, certificate: alexFiles.certificate, key: alexFiles.key)))
        let who = try await asAlex.whoAmI()
        XCTAssertEqual(who.login, alex, "the same certificate signs in as its own login")
    }

    func testACertificateForAPasswordLoginOrAServerNotVerifiedIsExplained() async throws {
        let alexEndpoint = try await practitionerEndpoint("alex", role: .frontDoor)
        let files = try certificates.issue(commonName: alexEndpoint.login)
        let asPasswordLogin = try TeamServerEndpoint(
            url: try certificateURL(login: alexEndpoint.login, certificate: files.certificate, key: files.key))
        let unverified = try TeamServerEndpoint(
            url: try certificateURL(login: alexEndpoint.login, certificate: files.certificate, key: files.key)
                .replacingOccurrences(of: "sslrootcert=", with: "unused="))
        for (endpoint, expected) in [
            (asPasswordLogin, "does not sign in with a certificate there"),
            (unverified, "is not signed by a certificate authority this machine trusts (give sslrootcert=FILE"),
        ] {
            do {
                let connection = try await TeamServerConnection.connect(to: endpoint)
                try? await connection.close()
                XCTFail("signed in at \(endpoint.redacted)")
            } catch let error as TeamServerError {
                guard case .unreachable(_, let why) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(why.contains(expected), "expected \"\(expected)\", got \"\(why)\"")
            }
        }
    }

    func testAddingACertificateLoginAgainWithAPasswordEndsItsCertificateSignIn() async throws {
        let login = try await certificatePractitioner("switch", role: .frontDoor)
        try await admin.addPractitioner(login: login, role: .frontDoor, locality: nil, password: "a-long-password")
        let members = try await strings(
            admin, "SELECT pg_has_role('\(login)', 'signpost_certificate_login', 'MEMBER')::text")
        XCTAssertEqual(members, ["false"])
        let connection = try await connect(adminEndpoint.signingIn(as: login, password: "a-long-password"))
        let who = try await connection.whoAmI()
        XCTAssertEqual(who.login, login)
    }

    func strings(_ connection: TeamServerConnection, _ sql: String) async throws -> [String] {
        try await connection.translatingErrors {
            var values: [String] = []
            let rows = try await connection.connection.query(PostgresQuery(unsafeSQL: sql), logger: connection.logger)
            for try await value in rows.decode(String.self) { values.append(value) }
            return values
        }
    }
}
