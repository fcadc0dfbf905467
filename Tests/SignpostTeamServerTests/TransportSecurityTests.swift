import Foundation
import XCTest

@testable import SignpostTeamServer

/// TLS is required for anything but this machine, and the server's certificate is verified: against
/// the throwaway cluster `.ci/postgres run` starts with TLS on, its certificate signed by a throwaway
/// authority (SIGNPOST_TEST_POSTGRES_CA); another authority (SIGNPOST_TEST_POSTGRES_WRONG_CA) is refused.
final class TransportSecurityTests: XCTestCase {
    func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            XCTFail("\(name) is not set: run the team server tests with `make test` (.ci/postgres run ...)")
            throw TeamServerError.badURL(url: "", why: "\(name) is not set")
        }
        return value
    }

    /// The cluster's superuser URL with TLS options added.
    func url(_ options: String) throws -> String {
        try environment(TeamServerTestCase.urlVariable) + "?" + options
    }

    func testAConnectionWithTheRightAuthorityUsesTLSAndVerifiesTheCertificate() async throws {
        let authority = try environment("SIGNPOST_TEST_POSTGRES_CA")
        let endpoint = try TeamServerEndpoint(url: try url("sslmode=verify-full&sslrootcert=\(authority)"))
        XCTAssertEqual(endpoint.security, .verifyFull)
        XCTAssertTrue(
            endpoint.redacted.contains("sslrootcert="), "the stored link keeps the authority: \(endpoint.redacted)")
        let connection = try await TeamServerConnection.connect(to: endpoint)
        var encrypted: [Bool] = []
        let rows = try await connection.connection.query(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: connection.logger)
        for try await ssl in rows.decode(Bool.self) { encrypted.append(ssl) }
        try await connection.close()
        XCTAssertEqual(encrypted, [true], "the session is encrypted")
    }

    func testAServerWhoseCertificateAnotherAuthoritySignedIsRefused() async throws {
        let wrong = try environment("SIGNPOST_TEST_POSTGRES_WRONG_CA")
        let endpoint = try TeamServerEndpoint(url: try url("sslmode=verify-full&sslrootcert=\(wrong)"))
        do {
            let connection = try await TeamServerConnection.connect(to: endpoint)
            try? await connection.close()
            XCTFail("connected to a server whose certificate the given authority did not sign")
        } catch let error as TeamServerError {
            guard case .unreachable = error else { return XCTFail("\(error)") }
        }
    }

    func testAServerElsewhereWithoutTLSIsRefusedBeforeAnyPasswordIsLookedFor() throws {
        for url in [
            "postgresql://alex@team.example.org/signpost?sslmode=disable",
            "postgresql://alex:secret@192.0.2.10:5432/signpost?sslmode=prefer",
        ] {
            XCTAssertThrowsError(try TeamServerEndpoint(url: url)) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains("TLS is required"), text)
                XCTAssertFalse(text.contains("secret"), "the password is never shown: \(text)")
            }
        }
        let elsewhere = try TeamServerEndpoint(url: "postgresql://alex@team.example.org/signpost")
        XCTAssertEqual(elsewhere.security, .verifyFull, "a server elsewhere gets TLS, verified, by default")
        XCTAssertEqual(elsewhere.redacted, "postgresql://alex@team.example.org:5432/signpost")
        let here = try TeamServerEndpoint(url: "postgresql://alex@127.0.0.1:54329/signpost")
        XCTAssertEqual(here.security, .plain)
        XCTAssertThrowsError(try TeamServerEndpoint(url: "postgresql://alex@127.0.0.1/signpost?sslmode=sometimes"))
    }

    func testAnUnreadableAuthorityFileIsAClearErrorNotAConnection() async throws {
        let endpoint = try TeamServerEndpoint(
            url: try url("sslmode=verify-full&sslrootcert=/nonexistent/signpost-ca.crt"))
        do {
            _ = try await TeamServerConnection.connect(to: endpoint)
            XCTFail("connected without the certificate authority file")
        } catch let error as TeamServerError {
            XCTAssertTrue(error.description.contains("cannot be read"), error.description)
        }
    }
}
