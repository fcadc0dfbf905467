import Foundation
import SignpostSubprocess
import Testing

/// The command line, driven as a script would drive it: the real binary, a throwaway home folder.
@Suite("Command line")
struct CommandLineTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    /// A demonstration store made from the fixtures, and its families as `list --json` prints them.
    private func demoStore() throws -> (path: String, families: [[String: Any]]) {
        let path = home.path("demo.sqlite")
        let load = try binary.run(["demo", "load", "--store", path], home: home)
        #expect(load.status == 0, "\(load.standardError)")
        let list = try binary.run(["list", "--store", path, "--json", "--limit", "1000"], home: home)
        #expect(list.status == 0, "\(list.standardError)")
        let families = try list.standardOutput.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        return (path, families)
    }

    @Test("--version and --help answer without a terminal")
    func versionAndHelp() throws {
        let version = try binary.run(["--version"], home: home)
        #expect(version.status == 0)
        #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).contains("."))
        for command in ["list", "show", "search", "match", "import", "export", "check", "demo", "snapshot"] {
            let help = try binary.run([command, "--help"], home: home)
            #expect(help.status == 0, "\(command) --help failed")
            #expect(help.standardOutput.contains("USAGE"), "\(command) --help printed no usage")
        }
    }

    @Test("demo load makes a fictional store; search finds families by name part, postcode and date of birth")
    func demoLoadAndSearch() throws {
        let (path, families) = try demoStore()
        #expect(families.count >= 40)
        #expect(FileManager.default.fileExists(atPath: path))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let family = try #require(families.first { ($0["members"] as? [[String: Any]])?.isEmpty == false })
        let id = try #require(family["id"] as? String)
        let name = try #require(family["name"] as? String)
        let postcode = try #require(family["postcode"] as? String)

        let byNamePart = try binary.run(["search", "--store", path, String(name.prefix(4)).lowercased()], home: home)
        #expect(byNamePart.status == 0)
        #expect(byNamePart.standardOutput.contains(id), "\(byNamePart.standardOutput)")
        #expect(byNamePart.standardError.contains("FICTIONAL"))

        let byPostcode = try binary.run(["search", "--store", path, postcode], home: home)
        #expect(byPostcode.standardOutput.contains(id), "\(byPostcode.standardOutput)")

        let members = try #require(family["members"] as? [[String: Any]])
        let born = try #require(members.first { $0["dateOfBirth"] is String })
        let dateOfBirth = try #require(born["dateOfBirth"] as? String)
        let parts = dateOfBirth.split(separator: "-")
        let british = "\(parts[2])/\(parts[1])/\(parts[0])"
        let byBirth = try binary.run(["search", "--store", path, british], home: home)
        #expect(byBirth.standardOutput.contains(id), "searching \(british): \(byBirth.standardOutput)")

        let nothing = try binary.run(["search", "--store", path, "zzqqxxunlikely"], home: home)
        #expect(nothing.status == 0)
        #expect(nothing.standardOutput.contains("No family matches"))
    }

    @Test("match shows who the matcher finds, with family, date of birth, postcode, score and reasons")
    func matchCommand() throws {
        let (path, families) = try demoStore()
        // Someone with a date of birth and a plain surname long enough to misspell.
        func suits(_ person: [String: Any]) -> Bool {
            guard person["dateOfBirth"] is String, let surname = person["familyName"] as? String else { return false }
            return surname.count >= 6 && surname.allSatisfy(\.isLetter)
        }
        let family = try #require(
            families.first { family in (family["members"] as? [[String: Any]])?.contains(where: suits) == true })
        let familyID = try #require(family["id"] as? String)
        let members = try #require(family["members"] as? [[String: Any]])
        let person = try #require(members.first(where: suits))
        let personID = try #require(person["id"] as? String)
        let given = try #require(person["givenName"] as? String)
        let surname = try #require(person["familyName"] as? String)
        let born = try #require(person["dateOfBirth"] as? String)

        let text = try binary.run(["match", "--store", path, "\(given) \(surname)"], home: home)
        #expect(text.status == 0, "\(text.standardError)")
        let first = try #require(text.standardOutput.split(separator: "\n").first.map(String.init))
        #expect(first.hasPrefix("\(personID)  "), "\(text.standardOutput)")
        #expect(first.contains(familyID))
        #expect(first.contains("score "))
        #expect(first.contains("first name matches"), "\(first)")

        // Surname first, misspelt by a letter, with the date of birth: JSON for scripts.
        var misspelt = Array(surname.lowercased())
        misspelt[misspelt.count / 2] = misspelt[misspelt.count / 2] == "x" ? "y" : "x"
        let json = try binary.run(
            ["match", "--store", path, "--format", "json", "--limit", "3", String(misspelt), given, born],
            home: home)
        #expect(json.status == 0, "\(json.standardError)")
        let lines = try json.standardOutput.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(lines.count <= 3)
        let best = try #require(lines.first)
        #expect(best["personID"] as? String == personID, "\(json.standardOutput)")
        #expect(best["familyID"] as? String == familyID)
        #expect(best["dateOfBirth"] as? String == born)
        #expect(best["score"] is Double)
        let reasons = try #require(best["reasons"] as? [String])
        #expect(reasons.contains("first and last name swapped"), "\(reasons)")

        let nobody = try binary.run(["match", "--store", path, "zzqqxxunlikely"], home: home)
        #expect(nobody.status == 0)
        #expect(nobody.standardOutput.contains("No one matches"))
        let badLimit = try binary.run(["match", "--store", path, "--limit", "0", "zoe"], home: home)
        #expect(badLimit.status == 2)
        #expect(badLimit.standardError.contains("--limit"))
        let badFormat = try binary.run(["match", "--store", path, "--format", "xml", "zoe"], home: home)
        #expect(badFormat.status == 2)
    }

    @Test("export, import into a fresh store, export again: identical JSON")
    func exportImportRoundTrip() throws {
        let (path, families) = try demoStore()
        let exportFolder = home.path("exported")
        let first = try binary.run(["export", "--store", path, "--all", "--output", exportFolder], home: home)
        #expect(first.status == 0, "\(first.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: exportFolder).sorted()
        #expect(files.count == families.count)

        let fresh = home.path("fresh.sqlite")
        let imported = try binary.run(
            ["import", "--store", fresh] + files.map { "\(exportFolder)/\($0)" }, home: home)
        #expect(imported.status == 0, "\(imported.standardError)")

        for file in files {
            let id = String(file.dropLast(".json".count))
            let again = try binary.run(["export", "--store", fresh, id], home: home)
            #expect(again.status == 0)
            let original = try Data(contentsOf: URL(fileURLWithPath: "\(exportFolder)/\(file)"))
            #expect(again.outputData == original, "\(id) differs after a round trip")
        }
    }

    @Test("fictional families are refused by a live store, and the store is left as it was")
    func fictionalDataNeverEntersALiveStore() throws {
        let (path, families) = try demoStore()
        let id = try #require(families.first?["id"] as? String)
        let exported = try binary.run(["export", "--store", path, id], home: home)
        let document = home.path("one.json")
        try exported.outputData.write(to: URL(fileURLWithPath: document))

        let intoDefault = try binary.run(["import", document], home: home)
        #expect(intoDefault.status == 2)
        #expect(intoDefault.standardError.contains("fictional"))
        #expect(!FileManager.default.fileExists(atPath: home.liveStore.path))

        // Flipping the mark is not enough: every id still carries the fictional namespace (issue #12, defect 12).
        let live = home.path("live.sqlite")
        let exportedText = String(decoding: exported.outputData, as: UTF8.self)
        let flipped = exportedText.replacingOccurrences(of: "\"fictional\" : true", with: "\"fictional\" : false")
        #expect(flipped != exportedText, "the export is marked fictional")
        let flippedFile = home.path("flipped.json")
        try Data(flipped.utf8).write(to: URL(fileURLWithPath: flippedFile))
        let refused = try binary.run(["import", "--store", live, flippedFile], home: home)
        #expect(refused.status == 2, "\(refused.standardError)")
        #expect(refused.standardError.contains("family \(id)"), "names the record: \(refused.standardError)")
        #expect(refused.standardError.contains("fictional id"), "\(refused.standardError)")
        #expect(!FileManager.default.fileExists(atPath: live), "nothing was made or saved")

        // The mark stripped from some ids only: still refused, naming a record that keeps it, whichever the mark says.
        let family = try #require(families.first { ($0["members"] as? [[String: Any]])?.count ?? 0 >= 2 })
        let partlyID = try #require(family["id"] as? String)
        let partlyExport = try binary.run(["export", "--store", path, partlyID], home: home)
        let partly = String(decoding: partlyExport.outputData, as: UTF8.self)
            .replacingOccurrences(of: "\"\(partlyID)\"", with: "\"\(partlyID.dropFirst(3))\"")
        for mark in ["true", "false"] {
            let file = home.path("partly-\(mark).json")
            let text = partly.replacingOccurrences(of: "\"fictional\" : true", with: "\"fictional\" : \(mark)")
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            let store = mark == "true" ? home.path("partly-demo.sqlite") : live
            let partlyRefused = try binary.run(["import", "--store", store, file], home: home)
            #expect(partlyRefused.status == 2, "\(mark): \(partlyRefused.standardError)")
            #expect(
                partlyRefused.standardError.contains("person ZZ-P-")
                    || partlyRefused.standardError.contains("family \(partlyID.dropFirst(3))"),
                "\(mark): \(partlyRefused.standardError)")
        }

        // Only a document relabelled throughout (every id rewritten) reads as live: then it is simply live data.
        let relabelled = flipped.replacingOccurrences(of: "\"ZZ-", with: "\"")
        let relabelledFile = home.path("relabelled.json")
        try Data(relabelled.utf8).write(to: URL(fileURLWithPath: relabelledFile))
        let accepted = try binary.run(["import", "--store", live, relabelledFile], home: home)
        #expect(accepted.status == 0, "\(accepted.standardError)")
        let mixed = try binary.run(["import", "--store", live, document], home: home)
        #expect(mixed.status == 2)
        #expect(mixed.standardError.contains("fictional"))
        let liveCheck = try binary.run(["check", "--store", live], home: home)
        #expect(liveCheck.status == 0, "\(liveCheck.standardOutput)")

        let asLive = try binary.run(["list", "--store", path], home: home)
        #expect(asLive.status == 0, "reading commands may read a demonstration store")
        let openDemoAsLive = try binary.run(["open", "--store", path], home: home)
        #expect(openDemoAsLive.status == 3)
        #expect(openDemoAsLive.standardError.contains("demonstration"))
    }

    @Test("check says a demonstration store is sound")
    func checkHealthyStore() throws {
        let (path, _) = try demoStore()
        let check = try binary.run(["check", "--store", path], home: home)
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("The store is sound."))
    }

    @Test("check refuses random bytes and a truncated store, and leaves both files exactly as they were")
    func checkRefusesDamagedFiles() throws {
        let random = home.path("random.sqlite")
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try bytes.write(to: URL(fileURLWithPath: random))
        let onRandom = try binary.run(["check", "--store", random], home: home)
        #expect(onRandom.status == 3)
        #expect(onRandom.standardError.contains("not a Signpost store"), "\(onRandom.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: random)) == bytes)

        let (path, _) = try demoStore()
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        let truncatedPath = home.path("truncated.sqlite")
        let truncated = whole.prefix(whole.count / 3)
        try truncated.write(to: URL(fileURLWithPath: truncatedPath))
        let onTruncated = try binary.run(["check", "--store", truncatedPath], home: home)
        #expect(onTruncated.status != 0)
        #expect(!onTruncated.standardError.isEmpty || onTruncated.standardOutput.contains("problem"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: truncatedPath)) == truncated)
    }

    @Test("bad input gets one clear line on standard error and the documented exit code")
    func badInput() throws {
        let (path, _) = try demoStore()
        let unknown = try binary.run(["show", "--store", path, "F-NOPE"], home: home)
        #expect(unknown.status == 4)
        #expect(unknown.standardError.contains("signpost: no family with id F-NOPE"))

        let garbage = home.path("garbage.json")
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: garbage))
        let badImport = try binary.run(["import", "--store", home.path("x.sqlite"), garbage], home: home)
        #expect(badImport.status == 2)
        #expect(badImport.standardError.contains("not a JSON document"))

        let noStore = try binary.run(["list", "--store", home.path("absent.sqlite")], home: home)
        #expect(noStore.status == 3)
        #expect(noStore.standardError.contains("no store at"))

        let badLevel = try binary.run(["list", "--store", path, "--level", "7"], home: home)
        #expect(badLevel.status == 2)
    }

    @Test("show prints members, levels and the chronology, and audits the view")
    func showFamily() throws {
        let (path, families) = try demoStore()
        let id = try #require(families.first?["id"] as? String)
        let shown = try binary.run(["show", "--store", path, id], home: home)
        #expect(shown.status == 0)
        #expect(shown.standardOutput.contains("Members"))
        #expect(shown.standardOutput.contains("Chronology"))
        #expect(!shown.standardOutput.contains("\u{1B}"), "stored text must never reach the terminal raw")
    }
}

@Suite("Benchmark")
struct BenchmarkSmokeTests {
    @Test("the benchmark runs every measure in quick mode and prints the table (times are not asserted)")
    func quickRun() throws {
        let signpost = try SignpostBinary()
        let home = try TemporaryHome()
        let benchmark = signpost.url.deletingLastPathComponent().appendingPathComponent("signpost-benchmark")
        let finished = try ChildProcess.run(
            benchmark.path, ["--quick", "--stores", home.path("stores")], environment: home.environment,
            errors: .discard, timeout: .seconds(600))
        let text = finished.standardOutput
        #expect(finished.status == 0)
        for measure in [
            "start to first frame", "search per keystroke", "render: home", "render: family", "open a family",
            "save a contact", "navigator evaluation", "contact keystroke", "matcher per keystroke",
            "peak resident memory", "pull: decode and apply 1000 changes",
        ] {
            #expect(text.contains(measure), "no \(measure) line in:\n\(text)")
        }
        #expect(!text.contains("no signpost binary"), "start-up was not measured:\n\(text)")
        #expect(!text.contains("not built yet"), "a measure was skipped:\n\(text)")
    }
}
