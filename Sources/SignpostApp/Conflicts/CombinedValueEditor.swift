import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// A small editor for one kind of combined value, open inside the conflicts screen.
///
/// The screen binds saving (Enter, Ctrl-O) and backing out (Esc); the editor binds the keys of its
/// own kind, answers them, draws itself with the hardware cursor on its focused part, and hands its
/// ``draft`` to the store's check (``TeamConflict/combinedValue(_:on:today:)``). A refused draft
/// stays in the editor with the refusal under it.
protocol CombinedValueEditor {
    /// The value as typed or chosen so far.
    var draft: CombinedDraft { get }
    /// Whether anything differs from how the editor started: Esc then asks before dropping it.
    var isChanged: Bool { get }
    /// Whether the focused part takes typing (printable keys go into it).
    var takesTyping: Bool { get }
    /// Whether Enter saves; false while Enter adds a typed item to a list.
    var enterSaves: Bool { get }
    /// The last refusal, shown under the editor until the draft changes.
    var refusal: CombinedValueRefusal? { get set }
    /// Adds the keys of this kind of editor to the screen's registry.
    func bindKeys(_ keys: inout KeyRegistry<ConflictsScreen.Action>)
    /// Does what one of this editor's keys means.
    mutating func perform(_ action: ConflictsScreen.Action)
    /// Typing and the keys its widgets answer.
    mutating func handle(_ key: Key) -> KeyOutcome
    /// Draws the editor from the top of `area`.
    func draw(on surface: any Surface, in area: Rect)
}

extension CombinedValueEditor {
    /// Labels of the editor's rows, as wide as the conflict's details above it.
    static var labelWidth: Int { 12 }

    /// Draws the refusal (if any) wrapped from row `y`.
    func drawRefusal(on surface: any Surface, in area: Rect, from y: Int) {
        guard let refusal, y < area.maxY else { return }
        surface.putWrapped(
            "Error: \(refusal.description)", in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y),
            style: Style(.error))
    }
}

/// The editor for a field's kind, starting from `mine`; nil when the field cannot be combined.
func combinedValueEditor(for conflict: TeamConflict, mine: JSONValue, theirs: JSONValue) -> (any CombinedValueEditor)? {
    let kind = conflict.combining
    switch (kind, kind.draft(from: mine)) {
    case (.text, .text(let text)?): return CombinedTextEditor(text: text, isDate: false)
    case (.date, .date(let text)?): return CombinedTextEditor(text: text, isDate: true)
    case (.choice(let options), .choice(let chosen)?):
        return CombinedChoiceEditor(options: options, chosen: chosen, mine: mine, theirs: theirs)
    case (.address, .address(let lines, let postcode)?):
        return CombinedAddressEditor(
            mine: Address(lines: lines, postcode: postcode), theirs: ConflictResolution.address(of: theirs))
    case (.list(let item, _), .list(let items)?):
        return CombinedListEditor(
            item: item, mine: items, theirs: ConflictResolution.listItems(of: theirs))
    default: return nil
    }
}

/// Free text or a date typed on one line, prefilled with mine (selected, so typing replaces it).
struct CombinedTextEditor: CombinedValueEditor {
    private(set) var field: TextField
    private let start: String
    let isDate: Bool
    var refusal: CombinedValueRefusal?

    init(text: String, isDate: Bool) {
        start = text
        self.isDate = isDate
        field = TextField(
            text: text, maxLength: isDate ? 10 : 2000, placeholder: isDate ? "DD/MM/YYYY, or empty for none" : "")
        field.selectAll()
    }

    var draft: CombinedDraft { isDate ? .date(field.text) : .text(field.text) }
    var isChanged: Bool { field.text != start }
    var takesTyping: Bool { true }
    var enterSaves: Bool { true }

    func bindKeys(_ keys: inout KeyRegistry<ConflictsScreen.Action>) {}

    mutating func perform(_ action: ConflictsScreen.Action) {}

    mutating func handle(_ key: Key) -> KeyOutcome {
        let outcome = field.handle(key)
        if outcome == .handled { refusal = nil }
        return outcome
    }

    func draw(on surface: any Surface, in area: Rect) {
        guard area.height > 0 else { return }
        surface.put(isDate ? "Date" : "Combined", at: area.origin, style: Style(.header), clip: area)
        field.draw(
            on: surface,
            in: Rect(x: area.x + Self.labelWidth, y: area.y, width: area.width - Self.labelWidth, height: 1),
            focused: true)
        drawRefusal(on: surface, in: area, from: area.y + 1)
    }
}

/// One of the field's valid values, picked from a list with mine highlighted first: nothing else can be chosen.
struct CombinedChoiceEditor: CombinedValueEditor {
    let options: [CombinedValueOption]
    private(set) var list: ChoiceList
    private let start: Int
    var refusal: CombinedValueRefusal?

    init(options: [CombinedValueOption], chosen: JSONValue, mine: JSONValue, theirs: JSONValue) {
        self.options = options
        let labels = options.map { option in
            let whose = [option.value == mine ? "mine" : nil, option.value == theirs ? "theirs" : nil].compactMap { $0 }
            return whose.isEmpty ? option.label : "\(option.label) (\(whose.joined(separator: ", ")))"
        }
        start = options.firstIndex { $0.value == chosen } ?? 0
        list = ChoiceList(options: labels, chosen: start)
        list.cursor.selected = start
    }

    var draft: CombinedDraft { .choice(options[list.cursor.selected].value) }
    var isChanged: Bool { list.cursor.selected != start }
    var takesTyping: Bool { false }
    var enterSaves: Bool { true }

    func bindKeys(_ keys: inout KeyRegistry<ConflictsScreen.Action>) {
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Choose the value above", group: "Combined value",
            showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Choose the value below", group: "Combined value",
            showsInHintBar: false)
    }

    mutating func perform(_ action: ConflictsScreen.Action) {
        switch action {
        case .up: list.cursor.selected -= 1
        case .down: list.cursor.selected += 1
        default: return
        }
        list.chosen = list.cursor.selected
        refusal = nil
    }

    mutating func handle(_ key: Key) -> KeyOutcome { .ignored }

    func draw(on surface: any Surface, in area: Rect) {
        guard area.height > 0 else { return }
        surface.put("Choose", at: area.origin, style: Style(.header), clip: area)
        let rows = min(options.count, max(1, area.height - (refusal == nil ? 0 : 2)))
        var shown = list
        shown.cursor.scrollToSelection(height: rows)
        shown.draw(
            on: surface,
            in: Rect(x: area.x + Self.labelWidth, y: area.y, width: area.width - Self.labelWidth, height: rows),
            focused: true)
        drawRefusal(on: surface, in: area, from: area.y + rows)
    }
}
