import Foundation
import SignpostSubprocess
import Testing

/// Need-to-know from the command line and the interface, against the PostgreSQL cluster `make
/// test` starts: a manager restricts a family, a front-door worker finds the person across the
/// service, is asked for a reason, brings the family to their laptop and opens it; the manager's
/// access report names them and their reason; a hub worker cannot administer or read the report.
@Suite("Team server access")
struct TeamAccessTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    /// A team of four on the test server, a family of its own (a unique id and surname), pushed by Alex.
    struct Team {
        var url: (String) -> String
        var adminURL: String
        var alex: String
        var kim: String
        var sam: String
        var manager: String
        var family: String
        var surname: String
    }

    func makeTeam() throws -> Team {
        let cluster = try TestTeamServerCluster(binary: binary, home: home)
        let (adminURL, suffix) = (cluster.adminURL, cluster.suffix)

        let team = Team(
            url: cluster.url(for:), adminURL: adminURL, alex: "alex\(suffix)",
            kim: "kim\(suffix)", sam: "sam\(suffix)", manager: "mgr\(suffix)", family: "ZZ-F-ACC\(suffix.uppercased())",
            // Six letters from the suffix: no test's surname is a part of another's, so a search finds one.
            surname: "Quaxleby"
                + String(suffix.map { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0.hexDigitValue ?? 0))) }))
        let practitioners: [(String, String, String?)] = [
            (team.alex, "front-door", nil), (team.kim, "front-door", nil), (team.sam, "hub-worker", "south"),
            (team.manager, "manager", nil),
        ]
        try cluster.writePasswordFile(
            practitioners.map { ($0.0, try cluster.addPractitioner($0.0, role: $0.1, locality: $0.2)) })

        // Alex's family: a fixture family given an id and a surname no other test uses.
        let source = home.path("source.sqlite")
        #expect(try binary.run(["demo", "load", "--store", source], home: home).status == 0)
        let exported = try binary.run(["export", "ZZ-F-0002", "--store", source], home: home)
        #expect(exported.status == 0, "\(exported.standardError)")
        let document = exported.standardOutput.replacingOccurrences(of: "ZZ-F-0002", with: team.family)
            .replacingOccurrences(of: "Marchbank-Oddly", with: team.surname)
        try document.write(toFile: home.path("family.json"), atomically: true, encoding: .utf8)
        let alexStore = home.path("alex.sqlite")
        #expect(try binary.run(["team", "join", team.url(team.alex), "--store", alexStore], home: home).status == 0)
        let imported = try binary.run(["import", home.path("family.json"), "--store", alexStore], home: home)
        #expect(imported.status == 0, "\(imported.standardError)")
        let pushed = try binary.run(["sync", "--store", alexStore], home: home)
        #expect(pushed.status == 0, "\(pushed.standardError)")

        let restricted = try binary.run(
            ["server", "restrict", team.family, "--to", team.alex, "--url", team.url(team.manager)], home: home)
        #expect(restricted.status == 0, "\(restricted.standardError)")
        return team
    }

    @Test("find, open with a reason, the access report; a hub worker is refused by the server")
    func commandLine() throws {
        let team = try makeTeam()
        let kimStore = home.path("kim.sqlite")
        #expect(try binary.run(["team", "join", team.url(team.kim), "--store", kimStore], home: home).status == 0)
        #expect(try binary.run(["sync", "--store", kimStore], home: home).status == 0)

        let found = try binary.run(["team", "find", team.surname, "--store", kimStore], home: home)
        #expect(found.status == 0, "\(found.standardError)")
        #expect(found.standardOutput.contains(team.family), "\(found.standardOutput)")
        #expect(found.standardOutput.contains("restricted"), "\(found.standardOutput)")
        #expect(found.standardOutput.contains("not on this laptop"), "\(found.standardOutput)")

        let withoutReason = try binary.run(["team", "open", team.family, "--store", kimStore], home: home)
        #expect(withoutReason.status == 5, "\(withoutReason.standardOutput)")
        #expect(withoutReason.standardError.contains("give a reason"), "\(withoutReason.standardError)")
        let opened = try binary.run(
            ["team", "open", team.family, "--reason", "Duty cover: Alex is on leave", "--store", kimStore], home: home)
        #expect(opened.status == 0, "\(opened.standardError)")
        let shown = try binary.run(["show", team.family, "--store", kimStore], home: home)
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(shown.standardOutput.contains(team.surname), "\(shown.standardOutput)")

        let report = try binary.run(
            ["server", "access-report", "--format", "csv", "--url", team.url(team.manager)], home: home)
        #expect(report.status == 0, "\(report.standardError)")
        let kimsLines = report.standardOutput.split(separator: "\n").filter {
            $0.contains(team.kim) && $0.contains(team.family)
        }
        #expect(kimsLines.count == 2, "\(report.standardOutput)")
        #expect(kimsLines.first?.contains(",refused,") == true, "\(kimsLines)")
        #expect(kimsLines.last?.contains(",opened,yes,") == true, "\(kimsLines)")
        #expect(kimsLines.last?.contains("Duty cover: Alex is on leave") == true, "\(kimsLines)")

        // The hub worker is refused by the server, not by this program.
        for arguments in [
            ["server", "access-report"], ["server", "assign", team.family, "--to", team.sam],
            ["server", "restrict", team.family, "--lift"],
        ] {
            let refused = try binary.run(arguments + ["--url", team.url(team.sam)], home: home)
            #expect(refused.status == 5, "\(arguments): \(refused.standardOutput)")
            #expect(refused.standardError.contains("only a manager or an administrator"), "\(refused.standardError)")
        }
        // Assigned to Sam's caseload (after the restriction is lifted), the family reaches Sam's next sync.
        let samStore = home.path("sam.sqlite")
        #expect(try binary.run(["team", "join", team.url(team.sam), "--store", samStore], home: home).status == 0)
        #expect(try binary.run(["sync", "--store", samStore], home: home).status == 0)
        let lifted = try binary.run(
            ["server", "restrict", team.family, "--lift", "--url", team.url(team.manager)], home: home)
        #expect(lifted.status == 0, "\(lifted.standardError)")
        let assigned = try binary.run(
            ["server", "assign", team.family, "--to", team.sam, "--url", team.url(team.manager)], home: home)
        #expect(assigned.status == 0, "\(assigned.standardError)")
        let synced = try binary.run(["sync", "--store", samStore], home: home)
        #expect(synced.status == 0, "\(synced.standardError)")
        let samsCopy = try binary.run(["show", team.family, "--store", samStore], home: home)
        #expect(samsCopy.status == 0, "\(synced.standardOutput) \(samsCopy.standardError)")
        #expect(samsCopy.standardOutput.contains(team.surname), "\(samsCopy.standardOutput)")
    }

    @Test("a server elsewhere without TLS is refused before any password is asked for")
    func noTLSElsewhere() throws {
        let joined = try binary.run(
            [
                "team", "join", "postgresql://alex@192.0.2.10:5432/signpost?sslmode=disable", "--store",
                home.path("alex.sqlite"),
            ], home: home)
        #expect(joined.status == 2, "\(joined.standardError)")
        #expect(joined.standardError.contains("TLS is required"), "\(joined.standardError)")
        #expect(!joined.standardError.contains("password"), "no password was looked for: \(joined.standardError)")
        #expect(!FileManager.default.fileExists(atPath: home.path("alex.sqlite")), "no store was made")
    }

    @Test("the interface: F, type a name, Enter, a reason, and the family opens on this laptop")
    func findScreen() throws {
        let team = try makeTeam()
        let kimStore = home.path("kim.sqlite")
        #expect(try binary.run(["team", "join", team.url(team.kim), "--store", kimStore], home: home).status == 0)
        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", kimStore], home: home)
        try session.waitFor("Families")
        try session.send("F")
        try session.waitFor("Is this person known")
        try session.type(team.surname)
        // The answer to the whole surname, not to a prefix typed on the way (which finds other tests' families).
        try session.waitFor("matching “\(team.surname)”", timeout: 20)
        try session.waitFor(team.family)
        try session.waitFor("not here")
        try session.send("Enter")
        try session.send("Enter")
        try session.waitFor("Why do you need to open it?")
        try session.type("Duty cover for Alex")
        try session.send("Enter")
        try session.waitFor("\(team.surname) family", timeout: 20)
        let report = try binary.run(
            ["server", "access-report", "--format", "csv", "--url", team.url(team.manager)], home: home)
        #expect(report.standardOutput.contains("Duty cover for Alex"), "\(report.standardOutput)")
    }
}
