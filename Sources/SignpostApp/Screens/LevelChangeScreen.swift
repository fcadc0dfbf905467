import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Changing one person's level of need, with the reason the practitioner gives.
final class LevelChangeScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private let person: Person
    private var levels: ChoiceList
    private var reason = TextArea()
    private var focus = FocusRing(count: 2)
    /// The reason and level typed so far, kept after every key so a crash loses nothing.
    private var draft: FormDraftKeeper

    init(family: Family, person: Person, app: AppEnvironment) {
        self.family = family
        self.person = person
        levels = ChoiceList(
            options: NeedLevel.allCases.map { "\($0.rawValue)  \($0.name): \($0.meaning)" },
            chosen: person.currentLevel.map { $0.rawValue - 1 })
        levels.cursor.selected = (person.currentLevel?.rawValue ?? 2) - 1
        draft = FormDraftKeeper(
            form: FormDraftKey(kind: DraftedForm.level, family: family.id, person: person.id),
            summary: "level of need for \(person.fullName)", app: app)
        if let earlier = draft.restored {
            reason = TextArea(text: earlier.fields["reason"] ?? "")
            if let chosen = earlier.fields["level"].flatMap(Int.init), NeedLevel.allCases.indices.contains(chosen) {
                levels.chosen = chosen
                levels.cursor.selected = chosen
            }
            focus.focus(1)
        }
    }

    var keepsTypingAsDraft: Bool { true }

    var takesTyping: Bool { focus.isFocused(1) }

    var title: String { "Level of need · \(person.fullName)" }

    var hasUnsavedChanges: Bool {
        !reason.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || chosenLevel != person.currentLevel
    }

    private var chosenLevel: NeedLevel? { levels.chosen.flatMap { NeedLevel(rawValue: $0 + 1) } }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Record the new level with the reason", leaves: "Leave without changing the level", group: "Level")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let now = person.currentLevel.map { "Now \($0)." } ?? "No level set yet."
        if !draft.drawNotice(on: surface, in: area) {
            surface.putWrapped(
                "\(now) Choose the level (↑/↓ then Space or Enter), then Tab to write why.",
                in: Rect(x: area.x, y: area.y, width: area.width, height: 2), style: Style(.dim))
        }
        let choices = Rect(x: area.x, y: area.y + 2, width: area.width, height: 4)
        levels.draw(on: surface, in: choices, focused: focus.isFocused(0))
        let box = Rect(x: area.x, y: choices.maxY + 1, width: area.width, height: max(3, area.maxY - choices.maxY - 3))
        surface.drawBox(box, title: "Reason (required)")
        reason.draw(on: surface, in: box.inset(by: 1), focused: focus.isFocused(1))
        if let last = person.currentLevelEntry {
            surface.putWrapped(
                "Last set \(LondonTime.timestamp(last.setAt)) by \(last.setBy): \(last.reason)",
                in: Rect(x: area.x, y: box.maxY, width: area.width, height: area.maxY - box.maxY), style: Style(.dim))
        }
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without recording the level? What you typed will be lost.",
                leave: { [self] in leaveDiscarding(&draft, app: app) }) ?? save(app)
        }
        let outcome: KeyOutcome
        if focus.isFocused(0) {
            outcome = levels.handle(key, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: 4))
            if outcome == .submitted { focus.focus(1) }
        } else {
            outcome = reason.handle(key, in: Rect(x: 0, y: 0, width: max(1, area.width - 2), height: 5))
        }
        guard outcome != .ignored else { return .ignored }
        draft.keep(
            ["level": levels.chosen.map(String.init) ?? "", "reason": reason.text], hasTyping: hasUnsavedChanges,
            app: app)
        return .handled
    }

    private func save(_ app: AppEnvironment) -> Transition {
        guard let level = chosenLevel else {
            focus.focus(0)
            return .message("choose a level first (↑/↓ then Space)", .warning)
        }
        guard level != person.currentLevel else {
            focus.focus(0)
            return .message(
                "the level is unchanged (still \(level)): nothing recorded. Choose another level with ↑/↓ then Space",
                .warning)
        }
        let why = reason.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            focus.focus(1)
            return .message("write the reason for the level; it is kept in the record", .warning)
        }
        let entry = LevelEntry(level: level, setBy: app.practitioner, setAt: app.clock(), reason: why)
        do {
            try app.store.apply([.recordLevel(family: family.id, person: person.id, entry)], by: app.practitioner)
        } catch {
            return .message("the level was not saved: \(error)", .error)
        }
        if let problem = draft.discard(app: app) {
            return .popWithMessage("\(person.givenName)'s level is now \(level); \(problem)")
        }
        return .popWithMessage("\(person.givenName)'s level is now \(level)")
    }
}
