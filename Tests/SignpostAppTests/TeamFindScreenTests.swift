import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// A team directory whose searches wait until the test lets them answer: the network, slowed down.
final class GatedDirectory: TeamDirectory, @unchecked Sendable {
    private let lock = NSLock()
    private var open = false
    private var searched: [String] = []
    private var broughtWith: [(FamilyID, String?)] = []
    let answer: [TeamDirectoryFamily]
    let failure: TeamDirectoryError?

    init(answer: [TeamDirectoryFamily], failure: TeamDirectoryError? = nil) {
        self.answer = answer
        self.failure = failure
    }

    var queries: [String] { lock.withLock { searched } }
    var bringings: [(FamilyID, String?)] { lock.withLock { broughtWith } }
    func release() { lock.withLock { open = true } }

    func findPeople(_ text: String) async throws -> [TeamDirectoryFamily] {
        lock.withLock { searched.append(text) }
        while !lock.withLock({ open }) { try await Task.sleep(for: .milliseconds(5)) }
        if let failure { throw failure }
        return answer
    }

    func bringFamily(_ family: FamilyID, reason: String?) async throws -> TeamDirectoryBrought {
        lock.withLock { broughtWith.append((family, reason)) }
        if answer.first(where: { $0.family == family })?.restricted == true, reason == nil {
            throw TeamDirectoryError.reasonRequired("family \(family) is restricted: give a reason to open it")
        }
        return TeamDirectoryBrought(family: family, restricted: true, changes: 12)
    }
}

@Suite("Find on the team server")
struct TeamFindScreenTests {
    /// The application with `directory` as its team directory, on the families list.
    func application(_ directory: any TeamDirectory) throws -> (TestApplication, Application) {
        let test = try TestApplication()
        var environment = test.environment
        environment.teamDirectory = directory
        return (test, Application(environment: environment))
    }

    func screen(_ application: Application, size: Size = Size(width: 80, height: 24)) -> String {
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        return surface.text()
    }

    /// Collects background work and redraws until `condition` holds.
    ///
    /// Counts turns rather than seconds: under `make test` every core is busy with other suites and
    /// the search's task may wait minutes for a thread, as this test does, so a clock deadline would
    /// fail a screen that is only waiting its turn. 4,000 turns of at least 5 ms each is 20 s idle.
    func waitUntil(_ application: Application, _ condition: (String) -> Bool) async throws -> String {
        for _ in 0..<4_000 {
            application.collectBackgroundWork()
            let text = screen(application)
            if condition(text) { return text }
            try await Task.sleep(for: .milliseconds(5))
        }
        let last = screen(application)
        Issue.record("the screen never got there:\n\(last)")
        return last
    }

    func type(_ text: String, into application: Application) {
        for character in text { application.handle(.character(character), size: Size(width: 80, height: 24)) }
    }

    @Test("typing never waits for the server, and the last thing typed is what is searched")
    func typingIsNeverBlockedAndTheLastQueryIsSearched() async throws {
        let test = try TestApplication()
        let known = try #require(try test.store.familyIDs(after: nil, limit: 1).first)
        let directory = GatedDirectory(answer: [
            TeamDirectoryFamily(
                family: known, records: ["P-1"], locality: "north", restricted: false, onThisLaptop: true)
        ])
        let (_, application) = try application(directory)
        application.handle(.character("F"), size: Size(width: 80, height: 24))
        #expect(screen(application).contains("Is this person known anywhere in the service?"))
        type("ma", into: application)
        // The first search is held by the "network"; every key still lands at once.
        type("rch", into: application)
        let typed = screen(application)
        #expect(typed.contains("Find: march"), "\(typed)")
        #expect(typed.contains("Searching the team server for “march”…"), "\(typed)")
        #expect(application.nextRedraw != nil, "the interface redraws while the search is out")
        directory.release()
        let answered = try await waitUntil(application) { $0.contains("matching “march”") }
        #expect(answered.contains(known.rawValue), "\(answered)")
        #expect(directory.queries.last == "march", "\(directory.queries)")
        // Keys typed while a search ran replaced each other: at most the first and the last were sent.
        #expect(directory.queries.count <= 2, "\(directory.queries)")
    }

    @Test("offline is said plainly and what was typed is kept")
    func offlineIsSaidAndTheQueryKept() async throws {
        let directory = GatedDirectory(
            answer: [], failure: .offline("Offline: could not connect to the team server"))
        directory.release()
        let (_, application) = try application(directory)
        application.handle(.character("F"), size: Size(width: 80, height: 24))
        type("wrenfold", into: application)
        let text = try await waitUntil(application) { $0.contains("Offline") }
        #expect(text.contains("Find: wrenfold"), "\(text)")
        #expect(text.contains("What you typed is kept"), "\(text)")
    }

    @Test("Enter on a restricted family asks why, brings it with the reason and opens it")
    func restrictedFamilyAsksForAReasonThenOpens() async throws {
        let test = try TestApplication()
        let known = try #require(try test.store.familyIDs(after: nil, limit: 1).first)
        let name = try #require(try test.store.family(known)?.name)
        let directory = GatedDirectory(answer: [
            TeamDirectoryFamily(
                family: known, records: ["P-1"], locality: "south", restricted: true, onThisLaptop: false)
        ])
        directory.release()
        let (_, application) = try application(directory)
        application.handle(.character("F"), size: Size(width: 80, height: 24))
        type(name, into: application)
        _ = try await waitUntil(application) { $0.contains("restricted") }
        application.handle(.enter, size: Size(width: 80, height: 24))
        application.handle(.enter, size: Size(width: 80, height: 24))
        let asked = screen(application)
        #expect(asked.contains("Why do you need to open it?"), "\(asked)")
        application.handle(.enter, size: Size(width: 80, height: 24))
        #expect(directory.bringings.isEmpty, "an empty reason is not sent")
        type("Duty cover", into: application)
        application.handle(.enter, size: Size(width: 80, height: 24))
        let opened = try await waitUntil(application) { $0.contains("\(name) family") }
        #expect(opened.contains("\(name) family"))
        #expect(directory.bringings.map(\.1) == ["Duty cover"])
    }
}

/// A team directory that answers each query with its own families, holding back queries the
/// test names until it lets them through: a fast first answer and a slow second one.
final class PerQueryDirectory: TeamDirectory, @unchecked Sendable {
    private let lock = NSLock()
    private var held: Set<String>
    private var broughtWith: [(FamilyID, String?)] = []
    let answers: [String: [TeamDirectoryFamily]]

    init(answers: [String: [TeamDirectoryFamily]], holding held: Set<String>) {
        self.answers = answers
        self.held = held
    }

    var bringings: [(FamilyID, String?)] { lock.withLock { broughtWith } }
    func release(_ query: String) { _ = lock.withLock { held.remove(query) } }

    func findPeople(_ text: String) async throws -> [TeamDirectoryFamily] {
        while lock.withLock({ held.contains(text) }) { try await Task.sleep(for: .milliseconds(5)) }
        return answers[text] ?? []
    }

    func bringFamily(_ family: FamilyID, reason: String?) async throws -> TeamDirectoryBrought {
        lock.withLock { broughtWith.append((family, reason)) }
        let restricted = answers.values.joined().first(where: { $0.family == family })?.restricted == true
        if restricted, reason == nil {
            throw TeamDirectoryError.reasonRequired("family \(family) is restricted: give a reason to open it")
        }
        return TeamDirectoryBrought(family: family, restricted: restricted, changes: 12)
    }
}

extension TeamFindScreenTests {
    @Test(
        "Enter while the answer is for something shorter waits for the answer to what was typed, and never opens a family from the stale list"
    )
    func enterOnAStaleAnswerWaitsForTheTypedQuery() async throws {
        let test = try TestApplication()
        let ids = try test.store.familyIDs(after: nil, limit: 2)
        try #require(ids.count == 2)
        let (other, wanted) = (ids[0], ids[1])
        let directory = PerQueryDirectory(
            answers: [
                "qu": [
                    TeamDirectoryFamily(
                        family: other, records: ["P-1"], locality: "north", restricted: false, onThisLaptop: false),
                    TeamDirectoryFamily(
                        family: wanted, records: ["P-2"], locality: "south", restricted: true, onThisLaptop: false),
                ],
                "quax": [
                    TeamDirectoryFamily(
                        family: wanted, records: ["P-2"], locality: "south", restricted: true, onThisLaptop: false)
                ],
            ], holding: ["quax"])
        let (_, application) = try application(directory)
        let size = Size(width: 80, height: 24)
        application.handle(.character("F"), size: size)
        type("qu", into: application)
        _ = try await waitUntil(application) { $0.contains("matching “qu”") }
        type("ax", into: application)
        // A quick typist presses Enter twice while "quax" is still out: the list on screen is the
        // answer to "qu", whose first family is not the one being looked for.
        application.handle(.enter, size: size)
        application.handle(.enter, size: size)
        #expect(directory.bringings.isEmpty, "nothing is brought from a stale answer: \(directory.bringings)")
        let waiting = screen(application)
        #expect(waiting.contains("Searching the team server for “quax”…"), "\(waiting)")
        directory.release("quax")
        // The answer arrives and the selection moves to it, as the Enter asked.
        let answered = try await waitUntil(application) { $0.contains("matching “quax”") }
        #expect(!answered.contains(other.rawValue), "\(answered)")
        application.handle(.enter, size: size)
        let asked = screen(application)
        #expect(asked.contains("Why do you need to open it?"), "\(asked)")
        #expect(asked.contains(wanted.rawValue), "\(asked)")
        #expect(directory.bringings.isEmpty)
    }
}
