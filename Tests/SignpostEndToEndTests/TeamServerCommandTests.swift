import Foundation
import SignpostSubprocess
import Testing

/// The team server from the command line, as the README tells new users to try it: an
/// administrator sets the server up and adds practitioners; each practitioner joins with their own
/// store and login and syncs. Runs against the PostgreSQL cluster `make test` starts.
@Suite("Team server commands")
struct TeamServerCommandTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    @Test(
        "team join asks for the password on the terminal, without echoing it, when neither PGPASSWORD nor ~/.pgpass has it"
    )
    func joinAsksForThePasswordWithoutEcho() throws {
        let cluster = try TestTeamServerCluster(binary: binary, home: home, initialise: false)
        let (adminURL, host, port, database) = (cluster.adminURL, cluster.host, cluster.port, cluster.database)
        let login = "typist\(UUID().uuidString.prefix(6).lowercased())"
        let password = "typed-\(UUID().uuidString.prefix(8))"
        #expect(
            try binary.run(["server", "init", "--url", adminURL, "--kind", "demonstration"], home: home).status == 0)
        let added = try binary.run(
            ["server", "add-user", login, "--role", "front-door", "--url", adminURL], home: home,
            environment: ["SIGNPOST_NEW_PASSWORD": password])
        #expect(added.status == 0, "\(added.standardError)")

        let store = home.path("typist.sqlite")
        let session = try TmuxSession(
            binary: binary,
            arguments: ["team", "join", "postgresql://\(login)@\(host):\(port)/\(database)", "--store", store],
            home: home, width: 100)
        _ = try session.waitFor("Password for \(login) on the team server:")
        try session.type(password)
        try session.send("Enter")
        let screen = try session.waitFor("[exited")
        #expect(screen.contains("Joined"), "\(screen)")
        #expect(screen.contains("[exited 0]"), "\(screen)")
        #expect(!screen.contains(password), "the password was echoed:\n\(screen)")
        let file = try Data(contentsOf: URL(fileURLWithPath: store))
        #expect(file.range(of: Data(password.utf8)) == nil, "the password is never stored")
    }

    @Test("init, add-user, join, sync: the front door's families reach the north worker and not the south one")
    func twoPractitionersShareARecord() throws {
        let cluster = try TestTeamServerCluster(binary: binary, home: home, initialise: false)
        let (adminURL, suffix) = (cluster.adminURL, cluster.suffix)
        let (alex, sam, kim) = ("alex\(suffix)", "sam\(suffix)", "kim\(suffix)")

        let initialised = try binary.run(["server", "init", "--url", adminURL, "--kind", "demonstration"], home: home)
        #expect(initialised.status == 0, "\(initialised.standardError)")
        let again = try binary.run(["server", "init", "--url", adminURL, "--kind", "demonstration"], home: home)
        #expect(again.standardOutput.contains("up to date"), "\(again.standardOutput)")
        let asLive = try binary.run(["server", "init", "--url", adminURL, "--kind", "live"], home: home)
        #expect(asLive.status == 5, "a demonstration server cannot become live: \(asLive.standardError)")

        var passwords: [String: String] = [:]
        for (login, role, locality) in [
            (alex, "front-door", nil), (sam, "hub-worker", "north"), (kim, "hub-worker", "south"),
        ] as [(String, String, String?)] {
            passwords[login] = try cluster.addPractitioner(login, role: role, locality: locality)
        }
        // Each practitioner's password is in ~/.pgpass, as PostgreSQL's own tools keep it.
        try cluster.writePasswordFile(passwords.map { ($0.key, $0.value) })

        func url(_ login: String) -> String { cluster.url(for: login) }
        let alexStore = home.path("alex.sqlite")
        #expect(try binary.run(["demo", "load", "--store", alexStore], home: home).status == 0)
        let joined = try binary.run(["team", "join", url(alex), "--store", alexStore], home: home)
        #expect(joined.status == 0, "\(joined.standardError)")
        let pushed = try binary.run(["sync", "--store", alexStore], home: home)
        #expect(pushed.status == 0, "\(pushed.standardError)")
        #expect(pushed.standardOutput.contains("Pushed 44 changes"), "\(pushed.standardOutput)")

        var received: [String: Set<String>] = [:]
        for login in [sam, kim] {
            let store = home.path("\(login).sqlite")
            let join = try binary.run(["team", "join", url(login), "--store", store], home: home)
            #expect(join.status == 0, "\(join.standardError)")
            let sync = try binary.run(["sync", "--store", store], home: home)
            #expect(sync.status == 0, "\(sync.standardError)")
            #expect(sync.standardOutput.contains("from \(alex)"), "\(sync.standardOutput)")
            let list = try binary.run(["list", "--store", store, "--json", "--limit", "1000"], home: home)
            received[login] = Set(
                list.standardOutput.split(separator: "\n").compactMap { line in
                    (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
                })
            let file = try Data(contentsOf: URL(fileURLWithPath: store))
            #expect(file.range(of: Data((passwords[login] ?? "").utf8)) == nil, "the password is never stored")
        }
        let north = received[sam] ?? []
        let south = received[kim] ?? []
        #expect(!north.isEmpty && !south.isEmpty)
        #expect(north.isDisjoint(with: south), "a worker sees only their locality's families")

        let conflicts = try binary.run(["conflicts", "--store", home.path("\(sam).sqlite")], home: home)
        #expect(conflicts.standardOutput.contains("No conflicts"), "\(conflicts.standardOutput)")
        let status = try binary.run(["server", "status", "--url", adminURL], home: home)
        #expect(status.status == 0, "\(status.standardError)")
        #expect(status.standardOutput.contains("chain intact"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("\(sam)  hub-worker  north"), "\(status.standardOutput)")
    }

    @Test("a joined store records its practitioner as the login it syncs as, unless --user or SIGNPOST_USER names one")
    func aJoinedStoreNamesItsTeamLogin() throws {
        let cluster = try TestTeamServerCluster(binary: binary, home: home)
        let alex = "alex\(cluster.suffix)"
        try cluster.writePasswordFile([(alex, try cluster.addPractitioner(alex, role: "front-door"))])
        let store = home.path("alex.sqlite")
        #expect(try binary.run(["demo", "load", "--store", store], home: home).status == 0)
        let joined = try binary.run(["team", "join", cluster.url(for: alex), "--store", store], home: home)
        #expect(joined.status == 0, "\(joined.standardError)")

        /// Who the store's audit trail says last read the family, after `show` with `environment`.
        func reader(_ arguments: [String] = [], environment: [String: String]) throws -> String {
            let shown = try binary.run(
                ["show", "ZZ-F-0001", "--store", store] + arguments, home: home, environment: environment)
            #expect(shown.status == 0, "\(shown.standardError)")
            let audit = try binary.run(["audit", "--store", store, "--limit", "1", "--format", "json"], home: home)
            let entry = try JSONSerialization.jsonObject(with: Data(audit.standardOutput.utf8)) as? [String: Any]
            return entry?["actor"] as? String ?? audit.standardOutput
        }
        // Not the computer's login: the chronology on a colleague's laptop would show "root" for Alex's work.
        #expect(try reader(environment: ["SIGNPOST_USER": ""]) == alex)
        #expect(try reader(environment: ["SIGNPOST_USER": "alex.smith"]) == "alex.smith")
        #expect(try reader(["--user", "a.smith"], environment: ["SIGNPOST_USER": ""]) == "a.smith")

        // Joining again (a renewed certificate, say) says the store had joined, and keeps what it holds.
        let again = try binary.run(["team", "join", cluster.url(for: alex), "--store", store], home: home)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(
            again.standardOutput.hasPrefix(
                "\(store) had already joined \(cluster.url(for: alex)): its link is renewed"),
            "\(again.standardOutput)")
    }

    @Test(
        "team join keeps the link in XDG_CONFIG_HOME/signpost/team.toml (0600, never the password); sync reads it, sends what was recorded before joining, and names the file and line of a broken one"
    )
    func joinKeepsTheLinkInTheUsersConfig() throws {
        let cluster = try TestTeamServerCluster(binary: binary, home: home)
        let login = "cfg\(cluster.suffix)"
        let password = try cluster.addPractitioner(login, role: "front-door")
        let configHome = home.path("config-home")
        let environment = ["XDG_CONFIG_HOME": configHome, "PGPASSWORD": password]
        // One fictional family of this test's own (the fixtures' ids are the other tests'), recorded before joining.
        let source = home.path("source.sqlite")
        #expect(try binary.run(["demo", "load", "--store", source], home: home).status == 0)
        let exported = try binary.run(["export", "ZZ-F-0001", "--store", source], home: home)
        #expect(exported.status == 0, "\(exported.standardError)")
        let family = "ZZ-F-\(cluster.suffix.uppercased())"
        let document = exported.standardOutput.replacingOccurrences(of: "ZZ-F-0001", with: family)
        let store = home.path("linked.sqlite")
        let imported = try binary.run(["import", "-", "--store", store], home: home, input: Data(document.utf8))
        #expect(imported.status == 0, "\(imported.standardError)")

        let joined = try binary.run(
            ["team", "join", cluster.url(for: login), "--store", store], home: home, environment: environment)
        #expect(joined.status == 0, "\(joined.standardError)")
        let folder = URL(fileURLWithPath: configHome).appendingPathComponent("signpost")
        let file = folder.appendingPathComponent("team.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("login = '\(login)'") || text.contains("login = \"\(login)\""), "\(text)")
        #expect(text.contains("server = "), "\(text)")
        #expect(text.contains(URL(fileURLWithPath: store).resolvingSymlinksInPath().path), "kept by store: \(text)")
        #expect(!text.contains(password), "the password is never kept")
        let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
        #expect(!FileManager.default.fileExists(atPath: home.path(".config/signpost/team.toml")))

        // The family recorded before joining is sent: queued, whole, when the store joined.
        let synced = try binary.run(["sync", "--store", store], home: home, environment: environment)
        #expect(synced.status == 0, "\(synced.standardError)")
        #expect(synced.standardOutput.contains("Pushed 1 change"), "\(synced.standardOutput)")

        // A broken config: sync and join say which file and line, and leave it as it was.
        let broken = text + "\n[stores\nlogin = \n"
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let lines = broken.split(separator: "\n", omittingEmptySubsequences: false).count
        let refused = try binary.run(["sync", "--store", store], home: home, environment: environment)
        #expect(refused.status == 2, "\(refused.standardError)")
        #expect(refused.standardError.contains(file.path), "\(refused.standardError)")
        #expect(refused.standardError.contains("line \(lines - 2)"), "\(refused.standardError)")
        let rejoined = try binary.run(
            ["team", "join", cluster.url(for: login), "--store", store], home: home, environment: environment)
        #expect(rejoined.status == 2, "\(rejoined.standardError)")
        #expect(try String(contentsOf: file, encoding: .utf8) == broken, "nothing of the broken file is lost")

        // Without XDG_CONFIG_HOME the link is looked for in ~/.config: this store's is not there.
        let elsewhere = try binary.run(["sync", "--store", store], home: home, environment: ["PGPASSWORD": password])
        #expect(elsewhere.status == 2, "\(elsewhere.standardError)")
        #expect(elsewhere.standardError.contains("team join"), "\(elsewhere.standardError)")
    }
}
