import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The navigator screen: one question at a time, answers from the record marked, outcome cards, saving, the map.
@Suite("Navigator screen")
struct NavigatorScreenTests {
    /// Marta (adult, level 2) and Ava (3, level 2), with consent to early help in force.
    static func brightStartFamily() throws -> Family {
        let level = { (level: NeedLevel) in
            LevelEntry(level: level, setBy: "hub.worker", setAt: TestApplication.now, reason: "at the last review")
        }
        let marta = Person(
            id: "P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true,
            levelHistory: [level(.earlyHelp)])
        let ava = Person(
            id: "P-ava", role: .child, givenName: "Ava", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "2023-06-14"), levelHistory: [level(.earlyHelp)])
        return Family(
            id: "F-NAV1", name: "Wrenfold", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [marta, ava],
            relationships: [Relationship(from: "P-marta", kind: .parent, to: "P-ava")],
            consents: [
                ConsentRecord(
                    id: "C-1", givenBy: "Marta Wrenfold", givenOn: try CalendarDate(iso: "2026-10-01"),
                    scope: "early help for Ava", recordedBy: "hub.worker")
            ])
    }

    /// Answers every question the screen asks with the answer whose value is `value` (else the last answer).
    static func answerAll(_ app: TestApplication, with value: String) throws {
        var guardrail = 60
        while let navigator = app.application.top as? NavigatorScreen, let pending = navigator.walk.pendingQuestion,
            guardrail > 0
        {
            let index = pending.question.answers.firstIndex { $0.value == value } ?? pending.question.answers.count - 1
            app.press(.character(Character(String(index + 1))))
            guardrail -= 1
        }
        #expect(guardrail > 0, "the walk never finished")
    }

    @Test("N on a family starts from its record: ages, levels and consent are answered and marked as such")
    func fromFamilyRecord() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.brightStartFamily()])
        app.press(.enter)
        #expect(app.application.top is FamilyScreen)
        app.press(.character("N"))
        let navigator = try #require(app.application.top as? NavigatorScreen)
        #expect(app.screen().contains("Is this person in immediate danger?"))
        #expect(app.screen().contains("About Marta Wrenfold"))
        try Self.answerAll(app, with: "no")
        let steps = navigator.walk.steps
        #expect(steps.contains { $0.node == "adult-level" && $0.source == .situation && $0.value == "2" })
        #expect(steps.contains { $0.node == "early-help-consent" && $0.source == .situation && $0.value == "given" })
        #expect(steps.contains { $0.node == "early-help-age" && $0.source == .situation && $0.value == "under-5" })
        #expect(
            !steps.contains { $0.source == .practitioner && $0.node == "child-level" }, "the record's level is used")
        let screen = app.screen()
        #expect(screen.contains("Where to go"))
        #expect(screen.contains("Bright Start"))
        #expect(screen.contains("For: Ava Wrenfold"))
        #expect(screen.contains("[from the record]"), "the trail marks answers that came from the record")
        #expect(screen.contains("Why (Ava Wrenfold)"))
    }

    @Test("s saves the outcome on the family after asking: a referral per service and a case note saying why")
    func saveOutcome() throws {
        let app = try TestApplication(families: [try Self.brightStartFamily()])
        app.press(.enter, .character("N"))
        try Self.answerAll(app, with: "no")
        app.press(.character("s"))
        #expect(app.screen().contains("Save on the Wrenfold family"))
        app.press(.character("y"))
        let family = try #require(try app.store.family("F-NAV1"))
        let brightStart = try #require(family.referrals.first { $0.service == "bright-start" })
        #expect(brightStart.people == ["P-ava"])
        #expect(brightStart.consent == .given)
        #expect(brightStart.madeBy == "test.worker")
        #expect(brightStart.reason.contains("Ava Wrenfold"))
        let note = try #require(family.notes.first { $0.text.hasPrefix("Navigator outcome") })
        #expect(note.text.contains("Bright Start"))
        #expect(note.author == "test.worker")
        let audit = try app.store.auditTrail(family: "F-NAV1", limit: 10)
        #expect(audit.contains { $0.action == "add-referral" })
        #expect(
            !app.application.frameKeys(for: try #require(app.application.top as? NavigatorScreen)).hintBindings
                .contains { $0.hint == "Save to family" }, "an outcome is saved once")
    }

    @Test("b takes back the last answer given; answers from the record are not asked again")
    func backAndRestart() throws {
        let app = try TestApplication(families: [try Self.brightStartFamily()])
        app.press(.enter, .character("N"))
        let navigator = try #require(app.application.top as? NavigatorScreen)
        app.press(.character("2"))  // Marta is not in immediate danger
        let afterOne = navigator.walk.steps.count
        #expect(navigator.walk.pendingQuestion?.question.id != "immediate-danger")
        app.press(.character("b"))
        #expect(navigator.walk.pendingQuestion?.question.id == "immediate-danger")
        #expect(navigator.walk.steps.count < afterOne)
        app.press(.character("2"), .character("r"))
        #expect(navigator.walk.pendingQuestion?.question.id == "immediate-danger")
        #expect(!navigator.walk.steps.contains { $0.source == .practitioner })
    }

    @Test("from the home screen it asks who the contact is about, and p adds another person to the walk")
    func withoutFamily() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40))
        app.press(.character("N"))
        let navigator = try #require(app.application.top as? NavigatorScreen)
        #expect(app.screen().contains("Who is the contact about?"))
        app.press(.character("2"))  // an unborn baby
        #expect(navigator.walk.situation.people.map(\.unborn) == [true])
        try Self.answerAll(app, with: "no")
        // Not in danger, no safeguarding concern: the level is asked, since nothing is on record.
        #expect(navigator.walk.steps.contains { $0.node == "child-level" && $0.source == .practitioner })
        app.press(.character("p"))
        #expect(app.screen().contains("Who else is the contact about?"))
        app.press(.character("3"))  // an adult
        #expect(navigator.walk.situation.people.count == 2)
        #expect(navigator.walk.pendingQuestion?.question.id == "immediate-danger")
        #expect(navigator.walk.pendingQuestion?.person?.role == .adult)
        // Back before answering anything for the adult removes them and asks "who" again.
        app.press(.character("b"))
        #expect(navigator.walk.situation.people.count == 1)
        #expect(app.screen().contains("Who else is the contact about?"))
    }

    @Test("out of hours the outcome says the service is closed and names the alternative to use now")
    func outOfHours() throws {
        let family = try Self.brightStartFamily()
        var test = try TestApplication(families: [family])
        // 19:30 on a Monday in November (GMT).
        let evening = Date(timeIntervalSince1970: 1_795_462_200)
        let environment = AppEnvironment(
            store: test.store, storeLocation: "/tmp/x", storeKind: .demonstration, practitioner: "test.worker",
            theme: .monochrome, clock: { evening })
        test.size = Size(width: 120, height: 60)
        let application = Application(environment: environment)
        application.handle(.enter, size: test.size)
        application.handle(.character("N"), size: test.size)
        // Ava is in immediate danger: 999, then the Emergency Duty Team because CSCT is closed.
        application.handle(.character("2"), size: test.size)  // Marta: not in danger
        var guardrail = 40
        while let navigator = application.top as? NavigatorScreen, let pending = navigator.walk.pendingQuestion,
            guardrail > 0
        {
            let wanted = pending.person?.id == "P-ava" && pending.question.id == "immediate-danger" ? "yes" : "no"
            let index = pending.question.answers.firstIndex { $0.value == wanted } ?? 0
            application.handle(.character(Character(String(index + 1))), size: test.size)
            guardrail -= 1
        }
        let surface = MemorySurface(size: test.size)
        application.render(on: surface)
        let screen = surface.text()
        #expect(screen.contains("Emergency services"))
        #expect(screen.contains("Emergency Duty Team"))
        #expect(!screen.contains("Children's Services Contact Team (CSCT) — IMMEDIATE"))
    }

    @Test("the map draws the whole pathway with the question being asked marked, not by colour alone")
    func mapMarksCurrentQuestion() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.brightStartFamily()])
        app.press(.enter, .character("N"), .character("2"), .character("z"))
        let map = try #require(app.application.top as? NavigatorMapScreen)
        let current = try #require(map.lines.first { $0.isCurrent })
        #expect(current.text.contains("?"))
        #expect(map.lines.contains { $0.text.contains("◆") }, "the answer given is marked")
        #expect(map.lines.contains { $0.text.contains("↑ see above") }, "shared nodes are drawn once")
        let screen = app.screen()
        #expect(screen.contains("▶"))
        #expect(
            app.surface().cursor?.y
                == screen.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.contains("▶") })
        app.press(.escape)
        #expect(app.application.top is NavigatorScreen)
    }
}
