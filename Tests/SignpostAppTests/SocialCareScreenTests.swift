import Foundation
import SignpostDomain
import SignpostTerminal
import Testing

@testable import SignpostApp

/// Step-up with the child's social-care status, an episode put on hold and resumed, and the chronology's new
/// lines, driven by keys without a terminal (#15).
@Suite("Social care and episodes on hold")
struct SocialCareScreenTests {
    static var today: CalendarDate { CaseLifecycleScreenTests.today }

    /// The Thistlewicks with an open Bright Start episode beside the CSCT referral awaiting its decision.
    static func family() throws -> Family {
        var family = try CaseLifecycleScreenTests.family()
        family.episodes = [
            EarlyHelpEpisode(
                id: "E-LIFE1", service: "bright-start", openedOn: today.adding(days: -90), openedBecause: "sleep",
                openedBy: "priya")
        ]
        return family
    }

    /// Steps the family up with a child protection plan, the episode on hold, through the `u` form.
    static func stepUp(_ app: TestApplication) {
        app.press(.enter, .character("u"))
        app.press(.tab, .tab, .right, .tab, .right, .control("o"))
    }

    @Test("u: a step-up records Kit's child protection plan and puts the episode on hold; the family shows both")
    func stepUpRecordsTheStatus() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        Self.stepUp(app)
        #expect(
            app.screen().contains("stepped up to social care (child protection plan); episodes on hold"),
            "\(app.screen())")
        #expect(app.screen().contains("Social care: Kit child protection plan"))
        #expect(app.screen().contains("Open to CSCT"))
        let family = try #require(try app.store.family("F-LIFE1"))
        #expect(family.currentSocialCare.map(\.status) == [.childProtectionPlan])
        #expect(family.currentSocialCare.first?.recordedBy == "test.worker")
        #expect(family.episodes[0].isSuspended)
        app.press(.tab, .tab)
        #expect(app.screen().contains("Social care (u to change or end)"))
        #expect(app.screen().contains("Kit: child protection plan from"))
        #expect(app.screen().contains("on hold since"))
        app.press(.backTab)
        #expect(app.screen().contains("Social care: child protection plan for Kit began"))
        #expect(app.screen().contains("Episode with Bright Start put on hold"))
    }

    @Test("E resumes the episode on hold, asking why; u ends the status with why")
    func resumeAndEnd() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        Self.stepUp(app)
        app.press(.character("E"))
        // Close Bright Start (on hold) → Resume Bright Start → Open a new episode.
        app.press(.right)
        #expect(app.screen().contains("‹ Resume Bright Start, on hold since"), "\(app.screen())")
        app.press(.control("o"))
        #expect(app.screen().contains("say why the episode resumes"), "\(app.screen())")
        // The refusal puts the cursor on the field it is about.
        for character in "CSCT closed: no role" { app.press(.character(character)) }
        app.press(.control("o"))
        #expect(app.screen().contains("the Bright Start episode is resumed"), "\(app.screen())")
        #expect(try app.store.family("F-LIFE1")?.episodes[0].isActive == true)

        app.press(.character("u"))
        // Step down → Change Kit's plan → End Kit's plan.
        app.press(.right, .right)
        #expect(app.screen().contains("‹ End Kit's child protection plan ›"), "\(app.screen())")
        app.press(.control("o"))
        #expect(app.screen().contains("say why the status ended"), "\(app.screen())")
        for character in "plan ended at conference" { app.press(.character(character)) }
        app.press(.control("o"))
        #expect(app.screen().contains("Kit's child protection plan ended"), "\(app.screen())")
        #expect(try app.store.family("F-LIFE1")?.currentSocialCare.isEmpty == true)
    }

    @Test("the step form with a status standing, and the services tab with the history, at both sizes")
    func snapshots() throws {
        for size in ScreenSnapshotTests.sizes {
            let app = try TestApplication(size: size, families: [try Self.family()])
            Self.stepUp(app)
            app.press(.character("u"))
            var mismatch = Snapshot.mismatch(app.screen(), named: "step-social-care.\(size.width)x\(size.height)")
            #expect(mismatch == nil, "\(mismatch ?? "")")
            app.press(.escape)
            app.press(.tab, .tab)
            mismatch = Snapshot.mismatch(app.screen(), named: "services-social-care.\(size.width)x\(size.height)")
            #expect(mismatch == nil, "\(mismatch ?? "")")
        }
    }
}
