import Foundation
import SignpostSQLiteStore
import SignpostStore
import SignpostTeamServer
import Testing

@testable import SignpostCommands

/// The team link in the user's config: where it is, what it keeps (never a password), how it is
/// protected, and what a broken file says.
@Suite("Team link config")
struct TeamLinkConfigTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    var config: TeamLinkConfig {
        TeamLinkConfig.standard(environment: ["XDG_CONFIG_HOME": folder.appendingPathComponent("xdg").path])
    }

    @Test("XDG_CONFIG_HOME when it is absolute, else HOME's .config")
    func whereTheFileIs() {
        #expect(
            TeamLinkConfig.standard(environment: ["XDG_CONFIG_HOME": "/x/config", "HOME": "/h"]).file.path
                == "/x/config/signpost/team.toml")
        #expect(
            TeamLinkConfig.standard(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]).file.path
                == "/h/.config/signpost/team.toml")
    }

    @Test("a link is kept by store, without its password, its CA as an absolute path, in a 0600 file in a 0700 folder")
    func savesAndReads() throws {
        let store = folder.appendingPathComponent("alex.sqlite")
        let other = folder.appendingPathComponent("sam.sqlite")
        let link = TeamServerLink(
            url:
                "postgresql://alex:hunter22@127.0.0.1:54329/signpost?sslmode=verify-full&sslrootcert=/tmp/../tmp/ca.pem",
            login: "alex", serverKind: .demonstration)
        try config.save(link, forStoreAt: store)
        try config.save(
            TeamServerLink(url: "postgresql://sam@127.0.0.1:54329/signpost", login: "sam", serverKind: .demonstration),
            forStoreAt: other)

        let read = try #require(try config.link(forStoreAt: store, kind: .demonstration))
        #expect(read.login == "alex")
        #expect(read.url.contains("sslrootcert=/tmp/ca.pem"))
        #expect(!read.url.contains("hunter22"))
        #expect(try config.link(forStoreAt: other, kind: .demonstration)?.login == "sam")
        #expect(try config.link(forStoreAt: folder.appendingPathComponent("none.sqlite"), kind: .live) == nil)

        let text = try String(contentsOf: config.file, encoding: .utf8)
        #expect(!text.contains("hunter22"))
        #expect(text.contains("tls_ca"))
        let manager = FileManager.default
        #expect(try manager.attributesOfItem(atPath: config.file.path)[.posixPermissions] as? Int == 0o600)
        let signpostFolder = config.file.deletingLastPathComponent().path
        #expect(try manager.attributesOfItem(atPath: signpostFolder)[.posixPermissions] as? Int == 0o700)
    }

    @Test("a file that is not TOML is named with its line, and is left as it was")
    func brokenFile() throws {
        let store = folder.appendingPathComponent("alex.sqlite")
        try FileManager.default.createDirectory(
            at: config.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let broken = "# mine\n[stores]\nlogin = \"alex\"\nserver = \n"
        try broken.write(to: config.file, atomically: true, encoding: .utf8)
        let failure = try #require(throws: CommandFailure.self) {
            try config.link(forStoreAt: store, kind: .live)
        }
        #expect(failure.message.contains(config.file.path))
        #expect(failure.message.contains("line 4"), "\(failure.message)")
        #expect(failure.exitCode == 2)
        #expect(throws: CommandFailure.self) {
            try config.save(
                TeamServerLink(url: "postgresql://alex@127.0.0.1/signpost", login: "alex", serverKind: .live),
                forStoreAt: store)
        }
        #expect(try String(contentsOf: config.file, encoding: .utf8) == broken)
    }

    @Test("a link missing its login or with a server that is not a URL says what is wrong")
    func incompleteLink() throws {
        let store = folder.appendingPathComponent("alex.sqlite")
        try FileManager.default.createDirectory(
            at: config.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "[stores.\"\(store.path)\"]\nserver = \"postgresql://alex@127.0.0.1/signpost\"\n".write(
            to: config.file, atomically: true, encoding: .utf8)
        let noLogin = try #require(throws: CommandFailure.self) { try config.link(forStoreAt: store, kind: .live) }
        #expect(noLogin.message.contains("has no login"), "\(noLogin.message)")
        try "[stores.\"\(store.path)\"]\nserver = \"http://example.org\"\nlogin = \"alex\"\n".write(
            to: config.file, atomically: true, encoding: .utf8)
        let badServer = try #require(throws: CommandFailure.self) { try config.link(forStoreAt: store, kind: .live) }
        #expect(badServer.message.contains("postgresql://"), "\(badServer.message)")
    }

    @Test("a store that joined a team syncs through the link kept for it, and only to the server it joined")
    func linkForAJoinedStore() throws {
        let url = folder.appendingPathComponent("joined.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration)
        #expect(try config.link(joinedBy: store) == nil, "never joined")
        let link = TeamServerLink(
            url: "postgresql://alex@127.0.0.1:54329/signpost", login: "alex", serverKind: .demonstration)
        try store.joinTeamServer(link)
        #expect(throws: CommandFailure.self) { try config.link(joinedBy: store) }
        try config.save(link, forStoreAt: url)
        #expect(try config.link(joinedBy: store)?.login == "alex")
        try config.save(
            TeamServerLink(url: "postgresql://alex@10.1.1.1:5432/signpost", login: "alex", serverKind: .demonstration),
            forStoreAt: url)
        let elsewhere = try #require(throws: CommandFailure.self) { try config.link(joinedBy: store) }
        #expect(elsewhere.message.contains("syncs with no other"), "\(elsewhere.message)")
        try store.close()
    }
}

/// A practitioner who signs in with a client certificate: team.toml keeps the certificate's and the
/// key's paths (absolute), never what the files hold, and reads them back into the URL.
@Suite("Team link config: client certificates")
struct TeamLinkCertificateTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    var config: TeamLinkConfig {
        TeamLinkConfig.standard(environment: ["XDG_CONFIG_HOME": folder.appendingPathComponent("xdg").path])
    }

    @Test("tls_cert and tls_key keep the files' absolute paths, and read back as sslcert= and sslkey=")
    func keepsPaths() throws {
        let store = folder.appendingPathComponent("sam.sqlite")
        let link = TeamServerLink(
            url: "postgresql://sam@127.0.0.1:54329/signpost?sslrootcert=/tmp/ca.pem&sslcert=/tmp/../tmp/sam.crt"
                + "&sslkey=/tmp/keys/./sam.key",
            login: "sam", serverKind: .demonstration)
        try config.save(link, forStoreAt: store)

        let text = try String(contentsOf: config.file, encoding: .utf8)
        for (key, path) in [("tls_cert", "/tmp/sam.crt"), ("tls_key", "/tmp/keys/sam.key")] {
            #expect(text.contains("\(key) = \"\(path)\"") || text.contains("\(key) = '\(path)'"), "\(text)")
        }
        #expect(!text.contains("sslcert"), "the server line carries no file: \(text)")
        #expect(!text.contains("BEGIN"), "never a key's contents")

        let read = try #require(try config.link(forStoreAt: store, kind: .demonstration))
        let components = try #require(URLComponents(string: read.url))
        let parameters = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value) })
        #expect(parameters["sslcert"] == "/tmp/sam.crt")
        #expect(parameters["sslkey"] == "/tmp/keys/sam.key")
        #expect(parameters["sslrootcert"] == "/tmp/ca.pem")
        let endpoint = try TeamServerEndpoint(url: read.url)
        #expect(endpoint.clientCertificate?.certificateFile == "/tmp/sam.crt")
        #expect(endpoint.password == nil)
    }

    @Test("a link with a certificate but no key, or a path that is not text, says what is wrong")
    func halfACertificate() throws {
        let store = folder.appendingPathComponent("sam.sqlite")
        try FileManager.default.createDirectory(
            at: config.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let section = "[stores.\"\(store.path)\"]\nserver = \"postgresql://sam@127.0.0.1/signpost\"\nlogin = \"sam\"\n"
        try (section + "tls_cert = \"/tmp/sam.crt\"\n").write(to: config.file, atomically: true, encoding: .utf8)
        let noKey = try #require(throws: CommandFailure.self) { try config.link(forStoreAt: store, kind: .live) }
        #expect(noKey.message.contains("needs both tls_cert and tls_key"), "\(noKey.message)")
        #expect(noKey.message.contains(config.file.path))
        try (section + "tls_cert = \"/tmp/sam.crt\"\ntls_key = 600\n").write(
            to: config.file, atomically: true, encoding: .utf8)
        let notText = try #require(throws: CommandFailure.self) { try config.link(forStoreAt: store, kind: .live) }
        #expect(notText.message.contains("tls_key must be a file name in quotes"), "\(notText.message)")
    }

    @Test("team join's --certificate, --key and --root-certificate become the URL's sslcert, sslkey and sslrootcert")
    func joinOptions() throws {
        let url = try TeamJoinCommand.url(
            "postgresql://sam@127.0.0.1:54329/signpost?sslcert=/old.crt", certificate: "/home/sam/sam.crt",
            key: "/home/sam/sam.key", rootCertificate: "/etc/ca.pem")
        let endpoint = try TeamServerEndpoint(url: url)
        #expect(endpoint.clientCertificate?.certificateFile == "/home/sam/sam.crt", "an option replaces the URL's")
        #expect(endpoint.clientCertificate?.keyFile == "/home/sam/sam.key")
        #expect(endpoint.certificateAuthorityFile == "/etc/ca.pem")
        #expect(
            try TeamJoinCommand.url("postgresql://sam@h/db", certificate: nil, key: nil, rootCertificate: nil)
                == "postgresql://sam@h/db")
        #expect(throws: (any Error).self) {
            try TeamJoinCommand.parse(["postgresql://sam@h/db", "--certificate", "/s.crt"])
        }
    }
}

/// The server a store joined is where it is, not how the connection is protected: the link read back
/// from team.toml (TLS files as absolute paths, sslmode as it was written) is the server it joined.
@Suite("Team link config: the joined server")
struct TeamLinkJoinedServerTests {
    @Test("a store joined through a certificate authority file, a client certificate or both syncs through its link")
    func joinedWithFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "signpost-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = TeamLinkConfig.standard(environment: ["XDG_CONFIG_HOME": folder.path])
        for (index, url) in [
            "postgresql://alex@team.example.org:5432/signpost?sslmode=verify-full&sslrootcert=/etc/ca.pem",
            "postgresql://sam@team.example.org:5432/signpost?sslmode=verify-full&sslrootcert=/etc/ca.pem&sslcert=/c.crt&sslkey=/c.key",
            "postgresql://sam@127.0.0.1:54329/signpost?sslcert=/c.crt&sslkey=/c.key",
        ].enumerated() {
            let location = folder.appendingPathComponent("store\(index).sqlite")
            let store = try SQLiteCaseStore(openingOrCreating: location, kind: .demonstration)
            let link = TeamServerLink(url: url, login: "sam", serverKind: .demonstration)
            try store.joinTeamServer(link)
            try config.save(link, forStoreAt: location)
            #expect(
                try config.link(joinedBy: store)?.url.contains("sslrootcert") == url.contains("sslrootcert"), "\(url)")
            let renewed = TeamServerLink(
                url: url.replacingOccurrences(of: "/c.crt", with: "/renewed.crt"), login: "sam",
                serverKind: .demonstration)
            #expect(
                renewed.refusal(joinedBefore: try store.joinedTeamServer()) == nil, "a renewed certificate, same server"
            )
            try store.close()
        }
    }
}
