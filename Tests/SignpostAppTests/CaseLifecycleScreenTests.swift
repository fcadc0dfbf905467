import Foundation
import SignpostDomain
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The case's-life forms and the reviews list, driven by keys without a terminal (#15).
@Suite("Case life screens")
struct CaseLifecycleScreenTests {
    static var today: CalendarDate { LondonTime.today(at: TestApplication.now) }

    /// A family with a CSCT referral only sent, and a meeting whose review and one action are overdue.
    static func family() throws -> Family {
        let held = today.adding(days: -70)
        var family = Family(
            id: "F-LIFE1", name: "Thistlewick", locality: .north,
            members: [Person(id: "P-kit", role: .child, givenName: "Kit", familyName: "Thistlewick")],
            leadProfessional: Professional(name: "Priya Inventwell", role: "Family practitioner", organisation: "BS"),
            referrals: [
                Referral(
                    id: "R-LIFE1", service: "csct", people: ["P-kit"],
                    madeAt: TestApplication.now.addingTimeInterval(-86_400),
                    madeBy: "duty", consent: .notRequired, urgency: .sameDay)
            ])
        family.meetings = [
            TeamMeeting(
                id: "M-LIFE1", heldOn: held, attendees: ["Mum", "Priya"], familyViews: "", childViews: "",
                actions: [MeetingAction(who: "Priya", what: "school meeting", byWhen: held.adding(days: 7))],
                nextReview: held.adding(days: 56), recordedBy: "priya", recordedAt: TestApplication.now)
        ]
        return family
    }

    @Test("v lists the overdue review (m: everyone's); the family shows it and the overdue action")
    func overdueReview() throws {
        let app = try TestApplication(families: [try Self.family()])
        app.press(.character("v"))
        #expect(app.application.top is ReviewsScreen)
        #expect(app.screen().contains("None of the families you lead"), "test.worker leads none: \(app.screen())")
        app.press(.character("m"))
        #expect(app.screen().contains("OVERDUE since \(Self.today.adding(days: -14).british)  Thistlewick"))
        app.press(.enter)
        #expect(app.screen().contains("Review overdue since"))
        #expect(app.screen().contains("1 action overdue"))
    }

    @Test("v is the logged-in worker's reviews, whatever the lead filter says")
    func myReviewsAreTheLoggedInWorkers() throws {
        var family = try Self.family()
        family.leadProfessional = Professional(
            name: "Test Worker", role: "Family practitioner", organisation: "Bright Start")
        var other = try Self.family()
        other.id = "F-LIFE2"
        other.name = "Otherfamily"
        other.leadProfessional = Professional(
            name: "Priya Inventwell", role: "Family practitioner", organisation: "BS", login: "test.worker")
        var third = try Self.family()
        third.id = "F-LIFE3"
        third.name = "Notmine"
        let app = try TestApplication(families: [family, other, third])
        app.press(.character("P"))
        for character in "Priya" { app.press(.character(character)) }
        app.press(.enter)
        app.press(.character("v"))
        let screen = app.screen()
        #expect(screen.contains("Your (test.worker) reviews: 2 overdue"), "\(screen)")
        #expect(screen.contains("Thistlewick"), "led by Test Worker, the login as a name")
        #expect(screen.contains("Otherfamily"), "led by someone whose login is test.worker")
        #expect(!screen.contains("Notmine"))
    }

    @Test("o on a referral: a decline without a reason is refused in the form; accepting opens the family to CSCT")
    func referralOutcome() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.press(.enter, .tab, .tab)
        #expect(app.screen().contains("No open services"))
        app.press(.character("g"), .down, .character("o"))
        #expect(app.screen().contains("Outcome *"))
        app.press(.right, .control("o"))
        #expect(app.screen().contains("say why the referral was declined"), "\(app.screen())")
        #expect(try app.store.family("F-LIFE1")?.referrals[0].status == .sent)
        app.press(.escape)
        if app.application.top is CaseworkFormScreen { app.press(.character("y")) }
        app.press(.character("o"), .control("o"))
        #expect(app.screen().contains("the referral to CSCT is now accepted"), "\(app.screen())")
        #expect(app.screen().contains("Open to CSCT"))
        #expect(try app.store.family("F-LIFE1")?.referrals[0].status == .accepted)
    }

    @Test("removing a team member asks first, naming them; Keep removes nothing")
    func removingATeamMemberAsksFirst() throws {
        var family = try Self.family()
        family.teamAroundFamily = [Professional(name: "Dee Example", role: "School nurse", organisation: "Health")]
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [family])
        app.press(.enter, .character("p"), .right, .right, .right)
        #expect(app.screen().contains("Remove Dee Example from the team"))
        app.press(.control("o"))
        #expect(app.screen().contains("Remove Dee Example from the team around the family?"), "\(app.screen())")
        app.press(.character("n"))
        #expect(try app.store.family("F-LIFE1")?.teamAroundFamily.count == 1, "Keep removes nothing")
        app.press(.control("o"), .character("y"))
        #expect(try app.store.family("F-LIFE1")?.teamAroundFamily.isEmpty == true)
        #expect(app.screen().contains("Dee Example left the team around the family"))
    }
}
