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
        let shown = try binary.run(["export", "--store", path, "ZZ-F-0001"], home: home)
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
        // The family is already open to Bright Start: the second referral is asked about first (#15).
        try session.waitFor("Refer again anyway?")
        try keys.send("y")
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
        try session.send("Tab")
        try session.type("4 Imaginary Lane")
        try session.send("Tab")
        try session.type("N7 1ZZ")
        try session.send("Tab", "Right")
        try session.waitFor("‹ North ›")
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

    /// From the home screen to the level step of a call about the demo child, an early development concern ticked.
    private func callToLevelStep(
        _ session: TmuxSession, store: (path: String, child: String, familyName: String, familyID: String),
        caller: String
    ) throws {
        try session.send("c")
        try session.waitFor("Caller's name")
        try session.type(caller)
        try session.send("C-n")
        try session.waitFor("Find:")
        try session.type("\(store.child) \(store.familyName)".lowercased())
        try session.waitFor("\(store.familyName) family ·")
        try session.send("Enter", "C-n")
        try session.waitFor("What the caller said")
        try session.type("\(caller): not talking yet.")
        try session.send("Tab")
        try session.type("early")
        try session.send("Enter")
        try session.waitFor("[x] Early development")
        try session.send("C-n")
        try session.waitFor("Level of need")
    }

    @Test("two calls in a row: the second call's words land in its own words field")
    func twoCallsInARow() throws {
        let store = try demo()
        let session = try open(store.path)
        try callToLevelStep(session, store: store, caller: "First caller")
        // Focus is left in the concern list and on the indicators: the next call must not inherit either.
        try session.send("Tab", "C-n")
        try session.waitFor("Consent to early help")
        try session.send("Right", "C-n")
        try session.waitFor("Route and record]")
        try answerRemainingQuestions(session, keys: Keys(session))
        try session.waitFor("Where to go")
        try session.send("C-o")
        // The family is already open to Bright Start: the second referral is asked about first (#15).
        try session.waitFor("Refer again anyway?")
        try session.send("y")
        try session.waitFor("Contact recorded on the \(store.familyName) family")
        try session.waitFor("[1 Caller]")

        try session.type("Second caller")
        try session.send("C-n")
        try session.waitFor("Find:")
        try session.type("\(store.child) \(store.familyName)".lowercased())
        try session.waitFor("\(store.familyName) family ·")
        try session.send("Enter", "C-n")
        try session.waitFor("What the caller said")
        try session.type("Second call words")
        let screen = try session.waitFor("Second call words")
        #expect(screen.contains("type to narrow the list"), "the concern filter is empty: \(screen)")
        #expect(!screen.contains("Find: Second"), "\(screen)")
        try session.send("C-n")
        try session.waitFor("Level of need")
        try session.send(" ")
        let level = try session.screen()
        #expect(!level.contains("[x] L"), "a space on a fresh level step ticks nothing: \(level)")
        try session.send("Escape")
        try session.waitFor("kept in your drafts")
        try session.send("y", "q")
        try session.waitFor("[exited 0]")
    }

    @Test("a call killed on the level step resumes with the level reason intact, and records it")
    func resumedLevelReason() throws {
        let store = try demo()
        var session = try open(store.path)
        try callToLevelStep(session, store: store, caller: "Ms Reason")
        try session.send("Right")
        try session.waitFor("reason needed")
        try session.send("Tab", "Tab")
        try session.type("Mum says she cannot cope at all")
        try session.waitFor("cannot cope at all")
        let shell = try session.panePID()
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let program = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        kill(program, SIGKILL)
        try session.waitFor("[exited 137]")

        session = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", store.path], home: home, width: 120, height: 40)
        try session.waitFor("You have an unfinished contact")
        try session.send("y")
        try session.waitFor("[4 Level]")
        try session.waitFor("Mum says she cannot cope at all")
        try session.send("Down", "C-n")
        try session.waitFor("Consent to early help")
        try session.send("Right", "C-n")
        try session.waitFor("Route and record]")
        try answerRemainingQuestions(session, keys: Keys(session))
        try session.waitFor("Where to go")
        try session.send("C-o")
        try session.waitFor("Contact recorded on the \(store.familyName) family")
        try session.send("Escape", "q")
        try session.waitFor("[exited 0]")
        let exported = try binary.run(["export", "--store", store.path, store.familyID], home: home)
        #expect(exported.standardOutput.contains("Mum says she cannot cope at all"), "the level entry keeps the reason")
    }

    @Test("consent answered in the navigator on the route step is what the stored referral carries")
    func routeConsentStored() throws {
        let store = try demo()
        let session = try open(store.path)
        try callToLevelStep(session, store: store, caller: "Ms Consent")
        try session.send("C-n")
        try session.waitFor("Consent to early help")
        try session.send("C-n")  // consent not taken on its step: the navigator asks
        try session.waitFor("Route and record]")
        var screen = try session.screen()
        var guardrail = 30
        while screen.contains("needs one more answer"), guardrail > 0 {
            let before = screen
            try session.send(
                screen.contains("agreed to early help?") ? "1" : (screen.contains("2  No") ? "2" : "1"))
            screen = try session.waitUntil("the next question") { $0 != before }
            guardrail -= 1
        }
        screen = try session.waitFor("Where to go")
        #expect(screen.contains("(given)"), "the cards show the consent answered: \(screen)")
        try session.send("C-o")
        // The family is already open to Bright Start: the second referral is asked about first (#15).
        try session.waitFor("Refer again anyway?")
        try session.send("y")
        try session.waitFor("Contact recorded on the \(store.familyName) family")
        try session.send("Escape", "q")
        try session.waitFor("[exited 0]")
        let exported = try binary.run(["export", "--store", store.path, store.familyID], home: home)
        let document = try #require(try JSONSerialization.jsonObject(with: exported.outputData) as? [String: Any])
        let family = try #require(document["family"] as? [String: Any])
        let referrals = try #require(family["referrals"] as? [[String: Any]])
        let contacts = try #require(family["contacts"] as? [[String: Any]])
        let contact = try #require(
            contacts.first { ($0["caller"] as? [String: Any])?["name"] as? String == "Ms Consent" })
        let made = referrals.filter { $0["contact"] as? String == contact["id"] as? String }
        #expect(!made.isEmpty, "the contact made a referral: \(referrals)")
        #expect(made.allSatisfy { $0["consent"] as? String == "given" }, "\(made)")
        let consents = try #require(family["consents"] as? [[String: Any]])
        #expect(consents.contains { ($0["scope"] as? String)?.contains(contact["id"] as? String ?? "?") == true })
    }
}
