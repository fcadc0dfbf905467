import Foundation
import Testing

extension TestTeamServerCluster {
    /// The cluster's certificate authority (SIGNPOST_TEST_POSTGRES_CA), which signed the server's
    /// certificate and signs the practitioners'.
    func certificateAuthority() throws -> String {
        try #require(
            ProcessInfo.processInfo.environment["SIGNPOST_TEST_POSTGRES_CA"],
            "SIGNPOST_TEST_POSTGRES_CA is not set: run the tests with `make test`, which starts PostgreSQL")
    }

    /// Issues a client certificate whose common name is `login`, signed by the cluster's authority
    /// (its key in SIGNPOST_TEST_POSTGRES_CA_KEY), as the council's PKI would; the key is made 0600.
    func issueCertificate(for login: String, into folder: String) throws -> (certificate: String, key: String) {
        let authorityKey = try #require(
            ProcessInfo.processInfo.environment["SIGNPOST_TEST_POSTGRES_CA_KEY"],
            "SIGNPOST_TEST_POSTGRES_CA_KEY is not set: run the tests with `make test`, which starts PostgreSQL")
        let key = (folder as NSString).appendingPathComponent("\(login).key")
        let request = (folder as NSString).appendingPathComponent("\(login).csr")
        let certificate = (folder as NSString).appendingPathComponent("\(login).crt")
        try openssl([
            "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=\(login)", "-keyout", key, "-out", request,
        ])
        try openssl([
            "x509", "-req", "-in", request, "-CA", try certificateAuthority(), "-CAkey", authorityKey,
            "-set_serial", String(UInt32.random(in: 1...UInt32.max)), "-days", "1", "-out", certificate,
        ])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        return (certificate, key)
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0, "openssl failed: \(String(decoding: output, as: UTF8.self))")
    }
}
