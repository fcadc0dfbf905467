import Foundation
import Testing

/// Supporting Families outcomes in a real terminal (tmux, 80×24, no colour) and the return as a command (#17).
@Suite("Supporting Families", .serialized)
struct SupportingFamiliesTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    @Test("U on a family opens its outcomes; a adds a need; the managers' reports have the Supporting Families tab")
    func addNeedAndReport() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let session = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", path], home: home, extraEnvironment: ["NO_COLOR": "1"])
        try session.waitFor("Families")
        try session.send("Enter")
        try session.waitFor("Members")
        try session.send("U")
        try session.waitFor("areas identified")
        // No fixture family has an early-years need, so the second area is free on whichever family opened.
        try session.send("Down")
        try session.waitFor("> [ ] Early years development")
        try session.send("a")
        try session.waitFor("Identify a need against one of the ten headline outcome areas")
        try session.waitFor("Early years development")
        try session.send("C-o")
        let saved = try session.waitFor("[N] Early years development")
        #expect(saved.contains("need identified: Good early years development"))
        try session.send("Escape")
        try session.waitFor("Members")
        try session.send("Escape")
        try session.waitFor("Families")
        try session.send("M")
        try session.waitFor("[1 Caseload]")
        try session.send("7")
        try session.waitFor("[7 Outcomes]")
        let report = try session.waitFor("Supporting Families outcomes")
        #expect(report.contains("came to meet the criteria"))
    }

    @Test("signpost returns supporting-families writes both files 0600, counts by hand, and is audited")
    func returnCommand() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let folder = home.path("sf")
        let result = try binary.run(
            [
                "returns", "supporting-families", "--store", path, "--from", "2026-04-01", "--to", "2026-09-30",
                "--output", folder,
            ], home: home)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("2 families listed"))
        let families = try String(
            contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("Supporting_Families_families.csv"),
            encoding: .utf8)
        #expect(
            families.hasPrefix(
                "Family ID,Needs identified,Areas of need,Met the criteria on,Outcomes achieved,Outcomes sustained,"
                    + "Significant and sustained progress on\r\nZZ-F-0020,3,"))
        for name in ["Supporting_Families_families.csv", "Supporting_Families_by_area.csv"] {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: URL(fileURLWithPath: folder).appendingPathComponent(name).path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(name)")
        }
        let audit = try binary.run(["audit", "--store", path, "--action", "exported"], home: home)
        #expect(
            audit.standardOutput.contains("exported Supporting Families 01/04/2026 to 30/09/2026 (2 families)"),
            "\(audit.standardOutput.suffix(800))")
    }
}
