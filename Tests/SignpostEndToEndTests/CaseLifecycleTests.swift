import Foundation
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

        try session.send("Tab", "Tab")
        try session.waitFor("Lead professional: Robin Example")
        try session.send("g", "Down", "Down", "Down", "o")
        try session.waitFor("Outcome *")
        try session.send("Tab", "Tab")
        try session.type("Needs met: nursery place and sleep routine settled")
        try session.send("C-o")
        try session.waitFor("the referral to Bright Start is now closed")
        try session.waitFor("No open services")

        try session.send("m")
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
        try session.waitFor("meeting recorded; next review \(Self.londonDate(daysFromNow: 42))")
        try session.waitFor("Review due")

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
}
