import Foundation
import Testing

/// A front-door call in a real terminal, from the home screen to a recorded contact, and one killed mid-way.
@Suite("Front-door contact", .serialized)
struct TriageTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    /// A demonstration store, and a child in it (given name, family name, family id) to call about.
    private func demo() throws -> (path: String, child: String, familyName: String, familyID: String) {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let shown = try binary.run(["export", "--store", path, "F-0001"], home: home)
        let document = try #require(try JSONSerialization.jsonObject(with: shown.outputData) as? [String: Any])
        let family = try #require(document["family"] as? [String: Any])
        let members = try #require(family["members"] as? [[String: Any]])
        let child = try #require(members.first { $0["role"] as? String == "child" && $0["dateOfBirth"] != nil })
        return (
            path, try #require(child["givenName"] as? String), try #require(family["name"] as? String),
            try #require(family["id"] as? String)
        )
    }

    /// The interface on the demonstration store at `path`, at 120×40, once it has drawn.
    private func open(_ path: String) throws -> TmuxSession {
        let session = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", path], home: home, width: 120, height: 40)
        try session.waitFor("DEMONSTRATION — FICTIONAL DATA")
        return session
    }

    /// Sends tmux keys, counting them; typed text is not counted.
    final class Keys {
        let session: TmuxSession
        private(set) var count = 0
        init(_ session: TmuxSession) { self.session = session }
        func send(_ keys: String...) throws {
            for key in keys { try session.send(key) }
            count += keys.count
        }
        func type(_ text: String) throws { try session.type(text) }
    }

    /// Answers anything the navigator still asks with "No" (or the first answer), until the outcome shows.
    private func answerRemainingQuestions(_ session: TmuxSession, keys: Keys) throws {
        var screen = try session.screen()
        var guardrail = 30
        while screen.contains("needs one more answer"), guardrail > 0 {
            let before = screen
            try keys.send(screen.contains("2  No") ? "2" : "1")
            screen = try session.waitUntil("the next question") { $0 != before }
            guardrail -= 1
        }
    }

    @Test("a call about a known family, one concern, early help outcome: recorded from the home screen")
    func knownFamilyCall() throws {
        let store = try demo()
        let session = try open(store.path)
        let keys = Keys(session)
        try keys.send("c")
        try session.waitFor("Caller's name")
        try keys.type("Ms Adeyemi")
        try keys.send("Enter")
        try keys.type("class teacher")
        try keys.send("Enter")
        try keys.type("Hornsey Road Primary")
        try keys.send("Enter", "Enter", "Right", "Enter", "Right", "Right", "C-n")
        try session.waitFor("Find:")
        try keys.type("\(store.child) \(store.familyName)".lowercased())
        try session.waitFor("\(store.familyName) family ·")
        try keys.send("Enter")
        try session.waitFor("On this contact (\(store.familyName) family)")
        try keys.send("C-n")
        try session.waitFor("What the caller said")
        try keys.type("Not talking yet; mum is worried.")
        try keys.send("Tab")
        try keys.type("early")
        try keys.send("Enter")
        try session.waitFor("[x] Early development")
        try keys.send("C-n")
        try session.waitFor("Level of need")
        try keys.send("C-n")
        try session.waitFor("Consent to early help")
        try keys.send("Right", "C-n")
        try session.waitFor("Route and record]")
        try answerRemainingQuestions(session, keys: keys)
        try session.waitFor("Where to go")
        try keys.send("C-o")
        try session.waitFor("Contact recorded on the \(store.familyName) family")
        try session.waitFor("[1 Caller]")
        #expect(keys.count <= 25, "a known-family call took \(keys.count) keys")
        try session.send("Escape")
        try session.waitFor("Families")
        try session.send("T")
        try session.waitFor("By outcome: 1 referred")
        try session.send("q", "q")
        try session.waitFor("[exited 0]")
        let shown = try binary.run(["show", "--store", store.path, store.familyID], home: home)
        #expect(shown.standardOutput.contains("Ms Adeyemi"), "\(shown.standardOutput)")
        #expect(shown.standardOutput.contains("Bright Start") || shown.standardOutput.contains("Bright Futures"))
    }

    @Test("a call that makes a new family with an unborn baby")
    func newFamilyWithUnbornBaby() throws {
        let store = try demo()
        let session = try open(store.path)
        try session.send("c")
        try session.type("Midwife Rowe")
        try session.send("C-n")
        try session.waitFor("Find:")
        try session.send("C-r")
        try session.waitFor("Someone not on record")
        try session.type("Baby")
        try session.send("Tab")
        try session.type("Pennyroyal")
        try session.send("Tab", "Right", "Tab")
        try session.type("01/03/2027")
        try session.send("C-o")
        try session.waitFor("(new: added when recorded)")
        try session.send("C-n", "Tab")
        try session.type("parenting")
        try session.send("Enter", "C-n", "C-n", "Right", "C-n")
        try session.waitFor("Route and record]")
        try answerRemainingQuestions(session, keys: Keys(session))
        try session.waitFor("Where to go")
        try session.send("C-o")
        try session.waitFor("Contact recorded on the Pennyroyal family")
        try session.send("Escape", "q")
        try session.waitFor("[exited 0]")
        let found = try binary.run(["search", "--store", store.path, "Pennyroyal"], home: home)
        #expect(found.standardOutput.contains("Pennyroyal"), "\(found.standardOutput)")
    }

    @Test("a call ended as advice given / no further action, with its reason")
    func noFurtherAction() throws {
        let store = try demo()
        let session = try open(store.path)
        try session.send("c")
        try session.type("Neighbour")
        try session.send("C-n")
        try session.type("\(store.child) \(store.familyName)".lowercased())
        try session.waitFor("\(store.familyName) family ·")
        try session.send("Enter", "C-x")
        try session.waitFor("Reason (required)")
        try session.type("Gave the number for the housing helpline")
        try session.send("Enter")
        try session.waitFor("Contact recorded on the \(store.familyName) family (no referral)")
        try session.send("Escape", "q")
        try session.waitFor("[exited 0]")
        let shown = try binary.run(["show", "--store", store.path, store.familyID], home: home)
        #expect(shown.standardOutput.contains("housing helpline"), "\(shown.standardOutput)")
    }

    @Test("a call killed mid-way is offered back on the next start, with nothing lost")
    func killedAndResumed() throws {
        let store = try demo()
        var session = try open(store.path)
        try session.send("c")
        try session.type("Ms Okonkwo-Liddell")
        try session.send("Enter")
        try session.type("health visitor")
        try session.send("C-n")
        try session.type("\(store.child) \(store.familyName)".lowercased())
        try session.waitFor("\(store.familyName) family ·")
        try session.send("Enter", "C-n")
        try session.waitFor("What the caller said")
        try session.type("Baby's weight has dropped; mum missed two appointments.")
        try session.waitFor("missed two appointments.")
        // Kill the program itself, as a crash or a closed terminal would.
        let shell = try session.panePID()
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let program = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        kill(program, SIGKILL)
        try session.waitFor("[exited 137]")

        session = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", store.path], home: home, width: 120, height: 40)
        try session.waitFor("You have an unfinished contact")
        try session.waitFor("Ms Okonkwo-Liddell")
        try session.send("y")
        try session.waitFor("Baby's weight has dropped; mum missed two appointments.")
        try session.waitFor("[3 What was said]")
        try session.send("C-p", "C-p")
        try session.waitFor("health visitor")
        try session.send("Escape")
        try session.waitFor("kept in your drafts")
        try session.send("y")
        try session.waitFor("1 unfinished contact")
        try session.send("q")
        try session.waitFor("[exited 0]")
    }
}
