import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Step 4 of a contact: each person's level, the suggestion it is weighed against, and the reason for a different one.
///
/// Tab and Shift-Tab move forward and back between three places: the people,
/// the threshold indicators of the highlighted person, and the reason. On the
/// people ↑/↓ pick a person and ←/→ set their level (a level set here is
/// always recorded); on the indicators ↑/↓ pick one and Enter or Space ticks
/// it (the suggestion follows); in the reason, everything types.
///
/// A person with concerns or indicators ticked takes the suggestion; anyone
/// else shows, and keeps, their level on record (see ``SignpostDomain/ContactDraft/settleLevels(onRecord:)``).
struct LevelStep {
    enum Action: Hashable, Sendable {
        case nextPlace, previousPlace, up, down, lower, higher, toggleIndicator
    }

    /// 0 the people, 1 the indicators, 2 the reason.
    private(set) var focus = FocusRing(count: 3)
    private var people = ScrollList(rows: [])
    private var indicators = ScrollList(rows: LevelIndicator.allCases.map { ListRow($0.label) })
    private(set) var reason: TextField
    /// The day the suggestions are worked out on (who is a child), from the last settle.
    private var today: CalendarDate?

    private static let reasonPlaceholder = "why this level and not the suggested one"

    /// The step as the draft left it: the first person highlighted, their reason shown.
    init(draft: ContactDraft) {
        people = ScrollList(rows: draft.levels.map { ListRow($0.person.rawValue) })
        reason = TextField(
            text: draft.levels.first?.reason ?? "", maxLength: 300, placeholder: Self.reasonPlaceholder)
    }

    private var onPeople: Bool { focus.isFocused(0) }
    private var onIndicators: Bool { focus.isFocused(1) }
    private var onReason: Bool { focus.isFocused(2) }

    /// The decision highlighted, as an index into the draft's levels.
    private var selected: Int { people.selectedIndex ?? 0 }

    func keys(for draft: ContactDraft) -> KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        let group = contactKeyGroup
        if onPeople {
            keys.bind([.up], .up, hint: "Up", help: "Previous person", group: group, showsInHintBar: false)
            keys.bind([.down], .down, hint: "Down", help: "Next person", group: group, showsInHintBar: false)
            keys.bind([.left], .lower, hint: "Lower", help: "A lower level", group: group, showsInHintBar: false)
            keys.bind([.right], .higher, hint: "Level", help: "Change the level: ← lower, → higher", group: group)
        } else if onIndicators {
            keys.bind([.up], .up, hint: "Up", help: "Previous indicator", group: group, showsInHintBar: false)
            keys.bind([.down], .down, hint: "Down", help: "Next indicator", group: group, showsInHintBar: false)
            keys.bind(
                [.enter, .character(" ")], .toggleIndicator, hint: "Tick",
                help: "Tick or untick the highlighted threshold indicator; the suggestion follows", group: group)
        }
        keys.bind(
            [.tab], .nextPlace, hint: onPeople ? "Indicators" : "Next",
            help: "Move on: the people, their threshold indicators, the reason for the decision", group: group)
        keys.bind(
            [.backTab], .previousPlace, hint: "Back", help: "Move back: the reason, the indicators, the people",
            group: group, showsInHintBar: false)
        return keys
    }

    var acceptsTyping: Bool { onReason }

    /// Brings the decisions up to date with the people and their concerns, and the levels on record.
    ///
    /// `today` is the contact's day (an exercise's, in training): who is a child is worked out on it.
    mutating func settle(_ draft: inout ContactDraft, app: AppEnvironment, today: CalendarDate) {
        var onRecord: [PersonID: NeedLevel] = [:]
        if let id = draft.family, let family = try? app.store.family(id) {
            for member in family.members { onRecord[member.id] = member.currentLevel }
        }
        self.today = today
        draft.settleLevels(onRecord: onRecord, today: today)
        let index = min(selected, max(0, draft.levels.count - 1))
        people = ScrollList(rows: draft.levels.map { ListRow($0.person.rawValue) }, selected: index)
        select(index, in: draft)
    }

    mutating func perform(_ action: Action, draft: inout ContactDraft) -> StepResult {
        switch action {
        case .nextPlace: _ = focus.handle(.tab)
        case .previousPlace: _ = focus.handle(.backTab)
        case .up, .down:
            let step = action == .up ? -1 : 1
            if onIndicators {
                indicators.cursor.selected += step
            } else {
                select(selected + step, in: draft)
            }
        case .lower, .higher:
            guard draft.levels.indices.contains(selected) else { return .handled }
            let current = draft.levels[selected].level.rawValue
            guard let level = NeedLevel(rawValue: max(1, min(4, current + (action == .lower ? -1 : 1)))) else {
                return .handled
            }
            draft.levels[selected].level = level
            draft.levels[selected].changed = true
        case .toggleIndicator:
            guard draft.levels.indices.contains(selected),
                let person = draft.people.firstIndex(where: { $0.id == draft.levels[selected].person }),
                let index = indicators.selectedIndex
            else { return .handled }
            let indicator = LevelIndicator.allCases[index]
            if let ticked = draft.people[person].indicators.firstIndex(of: indicator) {
                draft.people[person].indicators.remove(at: ticked)
            } else {
                draft.people[person].indicators.append(indicator)
            }
            if let today { draft.settleLevels(onRecord: [:], today: today) }
        }
        return .handled
    }

    /// Typing into the reason; it is written to the highlighted person's decision as it is typed.
    mutating func type(_ key: Key, draft: inout ContactDraft) -> StepResult {
        guard onReason, reason.handle(key) != .ignored else { return .ignored }
        if draft.levels.indices.contains(selected) { draft.levels[selected].reason = reason.text }
        return .handled
    }

    /// Highlights the decision at `index` and shows its reason.
    private mutating func select(_ index: Int, in draft: ContactDraft) {
        people.cursor.selected = index
        let reasonText = draft.levels.indices.contains(selected) ? draft.levels[selected].reason : ""
        reason = TextField(text: reasonText, maxLength: 300, placeholder: Self.reasonPlaceholder)
    }

    /// Points the step at the person whose decision needs a reason, with the reason in focus.
    mutating func focusReason(of index: Int, in draft: ContactDraft) {
        select(index, in: draft)
        focus.focus(2)
    }

    func draw(on surface: any Surface, in area: Rect, draft: ContactDraft) -> Point? {
        surface.put(
            TextLayout.truncate("Level of need: the suggestion, and your decision", to: area.width), at: area.origin,
            style: Style(.header), clip: area)
        var cursor: Point?
        var list = people
        list.rows = draft.levels.map { decision in
            let person = draft.people.first { $0.id == decision.person }
            let suggested = decision.suggested.map { "suggested L\($0.rawValue)" } ?? "no suggestion"
            let decided = draft.decidesLevel(decision)
            let note: String
            if draft.needsReason(decision) {
                note = " ≠ reason needed"
            } else if !decided {
                note = decision.onRecord.map { _ in " kept (on record)" } ?? " not recorded"
            } else {
                note =
                    decision.onRecord.map { $0 == decision.level ? " (as on record)" : " (was L\($0.rawValue))" } ?? ""
            }
            return ListRow(
                "\(TextLayout.pad(person?.fullName ?? decision.person.rawValue, to: 22)) "
                    + "\(TextLayout.pad(suggested, to: 14)) ‹ \(decision.level) ›\(note)")
        }
        let peopleHeight = min(max(1, draft.levels.count), 4)
        list.draw(
            on: surface, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: peopleHeight), focused: onPeople)
        if onPeople { cursor = surface.cursor }
        var y = area.y + 2 + peopleHeight
        guard draft.levels.indices.contains(selected),
            let person = draft.people.first(where: { $0.id == draft.levels[selected].person })
        else { return cursor ?? area.origin }
        for line in (today.map { draft.suggestion(for: person, today: $0).reasons } ?? []).prefix(1) {
            surface.put(
                TextLayout.truncate("    because: \(line)", to: area.width), at: Point(x: area.x, y: y),
                style: Style(.dim), clip: area)
            y += 1
        }
        y += 1
        surface.put(
            TextLayout.truncate("Threshold indicators for \(person.fullName)", to: area.width),
            at: Point(x: area.x, y: y), style: Style(onIndicators ? .focus : .header), clip: area)
        y += 1
        var ticks = indicators
        ticks.rows = LevelIndicator.allCases.map { indicator in
            let ticked = person.indicators.contains(indicator)
            return ListRow(
                "[\(ticked ? "x" : " ")] L\(indicator.level.rawValue)  \(indicator.label)",
                style: ticked ? Style(.normal, [.bold]) : .normal)
        }
        ticks.draw(
            on: surface, in: Rect(x: area.x, y: y, width: area.width, height: max(1, area.maxY - 3 - y)),
            focused: onIndicators)
        if onIndicators { cursor = surface.cursor }
        let reasonY = area.maxY - 2
        surface.put(
            "Reason for the decision:", at: Point(x: area.x, y: reasonY),
            style: Style(onReason ? .focus : .header), clip: area)
        let saved = surface.cursor
        reason.draw(
            on: surface, in: Rect(x: area.x + 25, y: reasonY, width: max(1, min(70, area.width - 25)), height: 1),
            focused: onReason)
        if onReason { cursor = surface.cursor } else { surface.cursor = saved }
        surface.putNote("↑/↓ person · ←/→ level · Tab/Shift-Tab: indicators, reason · Ctrl-N to consent", in: area)
        return cursor
    }
}
