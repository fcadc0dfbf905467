import Foundation
import SignpostDomain
import Testing

/// Training scenarios: reading them, refusing bad ones by file and field, and marking an answer.
@Suite("Training scenarios")
struct TrainingScenarioTests {
    static let family = Family(
        id: "F-0100", name: "Wrenfold", locality: .north,
        members: [
            Person(
                id: "P-a", role: .child, givenName: "Ava", familyName: "Wrenfold",
                dateOfBirth: try! CalendarDate(iso: "2023-06-14")),
            Person(
                id: "P-m", role: .parentOrCarer, givenName: "Marta", familyName: "Wrenfold",
                dateOfBirth: try! CalendarDate(iso: "1991-04-02")),
        ])

    static let good = """
        {"id": "speech", "title": "A nursery worried about speech", "narrative": "Jo calls about Ava.",
         "family": "F-0100", "at": "2026-11-24T10:15:00Z",
         "caller": {"name": "Jo Pemberton", "relationship": "key worker", "agency": "Little Acorns"},
         "door": "children-centre", "source": "early-help",
         "situation": {"door": "children-centre", "consent": "given",
            "people": [{"id": "P-a", "role": "child", "dateOfBirth": "2023-06-14", "concerns": ["early-development"]}]},
         "expected": {"levels": {"P-a": 2}, "destinations": [{"service": "bright-start", "people": ["P-a"]}]},
         "teachingPoint": "Speech delay with a willing family is early help.", "obviousAnswerIsWrong": false,
         "covers": ["level-2", "bright-start"]}
        """

    func load(_ text: String) throws(ScenarioError) -> TrainingScenario {
        try TrainingScenario.load(
            Data(text.utf8), file: "01-speech.json", families: [Self.family.id: Self.family],
            directory: Pathways.islington.directory)
    }

    @Test("a good scenario reads every field, and the navigator agrees with its expected outcome")
    func goodScenario() throws {
        let scenario = try load(Self.good)
        #expect(scenario.id == "speech")
        #expect(scenario.caller.agency == "Little Acorns")
        #expect(scenario.door == .childrenCentre)
        #expect(scenario.source == .earlyHelp)
        #expect(scenario.expected.levels == ["P-a": .earlyHelp])
        let result = Navigator().evaluate(scenario.situation, at: scenario.at)
        let marking = ExerciseMarking(scenario: scenario, answer: ScenarioAnswer(result), name: { $0.rawValue })
        #expect(marking.isCorrect, "\(marking.differences)")
    }

    @Test(
        "a malformed scenario, or one naming a family, person or service that does not exist, names file and field",
        arguments: [
            ("\"family\": \"F-0100\"", "\"family\": \"F-9999\"", "family"),
            ("\"service\": \"bright-start\"", "\"service\": \"bright-stars\"", "expected.destinations[0].service"),
            ("{\"id\": \"P-a\", \"role\"", "{\"id\": \"P-zz\", \"role\"", "situation.people[0].id"),
            ("\"at\": \"2026-11-24T10:15:00Z\"", "\"at\": \"tomorrow\"", "at"),
            ("\"concerns\": [\"early-development\"]", "\"concerns\": [\"sadness\"]", "situation.people[0].concerns"),
            ("\"levels\": {\"P-a\": 2}", "\"levels\": {\"P-a\": 7}", "expected.levels.P-a"),
            ("\"title\": \"A nursery worried about speech\",", "", "title"),
        ])
    func refusals(original: String, replacement: String, field: String) {
        let broken = Self.good.replacingOccurrences(of: original, with: replacement)
        #expect(broken != Self.good, "the test did not change the file")
        do {
            _ = try load(broken)
            Issue.record("accepted a scenario with a bad \(field)")
        } catch {
            #expect(error.file == "01-speech.json")
            #expect(error.field.hasPrefix(field), "\(error)")
            #expect(error.description.hasPrefix("01-speech.json: \(field)"), "\(error)")
        }
    }

    @Test("not JSON at all is refused in plain words")
    func notJSON() {
        #expect(throws: ScenarioError.self) { try load("{ this is not json") }
    }

    @Test("marking names each difference: a level, a missed service, a wrong person, a service not needed")
    func marking() throws {
        let scenario = try load(Self.good)
        let answer = ScenarioAnswer(
            levels: ["P-a": .complex], destinations: ["csct": ["P-a"], "bright-start": ["P-m"]])
        let marking = ExerciseMarking(scenario: scenario, answer: answer, name: { $0 == "P-a" ? "Ava" : "Marta" })
        #expect(!marking.isCorrect)
        #expect(marking.differences.contains("Level for Ava: you chose L3 Complex; expected L2 Early help."))
        #expect(marking.differences.contains("bright-start should also be for Ava."))
        #expect(marking.differences.contains("bright-start is not for Marta."))
        #expect(marking.differences.contains("csct for Ava was not needed."))
        let right = ScenarioAnswer(levels: ["P-a": .earlyHelp], destinations: ["bright-start": ["P-a"]])
        #expect(ExerciseMarking(scenario: scenario, answer: right, name: { $0.rawValue }).isCorrect)
    }
}
