import Foundation
import XCTest

/// Client certificates for the tests, issued with openssl by the throwaway certificate authority
/// `.ci/postgres run` makes (SIGNPOST_TEST_POSTGRES_CA and its key SIGNPOST_TEST_POSTGRES_CA_KEY), or by
/// another authority the server does not trust (SIGNPOST_TEST_POSTGRES_WRONG_CA[_KEY]).
struct TestCertificates {
    /// A folder of this test's files, removed by `removeAll()`.
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "signpost-client-certificates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Which authority signs a certificate.
    enum Authority {
        /// The one the cluster's ssl_ca_file names.
        case cluster
        /// One the cluster does not trust.
        case other
    }

    /// The environment variable's value; a clear failure when `make test` did not set it.
    static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            XCTFail("\(name) is not set: run the team server tests with `make test` (.ci/postgres run ...)")
            throw CocoaError(.fileNoSuchFile)
        }
        return value
    }

    /// The cluster's certificate authority (to verify the server with).
    static func clusterAuthority() throws -> String { try environment("SIGNPOST_TEST_POSTGRES_CA") }

    /// Issues a certificate whose common name is `commonName`; returns the certificate's and the
    /// key's paths (the key 0600).
    func issue(commonName: String, by authority: Authority = .cluster) throws -> (certificate: String, key: String) {
        let prefix = authority == .cluster ? "SIGNPOST_TEST_POSTGRES_CA" : "SIGNPOST_TEST_POSTGRES_WRONG_CA"
        let authorityCertificate = try Self.environment(prefix)
        let authorityKey = try Self.environment(prefix + "_KEY")
        let name = "\(commonName)-\(authority == .cluster ? "cluster" : "other")"
        let key = folder.appendingPathComponent("\(name).key").path
        let request = folder.appendingPathComponent("\(name).csr").path
        let certificate = folder.appendingPathComponent("\(name).crt").path
        let extensions = folder.appendingPathComponent("client.ext").path
        try "extendedKeyUsage=clientAuth\n".write(toFile: extensions, atomically: true, encoding: .utf8)
        try Self.openssl([
            "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=\(commonName)", "-keyout", key,
            "-out", request,
        ])
        try Self.openssl([
            "x509", "-req", "-in", request, "-CA", authorityCertificate, "-CAkey", authorityKey,
            "-set_serial", String(UInt32.random(in: 1...UInt32.max)), "-days", "1", "-extfile", extensions,
            "-out", certificate,
        ])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        return (certificate, key)
    }

    /// A self-signed certificate and its key (0600), made without the cluster: for checks that
    /// happen before connecting.
    func selfSigned(commonName: String) throws -> (certificate: String, key: String) {
        let key = folder.appendingPathComponent("\(commonName)-self.key").path
        let certificate = folder.appendingPathComponent("\(commonName)-self.crt").path
        try Self.openssl([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=\(commonName)",
            "-keyout", key, "-out", certificate,
        ])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        return (certificate, key)
    }

    /// The key at `key` encrypted with a passphrase, in a new file (0600).
    func encrypted(_ key: String) throws -> String {
        let path = folder.appendingPathComponent("encrypted.key").path
        try Self.openssl(["pkey", "-in", key, "-aes256", "-passout", "pass:a-passphrase", "-out", path])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// Writes `text` to a file in the folder; returns its path.
    func file(_ name: String, _ text: String, permissions: Int = 0o600) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        return path
    }

    func removeAll() {
        try? FileManager.default.removeItem(at: folder)
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            XCTFail("openssl \(arguments.first ?? "") failed: \(String(decoding: output, as: UTF8.self))")
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
