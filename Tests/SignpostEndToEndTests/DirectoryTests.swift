import Foundation
import Testing

/// `signpost directory import` on a real store, and the directory screen in a real terminal.
@Suite("Service directory", .serialized)
struct DirectoryTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    static let feed = #"""
        {"organizations": [{"id": "org-1", "name": "Holloway Family Trust"}],
         "services": [
          {"id": "svc-club", "organization_id": "org-1", "name": "Homework Club", "description": "After-school homework help.",
           "status": "active", "last_modified": "2024-05-02T08:30:00Z"},
          {"id": "svc-bs", "organization_id": "org-1", "name": "Bright Start North", "status": "active",
           "assured_date": "2026-03-01"}],
         "regular_schedules": [{"id": "sch-1", "service_id": "svc-club", "byday": "WE", "opens_at": "15:30", "closes_at": "17:30"}],
         "eligibilitys": [{"id": "eli-1", "service_id": "svc-club", "eligibility": "Pupils at Islington schools.",
                           "minimum_age": 7, "maximum_age": 16}],
         "contacts": [{"id": "con-1", "service_id": "svc-club", "name": "Club leader"}],
         "phones": [{"id": "ph-1", "contact_id": "con-1", "number": "020 7000 0000"}]}
        """#

    @Test("a feed with problems is refused listing each and imports nothing; a good one imports and is found on W")
    func importAndBrowse() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let mapping = home.url.appendingPathComponent("mapping.toml")
        try Data("[services]\n\"svc-bs\" = \"bright-start\"\n".utf8).write(to: mapping)
        let broken = home.url.appendingPathComponent("broken.json")
        try Data(
            Self.feed.replacingOccurrences(of: "\"15:30\"", with: "\"3.30pm\"")
                .replacingOccurrences(of: "\"con-1\", \"number\"", with: "\"con-9\", \"number\"").utf8
        ).write(to: broken)
        let refused = try binary.run(
            ["directory", "import", broken.path, "--mapping", mapping.path, "--store", path], home: home)
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("2 problems; nothing imported"))
        #expect(refused.standardError.contains("regular_schedules[0]: opens_at '3.30pm' is not a time (HH:MM)"))
        #expect(refused.standardError.contains("phones[0]: contact_id 'con-9' names no row in the feed"))

        let good = home.url.appendingPathComponent("feed.json")
        try Data(Self.feed.utf8).write(to: good)
        let imported = try binary.run(
            ["directory", "import", good.path, "--mapping", mapping.path, "--store", path], home: home)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("Imported 2 services from feed.json: 1 mapped"))

        let session = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", path], home: home, width: 80, height: 24)
        try session.waitFor("DEMONSTRATION — FICTIONAL DATA")
        try session.send("W")
        try session.waitFor("Service directory")
        try session.send("/")
        try session.type("homework")
        // Every letter handled before the list is read: "home" alone also finds other services.
        try session.waitFor("Search: homework")
        try session.waitFor("1 of 30 services")
        let screen = try session.waitFor("NOT CHECKED")
        #expect(screen.contains("1 of 30 services"))
        #expect(screen.contains("Pupils at Islington schools."))
        try session.send("Escape")
        try session.send("q")
        try session.waitForAbsence(of: "Service directory")
    }
}
