import Foundation
import SignpostDomain
import SignpostHTTPTesting
import SignpostSQLiteStore
import Testing

/// `signpost directory import` from a local URL with the TOML mapping, and what a refused or failed import leaves.
@Suite("Service directory from a local URL", .serialized)
struct DirectoryURLTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    /// The feed ids of the directory entries in the store at `path`.
    private func storedFeedIDs(_ path: String) throws -> [String] {
        let store = try SQLiteCaseStore(openingForReading: URL(fileURLWithPath: path))
        return try store.directoryEntries().map(\.feedID)
    }

    @Test("a feed served on 127.0.0.1 imports; file://, a server that is down and an old JSON mapping change nothing")
    func localURL() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let served = home.url.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try Data(DirectoryTests.feed.utf8).write(to: served.appendingPathComponent("feed.json"))
        let mapping = home.url.appendingPathComponent("mapping.toml")
        try Data("[services]\n\"svc-bs\" = \"bright-start\"\n".utf8).write(to: mapping)

        let server = try LocalHTTPServer(serving: served)
        let address = server.url("feed.json")
        let imported = try binary.run(
            ["directory", "import", address, "--mapping", mapping.path, "--store", path], home: home)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("Imported 2 services from \(address): 1 mapped"))
        #expect(try storedFeedIDs(path) == ["svc-club", "svc-bs"])

        let file = try binary.run(
            [
                "directory", "import", "file://" + served.appendingPathComponent("feed.json").path, "--mapping",
                mapping.path, "--store", path,
            ], home: home)
        #expect(file.status == 2)
        #expect(file.standardError.contains("is a file:// address"))

        server.stop()
        let down = try binary.run(
            ["directory", "import", address, "--mapping", mapping.path, "--store", path, "--timeout", "5"], home: home)
        #expect(down.status == 2)
        #expect(down.standardError.contains("nothing answers at \(address)"), "\(down.standardError)")

        let json = home.url.appendingPathComponent("mapping.json")
        try Data(#"{"services": {"svc-bs": "bright-start"}}"#.utf8).write(to: json)
        let old = try binary.run(
            [
                "directory", "import", served.appendingPathComponent("feed.json").path, "--mapping", json.path,
                "--store", path,
            ], home: home)
        #expect(old.status == 2)
        #expect(
            old.standardError.contains("is the old JSON form; convert it once with `signpost directory convert-mapping")
        )
        #expect(try storedFeedIDs(path) == ["svc-club", "svc-bs"], "nothing changed by the refused imports")

        let converted = home.path("converted.toml")
        let convert = try binary.run(["directory", "convert-mapping", json.path, "--output", converted], home: home)
        #expect(convert.status == 0, "\(convert.standardError)")
        let attributes = try FileManager.default.attributesOfItem(atPath: converted)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let again = try binary.run(["directory", "convert-mapping", json.path, "--output", converted], home: home)
        #expect(again.status == 2, "an existing file is never overwritten")
        let reimported = try binary.run(
            [
                "directory", "import", served.appendingPathComponent("feed.json").path, "--mapping", converted,
                "--store", path,
            ], home: home)
        #expect(reimported.status == 0, "\(reimported.standardError)")
    }

    @Test("every problem in a TOML mapping is listed with its line, and nothing is imported")
    func mappingProblems() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let feed = home.url.appendingPathComponent("feed.json")
        try Data(DirectoryTests.feed.utf8).write(to: feed)
        let mapping = home.url.appendingPathComponent("mapping.toml")
        try Data(
            """
            [services]
            "svc-bs" = "bright-start"
            "svc-bs" = "csct"
            "svc-ghost" = "bright-futures"
            "svc-club" = "no-such-place"
            """.utf8
        ).write(to: mapping)
        let duplicate = try binary.run(
            ["directory", "import", feed.path, "--mapping", mapping.path, "--store", path], home: home)
        #expect(duplicate.status == 2)
        #expect(
            duplicate.standardError.contains("The mapping file mapping.toml was refused (1 problem; nothing imported)"))
        #expect(duplicate.standardError.contains("mapping line 3: [services] 'svc-bs' is given twice (also line 2)"))

        try Data(
            """
            [services]
            "svc-bs" = "bright-start"
            "svc-ghost" = "bright-futures"
            "svc-club" = "no-such-place"
            """.utf8
        ).write(to: mapping)
        let unknown = try binary.run(
            ["directory", "import", feed.path, "--mapping", mapping.path, "--store", path], home: home)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("mapping line 3: [services] 'svc-ghost' names no service in the feed"))
        #expect(
            unknown.standardError.contains(
                "mapping line 4: 'svc-club' maps to 'no-such-place', which is not a pathway destination"))
        #expect(try storedFeedIDs(path).isEmpty)
    }
}
