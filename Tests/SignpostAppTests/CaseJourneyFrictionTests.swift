import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// What a hub worker met taking a family through its case at 80×24 (#15's "done means" tried by hand):
/// each a defect the walk-through found, driven by keys without a terminal.
@Suite("A case's life at 80×24: what the walk-through found")
struct CaseJourneyFrictionTests {
    @Test("the step-up form's choices read whole at 80 columns: never cut inside a word")
    func stepUpChoicesReadWhole() throws {
        let app = try TestApplication(families: [try SocialCareScreenTests.family()])
        app.press(.enter, .character("u"))
        var screen = app.screen()
        #expect(screen.contains("‹ Step up: CSCT accepted the "), "\(screen)")
        for line in screen.split(separator: "\n") where line.contains("‹") {
            #expect(line.contains("›"), "a choice is cut: \(line)")
        }
        app.press(.tab, .tab, .tab, .right)
        screen = app.screen()
        #expect(screen.contains("‹ Put them on hold while social care leads ›"), "\(screen)")
    }

    @Test("a consent is dated, not timed: the chronology shows no made-up 00:00")
    func consentHasNoMidnight() throws {
        let family = try #require(try TestApplication().store.family("ZZ-F-0001"))
        let consent = ConsentRecord(
            id: "ZZ-CN-1", givenBy: "Zoë Quillfeather", givenOn: try CalendarDate(iso: "2026-11-23"),
            scope: "to assess", recordedBy: "test.worker")
        let line = ChronologyFormatting.line(.consent(consent), in: family)
        #expect(line.contains("23/11/2026  "), "\(line)")
        #expect(!line.contains("00:00"), "\(line)")
    }

    @Test("the families list names the service it is filtered by, as the family screen does")
    func serviceFilterNamesTheService() throws {
        let app = try TestApplication()
        app.press(.character("S"))
        let screen = app.screen()
        #expect(screen.contains("Showing Bright Start"), "\(screen)")
        #expect(!screen.contains("Showing bright-start"))
    }

    @Test("the families list's column headings are whole words at 80 columns")
    func listHeadingsWhole() throws {
        let app = try TestApplication()
        let heading = app.screen().split(separator: "\n").first { $0.contains("Family ") }.map(String.init) ?? ""
        #expect(!heading.contains("…"), "\(heading)")
        #expect(heading.contains("Lead"), "\(heading)")
    }

    @Test("opening an episode offers the service whose accepted referral has no episode yet")
    func episodeOffersTheAcceptedService() throws {
        var family = try SocialCareScreenTests.family()
        family.episodes = []
        family.referrals.append(
            Referral(
                id: "R-BF", service: "bright-futures", people: [],
                madeAt: TestApplication.now.addingTimeInterval(-3600),
                madeBy: "test.worker", consent: .given, urgency: .routine, status: .accepted, reason: "attendance",
                outcomeOn: CaseLifecycleScreenTests.today, outcomeBy: "test.worker"))
        let app = try TestApplication(families: [family])
        app.press(.enter, .character("E"))
        #expect(app.screen().contains("Opening: service          ‹ Bright Futures ›"), "\(app.screen())")
    }

    @Test("the audit trail says \"added a case note\", never \"added a other note\"")
    func noteAuditReadsAsEnglish() throws {
        let family = try #require(try TestApplication().store.family("ZZ-F-0001"))
        let note = CaseNote(id: "ZZ-N-1", writtenAt: TestApplication.now, author: "sam.okafor", text: "Rang mum")
        let summary = CaseChange.addCaseNote(family: family.id, note).auditSummary(before: family, after: family)
        #expect(summary.hasPrefix("added a case note by sam.okafor"), "\(summary)")
        let visit = CaseNote(
            id: "ZZ-N-2", writtenAt: TestApplication.now, author: "sam.okafor", text: "Seen at home", kind: .homeVisit)
        #expect(
            CaseChange.addCaseNote(family: family.id, visit).auditSummary(before: family, after: family)
                .hasPrefix("added a home visit note by sam.okafor"))
    }

    @Test("the audit trail's lines keep one column for what was done: Viewed lines up with Changed")
    func auditColumnsAlign() {
        func entry(_ action: String, _ summary: String) -> AuditEntry {
            AuditEntry(
                at: TestApplication.now, actor: "sam.okafor", action: action, family: "F-1", recordID: "F-1",
                summary: summary)
        }
        let viewed = AuditFormatting.line(entry("view-family", "viewed the family record"), showingFamily: false)
        let changed = AuditFormatting.line(entry("add-case-note", "added a case note"), showingFamily: false)
        #expect(
            viewed.range(of: "viewed the")?.lowerBound.utf16Offset(in: viewed)
                == changed.range(of: "added a")?.lowerBound.utf16Offset(in: changed), "\(viewed)\n\(changed)")
    }
}
