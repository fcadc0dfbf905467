import Foundation
import Testing

/// A practitioner who signs in with a client certificate, from the command line: the administrator
/// adds them with `--certificate` (no password), they join with `--certificate`, `--key` and
/// `--root-certificate`, and sync with no password anywhere. Runs against the cluster `make test` starts.
@Suite("Team server commands: client certificates")
struct TeamServerCertificateCommandTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    @Test(
        "add-user --certificate, then join and sync with a certificate and no password; a key others may read is refused"
    )
    func joinAndSyncWithACertificate() throws {
        let cluster = try TestTeamServerCluster(binary: binary, home: home)
        let login = "cert\(cluster.suffix)"
        let added = try binary.run(
            ["server", "add-user", login, "--role", "front-door", "--certificate", "--url", cluster.adminURL],
            home: home)
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput.contains("client certificate"), "\(added.standardOutput)")
        let folder = home.path("certificates")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let files = try cluster.issueCertificate(for: login, into: folder)
        let authority = try cluster.certificateAuthority()

        // One fictional family of this test's own, recorded before joining.
        let source = home.path("source.sqlite")
        #expect(try binary.run(["demo", "load", "--store", source], home: home).status == 0)
        let exported = try binary.run(["export", "ZZ-F-0001", "--store", source], home: home)
        #expect(exported.status == 0, "\(exported.standardError)")
        let family = "ZZ-F-C\(cluster.suffix.uppercased())"
        let document = exported.standardOutput.replacingOccurrences(of: "ZZ-F-0001", with: family)
        let store = home.path("cert.sqlite")
        let imported = try binary.run(["import", "-", "--store", store], home: home, input: Data(document.utf8))
        #expect(imported.status == 0, "\(imported.standardError)")

        let join = [
            "team", "join", cluster.url(for: login), "--certificate", files.certificate, "--key", files.key,
            "--root-certificate", authority, "--store", store,
        ]
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: files.key)
        let careless = try binary.run(join, home: home)
        #expect(careless.status == 2, "\(careless.standardError)")
        #expect(careless.standardError.contains("\(files.key) has group or world access"), "\(careless.standardError)")
        #expect(!FileManager.default.fileExists(atPath: home.path(".config/signpost/team.toml")), "nothing kept")

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: files.key)
        let joined = try binary.run(join, home: home)
        #expect(joined.status == 0, "\(joined.standardError)")
        #expect(joined.standardOutput.contains("Joined"), "\(joined.standardOutput)")
        let config = try String(contentsOfFile: home.path(".config/signpost/team.toml"), encoding: .utf8)
        for (key, path) in [("tls_cert", files.certificate), ("tls_key", files.key)] {
            #expect(config.contains("\(key) = \"\(path)\"") || config.contains("\(key) = '\(path)'"), "\(config)")
        }
        #expect(!config.contains("PRIVATE KEY"), "never a key's contents")

        let synced = try binary.run(["sync", "--store", store], home: home)
        #expect(synced.status == 0, "\(synced.standardError)")
        #expect(synced.standardOutput.contains("Pushed 1 change"), "\(synced.standardOutput)")
    }
}
