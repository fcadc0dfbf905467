import Foundation
import SignpostSQLiteStore
import SignpostStore
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
