import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The managers' reports screen and the CAF's census factors, driven by keys (#17).
@Suite("Reports and census factors screens")
struct ReturnsScreenTests {
    /// Marta and Ava, with one contact about both ticking domestic abuse.
    static func family() -> Family {
        var family = AssessmentEditorTests.family()
        family.contacts = [
            Contact(
                id: "C-1", receivedAt: TestApplication.now.addingTimeInterval(-86_400),
                caller: Caller(name: "Caller", relationship: "neighbour"), source: .individual, about: ["P-a", "P-m"],
                concernInCallersWords: "Shouting heard.", concerns: [.domesticAbuse], outcome: .referred,
                recordedBy: "front.door")
        ]
        return family
    }

    @Test("F in the CAF lists the census factors with suggestions; a ticks them, and the CAF's next save keeps them")
    func censusFactorsTickedAndKept() throws {
        let app = try TestApplication(families: [Self.family()])
        app.press(.enter, .down, .character("c"))
        #expect(app.application.top is AssessmentEditorScreen)
        app.press(.character("F"))
        #expect(app.application.top is AssessmentFactorsScreen)
        #expect(app.screen().contains("concerns recorded: 3A, 3B (a ticks them)"))
        app.press(.character("a"))
        #expect(
            try app.store.family("F-1")?.assessments.first?.factorsIdentified == [
                .domesticAbuseChild, .domesticAbuseParent,
            ])
        app.press(.character(" "))  // Space ticks the factor under the cursor: 1A, the first.
        #expect(
            try app.store.family("F-1")?.assessments.first?.factorsIdentified == [
                .alcoholChild, .domesticAbuseChild, .domesticAbuseParent,
            ])
        app.press(.escape)
        let editor = try #require(app.application.top as? AssessmentEditorScreen)
        // The editor saves its whole copy of the assessment: it must have taken the factors saved meanwhile.
        app.press(.character("r"))
        #expect(editor.assessment.reviews.count == 1)
        #expect(
            try app.store.family("F-1")?.assessments.first?.factorsIdentified == [
                .alcoholChild, .domesticAbuseChild, .domesticAbuseParent,
            ])
    }

    @Test("M opens the reports; number keys choose, p changes the period, each reading is audited, Esc goes back")
    func reportsScreen() throws {
        let app = try TestApplication()
        app.press(.character("M"))
        let reports = try #require(app.application.top as? ReportsScreen)
        #expect(app.screen().contains("[1 Caseload]"))
        #expect(app.screen().contains("Per locality"))
        app.press(.character("4"))
        #expect(reports.report == .assessments)
        #expect(app.screen().contains("[4 CAFs]"))
        #expect(app.screen().contains("Period (p): last 30 days"))
        app.press(.character("p"))
        #expect(app.screen().contains("Period (p): last 3 months"))
        app.press(.right)
        #expect(reports.report == .reviews)
        #expect(app.screen().contains("Counted as things stand now"))
        let reads = try app.store.auditTrail(family: nil, limit: 50).filter { $0.action == "read-report" }
        #expect(reads.count == 4)
        app.press(.escape)
        #expect(app.application.top is HomeScreen)
    }
}
