import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// One record per person (#16) in the interface: the duplicate check, the duplicates list, merging and undo.
@Suite("One record per person")
struct PeopleScreenTests {
    /// Types a new family whose first member is Siobhan Marchbank-Oddly, born 10/05/1990 (on record in ZZ-F-0002).
    private func typeSiobhanAgain(_ app: TestApplication) {
        app.press(.character("n"))
        app.type("Marchbank-Oddly")
        app.press(.tab, .tab, .tab, .tab, .tab)
        app.type("Siobhan")
        app.press(.tab, .tab, .left, .left, .tab)
        app.type("10/05/1990")
        app.press(.control("o"))
    }

    @Test("n for someone already recorded asks first; nothing is added until the practitioner chooses")
    func newFamilyAsks() throws {
        let app = try TestApplication()
        let before = try app.store.info().familyCount
        typeSiobhanAgain(app)
        #expect(try app.store.info().familyCount == before, "an exact duplicate was added with no warning")
        #expect(app.application.top is DuplicateCheckScreen)
        let screen = app.screen()
        #expect(screen.contains("Siobhan Marchbank-Oddly looks like someone already recorded"))
        #expect(screen.contains("(ZZ-F-0002)"))
        // Esc goes back to the form, its typing kept.
        app.press(.escape)
        #expect(app.application.top is NewFamilyScreen)
        #expect(app.screen().contains("10/05/1990"))
        // Adding anyway needs a reason, which is kept on the new record.
        app.press(.control("o"), .character("a"), .control("o"))
        #expect(app.screen().contains("Say why a new record is added"))
        app.type("a different Siobhan, checked with the school")
        app.press(.control("o"))
        #expect(app.application.top is HomeScreen)
        #expect(try app.store.info().familyCount == before + 1)
        let added = try #require(try app.store.families(FamilyListQuery(limit: 1)).summaries.first)
        let family = try #require(try app.store.family(added.id))
        #expect(family.notes.first?.text.hasSuffix(": a different Siobhan, checked with the school") == true)
        #expect(try app.store.auditTrail(family: family.id, limit: 5).contains { $0.action == "add-case-note" })
    }

    @Test("Enter on a possible duplicate opens the existing record and adds nothing")
    func openExisting() throws {
        let app = try TestApplication()
        let before = try app.store.info().familyCount
        typeSiobhanAgain(app)
        app.press(.enter)
        let opened = try #require(app.application.top as? FamilyScreen)
        #expect(opened.family?.id == "ZZ-F-0002")
        #expect(try app.store.info().familyCount == before)
        // The form is still underneath with its typing: nothing was discarded silently.
        app.press(.escape)
        #expect(app.application.top is NewFamilyScreen)
    }

    @Test("adding a member who is already recorded elsewhere asks first, and adds them only with a reason")
    func addMemberAsks() throws {
        let app = try TestApplication()
        app.press(.character(":"))
        app.type("open ZZ-F-0001")
        app.press(.enter)
        let members = try #require(try app.store.family("ZZ-F-0001")).members.count
        app.press(.character("a"))
        app.type("Siobhan")
        app.press(.tab)
        app.type("Marchbank-Oddly")
        app.press(.tab, .tab, .tab)
        app.type("10/05/1990")
        app.press(.control("o"))
        #expect(app.application.top is DuplicateCheckScreen)
        #expect(app.screen().contains("Siobhan Marchbank-Oddly looks like someone already recorded"))
        #expect(try app.store.family("ZZ-F-0001")?.members.count == members)
        app.press(.character("a"))
        app.type("her sister-in-law of the same name")
        app.press(.control("o"))
        #expect(app.application.top is FamilyScreen)
        let family = try #require(try app.store.family("ZZ-F-0001"))
        #expect(family.members.count == members + 1)
        #expect(family.notes.last?.text.hasSuffix(": her sister-in-law of the same name") == true)
    }

    @Test("M lists possible duplicates; merging two families asks first, and the merges list undoes it")
    func mergeAndUndo() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40))
        typeSiobhanAgain(app)
        app.press(.character("a"))
        app.type("recorded before checking")
        app.press(.control("o"))
        let original = try #require(try app.store.family("ZZ-F-0002"))
        app.press(.character("="))
        #expect(app.application.top is DuplicatesScreen)
        #expect(app.screen().contains("Siobhan Marchbank-Oddly"))
        app.press(.enter)
        let merge = try #require(app.application.top as? MergeScreen)
        #expect(app.screen().contains("Keeps (left)"))
        // No reason yet: Ctrl-O asks for one and merges nothing.
        app.press(.control("o"))
        #expect(app.screen().contains("Say why these are one record"))
        app.type("the same household, entered twice")
        app.press(.control("o"))
        #expect(app.screen().contains("Please confirm"))
        app.press(.character("y"))
        #expect(app.application.top !== merge)
        #expect(try app.store.mergeRecords(family: nil, limit: 5).count == 1)
        let record = try #require(try app.store.mergeRecords(family: nil, limit: 1).first)
        #expect(try app.store.family(record.absorbedFamily)?.id == record.survivorFamily)
        app.press(.character("h"))
        #expect(app.application.top is MergesScreen)
        app.press(.character("u"))
        app.type("two households after all")
        app.press(.control("o"))
        #expect(app.screen().contains("Undo merge"))
        app.press(.character("y"))
        #expect(try app.store.mergeRecords(family: nil, limit: 1).first?.undoneAt != nil)
        #expect(try app.store.family("ZZ-F-0002") == original)
    }
}
