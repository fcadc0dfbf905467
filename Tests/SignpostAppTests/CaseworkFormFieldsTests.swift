import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The step-up/step-down form and the lead-and-team form show only the fields of what is being done, and
/// follow the choice as it changes (#15, the 80×24 walk-through).
@Suite("Casework forms show only the fields of the choice")
struct CaseworkFormFieldsTests {
    /// The line of the screen that holds `text`, for checking where the cursor is.
    static func row(of text: String, in app: TestApplication) -> Int? {
        app.screen().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }
    }

    @Test("u: a step-up shows its status and open episodes, not the step-down's fields; → to a step-down swaps them")
    func stepFormFollowsTheDirection() throws {
        let app = try TestApplication(families: [try SocialCareScreenTests.family()])
        app.press(.enter, .character("u"))
        var screen = app.screen()
        #expect(screen.contains("‹ Step up: CSCT accepted"), "\(screen)")
        #expect(screen.contains("Social-care status"), "\(screen)")
        #expect(screen.contains("Open episodes"), "\(screen)")
        for downOnly in ["Down:", "Service", "Why", "Lead professional", "Social-care history"] {
            #expect(!screen.contains("   \(downOnly)"), "a step-up shows no \(downOnly) field:\n\(screen)")
        }
        app.press(.right)
        screen = app.screen()
        #expect(screen.contains("‹ Step down from social care into early help ›"), "\(screen)")
        for downField in ["Service", "Why", "Lead professional", "Social-care history"] {
            #expect(screen.contains("   \(downField)"), "a step-down shows \(downField):\n\(screen)")
        }
        for upOnly in ["Up:", "Open episodes", "Social-care status"] {
            #expect(!screen.contains(upOnly), "a step-down shows no \(upOnly) field:\n\(screen)")
        }
    }

    @Test("u: Tab passes only over the shown fields, and the cursor sits on the focused one")
    func stepFormTabsOverShownFields() throws {
        let app = try TestApplication(families: [try SocialCareScreenTests.family()])
        app.press(.enter, .character("u"))
        // What to do → Date → Social-care status → Open episodes → back to What to do.
        app.press(.tab, .tab, .tab)
        #expect(app.surface().cursor?.y == Self.row(of: "> Open episodes", in: app), "\(app.screen())")
        app.press(.tab)
        #expect(app.surface().cursor?.y == Self.row(of: "> What to do", in: app), "\(app.screen())")
    }

    @Test("p: adding a team member shows only a member's fields; the lead's date, reason and login are not shown")
    func teamFormShowsOnlyAMembersFields() throws {
        let app = try TestApplication(families: [try CaseLifecycleScreenTests.family()])
        app.press(.enter, .character("p"))
        var screen = app.screen()
        #expect(screen.contains("Reason for a new lead"), "changing the lead asks why:\n\(screen)")
        // Change the lead → Remove Priya as lead → Add a team member.
        app.press(.right, .right)
        screen = app.screen()
        #expect(screen.contains("‹ Add a team member ›"), "\(screen)")
        for memberField in ["Name", "Role", "Agency", "Contact", "Joined on"] {
            #expect(screen.contains("   \(memberField)"), "adding a member asks for \(memberField):\n\(screen)")
        }
        for leadOnly in ["Reason for a new lead", "Signpost login", "From (date)"] {
            #expect(!screen.contains(leadOnly), "adding a member shows no \(leadOnly):\n\(screen)")
        }
        app.press(.left)
        screen = app.screen()
        #expect(screen.contains("‹ Remove Priya Inventwell as lead professional ›"), "\(screen)")
        #expect(screen.contains("Reason for a new lead"), "\(screen)")
        #expect(!screen.contains("   Name"), "removing the lead asks for no name:\n\(screen)")
    }
}

/// The services tab keeps a referral's sent date and time on one line (#15, the 80×24 walk-through).
@Suite("Services tab: a date-time kept together")
struct ServicesDateTimeTests {
    @Test("at 80×24 the Quillfeathers' Bright Start referral reads \"16/01/2025 17:15\" on one line")
    func sentDateAndTimeOnOneLine() throws {
        let quillfeathers = try FixtureCatalog.families().map(\.family).filter { $0.name == "Quillfeather" }
        let app = try TestApplication(families: quillfeathers)
        app.press(.enter)
        for _ in 0..<4 where !app.screen().contains("[ Services and team ]") { app.press(.tab) }
        let screen = app.screen()
        #expect(screen.contains("[ Services and team ]"), "\(screen)")
        #expect(screen.contains("Referral Bright Start for Noor"), "\(screen)")
        #expect(screen.contains("16/01/2025 17:15"), "\(screen)")
    }
}
