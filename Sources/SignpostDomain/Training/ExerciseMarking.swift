import Foundation

/// An answer to a scenario: each person's level and where the call went.
public struct ScenarioAnswer: Hashable, Sendable {
    public var levels: [PersonID: NeedLevel]
    /// For each service, the people sent to it.
    public var destinations: [ServiceID: Set<PersonID>]

    public init(levels: [PersonID: NeedLevel], destinations: [ServiceID: Set<PersonID>]) {
        self.levels = levels
        self.destinations = destinations
    }

    /// The navigator's answer: the levels it used and the destinations it gave.
    public init(_ result: NavigationResult) {
        levels = Dictionary(
            result.levels.compactMap { level in level.level.map { (level.person, $0) } },
            uniquingKeysWith: { a, _ in a })
        destinations = Dictionary(
            result.destinations.map { ($0.service, Set($0.people)) }, uniquingKeysWith: { $0.union($1) })
    }
}

/// How an answer compares with a scenario's expected outcome, difference by difference, in words.
///
/// ```swift
/// let marking = ExerciseMarking(scenario: scenario, answer: ScenarioAnswer(result), names: names)
/// marking.isCorrect        // false
/// marking.differences      // ["Level for Ava: you chose L3, expected L2", …]
/// ```
public struct ExerciseMarking: Hashable, Sendable {
    public var isCorrect: Bool { differences.isEmpty }
    /// Each way the answer differs from the expected one, in plain words.
    public var differences: [String]

    /// Compares `answer` with `scenario`'s expected outcome, naming people with `name`.
    public init(scenario: TrainingScenario, answer: ScenarioAnswer, name: (PersonID) -> String) {
        var differences: [String] = []
        for person in scenario.situation.people {
            let expected = scenario.expected.levels[person.id]
            let given = answer.levels[person.id]
            guard expected != given else { continue }
            let givenText = given.map { "L\($0.rawValue) \($0.name)" } ?? "no level"
            let expectedText = expected.map { "L\($0.rawValue) \($0.name)" } ?? "no level"
            differences.append("Level for \(name(person.id)): you chose \(givenText); expected \(expectedText).")
        }
        let expectedByService = Dictionary(
            scenario.expected.destinations.map { ($0.service, Set($0.people)) }, uniquingKeysWith: { $0.union($1) })
        for (service, people) in expectedByService.sorted(by: { $0.key < $1.key }) {
            let given = answer.destinations[service] ?? []
            if given.isEmpty {
                differences.append("Missed \(service) for \(Self.names(people, name)).")
            } else if given != people {
                let missing = people.subtracting(given)
                let extra = given.subtracting(people)
                if !missing.isEmpty {
                    differences.append("\(service) should also be for \(Self.names(missing, name)).")
                }
                if !extra.isEmpty { differences.append("\(service) is not for \(Self.names(extra, name)).") }
            }
        }
        for (service, people) in answer.destinations.sorted(by: { $0.key < $1.key })
        where expectedByService[service] == nil {
            differences.append("\(service) for \(Self.names(people, name)) was not needed.")
        }
        self.differences = differences
    }

    private static func names(_ people: Set<PersonID>, _ name: (PersonID) -> String) -> String {
        people.sorted().map(name).joined(separator: ", ")
    }
}
