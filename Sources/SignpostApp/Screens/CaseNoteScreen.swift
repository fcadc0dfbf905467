import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Writing a case note: the text, whether it is a significant event, and saving it to the chronology.
final class CaseNoteScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private let about: Person?
    private var text = TextArea()
    private var significant = Checkbox("Significant event (shown in the case-conference chronology)")
    private var aboutWholeFamily: Checkbox
    private var focus = FocusRing(count: 3)

    init(family: Family, about: Person?) {
        self.family = family
        self.about = about
        aboutWholeFamily = Checkbox(
            about.map { "About \($0.fullName) only" } ?? "About the whole family", isChecked: about != nil)
    }

    var title: String { "New case note · \(family.name) family" }

    var hasUnsavedChanges: Bool { !text.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Save the note to the chronology", leaves: "Leave without saving (asks first if anything is typed)",
            group: "Note")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        surface.put(
            "Write what happened, in plain words. Enter starts a new line; Ctrl-O saves.", at: area.origin,
            style: Style(.dim), clip: area)
        let box = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(3, area.height - 5))
        surface.drawBox(box, title: "Note")
        text.draw(on: surface, in: box.inset(by: 1), focused: focus.isFocused(0))
        let checkY = box.maxY + 1
        significant.draw(
            on: surface, in: Rect(x: area.x, y: checkY, width: area.width, height: 1), focused: focus.isFocused(1))
        if about != nil {
            aboutWholeFamily.draw(
                on: surface, in: Rect(x: area.x, y: checkY + 1, width: area.width, height: 1),
                focused: focus.isFocused(2))
        }
        surface.put(
            "Recorded as \(app.practitioner), \(LondonTime.timestamp(app.clock()))",
            at: Point(x: area.x, y: checkY + 2), style: Style(.dim), clip: area)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &focus, hidden: about == nil ? [2] : [], hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without saving this note? What you typed will be lost."
            ) ?? save(app)
        }
        let box = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(3, area.height - 5)).inset(by: 1)
        switch focus.focused {
        case 0: return text.handle(key, in: box) == .ignored ? .ignored : .handled
        case 1: return significant.handle(key) == .ignored ? .ignored : .handled
        default: return aboutWholeFamily.handle(key) == .ignored ? .ignored : .handled
        }
    }

    private func save(_ app: AppEnvironment) -> Transition {
        let body = text.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { return .message("the note is empty; write something first", .warning) }
        let note = CaseNote(
            id: app.newID("N"), writtenAt: app.clock(), author: app.practitioner, text: body,
            isSignificant: significant.isChecked,
            about: about.flatMap { aboutWholeFamily.isChecked ? [$0.id] : nil } ?? [])
        do {
            try app.store.apply([.addCaseNote(family: family.id, note)], by: app.practitioner)
        } catch {
            return .message("the note was not saved: \(error). Your text is still here.", .error)
        }
        return .popWithMessage("case note added to the \(family.name) chronology")
    }
}

extension FocusRing {
    /// Moves focus forward, passing over fields that are not shown.
    mutating func focusNext(skipping hidden: Set<Int>) {
        var next = focused
        repeat { next = (next + 1) % count } while hidden.contains(next) && next != focused
        focus(next)
    }

    /// Moves focus back, passing over fields that are not shown.
    mutating func focusPrevious(skipping hidden: Set<Int>) {
        var next = focused
        repeat { next = (next - 1 + count) % count } while hidden.contains(next) && next != focused
        focus(next)
    }
}
