import Foundation
import SignpostDomain
import SignpostTerminal

/// The presenter view: a scenario's pathway one question at a time, in large uncluttered text, for a room.
///
/// Each step shows who the question is about, the question, the answer the
/// scenario gives (marked with `→` and bold, not by colour), and the question's
/// help in full. The last step is the outcome. `z` shows the whole tree with the
/// path so far and the current question marked.
final class PresenterScreen: Screen {
    enum Action: Hashable, Sendable { case next, previous, map, first, back }

    let scenario: TrainingScenario
    private let walk: NavigatorWalk
    /// Which step is shown: 0 is the scenario itself, then each question, then the outcome.
    private(set) var step = 0

    init(scenario: TrainingScenario, pathways: Pathways) {
        self.scenario = scenario
        walk = TrainingSession.expectedWalk(for: scenario, pathways: pathways)
    }

    private var stepCount: Int { walk.steps.count + 2 }

    var title: String { "Presenter · \(scenario.title)" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.right, .character(" "), .enter, .pageDown], .next, hint: "Next", help: "The next step",
            group: "Presenting")
        keys.bind(
            [.left, .backspace, .pageUp], .previous, hint: "Previous", help: "The step before", group: "Presenting")
        keys.bind(
            [.home, .character("g")], .first, hint: "Start", help: "Back to the scenario", group: "Presenting",
            showsInHintBar: false)
        keys.bind(
            [.character("z")], .map, hint: "Map", help: "The map (zoom out): the whole pathway with the path so far",
            group: "Presenting")
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back to the exercises", group: "General")
        return keys
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        // A narrow centred column reads better from the back of a room than a full-width one.
        let width = min(area.width - 4, 72)
        let column = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: area.height)
        surface.put(
            "Step \(step + 1) of \(stepCount)", at: Point(x: column.maxX - 14, y: column.y), style: Style(.dim),
            clip: column)
        var y = column.y + 2
        func write(_ text: String, style: Style, gap: Int = 1) {
            for line in TextLayout.wrap(text, width: width) where y < column.maxY {
                surface.put(line, at: Point(x: column.x, y: y), style: style, clip: column)
                y += 1
            }
            y += gap
        }
        if step == 0 {
            write(scenario.title, style: Style(.title, [.bold]))
            write(TrainingSession.when(scenario, pathways: app.pathways), style: Style(.dim))
            write(scenario.narrative, style: .normal)
        } else if step <= walk.steps.count {
            let current = walk.steps[step - 1]
            let who =
                current.person.map { walk.situation[person: $0]?.displayName ?? $0.rawValue } ?? "The whole family"
            write(who, style: Style(.header))
            write(current.question, style: Style(.title, [.bold]))
            write("→ \(current.answer)", style: Style(.selected, [.bold]), gap: 2)
            if case .question(let question)? = app.pathways[node: current.node] {
                write("Why this is asked", style: Style(.header), gap: 0)
                write(question.help, style: .normal)
            }
        } else if let result = walk.result {
            write("Where the call goes", style: Style(.title, [.bold]))
            for destination in result.destinations {
                let people = destination.people.map { walk.situation[person: $0]?.displayName ?? $0.rawValue }
                write(
                    "→ \(destination.name) (\(destination.urgency.label.lowercased())) for \(people.joined(separator: ", "))",
                    style: Style(.normal, [.bold]), gap: 0)
            }
            if result.destinations.isEmpty { write("No service to contact.", style: .normal, gap: 0) }
            y += 1
            write("Teaching point", style: Style(.header), gap: 0)
            write(scenario.teachingPoint, style: .normal)
        }
        surface.cursor = Point(x: column.x, y: column.y + 2)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .next: step = min(stepCount - 1, step + 1)
        case .previous: step = max(0, step - 1)
        case .first: step = 0
        case .back: return .pop
        case .map:
            let shown = walk.steps.prefix(max(0, step))
            let current = step >= 1 && step <= walk.steps.count ? walk.steps[step - 1].node : nil
            // At the outcome the whole walk is shown, outcomes included.
            let outcomes = step > walk.steps.count ? walk.result?.path ?? [] : []
            return .push(
                NavigatorMapScreen(
                    pathways: app.pathways, visited: Set(shown.map(\.node) + outcomes),
                    taken: Set(shown.map { "\($0.node)=\($0.value)" }), current: current))
        }
        return .handled
    }
}
