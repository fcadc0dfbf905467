import Foundation
import SignpostDomain
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The Supporting Families outcomes screen (`U` on the family screen), driven by keys without a terminal (#17).
@Suite("Supporting Families screen")
struct SupportingFamiliesScreenTests {
    /// A family first recorded in 2025 with no needs identified.
    static func family() -> Family {
        Family(
            id: "F-SF1", name: "Quibbleston", locality: .north,
            members: [Person(id: "P-sf1", role: .child, givenName: "Wren", familyName: "Quibbleston")],
            createdAt: LondonTime.start(of: try! CalendarDate(iso: "2025-01-06")))
    }

    static func open() throws -> TestApplication {
        let app = try TestApplication(families: [Self.family()])
        app.press(.enter, .character("U"))
        return app
    }

    @Test("U opens the ten areas, each marked in words; a adds a need and three make the family count")
    func addNeeds() throws {
        let app = try Self.open()
        #expect(app.application.top is SupportingFamiliesScreen)
        var screen = app.screen()
        #expect(screen.contains("0 of 10 areas identified: does not meet the criteria yet (3 or more needed)"))
        #expect(screen.contains("> [ ] Good education"))
        #expect(screen.contains("[ ] Financial stability"))
        app.press(.character("a"))
        #expect(app.application.top is CaseworkFormScreen)
        app.press(.control("o"))
        screen = app.screen()
        #expect(app.application.top is SupportingFamiliesScreen, "\(screen)")
        #expect(screen.contains("[N] Good education"))
        #expect(screen.contains("need since 23/11/2026"))
        for _ in 0..<2 {
            app.press(.down, .character("a"), .control("o"))
        }
        screen = app.screen()
        #expect(
            screen.contains("3 of 10 areas identified: MEETS the criteria (3 or more) since 23/11/2026"), "\(screen)")
        #expect(screen.contains("[N] Early years development"))
        #expect(screen.contains("[N] Mental & physical health"))
        let audit = try app.store.auditTrail(family: "F-SF1", limit: 1)
        #expect(audit.first?.action == "identify-sf-need")
        #expect(audit.first?.summary.contains("by test.worker") == true)
    }

    @Test("an outcome needs its evidence, and is not found sustained before six months: each refusal on its field")
    func refusals() throws {
        let app = try Self.open()
        app.press(.character("a"), .control("o"))
        app.press(.character("o"), .control("o"))
        #expect(app.application.top is CaseworkFormScreen)
        #expect(app.screen().contains("give the evidence that the outcome was achieved"))
        // The refusal put the cursor on the evidence field.
        app.type("Attendance 97% this term")
        app.press(.control("o"))
        var screen = app.screen()
        #expect(app.application.top is SupportingFamiliesScreen, "\(screen)")
        #expect(screen.contains("[A] Good education"))
        #expect(screen.contains("check due 23/05/2027"))
        app.press(.character("c"), .control("o"))
        screen = app.screen()
        #expect(app.application.top is CaseworkFormScreen)
        #expect(
            screen.contains("an outcome is sustained once it has lasted six months: the check is due on"), "\(screen)")
        app.press(.escape)
        #expect(
            try app.store.family("F-SF1")?.outcomeStatus(.goodEducation)
                == .achieved(checkDue: try CalendarDate(iso: "2027-05-23")))
    }

    @Test("a date in the future is refused and nothing is saved")
    func futureDate() throws {
        let app = try Self.open()
        app.press(.character("a"), .tab)
        for _ in 0..<10 { app.press(.backspace) }
        app.type("01/01/2027")
        app.press(.control("o"))
        #expect(app.application.top is CaseworkFormScreen)
        #expect(app.screen().contains("01/01/2027 is in the future"))
        #expect(try app.store.family("F-SF1")?.supportingFamiliesNeeds.isEmpty == true)
    }

    @Test("the fixture family with sustained outcomes shows its progress and the detail of the selected area")
    func fixtureProgress() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40))
        let screen = try ScreenSnapshot.render(
            .supportingFamilies, family: "ZZ-F-0020", size: app.size, environment: app.environment)
        #expect(screen.contains("Significant and sustained progress: YES, on 07/09/2026"), "\(screen)")
        #expect(screen.contains("[S] Getting a good education"))
        #expect(screen.contains("Attendance 96% over the spring term"))
    }

    @Test("the hint bar shows the screen's three main keys, a o c, whatever area is selected, beside Help")
    func hintBarShowsMainKeys() throws {
        let app = try Self.open()
        let hintBar = { app.screen().split(separator: "\n").last.map(String.init) ?? "" }
        for expected in ["a Need", "o Achieved", "c Check", "?/F1 Help"] {
            #expect(hintBar().contains(expected), "\(hintBar())")
        }
        app.press(.character("o"))
        #expect(app.application.top is SupportingFamiliesScreen, "no form that could not be saved")
        #expect(app.screen().contains("identify getting a good education as a need first: press a"))
        app.press(.character("a"), .control("o"))
        #expect(hintBar().contains("o Achieved") && hintBar().contains("a Need"), "\(hintBar())")
    }
}
