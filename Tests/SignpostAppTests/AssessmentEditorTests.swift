import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

@Suite("Assessment (CAF) editor")
struct AssessmentEditorTests {
    /// A family with a parent and a child, and nothing else.
    static func family() -> Family {
        let mum = Person(
            id: "P-m", role: .parentOrCarer, givenName: "Marta", familyName: "Quillfeather",
            hasParentalResponsibility: true)
        let ava = Person(
            id: "P-a", role: .child, givenName: "Ava", familyName: "Quillfeather",
            dateOfBirth: try! CalendarDate(iso: "2022-03-14"))
        return Family(
            id: "F-1", name: "Quillfeather", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [mum, ava], relationships: [Relationship(from: "P-m", kind: .parent, to: "P-a")],
            createdAt: TestApplication.now)
    }

    @Test("c on a child starts a draft filled from the record, saved at once")
    func startDraft() throws {
        let app = try TestApplication(families: [Self.family()])
        app.press(.enter, .down, .character("c"))
        let editor = try #require(app.application.top as? AssessmentEditorScreen)
        #expect(editor.assessment.identifying.givenName == "Ava")
        #expect(editor.assessment.parentsAndCarers.first?.name == "Marta Quillfeather")
        let stored = try #require(try app.store.family("F-1")?.assessments.first)
        #expect(stored.subject == "P-a")
        #expect(stored.status == .draft)
        #expect(app.screen().contains("required fields to fill"))
    }

    @Test("complete on a draft with gaps moves to the first missing field and names it")
    func completeJumps() throws {
        let app = try TestApplication(families: [Self.family()])
        app.press(.enter, .down, .character("c"))
        app.press(.character("c"))
        let editor = try #require(app.application.top as? AssessmentEditorScreen)
        #expect(editor.assessment.status == .draft)
        #expect(editor.field.id == "what-led", "names, dates, address and carers came from the record")
        #expect(app.screen().contains("Missing: Background: what led to this assessment"))
    }

    @Test("a field typed and kept is saved to the store straight away")
    func fieldSavedAtOnce() throws {
        let app = try TestApplication(families: [Self.family()])
        app.press(.enter, .down, .character("c"))
        app.press(.character("c"))
        app.press(.enter)
        app.type("Nursery worried about speech")
        app.press(.control("o"))
        let stored = try #require(try app.store.family("F-1")?.assessments.first)
        #expect(stored.whatLedToAssessment == "Nursery worried about speech")
        #expect(!app.application.top.hasUnsavedChanges)
    }

    @Test(
        "the focused field stays on screen with the cursor on it, moving down and up the whole form",
        arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func focusStaysVisible(size: Size) throws {
        var app = try TestApplication(families: [Self.family()])
        app.size = size
        app.press(.enter, .down, .character("c"))
        let editor = try #require(app.application.top as? AssessmentEditorScreen)
        func expectFocusShown(_ step: String) {
            let surface = app.surface()
            guard let cursor = surface.cursor else {
                Issue.record("no cursor after \(step) (field \(editor.field.id))")
                return
            }
            let line = surface.lines()[cursor.y]
            let label = String(editor.field.label.prefix(20))
            #expect(cursor.x == 1, "\(step): the cursor is at the start of the focused row")
            #expect(line.hasPrefix(" >") && line.contains(label), "\(step): row \(cursor.y) is \(line)")
        }
        expectFocusShown("opening")
        var presses = 0
        var lastID = ""
        while editor.field.id != lastID {
            lastID = editor.field.id
            app.press(.character("j"))
            presses += 1
            expectFocusShown("\(presses) presses of j")
        }
        #expect(presses > 40, "the whole form was walked")
        for step in 1...presses {
            app.press(.character("k"))
            expectFocusShown("\(step) presses of k")
        }
        for key in [Key.pageDown, .pageDown, .end, .pageUp, .home, .character("]"), .character("]")] {
            app.press(key)
            expectFocusShown("\(key.label)")
        }
    }

    @Test("typing after 14 presses of j goes into the focused field, shown with the cursor in it")
    func typingGoesIntoTheFocusedField() throws {
        let app = try TestApplication(families: [Self.family()])
        app.press(.enter, .down, .character("c"))
        let editor = try #require(app.application.top as? AssessmentEditorScreen)
        for _ in 0..<14 { app.press(.character("j")) }
        let focused = editor.field
        #expect(app.screen().split(separator: "\n").contains { $0.hasPrefix(" >") && $0.contains(focused.label) })
        app.press(.enter)
        app.type("Polish")
        let surface = app.surface()
        let cursor = try #require(surface.cursor)
        #expect(surface.lines()[cursor.y].contains("Polish"), "the cursor is in the field being typed")
        #expect(surface.lines()[cursor.y - 1].contains(focused.label), "the field being typed is named above it")
        app.press(.enter)
        #expect(editor.field.read(editor.assessment) == "Polish", "typing replaced “English” instead of appending")
    }

    @Test("an impossible date in a date field is refused with the reason and nothing is saved")
    func badDate() throws {
        let app = try TestApplication(families: [Self.family()])
        app.press(.enter, .down, .character("c"))
        let editor = try #require(app.application.top as? AssessmentEditorScreen)
        while editor.field.id != "dob" { app.press(.down) }
        app.press(.enter, .control("u"))
        app.type("31/04/2021")
        app.press(.enter)
        #expect(app.screen().contains("not a day in the calendar"))
        #expect(
            try app.store.family("F-1")?.assessments.first?.identifying.dateOfBirth
                == (try CalendarDate(iso: "2022-03-14")))
    }

    @Test("choices change with Space and are saved; a filled form completes")
    func completeWholeForm() throws {
        var family = Self.family()
        var caf = EarlyHelpAssessment.draft(
            id: "A-1", for: family.members[1], in: family, startedOn: try CalendarDate(iso: "2026-11-23"))
        caf.whatLedToAssessment = "Nursery concern"
        caf.currentSituation = "Lives with mother"
        caf.assessor = Professional(name: "Sam", role: "Family worker", organisation: "Bright Start")
        for element in AssessmentElement.allCases { caf.elements[element] = ElementAssessment(rating: .notAssessed) }
        caf.conclusions = "Plan"
        caf.actions = [AssessmentAction(who: "Sam", what: "Refer", byWhen: try CalendarDate(iso: "2026-12-07"))]
        caf.consentToShare = ConsentToShare(
            decision: .notAsked, givenBy: "Marta Quillfeather", givenOn: try CalendarDate(iso: "2026-11-23"))
        caf.reviews = [AssessmentReview(dueOn: try CalendarDate(iso: "2027-01-04"))]
        family.assessments = [caf]
        let app = try TestApplication(families: [family])
        app.press(.enter, .tab, .tab, .tab, .enter)
        let editor = try #require(app.application.top as? AssessmentEditorScreen)
        app.press(.character("c"))
        #expect(editor.field.id == "consent")
        app.press(.character(" "))
        #expect(editor.assessment.consentToShare.decision == .given)
        app.press(.character("c"))
        #expect(editor.assessment.status == .complete)
        #expect(try app.store.family("F-1")?.assessments.first?.status == .complete)
    }
}

@Suite("Assessment reviews and closure")
struct AssessmentClosureTests {
    @Test("a held review makes a complete assessment reviewed; a closure reason closes it; clearing it reopens")
    func reviewAndClose() throws {
        var caf = EarlyHelpAssessment(
            id: "A-1", subject: "P-a", status: .complete, startedOn: try CalendarDate(iso: "2026-09-01"),
            completedOn: try CalendarDate(iso: "2026-09-08"))
        caf.reviews = [AssessmentReview(dueOn: try CalendarDate(iso: "2026-10-20"))]
        var form = AssessmentForm(caf)
        try #require(form.fields.first { $0.id == "review-1-held" }).write(&caf, "20/10/2026")
        caf.settleStatus()
        #expect(caf.status == .reviewed)
        try #require(form.fields.first { $0.id == "closure-reason" }).write(&caf, ClosureReason.needsMet.rawValue)
        caf.settleStatus()
        #expect(caf.status == .closed)
        #expect(
            caf.closure?.closedOn == (try CalendarDate(iso: "2026-10-20")),
            "closed on the last review until the date is set")
        form = AssessmentForm(caf)
        try #require(form.fields.first { $0.id == "closure-date" }).write(&caf, "23/11/2026")
        #expect(caf.closure?.closedOn == (try CalendarDate(iso: "2026-11-23")))
        try #require(form.fields.first { $0.id == "closure-reason" }).write(&caf, "")
        caf.settleStatus()
        #expect(caf.status == .reviewed)
    }
}
