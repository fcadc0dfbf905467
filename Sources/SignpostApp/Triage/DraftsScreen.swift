import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The practitioner's unfinished contacts: resume one exactly as it was left, or discard it.
final class DraftsScreen: Screen {
    enum Action: Hashable, Sendable { case resume, discard, up, down, back }

    private var drafts: [ContactDraft] = []
    private var list = ScrollList(rows: [], emptyText: "No unfinished contacts.")
    private var loadError: String?

    init(app: AppEnvironment) { reload(app) }

    var title: String { "Unfinished contacts" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if !drafts.isEmpty {
            keys.bind(
                [.enter], .resume, hint: "Resume", help: "Carry on with the selected contact where it was left",
                group: "Drafts")
            keys.bind(
                [.character("x"), .delete], .discard, hint: "Discard",
                help: "Throw the selected contact away (asks first; nothing was recorded from it)", group: "Drafts")
        }
        keys.bind([.up, .character("k")], .up, hint: "Up", help: "Previous", group: "Drafts", showsInHintBar: false)
        keys.bind([.down, .character("j")], .down, hint: "Down", help: "Next", group: "Drafts", showsInHintBar: false)
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) { reload(app) }

    private func reload(_ app: AppEnvironment) {
        do {
            drafts = try app.store.drafts(for: app.practitioner)
            loadError = nil
        } catch {
            drafts = []
            loadError = "Your drafts could not be read: \(error)"
        }
        list.rows = drafts.map { draft in
            ListRow(
                "\(LondonTime.timestamp(draft.updatedAt))  \(TextLayout.pad(draft.step.title, to: 18))  \(draft.summary)"
            )
        }
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let intro = surface.putWrapped(
            "Contacts you started and have not recorded, newest first. They are saved as you type.",
            in: Rect(x: area.x, y: area.y, width: area.width, height: 2), style: Style(.dim))
        list.draw(
            orProblem: loadError, on: surface,
            in: Rect(x: area.x, y: area.y + intro + 1, width: area.width, height: area.height - intro - 1))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .up: _ = list.handle(.up, in: area)
        case .down: _ = list.handle(.down, in: area)
        case .back: return .pop
        case .resume:
            guard let index = list.selectedIndex else { return .handled }
            return .push(TriageScreen(draft: drafts[index], app: app))
        case .discard:
            guard let index = list.selectedIndex else { return .handled }
            let draft = drafts[index]
            return .confirm(
                Confirmation(
                    "Discard the contact “\(draft.summary)”? What was typed in it will be lost.",
                    yes: "Discard", no: "Keep"
                ) { [self] in
                    do {
                        try app.store.discardDraft(draft.id, by: app.practitioner)
                    } catch {
                        return .message("not discarded: \(error)", .error)
                    }
                    reload(app)
                    return .message("contact discarded", .info)
                })
        }
        return .handled
    }
}
