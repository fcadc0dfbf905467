import Foundation
import SignpostSubprocess
import Testing

/// Issue #14's "done means", in two real terminals against the real PostgreSQL: Sam's laptop loses
/// the network (a relay in front of the server is cut) and changes a phone number; Ali changes the
/// same number online; Sam's network comes back: the header counts down, the conflict appears with
/// both values and names, and Sam's resolution reaches Ali.
@Suite("Offline sync in the interface")
struct OfflineSyncTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    @Test("offline edit, conflict, resolution: header, conflicts screen and the other store")
    func offlineConflictResolved() throws {
        let cluster = try TestTeamServerCluster(binary: binary, home: home)
        let (host, port, database, suffix) = (cluster.host, cluster.port, cluster.database, cluster.suffix)
        let (sam, ali) = ("sam\(suffix)", "ali\(suffix)")
        try cluster.writePasswordFile(
            [sam, ali].map { ($0, try cluster.addPractitioner($0, role: "hub-worker", locality: "north")) },
            anyPort: true)

        // Sam reaches the server through a relay the test can cut: his laptop's network.
        let relay = try TCPRelay(to: port)
        let samStore = home.path("sam.sqlite")
        let aliStore = home.path("ali.sqlite")
        // A family of Sam's own, with an id no other test uses: the cluster is shared with other suites.
        let family = "ZZ-F-OFF\(suffix.uppercased())"
        let demoStore = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", demoStore], home: home).status == 0)
        let document = try binary.run(["export", "ZZ-F-0041", "--store", demoStore], home: home)
        #expect(document.status == 0, "\(document.standardError)")
        try document.standardOutput.replacingOccurrences(of: "ZZ-F-0041", with: family)
            .write(toFile: home.path("family.json"), atomically: true, encoding: .utf8)
        let samJoin = try binary.run(
            ["team", "join", "postgresql://\(sam)@127.0.0.1:\(relay.port)/\(database)", "--store", samStore],
            home: home)
        #expect(samJoin.status == 0, "\(samJoin.standardError)")
        let imported = try binary.run(["import", home.path("family.json"), "--store", samStore], home: home)
        #expect(imported.status == 0, "\(imported.standardError)")
        let samSync = try binary.run(["sync", "--store", samStore], home: home)
        #expect(samSync.status == 0, "\(samSync.standardError)")
        let aliJoin = try binary.run(
            ["team", "join", "postgresql://\(ali)@\(host):\(port)/\(database)", "--store", aliStore], home: home)
        #expect(aliJoin.status == 0, "\(aliJoin.standardError)")
        let aliSync = try binary.run(["sync", "--store", aliStore], home: home)
        #expect(aliSync.status == 0, "\(aliSync.standardError)")

        let samScreen = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", samStore], home: home,
            extraEnvironment: ["SIGNPOST_USER": "sam"])
        let aliScreen = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", aliStore], home: home,
            extraEnvironment: ["SIGNPOST_USER": "ali"])
        _ = try samScreen.waitFor("synced ", timeout: 30)
        _ = try aliScreen.waitFor("synced ", timeout: 30)

        relay.cut()
        let probe = try binary.run(["sync", "--store", samStore], home: home, timeout: .seconds(20))
        #expect(
            probe.status == 5,
            "with the relay cut, the server cannot be reached: \(probe.standardOutput) \(probe.standardError)")
        _ = try samScreen.waitFor("offline", timeout: 30)
        try changePhone(in: samScreen, family: family, to: "020 7946 0111")
        _ = try samScreen.waitFor("1 to send", timeout: 15)
        #expect(try samScreen.screen().contains("offline"), "the header says offline truthfully")
        try changePhone(in: aliScreen, family: family, to: "020 7946 0222")
        _ = try aliScreen.waitUntil("Ali's change sent", timeout: 30) { $0.contains("synced ") }

        try relay.restore()
        let conflicted = try samScreen.waitFor("1 conflict", timeout: 40)
        #expect(conflicted.contains("synced "), "the header counted down to synced: \(conflicted)")
        try samScreen.send("!")
        let review = try samScreen.waitFor("Theirs")
        #expect(review.contains("020 7946 0111 — \(sam)"), "\(review)")
        #expect(review.contains("020 7946 0222 — \(ali)"), "\(review)")
        try samScreen.send("m")
        _ = try samScreen.waitFor("Resolve")
        try samScreen.send("Enter")
        _ = try samScreen.waitFor("No conflicts to review")
        _ = try samScreen.waitUntil("the resolution is sent", timeout: 30) {
            !$0.contains("to send") && $0.contains("synced ")
        }

        // Ali's open Signpost receives it in the background: the phone number in Ali's store is Sam's.
        var exported = ""
        _ = try? aliScreen.waitUntil("Sam's resolution in Ali's store", timeout: 30) { _ in
            exported = (try? binary.run(["export", family, "--store", aliStore], home: home).standardOutput) ?? ""
            return exported.contains("020 7946 0111")
        }
        #expect(exported.contains("020 7946 0111"), "Ali's store has Sam's resolution")
        try samScreen.send("q")
        try aliScreen.send("q")
    }

    /// Opens the family's first member and sets their phone number, saving with Ctrl-O.
    func changePhone(in screen: TmuxSession, family: String, to phone: String) throws {
        try screen.send(":")
        try screen.type("open \(family)")
        try screen.send("Enter")
        _ = try screen.waitFor("Members")
        try screen.send("e")
        _ = try screen.waitFor("Phone")
        // Shift-Tab from the first field wraps to the relationship fields after the phone: three back
        // is the phone, entered with its text selected, so typing replaces it.
        try screen.send("BTab", "BTab", "BTab")
        _ = try screen.waitFor("> Phone")
        try screen.type(phone)
        _ = try screen.waitFor(phone)
        try screen.send("C-o")
        _ = try screen.waitFor("Done: saved")
    }
}
