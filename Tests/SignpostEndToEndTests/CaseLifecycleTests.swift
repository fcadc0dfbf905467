import Foundation
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import Testing

/// A hub worker moving a case along in a real terminal (tmux, 80×24): a new lead professional, the
/// episode closed with "needs met", the referral closed, and "open to" following (#15).
@Suite("Terminal interface: a case's life", .serialized)
struct CaseLifecycleTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    /// The London calendar date `days` from now, as the forms take it (DD/MM/YYYY).
    static func londonDate(daysFromNow days: Int) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.dateFormat = "dd/MM/yyyy"
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }

    @Test("lead changed, episode closed, referral closed, a meeting held: the chronology, list and show agree")
    func leadEpisodeAndReferral() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let before = try binary.run(["list", "--store", path, "--service", "bright-start"], home: home)
        #expect(before.standardOutput.contains("Wigglesworth"))

        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", path], home: home)
        try session.waitFor("Wigglesworth")
        try session.send("Enter")
        try session.waitFor("Wigglesworth family ·")
        try session.waitFor("Open to Bright Start")

        try session.send("p")
        try session.waitFor("Change the lead professional")
        try session.send("Tab")
        try session.type("Robin Example")
        try session.send("Tab", "Tab", "Tab", "Tab", "Tab")
        try session.type("Priya moved to the south team")
        try session.send("C-o")
        try session.waitFor("Robin Example is the lead professional")

        try session.send("E")
        try session.waitFor("Close Bright Start, open since 12/03/2025")
        try session.send("C-o")
        try session.waitFor("the Bright Start episode is closed: Needs met")

        // Closing the episode ended Bright Start's work: its accepted referral closed with it, read whole.
        try session.send("Tab", "Tab")
        try session.waitFor("Lead professional: Robin Example")
        try session.waitFor("episode closed:")
        try session.waitFor("No open services")

        try session.send("v")
        try session.waitFor("Attending")
        try session.send("Tab")
        try session.type("Keziah, Robin Example")
        try session.send("Tab", "Tab", "Tab")
        try session.type("Robin: plan the ending by 01/01/2020")
        try session.send("C-o")
        try session.waitFor("before the meeting")
        try session.send("C-u")
        try session.type("Robin: send the closing letter by 31/12/2099")
        try session.send("Tab")
        try session.send("C-u")
        try session.type("01/01/2099")
        try session.send("C-o")
        try session.waitFor("every 4 to 12 weeks")
        try session.send("C-u")
        try session.type(Self.londonDate(daysFromNow: 42))
        try session.send("C-o")
        // The episode closed today, before this closing meeting: the case is closed, so no review is due.
        try session.waitFor("meeting recorded; the case is closed, so no review is due")

        try session.send("BTab")
        try session.waitFor("Referral to Bright Start closed")
        try session.waitFor("Episode with Bright Start closed: Needs met")
        try session.waitFor("Lead professional now Robin Example")
        try session.waitFor("Team around the family meeting: 1 action")
        try session.send("q", "q")
        try session.waitFor("[exited 0]")

        let after = try binary.run(["list", "--store", path, "--service", "bright-start"], home: home)
        #expect(!after.standardOutput.contains("Wigglesworth"))
        let closed = try binary.run(["list", "--store", path, "--closed"], home: home)
        #expect(closed.standardOutput.contains("Wigglesworth"))
        let lead = try binary.run(["list", "--store", path, "--lead", "robin"], home: home)
        #expect(lead.standardOutput.contains("Wigglesworth"))
    }

    /// The navigator's question on screen: the first line asking one (the trail of answers is drawn below it).
    static func currentQuestion(_ screen: String) -> String {
        let starts = ["Is ", "Has ", "Does ", "What ", "Did ", "Which ", "Are "]
        // Borders and numbering before the words are skipped.
        return screen.split(separator: "\n").map { String($0.drop { !$0.isLetter }) }.first { line in
            starts.contains { line.hasPrefix($0) }
        } ?? ""
    }

    /// The chronology tab, from the tab the family screen is on (`back` presses of Shift-Tab).
    static func showChronology(_ session: TmuxSession, back: Int) throws {
        for _ in 0..<back { try session.send("BTab") }
        try session.waitFor("newest first")
    }

    @Test("the whole journey at 80×24: consent, CAF, lead and team, meeting, step-up, step-down, closed needs met")
    func wholeJourney() throws {
        let path = home.path("journey.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let family = "ZZ-F-0025"
        /// Whether `signpost list` with these filters lists the Wigglesworths, read while the interface is open.
        func listed(_ filters: [String]) throws -> Bool {
            try binary.run(["list", "--store", path] + filters, home: home).standardOutput.contains("Wigglesworth")
        }
        #expect(try listed(["--open"]) && !listed(["--closed"]), "open to Bright Start at the start")
        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", path], home: home)
        try session.waitFor("Wigglesworth")
        try session.send("Enter")
        try session.waitFor("Wigglesworth family ·")

        // Consent, on its tab (Members → Consent is four tabs on).
        try session.send("Tab", "Tab", "Tab", "Tab")
        try session.waitFor("Can consent")
        try session.send("r")
        try session.waitFor("With which agencies")
        try session.send("Tab", "Tab", "Tab", "Tab")
        try session.type("School")
        try session.send("C-o")
        try session.waitFor("recorded consent given by")
        try Self.showChronology(session, back: 3)
        try session.waitFor("Consent given by Fatima")

        // A CAF started from the Assessments tab (two on from the chronology).
        try session.send("Tab", "Tab")
        try session.send("c")
        try session.waitFor("required fields to fill")
        try session.send("Escape")
        try session.waitFor("Wigglesworth family ·")
        try Self.showChronology(session, back: 2)
        try session.waitFor("Early help assessment (CAF) started")

        // The lead professional, then a team member.
        try session.send("p")
        try session.waitFor("Change the lead professional")
        try session.send("Tab")
        try session.type("Robin Example")
        try session.send("Tab", "Tab", "Tab", "Tab", "Tab")
        try session.type("Priya moved to the south team")
        try session.send("C-o")
        try session.waitFor("Robin Example is the lead professional")
        try session.waitFor("Lead professional now Robin Example")
        #expect(try listed(["--lead", "robin"]) && !listed(["--lead", "priya"]), "the lead filter follows the change")
        try session.send("p")
        try session.waitFor("Change the lead professional")
        try session.send("Right", "Right")
        try session.waitFor("Add a team member")
        try session.send("Tab")
        try session.type("Dee Example")
        try session.send("Tab")
        try session.type("School nurse")
        try session.send("C-o")
        try session.waitFor("Dee Example joined the team around the family")
        try session.waitFor("Team: Dee Example (School nurse) joined [e2e.tester]")

        // A meeting with an action and the next review (six weeks on, as offered).
        try session.send("v")
        try session.waitFor("Attending")
        try session.send("Tab")
        try session.type("Fatima, Robin Example, Dee Example")
        try session.send("Tab", "Tab", "Tab")
        try session.type("Robin: book the speech and language check by 31/12/2099")
        try session.send("C-o")
        try session.waitFor("meeting recorded; next review \(Self.londonDate(daysFromNow: 42))")
        try session.waitFor("Team around the family meeting: 1 action")

        // The review held, recorded as a review: it is offered first once a plan is set.
        try session.send("v")
        try session.waitFor("‹ Review held ›")
        try session.send("Tab", "Tab")
        try session.type("Fatima, Robin Example")
        try session.send("C-o")
        try session.waitFor("review held; next review \(Self.londonDate(daysFromNow: 42))")
        try session.waitFor("Review held: 0 actions")
        try session.waitFor("Review due")

        // A safeguarding referral to CSCT made with the navigator: yes to a safeguarding concern, no to danger.
        try session.send("N")
        try session.waitFor("Is this person in immediate danger?")
        var screen = try session.screen()
        var answered = 0
        while !screen.contains("Where to go"), answered < 80 {
            let before = screen
            let question = Self.currentQuestion(screen)
            let yes = question.contains("safeguarding concern or indicator") || question.contains("agreed")
            try session.send(yes ? "1" : "2")
            screen = try session.waitUntil("the next question", timeout: 10) { $0 != before }
            answered += 1
        }
        #expect(screen.contains("Where to go"))
        try session.send("s")
        try session.waitFor("Save on the")
        try session.send("y")
        try session.waitFor("saved")
        try session.send("q")
        try session.waitFor("Wigglesworth family ·")
        try session.waitFor("Referral to CSCT")

        // Step-up: CSCT accepts with a child protection plan; the Bright Start episode goes on hold.
        try session.send("u")
        try session.waitFor("Step up: CSCT accepted")
        try session.send("Tab", "Tab", "Right")
        try session.waitFor("‹ child protection plan ›")
        try session.send("Tab", "Right")
        try session.waitFor("‹ Put them on hold")
        try session.send("C-o")
        try session.waitFor("stepped up to social care (child protection plan); episodes on hold")
        try session.waitFor("Referral to CSCT accepted")
        try session.waitFor("Episode with Bright Start put on hold")
        try session.waitFor("Social care: child protection plan for")
        try session.waitFor("Social care: Baby child protection plan")
        #expect(try listed(["--service", "csct"]), "open to CSCT once it accepted")
        #expect(try listed(["--open"]))

        // Step-down back into early help: the plan ends, the episode on hold resumes with the history linked.
        try session.send("u")
        try session.waitFor("‹ Step down: resume the episode on hold ›")
        try session.waitFor("Social care now:")
        try session.send("C-o")
        try session.waitFor("stepped down into early help: the episode on hold is resumed")
        try session.waitFor("Episode with Bright Start resumed")
        #expect(try !listed(["--service", "csct"]), "no longer open to CSCT after the step-down")
        #expect(try listed(["--service", "bright-start"]), "the resumed episode makes it open to Bright Start")

        // Closed with "needs met".
        try session.send("E")
        try session.waitFor("Close Bright Start, open since")
        try session.send("C-o")
        try session.waitFor("the Bright Start episode is closed: Needs met")
        try session.waitFor("Episode with Bright Start closed: Needs met [e2e.tester]")
        try session.waitFor("No open services")
        // The family's audit trail (A) shows the closure and the referral closed with it, newest first.
        try session.send("A")
        try session.waitFor("closed the Bright Start episode on")
        try session.waitFor("referral to Bright Start accepted")
        try session.send("Escape")
        try session.waitFor("Wigglesworth family ·")

        // The families list agrees: not among the open families, among the closed ones, still Robin's.
        try session.send("q")
        try session.waitFor("Showing all families")
        try session.send("O")
        try session.waitFor("Showing open")
        #expect(try !session.screen().contains("Wigglesworth"))
        try session.send("O")
        try session.waitFor("Showing closed")
        try session.waitFor("Wigglesworth")
        try session.send("x", "q")
        try session.waitFor("[exited 0]")

        // Every stage is in the audit trail, made by the practitioner who was logged in.
        let store = try SQLiteCaseStore(openingForReading: URL(fileURLWithPath: path))
        let audit = try store.auditTrail(family: FamilyID(family), limit: 1000)
        for stage in [
            "record-consent", "save-assessment", "change-lead-professional", "add-team-member", "record-meeting",
            "add-referral", "record-referral-outcome", "record-social-care-status", "suspend-episode",
            "resume-episode", "end-social-care-status", "close-episode",
        ] {
            let entries = audit.filter { $0.action == stage }
            #expect(!entries.isEmpty, "\(stage) was audited")
            #expect(entries.allSatisfy { $0.actor == "e2e.tester" }, "\(stage) by \(entries.map(\.actor))")
        }
        #expect(audit.filter { $0.action == "record-meeting" }.count == 2, "the meeting and the review held")
        #expect(audit.contains { $0.action == "record-meeting" && $0.summary.hasPrefix("recorded a review held") })

        // The command line agrees with the family's "open to": closed with needs met, its accepted Bright Start
        // referral closed with the episode, it is open to nothing.
        let shown = try binary.run(["show", "--store", path, family], home: home).standardOutput
        let servicesLine = shown.split(separator: "\n").first { $0.hasPrefix("Services: ") }.map(String.init) ?? ""
        #expect(servicesLine == "Services: none open", "\(shown)")
        #expect(shown.contains("Early help assessment (CAF) started"))
        #expect(shown.contains("Dee Example"))
        #expect(try !listed(["--service", "bright-start"]))
        #expect(try !listed(["--service", "csct"]))
        #expect(try !listed(["--open"]))
        #expect(try listed(["--closed"]))
        #expect(try listed(["--lead", "robin"]))
    }
}
