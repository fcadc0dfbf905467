import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Amending a case note: the corrected text and why; the note as first written is kept and shown.
///
/// A note is never edited in place. Saving appends an amendment (``CaseChange/amendCaseNote(family:note:_:)``),
/// so the chronology shows the note as amended and reading it in full shows every version.
final class AmendNoteScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private let note: CaseNote
    private var text: TextArea
    private var reason = TextField(maxLength: 200, placeholder: "why it is corrected (required)")
    private var focus = FocusRing(count: 2)
    private var problem: String?

    init(family: Family, note: CaseNote) {
        self.family = family
        self.note = note
        text = TextArea(text: note.currentText)
    }

    var title: String { "Amend note · \(family.name) family" }

    var hasUnsavedChanges: Bool { text.text != note.currentText || !reason.text.isEmpty }

    var takesTyping: Bool { true }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Save the amendment: the note shows as amended and the original is kept",
            leaves: "Leave without amending (asks first if anything is typed)", group: "Amend")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        y += surface.putWrapped(
            "\(note.kind.label) note by \(note.author), \(LondonTime.timestamp(note.writtenAt))\(note.isAmended ? ", amended \(note.amendments.count) time(s)" : ""). "
                + "The original is kept and stays readable; correct the text below and say why.",
            in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.dim))
        let box = textBox(in: area)
        surface.drawBox(box, title: "Note as it should read")
        text.draw(on: surface, in: box.inset(by: 1), focused: focus.isFocused(0))
        let reasonY = box.maxY + 1
        let label = "Reason * "
        surface.put(
            label, at: Point(x: area.x, y: reasonY), style: Style(focus.isFocused(1) ? .focus : .header), clip: area)
        reason.draw(
            on: surface,
            in: Rect(x: area.x + label.count, y: reasonY, width: max(10, area.width - label.count), height: 1),
            focused: focus.isFocused(1))
        if let problem {
            surface.putWrapped(
                problem, in: Rect(x: area.x, y: reasonY + 1, width: area.width, height: 2),
                style: Style(.error, [.bold]))
        }
    }

    /// The box the corrected text is typed in: everything between the heading and the reason.
    private func textBox(in area: Rect) -> Rect {
        Rect(x: area.x, y: area.y + 2, width: area.width, height: max(3, area.height - 5))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without amending the note? What you typed will be lost.") ?? save(app)
        }
        let outcome =
            focus.isFocused(0) ? text.handle(key, in: textBox(in: area).inset(by: 1)) : reason.handle(key)
        return outcome == .ignored ? .ignored : .handled
    }

    private func save(_ app: AppEnvironment) -> Transition {
        let corrected = text.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let why = reason.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !corrected.isEmpty else {
            problem = "the note cannot be emptied: write what it should say"
            focus.focus(0)
            return .handled
        }
        guard corrected != note.currentText.trimmingCharacters(in: .whitespacesAndNewlines) else {
            problem = "the text is unchanged: correct it first, or press Esc to leave"
            focus.focus(0)
            return .handled
        }
        guard !why.isEmpty else {
            problem = "say why the note is corrected: the reason is kept beside the original"
            focus.focus(1)
            return .handled
        }
        let amendment = CaseNoteAmendment(amendedAt: app.clock(), by: app.practitioner, text: corrected, reason: why)
        do {
            try app.store.apply([.amendCaseNote(family: family.id, note: note.id, amendment)], by: app.practitioner)
        } catch {
            problem = "the amendment was not saved: \(error). Your text is still here."
            return .handled
        }
        return .popWithMessage("note amended; the original is kept and shown when the note is read in full")
    }
}
