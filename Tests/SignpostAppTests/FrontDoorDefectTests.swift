import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// What the front door records is exactly what was said and decided (issue #10, defects 1-6, 11 and 13).
@Suite("Front door: what is recorded is what was said and decided")
struct FrontDoorDefectTests {
    /// Marta (level 2 on record) and Ava (3, no level yet), no consent on file, nothing open.
    static func family(openToBrightStart: Bool = false) throws -> Family {
        let marta = Person(
            id: "P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true,
            levelHistory: [
                LevelEntry(level: .earlyHelp, setBy: "hub.worker", setAt: TestApplication.now, reason: "last review")
            ])
        let ava = Person(
            id: "P-ava", role: .child, givenName: "Ava", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "2023-06-14"))
        var family = Family(
            id: "F-DEF1", name: "Wrenfold", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [marta, ava],
            relationships: [Relationship(from: "P-marta", kind: .parent, to: "P-ava")])
        if openToBrightStart {
            family.referrals = [
                Referral(
                    id: "R-OPEN1", service: "bright-start", people: ["P-ava"], madeAt: TestApplication.now,
                    madeBy: "hub.worker", consent: .given, urgency: .routine, status: .accepted, contact: nil,
                    reason: "earlier")
            ]
        }
        return family
    }

    /// Answers every question of the navigator on top of `app` as the consent tests need: early-help
    /// consent given, the child at level 2, and "no" to the rest (the last answer where "no" is not one),
    /// until the walk has no question left; 60 answers at most, so a walk that never ends fails its test
    /// rather than hanging it.
    static func answerNavigatorGivingConsent(_ app: TestApplication) {
        var guardrail = 60
        while let navigator = app.application.top as? NavigatorScreen, let pending = navigator.walk.pendingQuestion,
            guardrail > 0
        {
            let wanted =
                pending.question.id == "early-help-consent"
                ? "given" : (pending.question.id == "child-level" ? "2" : "no")
            let index = pending.question.answers.firstIndex { $0.value == wanted } ?? pending.question.answers.count - 1
            app.press(.character(Character(String(index + 1))))
            guardrail -= 1
        }
    }

    /// Caller, Ava (or the whole family with `wholeFamily`), early development ticked: the route step is next.
    static func callUpToLevel(_ app: TestApplication, caller: String, wholeFamily: Bool = false) {
        app.press(.control("n"))
        app.type("ava wrenfold")
        app.press(wholeFamily ? .control("f") : .enter, .control("n"))
        app.type("\(caller) says Ava is not talking yet.")
        app.press(.tab)
        if wholeFamily { app.press(.right) }  // Marta comes first; the concern is Ava's
        app.type("early")
        app.press(.enter, .control("n"))
    }

    @Test("defect 1: the next call after Ctrl-O starts every step fresh: its words go into its own words field")
    func nextCallStartsFresh() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.press(.character("c"))
        app.type("First caller")
        Self.callUpToLevel(app, caller: "First caller")
        app.press(.tab)  // the level step's focus left on the indicators
        app.press(.control("n"), .right, .control("n"), .control("o"))
        let triage = try #require(app.application.top as? TriageScreen)
        #expect(triage.draft.step == .caller)
        #expect(try app.store.family("F-DEF1")?.contacts.count == 1)

        app.type("Second caller")
        app.press(.control("n"))
        app.type("ava wrenfold")
        app.press(.enter, .control("n"))
        app.type("Second words")
        #expect(triage.draft.words == "Second words", "the second call's words land in its own words field")
        app.press(.control("n"), .character(" "))
        #expect(triage.draft.people.allSatisfy { $0.indicators.isEmpty }, "a space on the level step ticks nothing")
    }

    @Test("defect 2: resuming a draft keeps the level reason, shown and not overwritten")
    func resumeKeepsLevelReason() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        let draft = ContactDraft(
            id: "D-RESUME1", practitioner: "test.worker", startedAt: TestApplication.now, step: .level,
            caller: Caller(name: "Ms Adeyemi"), family: "F-DEF1", familyName: "Wrenfold",
            people: [DraftPerson(id: "P-ava", isNew: false, givenName: "Ava", familyName: "Wrenfold", role: .child)],
            levels: [DraftLevel(person: "P-ava", level: .complex, suggested: .universal, reason: "Mum cannot cope")])
        try app.store.saveDraft(draft)
        app.press(.character("D"), .enter)
        let triage = try #require(app.application.top as? TriageScreen)
        #expect(app.screen().contains("Mum cannot cope"))
        app.press(.down)
        #expect(triage.draft.levels.first?.reason == "Mum cannot cope")
        app.press(.tab, .tab)
        app.type(".")
        #expect(triage.draft.levels.first?.reason == "Mum cannot cope.", "typing adds to the reason")
    }

    @Test("defect 3: recording changes only the levels decided in this contact; the message says who changes")
    func untouchedLevelsKept() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.press(.character("c"))
        app.type("Teacher")
        Self.callUpToLevel(app, caller: "Teacher", wholeFamily: true)
        app.press(.control("n"), .right, .control("n"), .control("o"))
        let saved = try #require(try app.store.family("F-DEF1"))
        #expect(saved.contacts.count == 1)
        #expect(saved.member("P-marta")?.currentLevel == .earlyHelp, "Marta keeps the level on record")
        #expect(saved.member("P-marta")?.levelHistory.count == 1, "nothing is recorded for Marta")
        #expect(saved.member("P-ava")?.currentLevel == .earlyHelp, "Ava's level comes from her concerns")
        let screen = app.screen()
        #expect(screen.contains("(1 referral); Ava to L2."), "\(screen)")
        #expect(!screen.contains("Marta to"), "\(screen)")
    }

    @Test("defect 4: consent answered on the contact's route step is what the stored referral carries")
    func routeConsentAnswerIsStored() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.press(.character("c"))
        app.type("Teacher")
        Self.callUpToLevel(app, caller: "Teacher")
        app.press(.control("n"), .control("n"))  // consent not asked on its step
        #expect(app.screen().contains("agreed to early help?"))
        let triage = try #require(app.application.top as? TriageScreen)
        let pending = try #require(triage.walk?.pendingQuestion)
        let given = try #require(pending.question.answers.firstIndex { $0.value == "given" })
        app.press(.character(Character(String(given + 1))))
        #expect(app.screen().contains("given"), "the card shows the consent answered")
        #expect(!app.screen().contains("not known"))
        app.press(.control("o"))
        let saved = try #require(try app.store.family("F-DEF1"))
        let referral = try #require(saved.referrals.first { $0.service == "bright-start" })
        #expect(referral.consent == .given)
        let audit = try app.store.auditTrail(family: "F-DEF1", limit: 50)
        #expect(audit.contains { $0.action == "add-referral" && $0.summary.lowercased().contains("given") })
    }

    @Test("defect 4: consent answered in the navigator from a family is shown on the cards and saved")
    func navigatorConsentAnswerIsStored() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.press(.enter, .character("N"))
        Self.answerNavigatorGivingConsent(app)
        let screen = app.screen()
        #expect(screen.contains("Bright Start"), "\(screen)")
        #expect(screen.contains("needed before referring (given)"), "\(screen)")
        app.press(.character("s"), .character("y"))
        let saved = try #require(try app.store.family("F-DEF1"))
        let referral = try #require(saved.referrals.first { $0.service == "bright-start" })
        #expect(referral.consent == .given)
    }

    @Test("defect 5: consent taken in a contact is stored on the family: who gave it, for what, when")
    func consentIsRecorded() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.press(.character("c"))
        app.type("Teacher")
        Self.callUpToLevel(app, caller: "Teacher")
        app.press(.control("n"), .right, .tab)
        app.type("mother, on the phone")
        app.press(.control("n"), .control("o"))
        let saved = try #require(try app.store.family("F-DEF1"))
        let consent = try #require(saved.consents.first)
        #expect(consent.givenBy == "mother, on the phone")
        #expect(consent.decision == .given)
        #expect(consent.givenOn == app.environment.today)
        #expect(consent.scope.lowercased().contains("early help"))
        #expect(consent.recordedBy == "test.worker")
        #expect(saved.consentOnFile(on: app.environment.today) == .given)
    }

    @Test("defect 6: the same draft cannot be recorded twice, and recording it retires the draft")
    func draftRecordedOnce() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.press(.character("c"))
        app.type("Teacher")
        Self.callUpToLevel(app, caller: "Teacher")
        app.press(.control("n"), .right, .control("n"))
        let triage = try #require(app.application.top as? TriageScreen)
        let draft = triage.draft
        app.press(.control("o"))
        #expect(try app.store.drafts(for: "test.worker").isEmpty)
        // The draft offered again (a second window, or a crash before a separate removal): recording it is refused.
        try app.store.saveDraft(draft)
        app.press(.escape)
        app.press(.character("D"), .enter)
        app.press(.control("o"))
        let saved = try #require(try app.store.family("F-DEF1"))
        #expect(saved.contacts.count == 1)
        #expect(saved.referrals.count == 1)
        #expect(app.screen().contains("already recorded"), "\(app.screen())")
    }

    @Test("defect 11: the level form records nothing when the level is unchanged, and says so")
    func levelFormUnchanged() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        let family = try #require(try app.store.family("F-DEF1"))
        let marta = try #require(family.member("P-marta"))
        app.application.apply(.push(LevelChangeScreen(family: family, person: marta, app: app.environment)))
        app.press(.up, .tab)
        app.type("Reviewed with the school")
        app.press(.control("o"))
        #expect(try app.store.family("F-DEF1")?.member("P-marta")?.levelHistory.count == 1)
        #expect(app.screen().contains("unchanged"), "\(app.screen())")
    }

    @Test("defect 13: Shift-Tab moves backward on the level step")
    func shiftTabBackward() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.press(.character("c"))
        Self.callUpToLevel(app, caller: "Teacher")
        app.press(.backTab)
        app.type("why")
        let triage = try #require(app.application.top as? TriageScreen)
        #expect(triage.draft.levels.first?.reason == "why", "Shift-Tab from the people goes back to the reason")
    }

    @Test("defect 13: Enter on \"Save on the family?\" saves; it never discards silently")
    func enterSaves() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.press(.enter, .character("N"))
        Self.answerNavigatorGivingConsent(app)
        app.press(.character("s"), .enter)
        #expect(try app.store.family("F-DEF1")?.referrals.count == 1)
    }

    @Test("defect 13: a second referral to a service the family is already open to is warned about first")
    func secondReferralWarned() throws {
        let app = try TestApplication(
            size: Size(width: 120, height: 40), families: [try Self.family(openToBrightStart: true)])
        app.press(.character("c"))
        Self.callUpToLevel(app, caller: "Teacher")
        app.press(.control("n"), .right, .control("n"))
        #expect(app.screen().contains("already open to Bright Start"), "\(app.screen())")
    }

    @Test("defect 13: the navigator's first question is numbered 1")
    func firstQuestionIsOne() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.application.apply(.push(NavigatorScreen(app: app.environment)))
        #expect(app.screen().contains("Question 1"), "\(app.screen())")
        #expect(!app.screen().contains("Question 0"))
    }
}
