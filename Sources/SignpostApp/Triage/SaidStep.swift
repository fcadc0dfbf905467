import SignpostDomain
import SignpostTerminal

/// Step 3 of a contact: what the caller said, in their words, and the concerns for each person.
///
/// Keys: Tab/Shift-Tab move between the words and the concern checklist. In the
/// words, everything types (arrows move in the text). In the checklist, letters
/// narrow the list, ↑/↓ pick a concern, Enter ticks or unticks it for the
/// person shown, and ←/→ show another person's concerns.
struct SaidStep {
    enum Action: Hashable, Sendable {
        case switchFocus, up, down, toggle, otherPerson
    }

    private(set) var words: TextArea
    private(set) var focusOnConcerns = false
    private var filter = TextField(maxLength: 40, placeholder: "type to narrow the list")
    private var concernList = ScrollList(rows: [])
    /// The index in the draft's people whose concerns are shown.
    private(set) var person = 0

    init(draft: ContactDraft) {
        words = TextArea(text: draft.words)
        concernList = ScrollList(rows: Concern.allCases.map { ListRow($0.label) })
    }

    func keys(for draft: ContactDraft) -> KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        let group = contactKeyGroup
        keys.bind(
            [.tab, .backTab], .switchFocus, hint: focusOnConcerns ? "Words" : "Concerns",
            help: "Move between the caller's words and the concern checklist", group: group)
        if focusOnConcerns {
            keys.bind([.up], .up, hint: "Up", help: "Previous concern", group: group, showsInHintBar: false)
            keys.bind([.down], .down, hint: "Down", help: "Next concern", group: group, showsInHintBar: false)
            keys.bind(
                [.enter], .toggle, hint: "Tick",
                help: "Tick or untick the highlighted concern for this person (type to narrow the list)", group: group)
            if draft.people.count > 1 {
                keys.bind(
                    [.left, .right], .otherPerson, hint: "Person", help: "The concerns of the next person",
                    group: group)
            }
        }
        return keys
    }

    /// Letters are always text here: the caller's words, or the checklist's filter.
    var acceptsTyping: Bool { true }

    /// The concern vocabulary narrowed by what was typed: the label's words, the id, or the words callers use.
    var shownConcerns: [Concern] { Concern.matching(filter.text) }

    mutating func perform(_ action: Action, draft: inout ContactDraft) -> StepResult {
        switch action {
        case .switchFocus:
            focusOnConcerns.toggle()
            setFilter("")
        case .up: concernList.cursor.selected -= 1
        case .down: concernList.cursor.selected += 1
        case .otherPerson: person = (person + 1) % max(1, draft.people.count)
        case .toggle:
            let shown = shownConcerns
            guard draft.people.indices.contains(person), let index = concernList.selectedIndex,
                shown.indices.contains(index)
            else { return .handled }
            let concern = shown[index]
            if let ticked = draft.people[person].concerns.firstIndex(of: concern) {
                draft.people[person].concerns.remove(at: ticked)
            } else {
                draft.people[person].concerns.append(concern)
            }
            setFilter("")
        }
        return .handled
    }

    mutating func type(_ key: Key) -> StepResult {
        guard focusOnConcerns else {
            return words.handle(key, in: Rect(x: 0, y: 0, width: 76, height: 6)) == .ignored ? .ignored : .handled
        }
        switch key {
        case .character, .backspace:
            let before = filter.text
            _ = filter.handle(key)
            if filter.text != before { setFilter(filter.text) }
            return .handled
        default: return .ignored
        }
    }

    /// Narrows the checklist to `text`, the highlight back at its top.
    private mutating func setFilter(_ text: String) {
        if filter.text != text { filter = TextField(text: text, maxLength: 40, placeholder: filter.placeholder) }
        concernList = ScrollList(rows: shownConcerns.map { ListRow($0.label) })
    }

    func sync(into draft: inout ContactDraft) { draft.words = words.text }

    func draw(on surface: any Surface, in area: Rect, draft: ContactDraft) -> Point? {
        surface.put("What the caller said, in their words", at: area.origin, style: Style(.header), clip: area)
        let box = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(4, min(8, area.height / 3)))
        surface.drawBox(box)
        words.draw(on: surface, in: box.inset(by: 1), focused: !focusOnConcerns)
        var cursor = focusOnConcerns ? nil : surface.cursor
        guard draft.people.indices.contains(person) else { return cursor }
        let shown = draft.people[person]
        var y = box.maxY + 1
        let switcher = draft.people.count > 1 ? "‹ \(shown.fullName) ›  (←/→ another person)" : shown.fullName
        surface.put(
            TextLayout.truncate("Concerns for \(switcher)", to: area.width), at: Point(x: area.x, y: y),
            style: Style(.header), clip: area)
        y += 1
        surface.put("Find:", at: Point(x: area.x, y: y), style: Style(.header), clip: area)
        let saved = surface.cursor
        filter.draw(
            on: surface, in: Rect(x: area.x + 6, y: y, width: min(40, area.width - 6), height: 1),
            focused: focusOnConcerns)
        if focusOnConcerns { cursor = surface.cursor } else { surface.cursor = saved }
        y += 1
        var list = concernList
        list.rows = shownConcerns.map { concern in
            let ticked = shown.concerns.contains(concern)
            return ListRow(
                "[\(ticked ? "x" : " ")] \(concern.label)", style: ticked ? Style(.normal, [.bold]) : .normal)
        }
        if list.rows.isEmpty { list.emptyText = "No concern starts with “\(filter.text)”; Backspace widens the list." }
        // The filter keeps the cursor while typing narrows the list; the highlight shows what Enter ticks.
        list.draw(
            on: surface, in: Rect(x: area.x, y: y, width: area.width, height: max(1, area.maxY - y)), focused: false)
        return cursor
    }
}
