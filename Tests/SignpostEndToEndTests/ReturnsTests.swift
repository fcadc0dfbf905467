import Foundation
import Testing

/// A manager reading the reports in a real terminal (tmux, 80×24), and the returns and reports as commands (#17).
@Suite("Returns and reports", .serialized)
struct ReturnsTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    @Test("M opens the reports from the families list; number keys, p and Esc work at 80x24 without colour")
    func reportsScreen() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let session = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", path], home: home, extraEnvironment: ["NO_COLOR": "1"])
        try session.waitFor("Families")
        try session.send("M")
        try session.waitFor("[1 Caseload]")
        try session.waitFor("Caseload per lead professional and locality")
        try session.waitFor("Per locality")
        try session.send("2")
        try session.waitFor("[2 Contacts]")
        try session.waitFor("Period (p): last 30 days")
        try session.send("p")
        try session.waitFor("Period (p): last 3 months")
        try session.send("p")
        let year = try session.waitFor("Period (p): last 12 months")
        #expect(year.contains("Per day (a character"))
        try session.send("Right")
        try session.waitFor("[3 Decisions]")
        try session.send("Escape")
        try session.waitForAbsence(of: "[3 Decisions]")
        try session.waitFor("Families")
    }

    @Test("signpost report prints text within the width, and CSV with the headers first")
    func reportCommand() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let text = try binary.run(["report", "caseload", "--store", path], home: home)
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.hasPrefix("Caseload per lead professional and locality\n"))
        #expect(text.standardOutput.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let csv = try binary.run(
            ["report", "contacts", "--store", path, "--from", "2020-01-01", "--to", "2030-12-31", "--format", "csv"],
            home: home)
        #expect(csv.status == 0, "\(csv.standardError)")
        #expect(csv.standardOutput.hasPrefix("Date,Outcome,Source,Contacts\n"))
        let unknown = try binary.run(["report", "sideways", "--store", path], home: home)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no report called \"sideways\""))
    }

    @Test("signpost returns annex-a writes the lists 0600 with the specification's headers, and lists the gaps")
    func annexA() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let folder = home.path("annex")
        let result = try binary.run(
            ["returns", "annex-a", "--store", path, "--from", "2000-01-01", "--to", "2030-12-31", "--output", folder],
            home: home)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("List 4 (assessments by children's social care) is not produced"))
        let list1 = URL(fileURLWithPath: folder).appendingPathComponent("List_1_Contacts.csv")
        let text = try String(contentsOf: list1, encoding: .utf8)
        #expect(
            text.hasPrefix(
                "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source\r\n"
            ))
        for name in [
            "List_1_Contacts.csv", "List_2_Early_Help_Assessments.csv", "List_3_Referrals.csv", "Annex_A_gaps.csv",
        ] {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: URL(fileURLWithPath: folder).appendingPathComponent(name).path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(name)")
        }
        let backwards = try binary.run(
            ["returns", "annex-a", "--store", path, "--from", "2026-12-01", "--to", "2026-01-01", "--output", folder],
            home: home)
        #expect(backwards.status == 2)
        #expect(backwards.standardError.contains("is after --to"))
    }
}
