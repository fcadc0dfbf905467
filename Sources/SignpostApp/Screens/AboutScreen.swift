import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Which store is open, what it holds, and who the audit trail records.
final class AboutScreen: Screen {
    enum Action: Hashable, Sendable { case back }

    var title: String { "About this store" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.escape, .character("q")], .back, hint: "Back", help: "Back to the previous screen", group: "General")
        return keys
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var lines: [(String, Style)] = []
        do {
            let info = try app.store.info()
            lines = [
                ("Store file", Style(.header)), ("  \(info.location)", .normal),
                ("Kind", Style(.header)),
                (
                    "  \(info.kind.rawValue)\(info.kind.isFictional ? " (fictional data only: never mixed with live cases)" : " (live case data)")",
                    .normal
                ),
                ("Holds", Style(.header)),
                (
                    "  \(info.familyCount) families, \(info.personCount) people, \(info.auditEntryCount) audit entries",
                    .normal
                ),
                ("Schema version", Style(.header)), ("  \(info.schemaVersion)", .normal),
                ("Recorded in the audit trail as", Style(.header)), ("  \(app.practitioner)", .normal),
                ("", .normal),
                (
                    "Every change, and every time a family's record is opened, is written to the audit trail with "
                        + "your name and the time. Set your name with --user or SIGNPOST_USER.", Style(.dim)
                ),
            ]
        } catch {
            lines = [("The store could not be read: \(error)", Style(.error))]
        }
        // Each line wraps at the screen's width, so nothing is cut mid-word on a narrow terminal.
        var y = area.y
        for line in lines where y < area.maxY {
            guard !line.0.isEmpty else {
                y += 1
                continue
            }
            y += surface.putWrapped(
                line.0, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), style: line.1)
        }
        surface.cursor = area.origin
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        keys.action(for: key) == .back ? .pop : .ignored
    }
}
