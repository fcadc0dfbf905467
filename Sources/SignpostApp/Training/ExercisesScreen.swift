import Foundation
import SignpostDomain
import SignpostTerminal

/// The training exercises: each scenario with how the trainee did, the score so far, and the presenter view.
final class ExercisesScreen: Screen {
    enum Action: Hashable, Sendable { case open, present, summary, up, down, back }

    let session: TrainingSession
    private var list = ScrollList(rows: [], emptyText: "No training scenarios.")

    init(session: TrainingSession) {
        self.session = session
        refreshRows()
    }

    var title: String { "Training exercises" }

    func willReappear(app: AppEnvironment) { refreshRows() }

    /// One row per scenario with how the trainee did; kept current so keys work before the first draw.
    private func refreshRows() {
        list.rows = session.scenarios.enumerated().map { index, scenario in
            let mark: String
            switch session.markings[scenario.id]?.isCorrect {
            case true?: mark = "✓ right "
            case false?: mark = "✗ missed"
            case nil: mark = "  –     "
            }
            return ListRow("\(String(format: "%2d", index + 1)). \(mark)  \(scenario.title)")
        }
    }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.enter], .open, hint: "Start", help: "Read the selected scenario, then take the call", group: "Training")
        keys.bind(
            [.character("p")], .present, hint: "Present",
            help: "Presenter view: step through the scenario's pathway one question at a time, for a room",
            group: "Training")
        keys.bind(
            [.character("s")], .summary, hint: "Score", help: "The score so far and the scenarios missed",
            group: "Training")
        keys.bind([.up, .character("k")], .up, hint: "Up", help: "Previous", group: "Training", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Next", group: "Training", showsInHintBar: false)
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back to the families", group: "General")
        return keys
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let intro = surface.putWrapped(
            "Triage each call with the normal screens, then compare your answer with the expected one.",
            in: Rect(x: area.x, y: area.y, width: area.width, height: 2), style: Style(.dim))
        surface.put(
            "Score so far: \(session.correct) of \(session.attempted) tried (\(session.scenarios.count) in the set)",
            at: Point(x: area.x, y: area.y + intro), style: Style(.header), clip: area)
        let top = area.y + intro + 2
        list.draw(on: surface, in: Rect(x: area.x, y: top, width: area.width, height: area.maxY - top), focused: true)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        let selected = list.selectedIndex.map { session.scenarios[$0] }
        switch action {
        case .up: _ = list.handle(.up, in: area)
        case .down: _ = list.handle(.down, in: area)
        case .back: return .pop
        case .summary: return .push(TrainingSummaryScreen(session: session))
        case .open:
            guard let selected else { return .handled }
            return .push(ScenarioScreen(scenario: selected, session: session))
        case .present:
            guard let selected else { return .handled }
            return .push(PresenterScreen(scenario: selected, pathways: app.pathways))
        }
        return .handled
    }
}

/// A scenario as the trainee reads it before taking the call.
final class ScenarioScreen: Screen {
    enum Action: Hashable, Sendable { case takeCall, back }

    let scenario: TrainingScenario
    let session: TrainingSession

    init(scenario: TrainingScenario, session: TrainingSession) {
        self.scenario = scenario
        self.session = session
    }

    var title: String { "Exercise · \(scenario.title)" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.enter], .takeCall, hint: "Take the call",
            help: "Triage this call with the normal contact screens, at the time it happens", group: "Exercise")
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back to the exercises", group: "General")
        return keys
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        surface.put(scenario.title, at: area.origin, style: Style(.title, [.bold]), clip: area)
        y += 1
        surface.put(
            TrainingSession.when(scenario, pathways: app.pathways), at: Point(x: area.x, y: y), style: Style(.dim),
            clip: area)
        y += 2
        for line in TextLayout.wrap(scenario.narrative, width: min(area.width, 76)) where y < area.maxY - 2 {
            surface.put(line, at: Point(x: area.x, y: y), clip: area)
            y += 1
        }
        surface.put(
            "Enter takes the call: record it as for real, then compare your answer.",
            at: Point(x: area.x, y: area.maxY - 1), style: Style(.dim), clip: area)
        surface.cursor = area.origin
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        switch keys.action(for: key) {
        case .takeCall?:
            return .replace(
                TriageScreen(app: app, exercise: TrainingExercise(scenario: scenario, session: session)))
        case .back?: return .pop
        case nil: return .ignored
        }
    }
}

/// How a trainee's answer compares with the expected one, and why.
final class ExerciseResultScreen: Screen {
    enum Action: Hashable, Sendable { case next, retry, back, up, down }

    let scenario: TrainingScenario
    let session: TrainingSession
    let marking: ExerciseMarking
    private let reader: TextReadScreen

    init(
        scenario: TrainingScenario, session: TrainingSession, marking: ExerciseMarking, answer: String,
        pathways: Pathways
    ) {
        self.scenario = scenario
        self.session = session
        self.marking = marking
        reader = TextReadScreen(
            title: "",
            text: ExerciseResultScreen.text(
                scenario: scenario, marking: marking, answer: answer, pathways: pathways))
    }

    var title: String { "Result · \(scenario.title)" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if session.next(after: scenario) != nil {
            keys.bind(
                [.character("n")], .next, hint: "Next exercise", help: "The next scenario in the set", group: "Result")
        }
        keys.bind([.character("r")], .retry, hint: "Try again", help: "Take this call again", group: "Result")
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Scroll down", group: "Result", showsInHintBar: false)
        keys.bind([.up, .character("k")], .up, hint: "Up", help: "Scroll up", group: "Result", showsInHintBar: false)
        keys.bind(
            [.escape, .character("q")], .back, hint: "Exercises", help: "Back to the exercises", group: "General")
        return keys
    }

    /// The result as text: right or not, each difference, the expected answer, the teaching point, and each
    /// question's help on the expected path.
    static func text(scenario: TrainingScenario, marking: ExerciseMarking, answer: String, pathways: Pathways) -> String
    {
        let names = Dictionary(
            scenario.situation.people.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        func name(_ id: PersonID) -> String { names[id] ?? id.rawValue }
        var lines: [String] = []
        lines.append(
            marking.isCorrect ? "✓ Right: your answer matches the expected one." : "✗ Not quite: your answer differs.")
        for difference in marking.differences { lines.append("  • \(difference)") }
        lines.append("")
        lines.append("Your answer")
        lines.append(answer)
        lines.append("")
        lines.append("Expected")
        for person in scenario.situation.people {
            if let level = scenario.expected.levels[person.id] {
                lines.append("  \(name(person.id)): L\(level.rawValue) \(level.name)")
            }
        }
        for destination in scenario.expected.destinations {
            let service = pathways.directory[destination.service]?.name ?? destination.service.rawValue
            lines.append("  → \(service) for \(destination.people.map(name).joined(separator: ", "))")
        }
        if scenario.expected.destinations.isEmpty { lines.append("  → no service to contact") }
        lines.append("")
        lines.append("Teaching point")
        lines.append("  \(scenario.teachingPoint)")
        if scenario.obviousAnswerIsWrong {
            lines.append("  (This is one where the first answer that comes to mind is wrong.)")
        }
        lines.append("")
        lines.append("Why: the pathway, question by question")
        let walk = TrainingSession.expectedWalk(for: scenario, pathways: pathways)
        var explained: Set<String> = []
        for step in walk.steps {
            let who = step.person.map { "\(name($0)): " } ?? ""
            lines.append("  \(who)\(step.question) → \(step.answer)")
            if !explained.contains(step.node), case .question(let question)? = pathways[node: step.node] {
                lines.append("      \(question.help)")
                explained.insert(step.node)
            }
        }
        return lines.joined(separator: "\n")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        reader.draw(on: surface, in: area, app: app)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        switch keys.action(for: key) {
        case .next?:
            guard let next = session.next(after: scenario) else { return .handled }
            return .replace(ScenarioScreen(scenario: next, session: session))
        case .retry?: return .replace(ScenarioScreen(scenario: scenario, session: session))
        case .back?: return .pop
        case .down?: return reader.handle(.down, in: area, app: app)
        case .up?: return reader.handle(.up, in: area, app: app)
        case nil: return .ignored
        }
    }
}

/// The score for the set, and the scenarios missed with what was missed.
final class TrainingSummaryScreen: Screen {
    enum Action: Hashable, Sendable { case back }

    let session: TrainingSession
    private let reader: TextReadScreen

    init(session: TrainingSession) {
        self.session = session
        var lines = [
            "Score: \(session.correct) right of \(session.attempted) tried (\(session.scenarios.count) in the set)", "",
        ]
        let missed = session.scenarios.filter { session.markings[$0.id]?.isCorrect == false }
        lines.append(missed.isEmpty ? "Nothing missed." : "Missed")
        for scenario in missed {
            lines.append("  \(scenario.title)")
            for difference in session.markings[scenario.id]?.differences ?? [] { lines.append("    • \(difference)") }
        }
        let untried = session.scenarios.filter { session.markings[$0.id] == nil }
        if !untried.isEmpty {
            lines.append("")
            lines.append("Not tried yet: " + untried.map(\.title).joined(separator: "; "))
        }
        reader = TextReadScreen(title: "", text: lines.joined(separator: "\n"))
    }

    var title: String { "Training score" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back to the exercises", group: "General")
        return keys
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        reader.draw(on: surface, in: area, app: app)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        keys.action(for: key) == .back ? .pop : reader.handle(key, in: area, app: app)
    }
}
