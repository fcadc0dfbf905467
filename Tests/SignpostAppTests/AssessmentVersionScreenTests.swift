import Foundation
import SignpostDomain
import SignpostTerminal
import Testing

@testable import SignpostApp

/// A completed CAF cannot be changed in place: V starts a new version and the completed one is kept (#16);
/// starting a second CAF for a child who has one open asks first.
@Suite("CAF versions and the open-CAF warning")
struct AssessmentVersionScreenTests {
    static func family() throws -> Family {
        var family = try SocialCareScreenTests.family()
        family.assessments = [
            EarlyHelpAssessment(
                id: "A-KIT-1", subject: "P-kit", status: .complete, startedOn: SocialCareScreenTests.today,
                completedOn: SocialCareScreenTests.today, whatLedToAssessment: "sleep and nursery")
        ]
        return family
    }

    @Test("a completed CAF refuses a change and offers V; V opens version 2 and keeps version 1 as it was")
    func completedIsLocked() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        // Family → the CAF tab (three tabs on) → open the assessment.
        app.press(.enter, .tab, .tab, .tab, .enter)
        #expect(app.application.top is AssessmentEditorScreen)
        app.press(.enter)
        #expect(app.screen().contains("locked: V starts a new version"), "\(app.screen())")
        app.press(.character("V"))
        #expect(app.screen().contains("version 2 · Draft"), "\(app.screen())")
        let family = try #require(try app.store.family("F-LIFE1"))
        #expect(family.assessments.count == 2)
        #expect(family.assessments[0].status == .complete, "version 1 is kept as it was")
        #expect(family.assessments[1].supersedes == "A-KIT-1")
        #expect(family.assessments[1].whatLedToAssessment == "sleep and nursery")
        app.press(.escape)
        #expect(app.screen().contains("kept: replaced by version 2"), "\(app.screen())")
    }

    @Test("c for a child with an open CAF asks first; Open it opens that one, Start another starts a second")
    func openCAFWarning() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        app.press(.enter, .character("c"))
        #expect(app.screen().contains("A CAF for Kit is already open"), "\(app.screen())")
        app.press(.character("n"))
        #expect(app.application.top is AssessmentEditorScreen)
        #expect(try app.store.family("F-LIFE1")?.assessments.count == 1, "nothing new was started")
        app.press(.escape, .character("c"))
        app.press(.character("y"))
        #expect(try app.store.family("F-LIFE1")?.assessments.count == 2)
    }
}
