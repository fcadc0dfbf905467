import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// Free-text forms keep what is typed across a crash, as contacts do.
@Suite("Form drafts")
struct FormDraftTests {
    /// A second run of Signpost on the same store, as after a crash: the start-up offer is made.
    static func restart(_ app: TestApplication) -> Application {
        let again = Application(environment: app.environment)
        again.offerToResumeDraft()
        return again
    }

    static func text(of application: Application, size: Size = Size(width: 80, height: 24)) -> String {
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        return surface.text()
    }

    static func familyID(_ app: TestApplication) throws -> FamilyID {
        try #require(try app.store.families(FamilyListQuery(limit: 1)).summaries.first).id
    }

    @Test("a case note typed is kept on every key, offered on the next start intact, and saved once")
    func noteSurvivesACrash() throws {
        let app = try TestApplication()
        let id = try Self.familyID(app)
        let notesBefore = try #require(try app.store.family(id)).notes.count
        app.press(.enter, .character("n"))
        app.type("Mum rang: the boiler is fixed.")
        app.press(.enter)
        app.type("Ava back at nursery")
        let kept = try #require(try app.store.formDrafts(for: "test.worker").first)
        #expect(kept.fields["text"] == "Mum rang: the boiler is fixed.\nAva back at nursery")

        let again = Self.restart(app)
        let offer = Self.text(of: again)
        #expect(offer.contains("You have unsaved typing: case note about"))
        again.handle(.character("y"), size: app.size)
        #expect(again.top is CaseNoteScreen)
        let screen = Self.text(of: again)
        #expect(screen.contains("Mum rang: the boiler is fixed."))
        #expect(screen.contains("Ava back at nursery"))
        #expect(screen.contains("Restored what you typed at"))
        again.handle(.control("o"), size: app.size)
        #expect(again.top is FamilyScreen)
        let notes = try #require(try app.store.family(id)).notes
        #expect(notes.count == notesBefore + 1)
        #expect(notes.contains { $0.text == "Mum rang: the boiler is fixed.\nAva back at nursery" })
        #expect(try app.store.formDrafts(for: "test.worker").isEmpty, "saving removes the draft")
    }

    @Test("Later keeps the draft: opening the same note again brings the typing back")
    func laterKeepsIt() throws {
        let app = try TestApplication()
        app.press(.enter, .character("n"))
        app.type("half a thought")
        let again = Self.restart(app)
        again.handle(.character("n"), size: app.size)
        #expect(again.top is HomeScreen)
        again.handle(.enter, size: app.size)
        again.handle(.character("n"), size: app.size)
        #expect(Self.text(of: again).contains("half a thought"))
    }

    @Test("leaving a note asks first; Stay keeps draft and typing, Leave throws both away")
    func discardAsks() throws {
        let app = try TestApplication()
        app.press(.enter, .character("n"))
        app.type("not needed after all")
        app.press(.escape)
        #expect(app.screen().contains("Leave without saving this note?"))
        app.press(.enter)
        #expect(app.application.top is CaseNoteScreen, "Enter picks Stay: nothing is discarded by default")
        #expect(try app.store.formDrafts(for: "test.worker").count == 1)
        app.press(.escape, .character("y"))
        #expect(app.application.top is FamilyScreen)
        #expect(try app.store.formDrafts(for: "test.worker").isEmpty)
        app.press(.character("n"))
        #expect(!app.screen().contains("not needed after all"))
    }

    @Test("deleting everything typed removes the draft; nothing is offered")
    func emptiedNoteKeepsNoDraft() throws {
        let app = try TestApplication()
        app.press(.enter, .character("n"))
        app.type("ab")
        app.press(.backspace, .backspace)
        #expect(try app.store.formDrafts(for: "test.worker").isEmpty)
    }

    @Test("a note saved just before a crash, its draft left behind, is not saved twice")
    func savedNoteIsNotDuplicated() throws {
        let app = try TestApplication()
        let id = try Self.familyID(app)
        app.press(.enter, .character("n"))
        app.type("Once only")
        let kept = try #require(try app.store.formDrafts(for: "test.worker").first)
        // The note reached the store but Signpost stopped before removing the draft.
        let note = CaseNote(
            id: CaseNoteID(try #require(kept.fields["id"])), writtenAt: TestApplication.now, author: "test.worker",
            text: "Once only")
        try app.store.apply([.addCaseNote(family: id, note)], by: "test.worker")
        let again = Self.restart(app)
        again.handle(.character("y"), size: app.size)
        again.handle(.control("o"), size: app.size)
        #expect(again.top is FamilyScreen)
        #expect(try app.store.family(id)?.notes.filter { $0.text == "Once only" }.count == 1)
        #expect(try app.store.formDrafts(for: "test.worker").isEmpty)
    }

    @Test("a level reason and the level chosen are kept and brought back")
    func levelReasonKept() throws {
        let app = try TestApplication()
        app.press(.enter, .character("l"))
        app.press(.home, .down, .down, .character(" "), .tab)
        app.type("Police report of domestic abuse")
        let again = Self.restart(app)
        #expect(Self.text(of: again).contains("level of need for"))
        again.handle(.character("y"), size: app.size)
        #expect(again.top is LevelChangeScreen)
        #expect(Self.text(of: again).contains("Police report of domestic abuse"))
        again.handle(.control("o"), size: app.size)
        #expect(again.top is FamilyScreen)
        #expect(try app.store.formDrafts(for: "test.worker").isEmpty)
    }

    @Test("a new member's details and a new family's are kept and brought back")
    func memberAndFamilyKept() throws {
        let app = try TestApplication()
        app.press(.enter, .character("a"))
        app.type("Perpetua")
        app.press(.escape)
        #expect(app.screen().contains("Leave without adding this person?"))
        app.press(.character("n"))
        let member = Self.restart(app)
        member.handle(.character("y"), size: app.size)
        #expect(member.top is MemberScreen)
        #expect(Self.text(of: member).contains("Perpetua"))

        let fresh = try TestApplication()
        fresh.press(.character("n"))
        fresh.type("Fizzwick")
        let family = Self.restart(fresh)
        family.handle(.character("y"), size: fresh.size)
        #expect(family.top is NewFamilyScreen)
        #expect(Self.text(of: family).contains("Fizzwick"))
    }

    @Test("a CAF field being typed is kept: the assessment reopens on that field with the typing after a crash")
    func assessmentFieldKept() throws {
        let app = try TestApplication(families: [AssessmentEditorTests.family()])
        app.press(.enter, .down, .character("c"))
        app.press(.character("c"))
        let editor = try #require(app.application.top as? AssessmentEditorScreen)
        #expect(editor.field.id == "what-led")
        app.press(.enter)
        app.type("Nursery worried about speech")
        let again = Self.restart(app)
        #expect(Self.text(of: again).contains("a field of Ava Quillfeather"))
        again.handle(.character("y"), size: app.size)
        let reopened = try #require(again.top as? AssessmentEditorScreen)
        #expect(reopened.field.id == "what-led")
        #expect(reopened.hasUnsavedChanges)
        #expect(Self.text(of: again).contains("Nursery worried about speech"))
        again.handle(.control("o"), size: app.size)
        #expect(try app.store.family("F-1")?.assessments.first?.whatLedToAssessment == "Nursery worried about speech")
        #expect(try app.store.formDrafts(for: "test.worker").isEmpty)
    }

    @Test("Esc in a CAF field with typing asks before throwing it away; the default keeps typing")
    func assessmentFieldEscAsks() throws {
        let app = try TestApplication(families: [AssessmentEditorTests.family()])
        app.press(.enter, .down, .character("c"), .character("c"), .enter)
        app.type("Worried")
        app.press(.escape)
        #expect(app.screen().contains("as it was?"))
        app.press(.enter)
        #expect(app.application.top.hasUnsavedChanges, "Enter chose Keep typing")
        app.press(.escape, .character("y"))
        #expect(!app.application.top.hasUnsavedChanges)
        #expect(try app.store.formDrafts(for: "test.worker").isEmpty)
        #expect(try app.store.family("F-1")?.assessments.first?.whatLedToAssessment == "")
    }

    @Test(":home from a note with typing says the typing is kept; the note comes back when opened again")
    func leavingByCommandKeepsTheDraft() throws {
        let app = try TestApplication()
        app.press(.enter, .character("n"))
        app.type("kept for later")
        app.press(.tab, .character(":"))
        app.type("home")
        app.press(.enter)
        #expect(app.screen().contains("What you typed is kept as a draft"))
        app.press(.character("y"))
        #expect(app.application.top is HomeScreen)
        app.press(.enter, .character("n"))
        #expect(app.screen().contains("kept for later"))
    }

    @Test("quitting with a note typed says the typing is kept, not lost")
    func quitSaysKept() throws {
        let app = try TestApplication()
        app.press(.enter, .character("n"))
        app.type("for later")
        app.application.requestQuit()
        #expect(app.screen().contains("kept as a draft"))
    }
}
