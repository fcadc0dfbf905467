import Foundation
import SignpostDomain
import SignpostTerminal

/// A set of training exercises in progress: the scenarios, and how the trainee did on each.
///
/// Shared by the exercise list, each exercise and its result, so the score
/// follows the trainee through the set.
final class TrainingSession {
    let scenarios: [TrainingScenario]
    /// The marking of each scenario tried, by scenario id (the latest attempt).
    private(set) var markings: [String: ExerciseMarking] = [:]

    init(scenarios: [TrainingScenario]) { self.scenarios = scenarios }

    func record(_ marking: ExerciseMarking, for scenario: TrainingScenario) { markings[scenario.id] = marking }

    var attempted: Int { markings.count }
    var correct: Int { markings.values.filter(\.isCorrect).count }

    /// The scenario after `scenario` in the set, if any.
    func next(after scenario: TrainingScenario) -> TrainingScenario? {
        guard let index = scenarios.firstIndex(where: { $0.id == scenario.id }), index + 1 < scenarios.count
        else { return nil }
        return scenarios[index + 1]
    }

    /// The expected outcome as the navigator walks it: the questions, their answers and help, in order.
    static func expectedWalk(for scenario: TrainingScenario, pathways: Pathways) -> NavigatorWalk {
        NavigatorWalk(pathways: pathways, situation: scenario.situation, at: scenario.at)
    }

    /// "Tuesday 24 November 2026, 10:15 (office hours)": when the scenario's call happens, in London.
    static func when(_ scenario: TrainingScenario, pathways: Pathways) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LondonTime.zone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: scenario.at)
        let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        let weekday = weekdays[((parts.weekday ?? 1) - 1) % 7]
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        let hours = pathways.directory.isOfficeHours(at: scenario.at) ? "office hours" : "out of hours"
        return "\(weekday) \(LondonTime.today(at: scenario.at).british), \(time) (\(hours))"
    }
}

/// A trainee's exercise: the scenario being triaged and the session it belongs to.
struct TrainingExercise {
    let scenario: TrainingScenario
    let session: TrainingSession

    /// Marks what the trainee decided: the levels they set and where the navigator sent the call.
    func mark(levels: [DraftLevel], result: NavigationResult?, names: (PersonID) -> String) -> ExerciseMarking {
        let answer = ScenarioAnswer(
            levels: Dictionary(levels.map { ($0.person, $0.level) }, uniquingKeysWith: { first, _ in first }),
            destinations: Dictionary(
                (result?.destinations ?? []).map { ($0.service, Set($0.people)) }, uniquingKeysWith: { $0.union($1) }))
        let marking = ExerciseMarking(scenario: scenario, answer: answer, name: names)
        session.record(marking, for: scenario)
        return marking
    }
}
