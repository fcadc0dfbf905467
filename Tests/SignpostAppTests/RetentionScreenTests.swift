import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The retention review screen (#16), driven by keys as a reviewer would: `R` on the families, `:retention`.
@Suite("Retention review screen")
struct RetentionScreenTests {
    static func day(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }

    /// A household of a parent and two children (the younger born on `youngest`), its one episode closed or open.
    static func family(_ number: Int, _ name: String, youngest: String, closed: Bool = true) -> Family {
        let id = FamilyID("ZZ-F-R\(number)")
        func person(_ index: Int, _ role: PersonRole, _ given: String, _ born: String) -> Person {
            Person(
                id: PersonID("ZZ-P-R\(number)-\(index)"), role: role, givenName: given, familyName: name,
                dateOfBirth: day(born))
        }
        return Family(
            id: id, name: name, locality: .north,
            members: [
                person(1, .parentOrCarer, "Ada", "1972-01-01"), person(2, .child, "Ben", "1997-05-10"),
                person(3, .child, "Cy", youngest),
            ],
            episodes: [
                EarlyHelpEpisode(
                    id: EpisodeID("ZZ-E-R\(number)"), service: "bright-start", openedOn: day("2010-01-01"),
                    closedOn: closed ? day("2012-06-30") : nil, closureReason: closed ? .needsMet : nil)
            ],
            createdAt: Date(timeIntervalSince1970: 1_262_304_000))
    }

    /// Two closed records due (one kept by an earlier review until a day now past), one not yet due, one open.
    static func families() -> [Family] {
        var kept = family(2, "Birchley", youngest: "2000-03-01")
        kept.retentionDecisions = [
            RetentionDecision(
                keptUntil: day("2026-09-01"), reason: "complaint under investigation", by: "pat.manager",
                at: Date(timeIntervalSince1970: 1_750_000_000))
        ]
        return [
            family(1, "Ashdown", youngest: "1999-02-01"), kept, family(3, "Coldharbour", youngest: "2015-04-01"),
            family(4, "Dunmore", youngest: "1998-06-01", closed: false),
        ]
    }

    @Test("R on the families opens the records due, with the policy and why each is due; Esc backs out")
    func opensFromHome() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: Self.families())
        app.press(.character("R"))
        #expect(app.application.top is RetentionScreen)
        let screen = app.screen()
        #expect(screen.contains("kept 6 years after the youngest child turns 18"))
        #expect(screen.contains("Ashdown (ZZ-F-R1)"))
        #expect(screen.contains("Birchley (ZZ-F-R2)"))
        #expect(!screen.contains("Coldharbour"), "not due until 2039")
        #expect(!screen.contains("Dunmore"), "open")
        #expect(screen.contains("Closed on 30/06/2012 · youngest child turns 18 on 01/02/2017 · kept 6 years"))
        app.press(.down)
        #expect(app.screen().contains("Last review: kept"))
        #expect(app.screen().contains("pat.manager: complaint under investigation"))
        app.press(.escape)
        #expect(app.application.top is HomeScreen)
    }

    @Test(":retention opens the same screen, and ? lists its keys")
    func paletteAndHelp() throws {
        let app = try TestApplication(families: Self.families())
        app.press(.character(":"))
        app.type("retention")
        app.press(.enter)
        #expect(app.application.top is RetentionScreen)
        app.press(.character("?"))
        let help = app.screen()
        #expect(help.contains("Keep the record until a day"))
        #expect(help.contains("Erase the whole family after review, or its people"))
    }

    @Test("K keeps the record until a day with a reason: audited, and it leaves the list")
    func keep() throws {
        let app = try TestApplication(families: Self.families())
        app.press(.character("R"), .character("K"))
        #expect(app.application.top is CaseworkFormScreen)
        app.press(.control("o"))
        #expect(app.screen().contains("say why the record is kept"), "a reason is required")
        app.press(.backTab, .control("u"))
        app.type("01/12/2027")
        app.press(.tab)
        app.type("sibling's case still open")
        app.press(.control("o"))
        #expect(app.application.top is RetentionScreen)
        #expect(app.screen().contains("kept until 01/12/2027"))
        #expect(!app.screen().contains("Ashdown (ZZ-F-R1) · 3 people"), "kept: off the list until then")
        let decision = try #require(try app.store.family("ZZ-F-R1")?.retentionDecisions.last)
        #expect(decision.keptUntil == Self.day("2027-12-01"))
        #expect(decision.by == "test.worker")
        #expect(
            try app.store.auditTrail(family: "ZZ-F-R1", limit: 1).first?.summary
                == "retention review: kept until 01/12/2027: sibling's case still open")
    }

    @Test("Ctrl-E erases a reviewed record's people through the erasure screen, the reason filled in, confirmed")
    func eraseAfterReview() throws {
        let app = try TestApplication(families: Self.families())
        app.press(.character("R"), .control("e"))
        #expect(app.application.top is RetentionEraseScreen)
        #expect(app.screen().contains("Cy Ashdown (ZZ-P-R1-3)"))
        app.press(.down, .down, .down, .enter)
        #expect(app.application.top is ErasePersonScreen)
        #expect(app.screen().contains("due since 01/02/2023 (6 years after 18)"), "the review's reason, filled in")
        app.press(.tab)
        app.type("ZZ-P-R1-3")
        app.press(.control("o"))
        #expect(app.screen().contains("Please confirm"))
        #expect(try app.store.family("ZZ-F-R1")?.members.count == 3, "nothing is erased before the last yes")
        app.press(.character("y"))
        #expect(app.application.top is RetentionEraseScreen)
        #expect(!app.screen().contains("Cy Ashdown"))
        #expect(try app.store.family("ZZ-F-R1")?.members.map(\.id) == ["ZZ-P-R1-1", "ZZ-P-R1-2"])
        let entry = try #require(try app.store.auditTrail(family: "ZZ-F-R1", limit: 1).first)
        #expect(entry.action == "erase-person")
        #expect(entry.summary.hasSuffix("retention review: closed record due since 01/02/2023 (6 years after 18)"))
        #expect(!entry.summary.contains("Cy"))
        app.press(.escape)
        #expect(app.application.top is RetentionScreen)
    }

    @Test("the whole family, first in the erase list, goes after its id is typed and a last yes, and leaves every list")
    func eraseWholeFamilyAfterReview() throws {
        let app = try TestApplication(families: Self.families())
        app.press(.character("R"), .control("e"))
        #expect(app.screen().contains("The whole family (ZZ-F-R1): 3 people and everything about them"))
        app.press(.enter)
        #expect(app.application.top is EraseFamilyScreen)
        #expect(app.screen().contains("due since 01/02/2023 (6 years after 18)"), "the review's reason, filled in")
        app.press(.tab)
        app.type("ZZ-F-R2")
        app.press(.control("o"))
        #expect(app.screen().contains("type ZZ-F-R1 exactly"), "another family's id does not confirm")
        app.press(.control("u"))
        for _ in 0..<7 { app.press(.backspace) }
        app.type("ZZ-F-R1")
        app.press(.control("o"))
        #expect(app.screen().contains("Please confirm"))
        #expect(try app.store.family("ZZ-F-R1") != nil, "nothing is erased before the last yes")
        app.press(.character("y"))
        #expect(app.application.top is RetentionScreen)
        #expect(try app.store.family("ZZ-F-R1") == nil)
        #expect(!app.screen().contains("Ashdown"))
        #expect(app.screen().contains("Birchley"))
        let entry = try #require(try app.store.auditTrail(family: "ZZ-F-R1", limit: 1).first)
        #expect(entry.action == "erase-family")
        #expect(entry.summary.hasPrefix("erased family ZZ-F-R1 (3 members, 1 episode): retention review"))
        app.press(.escape)
        #expect(!app.screen().contains("Ashdown"), "gone from the families list too")
    }

    @Test("a family's last person is erased only with the whole family")
    func lastPersonGoesOnlyWithTheFamily() throws {
        var lone = Self.family(1, "Ashdown", youngest: "1999-02-01")
        lone.members = [lone.members[2]]
        let app = try TestApplication(families: [lone])
        app.press(.character("R"), .control("e"), .down, .enter)
        #expect(app.application.top is RetentionEraseScreen)
        #expect(app.screen().contains("erase the whole family instead"))
        #expect(try app.store.family("ZZ-F-R1")?.members.count == 1)
    }

    @Test("the populated screen matches its snapshot", arguments: ScreenSnapshotTests.sizes)
    func snapshot(size: Size) throws {
        let app = try TestApplication(size: size, families: Self.families())
        app.press(.character("R"), .down)
        let mismatch = Snapshot.mismatch(app.screen(), named: "retention-due.\(size.width)x\(size.height)")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }
}
