import Foundation
import Testing

/// `signpost train` in a real terminal: exercises right and wrong, the presenter view, and a live store left alone.
@Suite("Training mode", .serialized)
struct TrainingTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    /// A folder with one scenario about Kofi Thistlewood (2), whose nursery is worried about his speech.
    private func scenarioFolder() throws -> String {
        let folder = home.url.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(
            #"""
            {"id": "kofi-speech", "title": "A nursery worried about Kofi's speech",
             "narrative": "Tuesday morning. Jo Pemberton, Kofi's key worker at the nursery, says he has very few words for his age. His mother Li Na would like some help.",
             "family": "ZZ-F-0004", "at": "2026-11-24T10:15:00Z",
             "caller": {"name": "Jo Pemberton", "relationship": "key worker", "agency": "Little Acorns Nursery"},
             "door": "children-centre", "source": "early-help",
             "situation": {"door": "children-centre", "consent": "given",
                "people": [{"id": "ZZ-P-0004-3", "role": "child", "dateOfBirth": "2024-03-19", "concerns": ["early-development"]}]},
             "expected": {"levels": {"ZZ-P-0004-3": 2}, "destinations": [{"service": "bright-start", "people": ["ZZ-P-0004-3"]}]},
             "teachingPoint": "Speech delay with a family who wants help is early help (level 2), not social care.",
             "covers": ["level-2", "bright-start"]}
            """#.utf8
        ).write(to: folder.appendingPathComponent("01-kofi.json"))
        return folder.path
    }

    /// Takes the exercise's call in the terminal, ticking `concern`, with consent given.
    private func takeCall(_ session: TmuxSession, concern: String) throws {
        try session.waitFor("Training exercises")
        try session.send("Enter")
        try session.waitFor("very few words")
        try session.send("Enter")
        try session.waitFor("Caller's name")
        try session.type("Jo Pemberton")
        try session.send("C-n")
        try session.type("kofi thistlewood")
        try session.waitFor("Thistlewood family ·")
        try session.send("Enter", "C-n", "Tab")
        try session.type(concern)
        try session.send("Enter", "C-n", "C-n", "Right", "C-n")
        try session.waitFor("Route and record]")
        var screen = try session.screen()
        var guardrail = 20
        while screen.contains("needs one more answer"), guardrail > 0 {
            let before = screen
            try session.send("2")
            screen = try session.waitUntil("the next question") { $0 != before }
            guardrail -= 1
        }
        try session.send("C-o")
    }

    @Test("a trainee triages the call as expected and is told so; the training store is deleted on exit")
    func correctExercise() throws {
        let temporary = home.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let session = try TmuxSession(
            binary: binary, arguments: ["train", "--scenarios", try scenarioFolder()], home: home, width: 120,
            height: 40, extraEnvironment: ["TMPDIR": temporary.path])
        try session.waitFor("Training exercises")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: temporary.path).contains {
                $0.hasPrefix("signpost-training-")
            },
            "the training store is made in a temporary folder")
        try session.waitFor("TRAINING — FICTIONAL DATA")
        try takeCall(session, concern: "early")
        try session.waitFor("✓ Right")
        try session.waitFor("Teaching point")
        try session.send("Escape")
        try session.waitFor("Score so far: 1 of 1")
        try session.send("q", "q")
        try session.waitFor("[exited 0]")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty,
            "the training store is deleted when the session ends")
    }

    @Test("a trainee who gets it wrong sees what differed and why")
    func wrongExercise() throws {
        let session = try TmuxSession(
            binary: binary, arguments: ["train", "--scenarios", try scenarioFolder()], home: home, width: 120,
            height: 40)
        try takeCall(session, concern: "neglect")
        try session.waitFor("✗ Not quite")
        try session.waitFor("Why: the pathway, question by question")
        try session.send("Escape", "s")
        try session.waitFor("Score: 0 right of 1 tried")
        try session.send("q", "q", "q")
        try session.waitFor("[exited 0]")
    }

    @Test("the presenter view steps through the pathway a question at a time, with the map")
    func presenterView() throws {
        let session = try TmuxSession(
            binary: binary, arguments: ["train", "--scenarios", try scenarioFolder()], home: home, width: 120,
            height: 40)
        try session.waitFor("Training exercises")
        try session.send("p")
        try session.waitFor("very few words")
        try session.send("Right")
        try session.waitFor("Is this person in immediate danger?")
        try session.waitFor("→ No")
        try session.waitFor("Why this is asked")
        try session.send("z")
        try session.waitFor("Pathway map")
        try session.waitFor("▶")
        try session.send("Escape")
        for _ in 0..<30 { try session.send("Right") }
        try session.waitFor("Where the call goes")
        try session.waitFor("Bright Start")
        try session.send("q", "q", "q")
        try session.waitFor("[exited 0]")
    }

    @Test("a training session leaves the live store byte for byte as it was, and --keep keeps the training store")
    func liveStoreUntouched() throws {
        // A live store with one family in it: a fixture family's shape, marked as live, under another name.
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/families/ZZ-F-0003.json")
        // Every id relabelled out of the fictional namespace (ZZ-…), as a live family's would be.
        let relabelled = String(decoding: try Data(contentsOf: fixture), as: UTF8.self)
            .replacingOccurrences(of: "\"ZZ-", with: "\"")
        var document = try #require(
            try JSONSerialization.jsonObject(with: Data(relabelled.utf8)) as? [String: Any])
        var record = try #require(document["family"] as? [String: Any])
        record["id"] = "F-LIVE1"
        record["name"] = "Livingstone"
        document["family"] = record
        document["fictional"] = false
        let family = home.url.appendingPathComponent("live-family.json")
        try JSONSerialization.data(withJSONObject: document).write(to: family)
        let imported = try binary.run(["import", family.path], home: home)
        #expect(imported.status == 0, "\(imported.standardError)")
        let before = try Data(contentsOf: home.liveStore)
        let session = try TmuxSession(
            binary: binary, arguments: ["train", "--keep", "--scenarios", try scenarioFolder()], home: home,
            width: 120, height: 40)
        try takeCall(session, concern: "early")
        try session.waitFor("✓ Right")
        try session.send("Escape", "q", "q")
        try session.waitFor("the training store is kept at")
        try session.waitFor("[exited 0]")
        #expect(try Data(contentsOf: home.liveStore) == before, "the live store changed during training")
        let kept = try #require(
            try session.screen().split(separator: "\n").first { $0.contains("kept at") }.flatMap { line in
                line.range(of: "kept at ").map { String(line[$0.upperBound...]).trimmingCharacters(in: .whitespaces) }
            })
        let listed = try binary.run(["list", "--store", kept + "/training.sqlite"], home: home)
        #expect(listed.standardError.contains("FICTIONAL") || listed.standardError.contains("fictional"))
        #expect(!listed.standardOutput.contains("Livingstone"), "training data and live data never mix")
        try? FileManager.default.removeItem(atPath: kept)
    }

    @Test("train --check passes every built-in scenario, and refuses a scenario naming an unknown family")
    func checkScenarios() throws {
        let check = try binary.run(["train", "--check"], home: home)
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        let lines = check.standardOutput.split(separator: "\n").filter { $0.hasPrefix("✓") }
        #expect(lines.count >= 15, "only \(lines.count) scenarios checked:\n\(check.standardOutput)")
        let folder = try scenarioFolder()
        let file = URL(fileURLWithPath: folder).appendingPathComponent("01-kofi.json")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "ZZ-F-0004", with: "ZZ-F-9999")
        try Data(text.utf8).write(to: file)
        let refused = try binary.run(["train", "--check", "--scenarios", folder], home: home)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("01-kofi.json: family"), "\(refused.standardError)")
    }
}
