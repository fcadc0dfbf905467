import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// Where the contact screen meets the navigator: the household-aware level and the consent on file.
@Suite("Contact and navigator: think family and the consent on file")
struct ContactNavigatorJoinTests {
    /// Caller, the whole Wrenfold family, domestic abuse ticked for Marta and nothing for Ava: the level step.
    static func callWithMumsDomesticAbuse(_ app: TestApplication) {
        app.press(.character("c"))
        app.type("Teacher")
        app.press(.control("n"))
        app.type("ava wrenfold")
        app.press(.control("f"), .control("n"))
        app.type("Marta told the school her partner hits her.")
        app.press(.tab)
        app.type("domestic")  // Marta comes first: the concern is hers
        app.press(.enter, .control("n"))
    }

    @Test("think family: a child with nothing ticked is suggested L3 on the level step when mum's domestic abuse is")
    func childSuggestionCountsMumsDomesticAbuse() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try FrontDoorDefectTests.family()])
        Self.callWithMumsDomesticAbuse(app)
        let triage = try #require(app.application.top as? TriageScreen)
        #expect(triage.draft.step == .level)
        #expect(triage.draft.people.first { $0.id == "P-marta" }?.concerns == [.domesticAbuse])
        #expect(triage.draft.people.first { $0.id == "P-ava" }?.concerns == [])
        let ava = try #require(triage.draft.levels.first { $0.person == "P-ava" })
        #expect(ava.suggested == .complex, "Ava lives with Marta's domestic abuse")
        #expect(ava.level == .complex)
        app.press(.down)  // Ava highlighted: her reason shows
        let screen = app.screen()
        #expect(screen.contains("because: Lives with Marta Wrenfold's domestic abuse"), "\(screen)")
        #expect(screen.contains("suggested L3"), "\(screen)")
    }

    @Test(
        "consent on file: the consent step shows it as on record, the route does not ask again, nothing is stored twice"
    )
    func consentOnFileFromRecord() throws {
        var family = try FrontDoorDefectTests.family()
        family.consents = [
            ConsentRecord(
                id: "CN-FILE1", givenBy: "Marta Wrenfold", givenOn: try CalendarDate(iso: "2026-11-02"),
                scope: "early help", recordedBy: "hub.worker")
        ]
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [family])
        app.press(.character("c"))
        app.type("Teacher")
        FrontDoorDefectTests.callUpToLevel(app, caller: "Teacher")
        app.press(.control("n"))
        let triage = try #require(app.application.top as? TriageScreen)
        #expect(triage.draft.step == .consent)
        #expect(app.screen().contains("as on record: given"), "\(app.screen())")
        app.press(.control("n"))
        #expect(triage.draft.consent == nil, "nothing was taken in this contact")
        #expect(triage.walk?.isFinished == true, "the route asks nothing: the consent comes from the record")
        let consentStep = try #require(triage.walk?.steps.first { $0.question.contains("agreed to early help") })
        #expect(consentStep.source == .situation, "the walk shows the consent as from the record")
        app.press(.control("o"))
        let saved = try #require(try app.store.family("F-DEF1"))
        #expect(saved.referrals.first { $0.service == "bright-start" }?.consent == .given)
        #expect(saved.consents.map(\.id) == ["CN-FILE1"])
    }

    @Test("consent answered in the navigator opened from a family is stored on the family as a consent record")
    func navigatorConsentRecorded() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try FrontDoorDefectTests.family()])
        app.press(.enter, .character("N"))
        FrontDoorDefectTests.answerNavigatorGivingConsent(app)
        app.press(.character("s"), .character("y"))
        let saved = try #require(try app.store.family("F-DEF1"))
        let consent = try #require(saved.consents.first)
        #expect(consent.decision == .given)
        #expect(consent.givenOn == app.environment.today)
        #expect(consent.recordedBy == "test.worker")
        #expect(saved.consentOnFile(on: app.environment.today) == .given)
    }
}
