import Foundation
import SignpostStore
import Testing

@testable import SignpostCommands

/// How the interface's background sync signs in: with a client certificate it looks for no
/// password; a key others may read turns sync off, saying which file; without a certificate it
/// needs a password from PGPASSWORD or ~/.pgpass.
@Suite("Interface sync: signing in")
struct InterfaceSyncSignInTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-signin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A self-signed certificate and its key (0600), made with openssl.
    func certificate() throws -> (certificate: String, key: String) {
        let key = folder.appendingPathComponent("sam.key").path
        let certificate = folder.appendingPathComponent("sam.crt").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=sam",
            "-keyout", key, "-out", certificate,
        ]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl made no certificate")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        return (certificate, key)
    }

    /// An environment with no password anywhere PostgreSQL's tools would look.
    var noPassword: [String: String] { ["HOME": folder.path] }

    @Test("a link with a client certificate signs in with no password looked for")
    func certificateNeedsNoPassword() throws {
        let files = try certificate()
        let link = TeamServerLink(
            url: "postgresql://sam@127.0.0.1:54329/signpost?sslcert=\(files.certificate)&sslkey=\(files.key)",
            login: "sam", serverKind: .demonstration)
        let endpoint = try InterfaceSync.signIn(link, environment: noPassword).get()
        #expect(endpoint.password == nil)
        #expect(endpoint.clientCertificate?.keyFile == files.key)
    }

    @Test("a key others may read turns the sync off, naming the file")
    func carelessKey() throws {
        let files = try certificate()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: files.key)
        let link = TeamServerLink(
            url: "postgresql://sam@127.0.0.1:54329/signpost?sslcert=\(files.certificate)&sslkey=\(files.key)",
            login: "sam", serverKind: .demonstration)
        let failure = try #require(throws: InterfaceSync.Unavailable.self) {
            try InterfaceSync.signIn(link, environment: noPassword).get()
        }
        #expect(failure.description.contains("\(files.key) has group or world access"), "\(failure.description)")
    }

    @Test("without a certificate the password must be in PGPASSWORD or ~/.pgpass")
    func passwordLogin() throws {
        let link = TeamServerLink(
            url: "postgresql://alex@127.0.0.1:54329/signpost", login: "alex", serverKind: .demonstration)
        let failure = try #require(throws: InterfaceSync.Unavailable.self) {
            try InterfaceSync.signIn(link, environment: noPassword).get()
        }
        #expect(failure.description.contains("no password for alex"), "\(failure.description)")
        let endpoint = try InterfaceSync.signIn(link, environment: noPassword.merging(["PGPASSWORD": "pw"]) { $1 })
            .get()
        #expect(endpoint.password == "pw")
    }
}
