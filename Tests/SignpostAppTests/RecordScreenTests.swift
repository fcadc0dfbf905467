import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The audit screens, note types and amending a note, driven by keys as a practitioner would (#16).
@Suite("Audit and notes screens")
struct RecordScreenTests {
    @Test("a note's type is chosen with ←/→ and saved with the note")
    func noteType() throws {
        let app = try TestApplication(families: [RecordExportTests.family()])
        app.press(.enter, .character("n"))
        app.type("Rang the school")
        app.press(.tab, .right, .right)
        #expect(app.screen().contains("Type: ‹ Phone call ›"))
        app.press(.control("o"))
        let notes = try #require(try app.store.family("ZZ-F-9")?.notes)
        #expect(notes.last?.kind == .phoneCall)
        #expect(notes.last?.text == "Rang the school")
    }

    @Test("e amends the selected note: a reason is asked, the original kept, the chronology says amended")
    func amend() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [RecordExportTests.family()])
        app.press(.enter, .tab)
        #expect(app.screen().contains("Phone call about the family (amended): Phoned mum on Wednesday."))
        app.press(.character("e"))
        #expect(app.application.top is AmendNoteScreen)
        app.type(" And dad.")
        app.press(.control("o"))
        #expect(app.screen().contains("say why the note is corrected"), "a reason is required")
        // The refusal puts the cursor on the reason.
        app.type("left out dad")
        app.press(.control("o"))
        #expect(app.application.top is FamilyScreen)
        let note = try #require(try app.store.family("ZZ-F-9")?.notes.first { $0.id == "ZZ-N-9-2" })
        #expect(note.text == "Phoned mum on Tuesday.")
        #expect(note.amendments.count == 2)
        #expect(note.currentText == "Phoned mum on Wednesday. And dad.")
        app.press(.enter)
        let full = app.screen()
        #expect(full.contains("Original, written"))
        #expect(full.contains("Phoned mum on Tuesday."))
        #expect(full.contains("because: left out dad"))
    }

    @Test("M on a line that is not a note says what to do")
    func amendNeedsANote() throws {
        let app = try TestApplication(families: [RecordExportTests.family()])
        app.press(.enter, .tab, .character("G"), .character("e"))
        #expect(app.application.top is FamilyScreen)
    }

    @Test("the family's audit trail is read a page at a time, newest first; moving past the end reads the next")
    func paging() throws {
        let app = try TestApplication(families: [RecordExportTests.family()])
        for _ in 0..<(AuditScreen.pageSize + 10) { try app.store.recordViewed("ZZ-F-9", by: "someone.else") }
        app.press(.enter, .character("A"))
        let screen = try #require(app.application.top as? AuditScreen)
        #expect(app.screen().contains("50 entries read, more below"))
        app.press(.character("G"), .down)
        #expect(app.screen().contains("entries read") && !app.screen().contains("50 entries read"))
        #expect(screen.query.family == "ZZ-F-9")
        // Opening the audit trail is itself audited.
        #expect(try app.store.auditEntries(AuditQuery(limit: 1)).first?.action == "view-audit")
    }

    @Test("the store-wide audit filters by person and kind; x clears")
    func filters() throws {
        let app = try TestApplication(families: [RecordExportTests.family()])
        try app.store.recordViewed("ZZ-F-9", by: "someone.else")
        try app.store.recordExported("ZZ-F-9", summary: "exported the family record", by: "test.worker")
        app.press(.character("A"))
        #expect(app.application.top is AuditScreen)
        app.press(.character("f"))
        app.type("someone.else")
        app.press(.control("o"))
        let shown = app.screen()
        #expect(shown.contains("by someone.else"))
        #expect(!shown.contains("exported the family record"))
        app.press(.character("x"))
        #expect(app.screen().contains("exported the family record"))
        app.press(.character("f"), .tab, .right, .right, .right, .right, .control("o"))
        let exports = app.screen()
        #expect(exports.contains("exported only"))
        #expect(exports.contains("exported the family record"))
        #expect(!exports.contains("viewed the family record"))
    }
}
