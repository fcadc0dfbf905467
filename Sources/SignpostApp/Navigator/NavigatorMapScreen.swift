import Foundation
import SignpostDomain
import SignpostTerminal

/// The whole pathway drawn as a text tree, with the walk so far highlighted: for trainers at a projector.
///
/// Questions are marked `?` and outcomes `■`; every answer is a branch. A node
/// reached by more than one branch is drawn once, and later branches point back
/// to it ("see above"), so the tree stays readable. Nodes on the current walk
/// carry a `●` in the margin and the question being asked now a `▶`, in bold,
/// so the path never rests on colour alone.
final class NavigatorMapScreen: Screen {
    enum Action: Hashable, Sendable { case up, down, pageUp, pageDown, top, current, back }

    struct Line: Hashable {
        var text: String
        var node: String?
        var onPath: Bool
        var isCurrent: Bool
    }

    let lines: [Line]
    private var top: Int?

    /// The map with `visited` nodes marked, the answers `taken` ("node=value") marked, and `current` highlighted.
    init(pathways: Pathways, visited: Set<String>, taken: Set<String>, current: String?) {
        lines = NavigatorMapScreen.lines(for: pathways, visited: visited, takenAnswers: taken, current: current)
    }

    init(pathways: Pathways, walk: NavigatorWalk) {
        let visited = Set(walk.steps.map(\.node) + (walk.result?.path ?? []))
        lines = NavigatorMapScreen.lines(
            for: pathways, visited: visited, takenAnswers: Set(walk.steps.map { "\($0.node)=\($0.value)" }),
            current: walk.pendingQuestion?.question.id)
    }

    var title: String { "Pathway map" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Scroll down a line", group: "Reading",
            showsInHintBar: false)
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Scroll up a line", group: "Reading",
            showsInHintBar: false)
        keys.bind(
            [.pageDown, .character(" ")], .pageDown, hint: "Page down", help: "Scroll down a screenful",
            group: "Reading")
        keys.bind(
            [.pageUp], .pageUp, hint: "Page up", help: "Scroll up a screenful", group: "Reading",
            showsInHintBar: false)
        keys.bind(
            [.character("g"), .home], .top, hint: "Top", help: "Go to the start of the pathway",
            group: "Reading", showsInHintBar: false)
        keys.bind(
            [.character("c")], .current, hint: "Current", help: "Scroll to the question being asked now",
            group: "Reading")
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back to the navigator", group: "General")
        return keys
    }

    /// The tree as lines, depth-first from the start, each answer a branch.
    static func lines(for pathways: Pathways, visited: Set<String>, takenAnswers: Set<String>, current: String?)
        -> [Line]
    {
        var lines: [Line] = []
        var drawn: Set<String> = []

        func label(_ id: String) -> String {
            switch pathways[node: id] {
            case .question(let question)?: return "? \(question.text)"
            case .outcome(let outcome)?:
                let services = outcome.destinations.map { destination in
                    pathways.directory[destination.service]?.name ?? destination.service.rawValue
                }
                return "■ \(outcome.title)" + (services.isEmpty ? "" : " → " + services.joined(separator: ", "))
            case nil: return "(missing node \(id))"
            }
        }

        // Depth-first with a stack of its own, not recursion: the pathways come from a file, and
        // their depth (bounded when they are loaded) must never decide whether the stack holds.
        var pending: [(id: String, prefix: String, branch: String)] = [(pathways.start, "", "")]
        while let (id, prefix, branch) = pending.popLast() {
            let onPath = visited.contains(id)
            if drawn.contains(id) {
                lines.append(
                    Line(
                        text: prefix + branch + "↑ see above: " + label(id), node: id, onPath: onPath, isCurrent: false)
                )
                continue
            }
            drawn.insert(id)
            lines.append(Line(text: prefix + branch + label(id), node: id, onPath: onPath, isCurrent: id == current))
            let childPrefix = prefix + (branch.isEmpty ? "" : (branch.hasPrefix("└") ? "   " : "│  "))
            var children: [(id: String, prefix: String, branch: String)] = []
            switch pathways[node: id] {
            case .question(let question)?:
                for (index, answer) in question.answers.enumerated() {
                    let last = index == question.answers.count - 1
                    let taken = takenAnswers.contains("\(id)=\(answer.value)")
                    let mark = taken ? "◆ " : ""
                    children.append((answer.next, childPrefix, (last ? "└ " : "├ ") + mark + answer.label + ": "))
                }
            case .outcome(let outcome)?:
                if let then = outcome.then { children.append((then, childPrefix, "└ then: ")) }
            case nil: break
            }
            // Pushed last first, so the first answer is drawn first, as a recursive walk would.
            pending.append(contentsOf: children.reversed())
        }
        return lines
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let textArea = Rect(x: area.x + 2, y: area.y, width: area.width - 2, height: area.height - 1)
        if top == nil {
            let currentRow = lines.firstIndex(where: \.isCurrent) ?? 0
            top = max(0, currentRow - textArea.height / 3)
        }
        var first = min(top ?? 0, max(0, lines.count - textArea.height))
        first = max(0, first)
        top = first
        var cursor = textArea.origin
        for (row, line) in lines.dropFirst(first).prefix(textArea.height).enumerated() {
            let y = textArea.y + row
            let margin = line.isCurrent ? "▶" : (line.onPath ? "●" : " ")
            surface.put(margin, at: Point(x: area.x, y: y), style: Style(.focus, [.bold]))
            let style: Style =
                line.isCurrent
                ? Style(.selected, [.reverse, .bold]) : (line.onPath ? Style(.normal, [.bold]) : Style(.dim))
            surface.put(
                TextLayout.truncate(line.text, to: textArea.width), at: Point(x: textArea.x, y: y), style: style,
                clip: textArea)
            if line.isCurrent { cursor = Point(x: textArea.x, y: y) }
        }
        let legend = "● on this walk   ▶ asked now   ◆ answer given   ↑ drawn above"
        surface.put(
            TextLayout.truncate(legend, to: area.width), at: Point(x: area.x, y: area.maxY - 1),
            style: Style(.dim))
        surface.cursor = cursor
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        let page = max(1, area.height - 2)
        let current = top ?? 0
        switch action {
        case .down: top = current + 1
        case .up: top = max(0, current - 1)
        case .pageDown: top = current + page
        case .pageUp: top = max(0, current - page)
        case .top: top = 0
        case .current: top = nil
        case .back: return .pop
        }
        return .handled
    }
}
