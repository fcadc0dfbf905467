import Foundation
import XCTest

@testable import SignpostTeamServer

/// A client certificate in the team server's URL (`sslcert=`, `sslkey=`): how it is parsed and
/// kept, and every way its files are refused before anything is sent, each naming the file.
final class ClientCertificateTests: XCTestCase {
    private var certificates: TestCertificates!

    override func setUp() async throws {
        try await super.setUp()
        certificates = try TestCertificates()
    }

    override func tearDown() async throws {
        certificates?.removeAll()
        try await super.tearDown()
    }

    /// An endpoint on a documentation address nothing answers at: the refusals below come from
    /// reading the files (`clientCertificate`), since a connection attempt would end in `unreachable`.
    func endpoint(certificate: String, key: String) throws -> TeamServerEndpoint {
        try TeamServerEndpoint(
            url: "postgresql://sam@192.0.2.10:5432/signpost?sslcert=\(certificate)&sslkey=\(key)")
    }

    func refusal(_ endpoint: TeamServerEndpoint) -> String? {
        do {
            _ = try endpoint.connectionConfiguration()
            return nil
        } catch let error as TeamServerError {
            guard case .clientCertificate(let why) = error else { return "\(error)" }
            XCTAssertTrue(error.description.hasPrefix("The client certificate cannot be used: "), error.description)
            return why
        } catch {
            return "\(error)"
        }
    }

    func testTheURLKeepsTheCertificateAndKeyPathsAndAlwaysUsesTLS() throws {
        let endpoint = try TeamServerEndpoint(
            url: "postgresql://sam@127.0.0.1:54329/signpost?sslcert=/home/sam/sam.crt&sslkey=/home/sam/sam.key")
        XCTAssertEqual(
            endpoint.clientCertificate,
            ClientCertificate(certificateFile: "/home/sam/sam.crt", keyFile: "/home/sam/sam.key"))
        XCTAssertEqual(endpoint.security, .verifyFull, "a certificate is presented over TLS, even on this machine")
        XCTAssertNil(endpoint.password)
        XCTAssertEqual(
            endpoint.redacted,
            "postgresql://sam@127.0.0.1:54329/signpost?sslcert=/home/sam/sam.crt&sslkey=/home/sam/sam.key")
        XCTAssertEqual(try TeamServerEndpoint(url: endpoint.redacted), endpoint, "the kept URL reads back the same")

        let withAuthority = try TeamServerEndpoint(
            url: "postgresql://sam@team.example.org/signpost?sslrootcert=/ca.pem&sslcert=/s.crt&sslkey=/s.key")
        XCTAssertEqual(try TeamServerEndpoint(url: withAuthority.redacted), withAuthority)
        XCTAssertEqual(withAuthority.signingIn(as: "alex", password: nil).clientCertificate?.keyFile, "/s.key")
    }

    func testACertificateWithoutItsKeyOrWithoutTLSIsRefusedInWords() {
        let cases: [(String, String)] = [
            ("postgresql://sam@127.0.0.1/signpost?sslcert=/s.crt", "sslcert= needs sslkey="),
            ("postgresql://sam@127.0.0.1/signpost?sslkey=/s.key", "sslkey= needs sslcert="),
            (
                "postgresql://sam@127.0.0.1/signpost?sslmode=disable&sslcert=/s.crt&sslkey=/s.key",
                "a client certificate is presented only over TLS"
            ),
            (
                "postgresql://sam@/signpost?host=/run/postgresql&sslcert=/s.crt&sslkey=/s.key",
                "remove sslmode, sslcert and sslkey"
            ),
        ]
        for (url, expected) in cases {
            XCTAssertThrowsError(try TeamServerEndpoint(url: url), url) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(url): \(error)")
            }
        }
    }

    func testAKeyItsGroupOrOthersMayReadIsRefusedLikeLibpqDoes() throws {
        let files = try certificates.selfSigned(commonName: "sam")
        XCTAssertNil(refusal(try endpoint(certificate: files.certificate, key: files.key)), "0600 is accepted")
        for permissions in [0o644, 0o640, 0o604, 0o660] {
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: files.key)
            let why = refusal(try endpoint(certificate: files.certificate, key: files.key)) ?? "accepted"
            XCTAssertTrue(
                why.contains("the private key file \(files.key) has group or world access"),
                "\(String(permissions, radix: 8)): \(why)")
            XCTAssertTrue(why.contains("chmod 600 \(files.key)"), why)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: files.key)
        XCTAssertNil(refusal(try endpoint(certificate: files.certificate, key: files.key)), "0400 is accepted")
    }

    func testMissingGarbledOrMismatchedFilesAreNamed() throws {
        let files = try certificates.selfSigned(commonName: "sam")
        let other = try certificates.selfSigned(commonName: "alex")
        let missing = certificates.folder.appendingPathComponent("nowhere.crt").path
        let garbled = try certificates.file("garbled.crt", "not a certificate\n", permissions: 0o644)
        let garbledKey = try certificates.file("garbled.key", "-----BEGIN PRIVATE KEY-----\nxx\n", permissions: 0o600)
        let encrypted = try certificates.encrypted(files.key)
        let expectations: [(certificate: String, key: String, says: String)] = [
            (missing, files.key, "the client certificate file \(missing) cannot be read (there is no such file)"),
            (files.certificate, missing + ".key", "the private key file \(missing).key cannot be read"),
            (garbled, files.key, "the client certificate file \(garbled) does not hold a PEM client certificate"),
            (files.certificate, garbledKey, "the private key file \(garbledKey) does not hold a PEM private key"),
            (files.certificate, encrypted, "the private key file \(encrypted) is protected by a passphrase"),
            (files.certificate, other.key, "the private key in \(other.key) is not the key of the certificate in"),
        ]
        for expected in expectations {
            let why = refusal(try endpoint(certificate: expected.certificate, key: expected.key)) ?? "accepted"
            XCTAssertTrue(why.contains(expected.says), "expected \"\(expected.says)\", got \"\(why)\"")
        }
    }
}
