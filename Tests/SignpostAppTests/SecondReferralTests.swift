import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// A second referral to a service the family is already open to, or awaiting, is asked about first (#15).
@Suite("Second referral warning")
struct SecondReferralTests {
    /// The Wrenfolds with a referral of Ava to Bright Start sent and not yet answered.
    static func family() throws -> Family {
        var family = try TriageScreenTests.family()
        family.referrals = [
            Referral(
                id: "R-BS1", service: "bright-start", people: ["P-ava"],
                madeAt: Date().addingTimeInterval(-3 * 86_400), madeBy: "hub.worker", consent: .given,
                urgency: .routine, reason: "speech delay")
        ]
        return family
    }

    /// Takes a call about Ava to the route step and presses Ctrl-O to record it.
    static func callAboutAva(_ app: TestApplication) {
        app.press(.character("c"))
        app.type("Ms Adeyemi")
        app.press(.enter)
        app.type("class teacher")
        app.press(.enter)
        app.type("Hornsey Road Primary")
        app.press(.enter, .enter, .right, .enter, .right, .right, .control("n"))
        app.type("ava wrenf")
        app.press(.enter, .control("n"))
        app.type("Ava is not talking yet.")
        app.press(.tab)
        app.type("early")
        app.press(.enter, .control("n"), .control("n"), .right, .tab)
        app.type("mother, on the phone")
        app.press(.control("n"), .control("o"))
    }

    @Test("the contact's route asks before referring again; Not now records nothing, yes records it")
    func contactAsksFirst() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        Self.callAboutAva(app)
        let asked = app.screen()
        #expect(asked.contains("A referral to Bright Start is already awaiting"), "\(asked)")
        #expect(try app.store.family("F-TRI1")?.contacts.isEmpty == true, "nothing recorded before the answer")
        app.press(.character("n"))
        #expect(app.screen().contains("Not recorded"))
        #expect(try app.store.family("F-TRI1")?.contacts.isEmpty == true)

        app.press(.control("o"))
        #expect(app.screen().contains("Refer again anyway?"))
        app.press(.character("y"))
        #expect(app.screen().contains("Contact recorded on the Wrenfold family"), "\(app.screen())")
        let saved = try #require(try app.store.family("F-TRI1"))
        #expect(saved.referrals.filter { $0.service == "bright-start" }.count == 2)
    }

    @Test("a family with nothing open or awaiting is not asked")
    func noWarningWhenNothingOpen() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try TriageScreenTests.family()])
        Self.callAboutAva(app)
        #expect(!app.screen().contains("Refer again anyway?"))
        #expect(try app.store.family("F-TRI1")?.contacts.count == 1)
    }

    @Test("the navigator's save asks first when the family awaits Bright Start's decision already")
    func navigatorAsksFirst() throws {
        var family = try NavigatorScreenTests.brightStartFamily()
        family.referrals = [
            Referral(
                id: "R-BS2", service: "bright-start", people: ["P-ava"],
                madeAt: TestApplication.now.addingTimeInterval(-86_400), madeBy: "hub.worker", consent: .given,
                urgency: .routine)
        ]
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [family])
        app.press(.enter, .character("N"))
        try NavigatorScreenTests.answerAll(app, with: "no")
        app.press(.character("s"))
        let asked = app.screen()
        #expect(asked.contains("A referral to Bright Start is already awaiting"), "\(asked)")
        #expect(try app.store.family("F-NAV1")?.referrals.count == 1, "nothing saved before the answer")
    }
}
