import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// Importing a partner's early help assessment in the interface: the file inside its folder, the review in
/// full, saving or leaving with nothing saved (#17).
@Suite("Partner CAF import screens")
struct PartnerAssessmentImportTests {
    /// A folder of its own, holding `name` with the sample document for the first fixture family's child.
    static func folder(with name: String = "noor-caf.json", data: ((Family, Person) throws -> Data)? = nil)
        throws -> (folder: URL, family: Family, child: Person, app: TestApplication)
    {
        let app = try TestApplication()
        let family = try #require(try app.store.family("ZZ-F-0001"))
        let child = try #require(family.members.first { !$0.role.isAdult })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partner-caf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let contents = try data?(family, child) ?? PartnerAssessmentSample.document(for: child, in: family)
        try contents.write(to: folder.appendingPathComponent(name))
        return (folder, family, child, app)
    }

    static func command(_ app: TestApplication, _ text: String) {
        app.press(.character(":"))
        app.type(text)
        app.press(.enter)
    }

    @Test(":import-caf shows the review in full, and Ctrl-O saves it as the child's CAF, marked as imported")
    func importAndSave() throws {
        let (folder, family, child, app) = try Self.folder()
        let before = family.assessments.count
        Self.command(app, "import-caf \(folder.path)/noor-caf.json")
        let screen = app.screen()
        #expect(screen.contains("Review a partner's assessment"))
        #expect(screen.contains("Save to: \(child.fullName) (\(child.id))"))
        #expect(screen.contains("Match: certain"))
        #expect(try app.store.family(family.id)?.assessments.count == before, "nothing is saved by the review")

        app.press(.control("o"))
        if family.openAssessment(for: child.id) != nil {
            #expect(app.screen().contains("is already open"))
            app.press(.character("y"))
        }
        let saved = try #require(try app.store.family(family.id))
        #expect(saved.assessments.count == before + 1)
        let imported = try #require(saved.assessments.last)
        #expect(imported.subject == child.id)
        #expect(imported.importedFrom?.organisation == "Fiddlesticks Nursery School")
        #expect(imported.importedFrom?.file == "noor-caf.json")
        #expect(imported.importedFrom?.importedBy == "test.worker")
        #expect(imported.childViews == "Likes the sand tray.")
        #expect(app.screen().contains("imported Fiddlesticks Nursery School's assessment"))
    }

    @Test("I on the CAF tab asks for the file inside the folder; a path leaving the folder is refused")
    func keyOnCAFTabAndPathEscapes() throws {
        let (folder, family, _, app) = try Self.folder()
        Self.command(app, "open \(family.id)")
        app.press(.tab, .tab, .tab)
        app.press(.character("I"))
        let form = app.surface()
        #expect(form.text().contains("Import a partner's early help assessment"))
        let fileRow = form.text().split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("> File *") }
        #expect(form.cursor?.y == fileRow, "the cursor is on the focused file field")
        // The folder field, then the file field (focused first).
        app.press(.backTab)
        app.press(.control("u"))
        app.type(folder.path)
        app.press(.tab)
        app.type("../noor-caf.json")
        app.press(.control("o"))
        #expect(app.screen().contains("the path may not leave the folder"))
        app.press(.control("u"))
        app.type("noor-caf.json")
        app.press(.control("o"))
        #expect(app.screen().contains("Match: certain"))
    }

    @Test("several people who may be the child: Tab chooses between them, and the CAF goes to the one chosen")
    func chooseAmongSeveral() throws {
        let fixtures = try FixtureCatalog.families().map(\.family)
        let first = try #require(fixtures.first { $0.id == "ZZ-F-0001" })
        let noor = try #require(first.members.first { !$0.role.isAdult })
        var twin = noor
        twin.id = "ZZ-P-9999-1"
        let namesake = Family(
            id: "ZZ-F-9999", name: "Quillfeather", address: first.address, locality: .north, members: [twin])
        let app = try TestApplication(families: fixtures + [namesake])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partner-caf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try PartnerAssessmentSample.document(for: noor, in: first).write(to: folder.appendingPathComponent("n.json"))
        Self.command(app, "import-caf \(folder.path)/n.json")
        #expect(app.screen().contains("Match: not certain: 2 people may be the child"))
        let chosenFirst = app.screen().contains("Save to: Noor Quillfeather (ZZ-P-9999-1)")
        app.press(.tab)
        let expected: PersonID = chosenFirst ? noor.id : "ZZ-P-9999-1"
        #expect(app.screen().contains("Save to: Noor Quillfeather (\(expected))"))
        app.press(.control("o"))
        if app.screen().contains("is already open") { app.press(.character("y")) }
        let family = try #require(try app.store.family(chosenFirst ? "ZZ-F-0001" : "ZZ-F-9999"))
        #expect(family.assessments.last?.subject == expected)
        #expect(family.assessments.last?.importedFrom != nil)
    }

    @Test("no one like the child: Ctrl-O asks the locality and adds a new family with the CAF")
    func noMatchAddsNewFamily() throws {
        let (folder, _, _, app) = try Self.folder(with: "new.json") { family, child in
            var stranger = child
            stranger.givenName = "Zelola"
            stranger.familyName = "Morfli"
            return try PartnerAssessmentSample.document(for: stranger, in: family)
        }
        let before = try app.store.familyIDs(after: nil, limit: 1000).count
        Self.command(app, "import-caf \(folder.path)/new.json")
        #expect(app.screen().contains("No match: Ctrl-O adds the child as a new family"))
        app.press(.control("o"))
        #expect(app.screen().contains("Ctrl-O adds the family"))
        app.press(.control("o"))
        #expect(app.screen().contains("added the Morfli family"))
        let ids = try app.store.familyIDs(after: nil, limit: 1000)
        #expect(ids.count == before + 1)
        let added = try #require(try ids.compactMap { try app.store.family($0) }.first { $0.name == "Morfli" })
        #expect(added.members.first?.fullName == "Zelola Morfli")
        #expect(added.assessments.first?.subject == added.members.first?.id)
    }

    @Test("leaving the review saves nothing, after asking")
    func cancelSavesNothing() throws {
        let (folder, family, _, app) = try Self.folder()
        Self.command(app, "import-caf \(folder.path)/noor-caf.json")
        app.press(.escape)
        #expect(app.screen().contains("Leave without importing? Nothing has been saved."))
        app.press(.character("y"))
        #expect(!app.screen().contains("Review a partner's assessment"))
        #expect(try app.store.family(family.id)?.assessments == family.assessments)
        #expect(try app.store.family(family.id)?.consents == family.consents)
    }

    @Test("a refused file lists its problems with their paths, and Ctrl-O saves nothing")
    func refusedFile() throws {
        let (folder, family, _, app) = try Self.folder(with: "bad.json") { family, child in
            let good = try PartnerAssessmentSample.document(for: child, in: family)
            let text = String(decoding: good, as: UTF8.self).replacingOccurrences(
                of: "\"startedOn\":\"2026-11-10\"", with: "\"startedOn\":\"10/11/2026\"")
            return Data(text.utf8)
        }
        Self.command(app, "import-caf \(folder.path)/bad.json")
        let screen = app.screen()
        #expect(screen.contains("Refused: nothing can be imported from this file"))
        #expect(screen.contains("$.assessment.startedOn: “10/11/2026” is not a date written YYYY-MM-DD"))
        app.press(.control("o"))
        #expect(try app.store.family(family.id)?.assessments == family.assessments)
    }

    @Test("a link inside the folder that leads out of it is refused before anything is read")
    func symbolicLinkOutOfFolder() throws {
        let (folder, _, _, _) = try Self.folder()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).json")
        try Data("{}".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("link.json"), withDestinationURL: outside)
        #expect(throws: PartnerAssessmentFile.Problem.self) {
            try PartnerAssessmentFile.read("link.json", in: folder.path)
        }
        #expect(throws: PartnerAssessmentFile.Problem.self) {
            try PartnerAssessmentFile.read(outside.path, in: folder.path)
        }
        #expect(try PartnerAssessmentFile.read("noor-caf.json", in: folder.path).count > 0)
    }
}
