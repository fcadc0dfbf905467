import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// "Edit combined" on the conflicts screen, for each kind of field: drawn and driven without a terminal.
@Suite("Combining a conflict on screen")
struct ConflictCombiningScreenTests {
    /// A conflict on `field` of the first fixture family: Sam (this login) pushed `mine`, Kim's `theirs` stands.
    static func conflict(
        _ family: Family, edits: String = "update-family", record: String? = nil, field: String, mine: JSONValue,
        theirs: JSONValue
    ) -> TeamConflict {
        TeamConflict(
            id: 8, family: family.id, record: record ?? family.id.rawValue, edits: edits, field: field,
            serverValue: theirs, serverAuthor: "kim", serverChangedAt: SyncInterfaceTests.nineTwelve,
            pushedValue: mine, pushedAuthor: "sam", pushedAt: SyncInterfaceTests.nineFiftyEight)
    }

    static let mineAddress = Address(lines: ["Flat 2", "12 Example Road"], postcode: "N7 0ZZ")
    static let theirAddress = Address(lines: ["12 Example Road", "Holloway"], postcode: "N7 0ZY")

    /// The conflicts screen over one conflict made by `make` from the first fixture family.
    static func screen(size: Size, _ make: (Family) throws -> TeamConflict) throws -> (
        TestApplication, Application, Family
    ) {
        let test = try TestApplication(size: size)
        let family = try SyncInterfaceTests.firstFamily(test)
        var status = SyncStatus(connection: .online(syncedAt: SyncInterfaceTests.nineFiftyEight), login: "sam")
        status.conflicts = [try make(family)]
        let (_, application, _) = try SyncInterfaceTests.application(status, size: size, over: test)
        application.handle(.character("Y"), size: size)
        return (test, application, family)
    }

    static func render(_ application: Application, size: Size) -> (text: String, cursor: Point?) {
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        return (surface.text(), surface.cursor)
    }

    static func type(_ text: String, into application: Application, size: Size) {
        for character in text { application.handle(.character(character), size: size) }
    }

    static func addressConflict(_ family: Family) throws -> TeamConflict {
        conflict(
            family, field: "address", mine: try JSONValue(encoding: mineAddress),
            theirs: try JSONValue(encoding: theirAddress))
    }

    static func languagesConflict(_ family: Family) -> TeamConflict {
        conflict(
            family, field: "languages", mine: .array(["English", "Polish"]), theirs: .array(["English", "Somali"]))
    }

    @Test(
        "the address editor: a part per line and the postcode, mine in the fields, theirs beside",
        arguments: ScreenSnapshotTests.sizes)
    func addressEditorSnapshot(size: Size) throws {
        let (_, application, _) = try Self.screen(size: size, Self.addressConflict)
        application.handle(.character("e"), size: size)
        let (text, cursor) = Self.render(application, size: size)
        #expect(text.contains("theirs: Holloway"), "\(text)")
        #expect(text.contains("Postcode"))
        let row = try #require(
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Line 1") })
        #expect(cursor?.y == row, "the hardware cursor is in the first line's field")
        #expect(KeyMeaningTests.conflicts(on: application) == [])
        let mismatch = Snapshot.mismatch(text, named: "conflict-combine-address.\(size.width)x\(size.height)")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("a postcode that is not one is refused, the editor keeps what was typed, then a good one saves")
    func addressRefusedThenSaved() throws {
        let size = Size(width: 80, height: 24)
        let (test, application, family) = try Self.screen(size: size, Self.addressConflict)
        let before = try test.store.family(family.id)?.address
        application.handle(.character("e"), size: size)
        application.handle(.tab, size: size)
        application.handle(.tab, size: size)
        Self.type("Holloway", into: application, size: size)
        application.handle(.tab, size: size)
        Self.type("N7", into: application, size: size)
        application.handle(.enter, size: size)
        let (refused, cursor) = Self.render(application, size: size)
        #expect(refused.contains("Error: “N7” is not a UK postcode"), "\(refused)")
        let postcodeRow = refused.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("Postcode")
        }
        #expect(cursor?.y == postcodeRow, "the cursor goes back to the postcode")
        #expect(try test.store.family(family.id)?.address == before, "nothing is saved")
        application.handle(.control("t"), size: size)
        #expect(Self.render(application, size: size).text.contains("Postcode    N7 0ZY"), "Ctrl-T puts theirs here")
        application.handle(.enter, size: size)
        #expect(
            Self.render(application, size: size).text.contains("“Flat 2, 12 Example Road, Holloway, N7"),
            "the confirmation reads the address in words")
        application.handle(.enter, size: size)
        #expect(
            try test.store.family(family.id)?.address
                == Address(lines: ["Flat 2", "12 Example Road", "Holloway"], postcode: "N7 0ZY"))
    }

    @Test("the list editor: mine, then both with whose each is", arguments: ScreenSnapshotTests.sizes)
    func listEditorSnapshot(size: Size) throws {
        let (_, application, _) = try Self.screen(size: size) { Self.languagesConflict($0) }
        application.handle(.character("e"), size: size)
        application.handle(.character("b"), size: size)
        let (text, cursor) = Self.render(application, size: size)
        #expect(text.contains("Somali  (theirs)"), "\(text)")
        #expect(text.contains("English  (both)"))
        let row = try #require(
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("English  (both)") })
        #expect(cursor?.y == row, "the hardware cursor is on the highlighted item")
        #expect(KeyMeaningTests.conflicts(on: application) == [])
        let mismatch = Snapshot.mismatch(text, named: "conflict-combine-list.\(size.width)x\(size.height)")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("both, remove one, add one, save: the languages are the list as edited")
    func listCombined() throws {
        let size = Size(width: 80, height: 24)
        let (test, application, family) = try Self.screen(size: size) { Self.languagesConflict($0) }
        application.handle(.character("e"), size: size)
        application.handle(.character("b"), size: size)
        application.handle(.down, size: size)
        application.handle(.character("x"), size: size)
        application.handle(.tab, size: size)
        #expect(KeyMeaningTests.conflicts(on: application) == [], "adding an item binds each key once")
        Self.type("Arabic", into: application, size: size)
        application.handle(.enter, size: size)
        application.handle(.control("o"), size: size)
        #expect(Self.render(application, size: size).text.contains("“English, Somali, Arabic”"))
        application.handle(.enter, size: size)
        #expect(try test.store.family(family.id)?.languages == ["English", "Somali", "Arabic"])
    }

    @Test("emptying the languages is refused, and nothing is lost")
    func listRefused() throws {
        let size = Size(width: 80, height: 24)
        let (test, application, family) = try Self.screen(size: size) { Self.languagesConflict($0) }
        let before = try test.store.family(family.id)?.languages
        application.handle(.character("e"), size: size)
        application.handle(.character("x"), size: size)
        application.handle(.character("x"), size: size)
        application.handle(.control("o"), size: size)
        #expect(Self.render(application, size: size).text.contains("Keep at least one language"))
        #expect(try test.store.family(family.id)?.languages == before)
        #expect(application.top is ConflictsScreen && (application.top as? ConflictsScreen)?.editor != nil)
    }

    @Test("a choice offers only the valid values, mine highlighted, and saves the one picked")
    func choice() throws {
        let size = Size(width: 80, height: 24)
        let (test, application, family) = try Self.screen(size: size) { family in
            Self.conflict(
                family, edits: "update-person", record: family.members[0].id.rawValue, field: "gender",
                mine: "not-known", theirs: "female")
        }
        application.handle(.character("e"), size: size)
        let (text, cursor) = Self.render(application, size: size)
        #expect(text.contains("(•) Not known (mine)"), "\(text)")
        #expect(text.contains("( ) Female (theirs)"))
        let row = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("Not known (mine)")
        }
        #expect(cursor?.y == row)
        application.handle(.down, size: size)
        application.handle(.enter, size: size)
        #expect(Self.render(application, size: size).text.contains("“Not stated”"))
        application.handle(.enter, size: size)
        #expect(try test.store.family(family.id)?.members[0].gender == .notStated)
    }

    @Test("a date that is not real is refused naming the field; the typing stays")
    func date() throws {
        let size = Size(width: 80, height: 24)
        let (test, application, family) = try Self.screen(size: size) { family in
            Self.conflict(
                family, edits: "update-person", record: family.members[0].id.rawValue, field: "dateOfBirth",
                mine: "1990-05-02", theirs: "1990-05-03")
        }
        let before = try test.store.family(family.id)?.members[0].dateOfBirth
        application.handle(.character("e"), size: size)
        Self.type("31/02/1990", into: application, size: size)
        application.handle(.enter, size: size)
        let refused = Self.render(application, size: size).text
        #expect(refused.contains("Error: The date of birth “31/02/1990” is not a real date"), "\(refused)")
        #expect(refused.contains("31/02/1990"))
        #expect(try test.store.family(family.id)?.members[0].dateOfBirth == before)
    }

    @Test("a field that cannot be combined says so and offers keep mine or take theirs")
    func cannotCombine() throws {
        let size = Size(width: 80, height: 24)
        let (_, application, _) = try Self.screen(size: size) { family in
            Self.conflict(
                family, edits: "update-person", record: family.members[0].id.rawValue, field: "relationships",
                mine: .array([]), theirs: .array([]))
        }
        let text = Self.render(application, size: size).text
        #expect(text.contains("Not offered: The relationships are answered together"), "\(text)")
        let flat = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(flat.contains("Keep mine (m) or take theirs (t), then edit the record."), "wrapped in full: \(text)")
        #expect(!(text.split(separator: "\n").last ?? "").contains("Edit combined"), "e is not offered")
        application.handle(.character("e"), size: size)
        #expect((application.top as? ConflictsScreen)?.editor == nil)
    }

    @Test("Esc after a change asks first; Keep editing keeps what was typed")
    func escapeAsks() throws {
        let size = Size(width: 80, height: 24)
        let (_, application, _) = try Self.screen(size: size) { Self.languagesConflict($0) }
        application.handle(.character("e"), size: size)
        application.handle(.character("b"), size: size)
        application.handle(.escape, size: size)
        #expect(Self.render(application, size: size).text.contains("Drop the combined value you made?"))
        application.handle(.escape, size: size)
        let kept = Self.render(application, size: size).text
        #expect(kept.contains("Somali  (theirs)"), "\(kept)")
        application.handle(.escape, size: size)
        application.handle(.character("y"), size: size)
        #expect((application.top as? ConflictsScreen)?.editor == nil)
    }

    @Test("help lists the editor's keys from the same registry as the hint bar")
    func helpFromRegistry() throws {
        let size = Size(width: 120, height: 40)
        let (_, application, _) = try Self.screen(size: size) { Self.languagesConflict($0) }
        application.handle(.character("e"), size: size)
        let hints = Self.render(application, size: size).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(hints.contains("b Both"), "\(hints)")
        application.handle(.character("?"), size: size)
        let help = Self.render(application, size: size).text
        #expect(help.contains("Every language of both lists, mine first, each once"), "\(help)")
    }

    @Test("long text: both values stay readable in full, wrapped, while the combined value is typed")
    func longTextReadable() throws {
        let size = Size(width: 80, height: 24)
        let mine = "Call Marta's mobile only, after 4pm on weekdays; never leave a voicemail naming the service"
        let theirs = "Call the grandmother's landline first; Marta's mobile is shared with her partner, so no texts"
        let (_, application, _) = try Self.screen(size: size) { family in
            Self.conflict(family, field: "accessNotes", mine: .string(mine), theirs: .string(theirs))
        }
        application.handle(.character("e"), size: size)
        Self.type("Landline first", into: application, size: size)
        let (text, cursor) = Self.render(application, size: size)
        let flat = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(flat.contains(mine), "\(text)")
        #expect(flat.contains(theirs), "\(text)")
        let row = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("Combined") && $0.contains("Landline first")
        }
        #expect(cursor?.y == row, "the hardware cursor is in the combined value")
    }

    @Test("a long pick list (ethnicity) scrolls to mine and keeps the highlight on screen")
    func longChoiceList() throws {
        let size = Size(width: 80, height: 24)
        let (test, application, family) = try Self.screen(size: size) { family in
            Self.conflict(
                family, edits: "update-person", record: family.members[0].id.rawValue, field: "ethnicity",
                mine: "REFU", theirs: "WBRI")
        }
        application.handle(.character("e"), size: size)
        let (text, cursor) = Self.render(application, size: size)
        #expect(text.contains("(•) Refused (mine)"), "\(text)")
        let row = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("Refused (mine)")
        }
        #expect(cursor?.y == row)
        application.handle(.down, size: size)
        #expect(Self.render(application, size: size).text.contains("(•) Information not yet obtained"))
        application.handle(.enter, size: size)
        application.handle(.enter, size: size)
        #expect(try test.store.family(family.id)?.members[0].ethnicity == .notObtained)
    }
}
