import Foundation
import SignpostDomain
import Testing

@testable import SignpostCommands

/// The council's TOML mapping file: its rules with their lines, every problem with its line, the shipped example,
/// and the conversion from the first (JSON) form.
@Suite("Directory mapping file")
struct DirectoryMappingFileTests {
    /// `docs/` in the source tree, where the example mapping and feed are shipped.
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs")

    private func problems(_ text: String) -> [String] {
        do {
            _ = try DirectoryMappingFile.parse(text, name: "mapping.toml")
            return []
        } catch {
            return error.problems
        }
    }

    @Test("the three tables are read into rules, each with the line it is on, comments and blank lines skipped")
    func rules() throws {
        let text = """
            # Islington
            [services]
            "svc-bs" = "bright-start"   # Bright Start North
            svc_csct = 'csct'

            [organizations]
            "org-yjs" = "youth-justice"
            [taxonomy]
            "Young carers" = "young-carers"
            """
        let mapping = try DirectoryMappingFile.parse(text, name: "mapping.toml")
        #expect(
            mapping.rules == [
                .init(kind: .service, key: "svc-bs", destination: "bright-start", line: 3),
                .init(kind: .service, key: "svc_csct", destination: "csct", line: 4),
                .init(kind: .organization, key: "org-yjs", destination: "youth-justice", line: 7),
                .init(kind: .taxonomy, key: "Young carers", destination: "young-carers", line: 9),
            ])
    }

    @Test("every problem in the file is listed with its line, not only the first")
    func everyProblem() throws {
        let text = """
            [services]
            "svc-bs" = "bright-start"
            "svc-csct" = "csct"
            "svc-bs" = "bright-futures"
            "svc-edt" = 3
            [places]
            [services]
            just some words
            """
        #expect(
            problems(text) == [
                "mapping line 4: [services] 'svc-bs' is given twice (also line 2)",
                "mapping line 5: 'svc-edt' must map to a destination in quotes, such as \"csct\"",
                "mapping line 6: [places] is not a mapping table (services, organizations or taxonomy)",
                "mapping line 7: [services] is given twice (also line 1); keep one [services]",
                "mapping line 8: 'just' has no = \"destination\"",
            ])
    }

    @Test("a mapping outside a table, and a table written as an array, are each named")
    func outsideTables() throws {
        #expect(
            problems("\"svc-bs\" = \"bright-start\"\n[[services]]\n") == [
                "mapping line 1: 'svc-bs' is outside a table; put it under [services], [organizations] or [taxonomy]",
                "mapping line 2: write a table as [services], [organizations] or [taxonomy]",
            ])
    }

    @Test("what only the TOML parser catches is reported with its line")
    func notTOML() throws {
        let found = problems("[services]\n\"svc-bs\" = \"bright\\qstart\"\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("mapping line 2: ") == true, "\(found)")
    }

    @Test("the refusal says what was refused and that nothing was imported")
    func refusal() throws {
        let error = try #require(throws: DirectoryImportError.self) {
            try DirectoryMappingFile.parse("[services]\n\"a\" = \"csct\"\n\"a\" = \"csct\"\n", name: "islington.toml")
        }
        #expect(
            error.description.hasPrefix("The mapping file islington.toml was refused (1 problem; nothing imported):"))
    }

    @Test("the shipped example mapping reads, names only pathway destinations, and imports the shipped example feed")
    func shippedExample() throws {
        let text = try String(
            contentsOf: Self.docs.appendingPathComponent("directory-mapping.example.toml"), encoding: .utf8)
        let mapping = try DirectoryMappingFile.parse(text, name: "directory-mapping.example.toml")
        #expect(mapping.rules.count == 7)
        #expect(mapping.rules.allSatisfy { Pathways.islington.directory[$0.destination] != nil })
        let feed = try Data(contentsOf: Self.docs.appendingPathComponent("directory-feed.example.json"))
        let entries = try OpenReferralImport.entries(
            feed: feed, mapping: mapping, pathways: .islington, importedOn: try CalendarDate(iso: "2026-11-26"),
            source: "directory-feed.example.json")
        let destinations = Dictionary(uniqueKeysWithValues: entries.map { ($0.feedID, $0.id.rawValue) })
        #expect(
            destinations == [
                "svc-bright-start-north": "bright-start", "svc-csct": "csct", "svc-edt": "emergency-duty-team",
                "svc-adult-social-care": "adult-social-care", "svc-bright-futures": "bright-futures",
                "svc-yjs": "youth-justice", "svc-young-carers": "young-carers",
                "svc-money-drop-in": "oruk-svc-money-drop-in",
            ])
        let money = try #require(entries.first { $0.feedID == "svc-money-drop-in" })
        #expect(money.monthly.map(\.day.description) == ["1MO", "-1FR"])
    }

    @Test("an old JSON mapping converts to TOML that reads back to the same rules")
    func conversion() throws {
        let mapping = DirectoryMapping(services: ["svc-bs": "bright-start", "svc \"quoted\"": "csct"])
        let text = DirectoryMappingFile.toml(mapping, from: "mapping.json")
        #expect(text.contains("[services]\n\"svc \\\"quoted\\\"\" = \"csct\"\n\"svc-bs\" = \"bright-start\"\n"))
        let back = try DirectoryMappingFile.parse(text, name: "mapping.toml")
        #expect(back.rules.map(\.key) == ["svc \"quoted\"", "svc-bs"])
        #expect(back.rules.map(\.destination) == ["csct", "bright-start"])
        #expect(back.rules.allSatisfy { $0.line != nil })
    }
}
