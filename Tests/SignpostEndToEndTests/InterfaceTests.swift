import Foundation
import Testing

/// The terminal interface in a real terminal (tmux), driven by keys as a practitioner would.
@Suite("Terminal interface", .serialized)
struct InterfaceTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    /// A demonstration store at a known path, and the name of its newest family.
    private func demo() throws -> (path: String, familyName: String, familyID: String) {
        let path = try binary.loadDemo(home: home)
        let first = try binary.firstFamily(inStore: path, home: home)
        return (path, first.name, first.id)
    }

    @Test("signpost opens on an empty live store, tells a newcomer how to start, and q quits")
    func emptyLiveStore() throws {
        let session = try TmuxSession(binary: binary, arguments: [], home: home)
        try session.waitFor("No families are recorded in this store yet.")
        try session.waitFor("signpost demo")
        try session.send("q")
        try session.waitFor("[exited 0]")
        let attributes = try FileManager.default.attributesOfItem(atPath: home.liveStore.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: home.dataFolder.path)
        #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    @Test("signpost demo shows the fictional banner; search finds a family and Enter opens it")
    func searchAndOpen() throws {
        let store = try demo()
        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor("DEMONSTRATION — FICTIONAL DATA")
        try session.send("/")
        try session.type(String(store.familyName.prefix(5)).lowercased())
        try session.waitFor(store.familyName)
        try session.send("Enter")
        try session.send("Enter")
        try session.waitFor("\(store.familyName) family ·")
        try session.waitFor("Members")
        try session.send("q")
        try session.waitFor("Search:")
        try session.send("q")
        try session.waitFor("[exited 0]")
    }

    @Test("a case note and a level change are saved, and are there after quitting and reopening")
    func noteAndLevelSurviveRestart() throws {
        let store = try demo()
        var session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor(store.familyName)
        try session.send("Enter")
        try session.waitFor("\(store.familyName) family ·")
        try session.send("n")
        try session.waitFor("Write what happened")
        try session.type("Visited at home; kitchen now has a working cooker.")
        try session.send("C-o")
        try session.waitFor("case note added")
        try session.send("l")
        try session.waitFor("Reason (required)")
        try session.send("Home", "Down", "Down", "Down", "Space", "Tab")
        try session.type("Police report of domestic abuse at the address")
        try session.send("C-o")
        try session.waitFor("level is now L4 Acute")
        try session.send("q")
        try session.send("q")
        try session.waitFor("[exited 0]")

        session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor(store.familyName)
        try session.send("Enter")
        try session.waitFor("L4 Acute")
        try session.send("Tab")
        try session.waitFor("Note about")
        try session.waitFor("kitchen now has a w")
        try session.send("q", "q")
        try session.waitFor("[exited 0]")

        let shown = try binary.run(["show", "--store", store.path, store.familyID], home: home)
        #expect(shown.standardOutput.contains("kitchen now has a working cooker"))
        #expect(shown.standardOutput.contains("Police report of domestic abuse at the address"))
        #expect(shown.standardOutput.contains("[e2e.tester]"))
    }

    @Test("a case note killed mid-typing (SIGKILL) is offered on the next start, intact, and saved once")
    func noteKilledAndOffered() throws {
        let store = try demo()
        var session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor(store.familyName)
        try session.send("Enter")
        try session.waitFor("\(store.familyName) family ·")
        try session.send("n")
        try session.waitFor("Write what happened")
        try session.type("Dad rang at 9; the landlord fixed the damp.")
        try session.send("Enter")
        try session.type("Rent arrears plan agreed — £20 a week")
        try session.waitFor("£20 a week")
        // Kill the program itself, as a crash or a closed terminal would.
        let shell = try session.panePID()
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let program = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        kill(program, SIGKILL)
        try session.waitFor("[exited 137]")

        session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor("You have unsaved typing: case note about")
        try session.waitFor("(\(store.familyName) family)")
        try session.send("y")
        try session.waitFor("Restored what you typed")
        let screen = try session.waitFor("Rent arrears plan agreed — £20 a week")
        #expect(screen.contains("Dad rang at 9; the landlord fixed the damp."))
        try session.send("C-o")
        try session.waitFor("case note added")
        try session.send("q", "q")
        try session.waitFor("[exited 0]")

        let shown = try binary.run(["show", "--store", store.path, store.familyID], home: home)
        #expect(shown.standardOutput.components(separatedBy: "the landlord fixed the damp").count == 2)
        session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor(store.familyName)
        #expect(!(try session.screen()).contains("unsaved typing"), "a saved note is not offered again")
        try session.send("q")
        try session.waitFor("[exited 0]")
    }

    @Test("resizing to 60×15 shows the too-small message, and growing back restores the screen")
    func resize() throws {
        let store = try demo()
        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor(store.familyName)
        try session.resize(width: 60, height: 15)
        try session.waitFor("need 80×24, have 60×15")
        try session.resize(width: 80, height: 24)
        try session.waitFor(store.familyName)
        try session.waitForAbsence(of: "Terminal too small")
        try session.send("q")
        try session.waitFor("[exited 0]")
    }

    @Test("NO_COLOR=1 draws no colour, and emphasis stays (reverse title bar)")
    func noColor() throws {
        let store = try demo()
        let session = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", store.path], home: home, extraEnvironment: ["NO_COLOR": "1"])
        try session.waitFor(store.familyName)
        let screen = try session.screen(escapes: true)
        let colourCodes = try Regex(#"\e\[[0-9;]*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]+)*m"#)
        #expect(screen.firstMatch(of: colourCodes) == nil, "colour attributes found with NO_COLOR set:\n\(screen)")
        #expect(screen.contains("\u{1B}[7m") || screen.contains(";7m"), "the title bar keeps its reverse emphasis")
        try session.send("q")
        try session.waitFor("[exited 0]")
    }

    @Test("the ? help lists this screen's keys, the same ones the hint bar shows")
    func helpOverlay() throws {
        let store = try demo()
        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor("Enter Open")
        try session.send("?")
        try session.waitFor("Open the selected family")
        try session.send("End")
        try session.waitFor("Quit Signpost")
        try session.send("Escape")
        try session.waitForAbsence(of: "Open the selected family")
        try session.send("q")
        try session.waitFor("[exited 0]")
    }

    @Test("the interface refuses to open a demonstration store as the live one")
    func demoStoreIsNotLive() throws {
        let store = try demo()
        let session = try TmuxSession(binary: binary, arguments: ["--store", store.path], home: home)
        try session.waitFor("demonstration store, not a live one")
        try session.waitFor("[exited 3]")
    }
}

/// Filling a whole assessment in a real terminal, led only by what the editor says is missing.
@Suite("Assessment in the terminal", .serialized)
struct AssessmentInterfaceTests {
    @Test("start a CAF for a child, fill every required field as complete asks for it, and complete it")
    func fillAndComplete() throws {
        let binary = try SignpostBinary()
        let home = try TemporaryHome()
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let session = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", path], home: home, width: 100, height: 30)
        try session.waitFor("Enter Open")
        try session.send("Enter")
        try session.waitFor("Members")
        // The newest family's last member is a child in the fixtures; move to it and start an assessment.
        try session.send("G", "c")
        try session.waitFor("required field")
        var completed = false
        for _ in 0..<80 {
            // Each step waits for the screen to change, so no decision is made on a screen drawn before
            // the last key was handled (a stale "Missing:" line once had text typed into a date).
            let asked = try session.screen()
            try session.send("c")
            let screen = try session.waitUntil("a missing field or completion") {
                $0 != asked && ($0.contains("Missing:") || $0.contains("assessment complete"))
            }
            if screen.contains("assessment complete") {
                completed = true
                break
            }
            let before = screen.split(separator: "\n").first { $0.contains("Missing:") }.map(String.init) ?? ""
            if screen.contains("Options:") || screen.contains("Yes or no") {
                try session.send("Space")
                try session.waitUntil("the choice to change") { $0 != screen }
                continue
            } else if screen.contains("A date as") {
                try session.send("Enter", "C-u")
                try session.type("01/12/2026")
                try session.send("C-o")
            } else {
                try session.send("Enter")
                try session.type("Recorded in the end-to-end test")
                try session.send("C-o")
            }
            try session.waitUntil("the field to be kept") { !$0.contains("Save field") || !$0.contains(before) }
        }
        #expect(completed, "the assessment never completed")
        try session.waitFor("Complete since")
        try session.send("q", "q", "q")
        try session.waitFor("[exited 0]")
        let list = try binary.run(["list", "--store", path, "--json", "--limit", "1"], home: home)
        let id = try #require(
            list.standardOutput.split(separator: "\n").first.flatMap {
                (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
            })
        let shown = try binary.run(["show", "--store", path, id], home: home)
        #expect(shown.standardOutput.contains(": Complete, started"), "\(shown.standardOutput)")
    }
}
