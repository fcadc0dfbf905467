import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Writing a case note: the text, its type (home visit, phone call, meeting, other), whether it is a
/// significant event, and saving it to the chronology.
///
/// What is typed is kept as a draft after every key (``FormDraftKeeper``), so a crash loses
/// nothing: opening the same note again (or the offer on the next start) brings it back. The
/// note's id is kept in the draft, so a note saved just before a crash cannot be saved twice.
final class CaseNoteScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private let about: Person?
    private var text = TextArea()
    private var significant = Checkbox("Significant event (shown in the case-conference chronology)")
    private var aboutWholeFamily: Checkbox
    /// The note's type, by its place in ``CaseNoteKind/allCases``; "Other" until one is chosen.
    private var kind = CaseNoteKind.allCases.firstIndex(of: .other) ?? 0
    /// The fields in order: the text, the type, significant, and (for a note about one person) who it is about.
    private var focus = FocusRing(count: 4)
    private var draft: FormDraftKeeper
    private let noteID: CaseNoteID

    init(family: Family, about: Person?, app: AppEnvironment) {
        self.family = family
        self.about = about
        aboutWholeFamily = Checkbox(
            about.map { "About \($0.fullName) only" } ?? "About the whole family", isChecked: about != nil)
        draft = FormDraftKeeper(
            form: FormDraftKey(kind: DraftedForm.caseNote, family: family.id, person: about?.id),
            summary: about.map { "case note about \($0.fullName) (\(family.name) family)" }
                ?? "case note about the \(family.name) family",
            app: app)
        if let earlier = draft.restored {
            text = TextArea(text: earlier.fields["text"] ?? "")
            significant.isChecked = earlier.fields["significant"] == "yes"
            if let saved = earlier.fields["kind"].flatMap(CaseNoteKind.init(rawValue:)) {
                kind = CaseNoteKind.allCases.firstIndex(of: saved) ?? kind
            }
            if about != nil { aboutWholeFamily.isChecked = earlier.fields["about-person-only"] != "no" }
        }
        noteID = draft.restored?.fields["id"].map { CaseNoteID($0) } ?? app.newID("N")
    }

    var title: String { "New case note · \(family.name) family" }

    var hasUnsavedChanges: Bool { !text.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    var keepsTypingAsDraft: Bool { true }

    var takesTyping: Bool { focus.isFocused(0) }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Save the note to the chronology",
            leaves: "Leave; typing is thrown away (asks first). Until then it is kept as a draft", group: "Note")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        if !draft.drawNotice(on: surface, in: area) {
            surface.put(
                "Write what happened, in plain words. Enter starts a new line; Ctrl-O saves.", at: area.origin,
                width: area.width, style: Style(.dim), clip: area)
        }
        let box = noteBox(in: area)
        surface.drawBox(box, title: "Note")
        text.draw(on: surface, in: box.inset(by: 1), focused: focus.isFocused(0))
        let typeY = box.maxY + 1
        let typeLabel = "Type: "
        let typeStyle = Style(focus.isFocused(1) ? .focus : .header)
        surface.put(typeLabel, at: Point(x: area.x, y: typeY), style: typeStyle, clip: area)
        let chosen = "‹ \(CaseNoteKind.allCases[kind].label) ›"
        surface.put(
            chosen, at: Point(x: area.x + typeLabel.count, y: typeY), style: Style(.input), clip: area)
        surface.put(
            "←/→ change", at: Point(x: area.x + typeLabel.count + DisplayWidth.of(chosen) + 2, y: typeY),
            style: Style(.dim), clip: area)
        if focus.isFocused(1) { surface.cursor = Point(x: area.x + typeLabel.count + 2, y: typeY) }
        let checkY = typeY + 1
        significant.draw(
            on: surface, in: Rect(x: area.x, y: checkY, width: area.width, height: 1), focused: focus.isFocused(2))
        if about != nil {
            aboutWholeFamily.draw(
                on: surface, in: Rect(x: area.x, y: checkY + 1, width: area.width, height: 1),
                focused: focus.isFocused(3))
        }
        surface.put(
            "Recorded as \(app.practitioner), \(LondonTime.timestamp(app.clock()))",
            at: Point(x: area.x, y: checkY + 2), style: Style(.dim), clip: area)
    }

    /// The box the note's text is typed in: everything above the type, the two ticks and the byline.
    private func noteBox(in area: Rect) -> Rect {
        Rect(x: area.x, y: area.y + 1, width: area.width, height: max(3, area.height - 6))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &focus, hidden: about == nil ? [3] : [], hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without saving this note? What you typed will be lost.",
                leave: { [self] in leaveDiscarding(&draft, app: app) }) ?? save(app)
        }
        let box = noteBox(in: area).inset(by: 1)
        let outcome: KeyOutcome
        switch focus.focused {
        case 0: outcome = text.handle(key, in: box)
        case 1: outcome = changeKind(key)
        case 2: outcome = significant.handle(key)
        default: outcome = aboutWholeFamily.handle(key)
        }
        guard outcome != .ignored else { return .ignored }
        draft.keep(
            [
                "id": noteID.rawValue, "text": text.text, "significant": significant.isChecked ? "yes" : "no",
                "about-person-only": aboutWholeFamily.isChecked ? "yes" : "no",
                "kind": CaseNoteKind.allCases[kind].rawValue,
            ], hasTyping: hasUnsavedChanges, app: app)
        return .handled
    }

    /// ←/→ or Space step through the note types.
    private func changeKind(_ key: Key) -> KeyOutcome {
        let count = CaseNoteKind.allCases.count
        switch key {
        case .left: kind = (kind - 1 + count) % count
        case .right, .character(" "): kind = (kind + 1) % count
        default: return .ignored
        }
        return .handled
    }

    private func save(_ app: AppEnvironment) -> Transition {
        let body = text.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { return .message("the note is empty; write something first", .warning) }
        let note = CaseNote(
            id: noteID, writtenAt: app.clock(), author: app.practitioner, text: body,
            isSignificant: significant.isChecked,
            about: about.flatMap { aboutWholeFamily.isChecked ? [$0.id] : nil } ?? [],
            kind: CaseNoteKind.allCases[kind])
        do {
            try app.store.apply([.addCaseNote(family: family.id, note)], by: app.practitioner)
        } catch StoreError.duplicateRecord(let id) where id == noteID.rawValue {
            // Saved before Signpost stopped, with its draft left behind: the note is already in the record.
            draft.discard(app: app)
            return .popWithMessage("this note was already saved in the \(family.name) chronology; nothing was added")
        } catch {
            return .message("the note was not saved: \(error). Your text is still here.", .error)
        }
        if let problem = draft.discard(app: app) {
            return .popWithMessage("case note added to the \(family.name) chronology; \(problem)")
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
