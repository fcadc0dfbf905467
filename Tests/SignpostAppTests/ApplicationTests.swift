import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

@Suite("Application behaviour")
struct ApplicationTests {
    @Test("the home screen lists families newest first with their levels as numbers")
    func homeListsFamilies() throws {
        let app = try TestApplication()
        let screen = app.screen()
        #expect(screen.contains("DEMONSTRATION — FICTIONAL DATA"))
        #expect(screen.contains("Family"))
        #expect(screen.contains("Level"))
        let first = try #require(try app.store.families(FamilyListQuery(limit: 1)).summaries.first)
        #expect(screen.contains(String(first.name.prefix(12))))
        #expect(screen.range(of: #"L[1-4]"#, options: .regularExpression) != nil, "levels show their number")
    }

    @Test("typing after / searches as you type, and Enter then Enter opens the family")
    func searchAndOpen() throws {
        let app = try TestApplication()
        let target = try #require(try app.store.families(FamilyListQuery(offset: 10, limit: 1)).summaries.first)
        app.press(.character("/"))
        app.type(String(target.name.prefix(5)).lowercased())
        #expect(app.screen().contains(target.name))
        app.press(.enter, .enter)
        #expect(app.application.top is FamilyScreen)
        #expect(app.screen().contains("\(target.name) family"))
        let audit = try app.store.auditTrail(family: target.id, limit: 5)
        #expect(
            audit.contains { $0.action == "view-family" && $0.actor == "test.worker" }, "opening a record is audited")
    }

    @Test("at 80 columns the screen's own title shows whole: the store kind, then the login, give way first")
    func titleBeforeWhoAndStore() throws {
        let app = try TestApplication()
        app.press(.enter)
        app.press(.character("n"))
        let title = try #require(app.screen().split(separator: "\n").first { $0.contains("Signpost ›") })
        #expect(title.contains("› \(app.application.top.title)"), "\(title)")
    }

    @Test("a case note typed on the family screen is saved with the author, and appears in the chronology")
    func addCaseNote() throws {
        let app = try TestApplication()
        let family = try #require(try app.store.families(FamilyListQuery(limit: 1)).summaries.first)
        app.press(.enter)
        app.press(.character("n"))
        #expect(app.application.top is CaseNoteScreen)
        app.type("Mum rang; the boiler is fixed.")
        // Past the note's type (#16) to "significant event".
        app.press(.tab, .tab, .character(" "))
        app.press(.control("o"))
        #expect(app.application.top is FamilyScreen)
        let saved = try #require(try app.store.family(family.id))
        let note = try #require(saved.notes.first { $0.text == "Mum rang; the boiler is fixed." })
        #expect(note.author == "test.worker")
        #expect(note.isSignificant)
        app.press(.tab)
        #expect(app.screen().contains("Mum rang; the boiler is fixed."))
    }

    @Test("leaving a note with typing asks first; No keeps the typing")
    func unsavedNoteAsks() throws {
        let app = try TestApplication()
        app.press(.enter, .character("n"))
        app.type("half a thought")
        app.press(.escape)
        #expect(app.screen().contains("Leave without saving this note?"))
        app.press(.character("n"))
        #expect(app.application.top is CaseNoteScreen)
        #expect(app.screen().contains("half a thought"))
    }

    @Test("changing a level needs a reason and is recorded with who and why")
    func changeLevel() throws {
        let app = try TestApplication()
        let summary = try #require(try app.store.families(FamilyListQuery(limit: 1)).summaries.first)
        let person = try #require(try app.store.family(summary.id)?.members.first)
        app.press(.enter, .character("l"))
        #expect(app.application.top is LevelChangeScreen)
        app.press(.home, .down, .down, .character(" "))
        app.press(.control("o"))
        #expect(app.application.top is LevelChangeScreen, "no reason given: not saved")
        #expect(app.screen().contains("write the reason"))
        app.type("Domestic abuse between carers reported by police")
        app.press(.control("o"))
        #expect(app.application.top is FamilyScreen)
        let updated = try #require(try app.store.family(summary.id)?.member(person.id))
        #expect(updated.currentLevel == .complex)
        #expect(updated.currentLevelEntry?.reason == "Domestic abuse between carers reported by police")
        #expect(updated.currentLevelEntry?.setBy == "test.worker")
    }

    @Test("the hint bar and ? help come from one registry: every hint is in the help")
    func hintsAreInHelp() throws {
        let app = try TestApplication()
        let home = app.application.top as! HomeScreen
        let frame = app.application.frameKeys(for: home)
        let helpText = HelpOverlay.lines(for: frame).map(\.text).joined(separator: "\n")
        for binding in frame.hintBindings { #expect(helpText.contains(binding.help)) }
        app.press(.character("?"))
        let screen = app.screen()
        #expect(screen.contains("Search by name"))
        app.press(.escape)
        #expect(!app.screen().contains("Search by name, also-known-as"))
    }

    @Test("below 80×24 only the too-small message shows, and the screen comes back when it grows")
    func tooSmall() throws {
        var app = try TestApplication()
        app.size = Size(width: 60, height: 15)
        #expect(app.screen().contains("Terminal too small: need 80×24, have 60×15"))
        app.size = Size(width: 80, height: 24)
        #expect(app.screen().contains("Family"))
    }

    @Test("escape sequences stored in a name are drawn visibly, never raw")
    func escapeSequencesAreVisible() throws {
        let hostile = Family(
            id: "F-HOSTILE", name: "Tables\u{1B}[31m", locality: .north,
            members: [Person(id: "P-H1", role: .child, givenName: "Bobby\u{1B}]0;owned\u{07}", familyName: "Tables")],
            createdAt: TestApplication.now)
        let app = try TestApplication(families: [hostile])
        let screen = app.screen()
        #expect(!screen.contains("\u{1B}"))
        #expect(screen.contains("Tables^[[31m"))
    }

    @Test("an empty live store tells a newcomer how to start")
    func emptyStoreWelcome() throws {
        let app = try TestApplication(kind: .live, families: [])
        let screen = app.screen()
        #expect(screen.contains("No families are recorded in this store yet."))
        #expect(screen.contains("signpost demo"))
        #expect(!screen.contains("FICTIONAL"))
    }

    @Test("a new family is added with its first member, and appears at the top of the list")
    func newFamily() throws {
        let app = try TestApplication(kind: .live, families: [])
        app.press(.character("n"))
        app.type("Zephyrine")
        app.press(.tab, .tab, .tab, .right, .tab, .tab)
        app.type("Ottoline")
        app.press(.tab, .tab, .left, .left, .tab)
        app.type("31/04/2020")
        app.press(.control("o"))
        #expect(app.screen().contains("31/04/2020"), "the impossible date is kept for correcting")
        #expect(app.screen().contains("not a day in the calendar"))
        for _ in 0..<10 { app.press(.backspace) }
        app.type("30/04/2020")
        app.press(.control("o"))
        #expect(app.application.top is HomeScreen)
        let page = try app.store.families(FamilyListQuery(limit: 5))
        let added = try #require(page.summaries.first)
        #expect(added.name == "Zephyrine")
        #expect(added.locality == .central)
        #expect(added.members.first?.givenName == "Ottoline")
        #expect(added.members.first?.role == .child)
        #expect(app.screen().contains("Zephyrine"))
    }

    @Test("quitting with unsaved typing asks first")
    func quitAsks() throws {
        let app = try TestApplication()
        app.press(.enter, .character("n"))
        app.type("unsaved")
        app.press(.tab, .tab)
        app.press(.character(":"))
        app.type("quit")
        app.press(.enter)
        #expect(app.application.isRunning)
        #expect(app.screen().contains("Quit Signpost?"))
        app.press(.character("y"))
        #expect(!app.application.isRunning)
    }
}

@Suite("Members")
struct MemberTests {
    @Test("a member added on the family screen is saved with a relationship to another member")
    func addMember() throws {
        let app = try TestApplication(families: [AssessmentEditorTests.family()])
        app.press(.enter, .character("a"))
        #expect(app.application.top is MemberScreen)
        app.type("Otto")
        // Role: child is the first option; the date is the fifth field.
        app.press(.tab, .tab, .tab, .tab)
        app.type("02/02/2026")
        for _ in 0..<10 { app.press(.tab) }
        app.press(.right)  // relationship kind: parent
        app.press(.control("o"))
        #expect(app.application.top is FamilyScreen, "\(app.screen())")
        let family = try #require(try app.store.family("F-1"))
        let otto = try #require(family.members.first { $0.givenName == "Otto" })
        #expect(otto.role == .child)
        #expect(otto.familyName == "Quillfeather")
        #expect(otto.dateOfBirth == (try CalendarDate(iso: "2026-02-02")))
        #expect(family.relationships.contains(Relationship(from: otto.id, kind: .parent, to: "P-m")))
    }

    @Test("typing into a filled-in field replaces its text (no “FizzwickFizzwick”); → first keeps it")
    func typingReplacesFilledField() throws {
        let app = try TestApplication()
        let summary = try #require(try app.store.families(FamilyListQuery(limit: 1)).summaries.first)
        app.press(.enter, .character("a"))
        #expect(app.application.top is MemberScreen)
        app.type("Perpetua")
        app.press(.tab)
        #expect(app.screen().contains(summary.name), "the family name is filled in")
        app.type("Fizzwick")
        app.press(.tab, .tab, .tab, .tab, .tab, .tab)
        app.press(.right)
        app.type(" (Welsh at home)")
        app.press(.control("o"))
        let added = try #require(try app.store.family(summary.id)?.members.first { $0.givenName == "Perpetua" })
        #expect(added.familyName == "Fizzwick")
        #expect(added.firstLanguage == "English (Welsh at home)")
    }

    @Test("editing a member keeps their level history and refuses a date of birth in the future")
    func editMember() throws {
        var family = AssessmentEditorTests.family()
        family.members[1].levelHistory = [
            LevelEntry(level: .earlyHelp, setBy: "x", setAt: TestApplication.now, reason: "r")
        ]
        let app = try TestApplication(families: [family])
        app.press(.enter, .down, .character("e"))
        #expect(app.application.top is MemberScreen)
        app.press(.tab, .tab, .tab, .tab, .control("u"))
        app.type("01/01/2030")
        app.press(.control("o"))
        #expect(app.screen().contains("A date of birth cannot be in the future."))
        app.press(.control("u"))
        app.type("14/03/2021")
        app.press(.tab, .right)  // gender: not-known → next
        app.press(.control("o"))
        #expect(app.application.top is FamilyScreen)
        let ava = try #require(try app.store.family("F-1")?.member("P-a"))
        #expect(ava.dateOfBirth == (try CalendarDate(iso: "2021-03-14")))
        #expect(ava.levelHistory.count == 1)
    }
}

@Suite("Case list filters")
struct CaseListFilterTests {
    @Test("P then a name shows only that lead professional's families; an empty name shows all again")
    func leadFilter() throws {
        let app = try TestApplication()
        let all = try app.store.families(FamilyListQuery(limit: 1000)).totalCount
        app.press(.character("P"))
        app.press(.control("u"))
        app.type("lead Priya")
        app.press(.enter)
        let screen = app.screen()
        #expect(screen.contains("Showing lead Priya"))
        let filtered = try app.store.families(FamilyListQuery(leadProfessional: "Priya", limit: 1000)).totalCount
        #expect(filtered > 0 && filtered < all)
        #expect(screen.contains("of \(filtered)"))
        app.press(.character("P"), .control("u"))
        app.type("lead")
        app.press(.enter)
        #expect(app.screen().contains("of \(all)"))
    }

    @Test("V cycles the level filter and the list keeps only families at that level")
    func levelFilter() throws {
        let app = try TestApplication()
        app.press(.character("V"), .character("V"), .character("V"))
        let screen = app.screen()
        #expect(screen.contains("Showing level 3"))
        let rows = screen.split(separator: "\n").filter {
            $0.contains(" L1 ") || $0.contains(" L2 ") || $0.contains(" L4 ")
        }
        #expect(rows.isEmpty, "\(rows)")
    }
}

@Suite("Mouse")
struct MouseTests {
    @Test("a click on a hint does what its key does; a click on a row selects it")
    func clicks() throws {
        let app = try TestApplication()
        let surface = app.surface()
        let hintRow = surface.lines()[23]
        let column = try #require(hintRow.range(of: "Help")).lowerBound.utf16Offset(in: hintRow)
        app.press(.mouseClick(Point(x: column, y: 23)))
        #expect(app.screen().contains("Keys: Families"))
        app.press(.escape)
        let rows = app.screen().split(separator: "\n", omittingEmptySubsequences: false)
        let third = try #require(rows.indices.first { rows[$0].contains("Family") && rows[$0].contains("Level") }) + 3
        app.press(.mouseClick(Point(x: 5, y: third)), .enter)
        let opened = try #require(app.application.top as? FamilyScreen)
        #expect(rows[third].contains(opened.family?.name ?? "?"))
    }
}
