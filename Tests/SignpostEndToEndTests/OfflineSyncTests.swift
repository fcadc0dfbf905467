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

    /// Sam's and Ali's laptops, each with Signpost open on a family of Sam's that both have synced;
    /// Sam reaches the server through a relay the test can cut.
    struct Laptops {
        let sam: String
        let ali: String
        let family: String
        let relay: TCPRelay
        let samStore: String
        let aliStore: String
        let samScreen: TmuxSession
        let aliScreen: TmuxSession
    }

    /// Joins both laptops to the cluster, gives Sam a family of his own, and opens Signpost on both.
    func startLaptops() throws -> Laptops {
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
        return Laptops(
            sam: sam, ali: ali, family: family, relay: relay, samStore: samStore, aliStore: aliStore,
            samScreen: samScreen, aliScreen: aliScreen)
    }

    /// Cuts Sam's network, makes `samEdits` offline and `aliEdits` online, then restores the network
    /// and opens the conflict on Sam's screen.
    func conflict(
        _ laptops: Laptops, samEdits: (TmuxSession) throws -> Void, aliEdits: (TmuxSession) throws -> Void
    ) throws -> String {
        let (samScreen, aliScreen) = (laptops.samScreen, laptops.aliScreen)
        laptops.relay.cut()
        let probe = try binary.run(["sync", "--store", laptops.samStore], home: home, timeout: .seconds(20))
        #expect(
            probe.status == 5,
            "with the relay cut, the server cannot be reached: \(probe.standardOutput) \(probe.standardError)")
        _ = try samScreen.waitFor("offline", timeout: 30)
        try samEdits(samScreen)
        _ = try samScreen.waitFor("1 to send", timeout: 15)
        #expect(try samScreen.screen().contains("offline"), "the header says offline truthfully")
        try aliEdits(aliScreen)
        _ = try aliScreen.waitUntil("Ali's change sent", timeout: 30) { $0.contains("synced ") }

        try laptops.relay.restore()
        let conflicted = try samScreen.waitFor("1 conflict", timeout: 40)
        #expect(conflicted.contains("synced "), "the header counted down to synced: \(conflicted)")
        try samScreen.send("!")
        return try samScreen.waitFor("Theirs")
    }

    /// Waits until Sam's resolution is sent and Ali's store, syncing in the background, holds `expected`.
    func resolutionReachesAli(_ laptops: Laptops, holding expected: [String]) throws {
        _ = try laptops.samScreen.waitFor("No conflicts to review")
        _ = try laptops.samScreen.waitUntil("the resolution is sent", timeout: 30) {
            !$0.contains("to send") && $0.contains("synced ")
        }
        var exported = ""
        _ = try? laptops.aliScreen.waitUntil("Sam's resolution in Ali's store", timeout: 30) { _ in
            exported =
                (try? binary.run(["export", laptops.family, "--store", laptops.aliStore], home: home).standardOutput)
                ?? ""
            return expected.allSatisfy { exported.contains($0) }
        }
        #expect(expected.allSatisfy { exported.contains($0) }, "Ali's store has Sam's resolution: \(expected)")
        try laptops.samScreen.send("q")
        try laptops.aliScreen.send("q")
    }

    @Test("offline edit, conflict, resolution: header, conflicts screen and the other store")
    func offlineConflictResolved() throws {
        let laptops = try startLaptops()
        let review = try conflict(
            laptops, samEdits: { try changePhone(in: $0, family: laptops.family, to: "020 7946 0111") },
            aliEdits: { try changePhone(in: $0, family: laptops.family, to: "020 7946 0222") })
        #expect(review.contains("020 7946 0111 — \(laptops.sam)"), "\(review)")
        #expect(review.contains("020 7946 0222 — \(laptops.ali)"), "\(review)")
        try laptops.samScreen.send("m")
        _ = try laptops.samScreen.waitFor("Resolve")
        try laptops.samScreen.send("Enter")
        // Ali's open Signpost receives it in the background: the phone number in Ali's store is Sam's.
        try resolutionReachesAli(laptops, holding: ["020 7946 0111"])
    }

    @Test("a languages conflict combined from both lists reaches the other store")
    func languagesCombined() throws {
        let laptops = try startLaptops()
        let review = try conflict(
            laptops, samEdits: { try changeLanguages(in: $0, family: laptops.family, to: "English, Tigrinya") },
            aliEdits: { try changeLanguages(in: $0, family: laptops.family, to: "English, Lingala") })
        #expect(review.contains("English, Tigrinya — \(laptops.sam)"), "\(review)")
        #expect(review.contains("English, Lingala — \(laptops.ali)"), "\(review)")
        let samScreen = laptops.samScreen
        try samScreen.send("e")
        _ = try samScreen.waitFor("Tigrinya  (mine)")
        try samScreen.send("b")
        _ = try samScreen.waitFor("Lingala  (theirs)")
        try samScreen.send("C-o")
        _ = try samScreen.waitFor("English, Tigrinya, Lingala")
        try samScreen.send("Enter")
        try resolutionReachesAli(laptops, holding: ["Tigrinya", "Lingala"])
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

    /// Opens the family's household details and sets the languages spoken at home, saving with Ctrl-O.
    func changeLanguages(in screen: TmuxSession, family: String, to languages: String) throws {
        try screen.send(":")
        try screen.type("open \(family)")
        try screen.send("Enter")
        _ = try screen.waitFor("Members")
        try screen.send("d")
        _ = try screen.waitFor("Languages at home")
        // Address, postcode, moved-in date, locality, then the languages, entered with their text selected.
        try screen.send("Tab", "Tab", "Tab", "Tab")
        _ = try screen.waitFor("> Languages at home")
        try screen.type(languages)
        _ = try screen.waitFor(languages)
        try screen.send("C-o")
        _ = try screen.waitFor("saved the family's details")
    }
}
