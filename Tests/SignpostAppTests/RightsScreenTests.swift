import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// Erasure and subject access from the family screen, driven by keys as a practitioner would (#16).
@Suite("Erasure and subject access screens")
struct RightsScreenTests {
    @Test("Ctrl-E erases the selected member only after a reason, the id typed again and a last yes")
    func erase() throws {
        let app = try TestApplication(families: [RecordExportTests.family()])
        app.press(.enter, .down, .control("e"))
        #expect(app.application.top is ErasePersonScreen)
        #expect(app.screen().contains("Erasing Pip Puddlewick (ZZ-P-9-2)"))
        app.press(.control("o"))
        #expect(app.screen().contains("say why the person is erased"))
        app.type("retention review")
        app.press(.tab)
        app.type("ZZ-P-9-1")
        app.press(.control("o"))
        #expect(app.screen().contains("type ZZ-P-9-2 exactly"), "the wrong id erases no one")
        app.press(.control("u"))
        app.type("ZZ-P-9-2")
        app.press(.control("o"))
        #expect(app.screen().contains("Please confirm"))
        #expect(try app.store.family("ZZ-F-9")?.members.count == 2, "nothing is erased before the last yes")
        app.press(.character("y"))
        #expect(app.application.top is FamilyScreen)
        #expect(try app.store.family("ZZ-F-9")?.members.map(\.id) == ["ZZ-P-9-1"])
        #expect(try app.store.auditTrail(family: "ZZ-F-9", limit: 1).first?.action == "erase-person")
    }

    @Test("Ctrl-X writes the selected member's subject access copy and audits it as an export")
    func subjectAccess() throws {
        let app = try TestApplication(families: [RecordExportTests.family()])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-sar-\(UUID().uuidString)")
        app.press(.enter, .down, .control("x"))
        #expect(app.application.top is SubjectAccessScreen)
        app.press(.tab, .control("u"))
        app.type(folder.path)
        app.press(.control("o"))
        #expect(app.application.top is FamilyScreen)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(written == ["subject-access-ZZ-P-9-2-ZZ-F-9-2026-11-23.txt"])
        #expect(try app.store.auditTrail(family: "ZZ-F-9", limit: 1).first?.action == "export-family")
    }
}
