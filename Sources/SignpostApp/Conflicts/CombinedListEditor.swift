import Foundation
import SignpostStore
import SignpostTerminal

/// A list made from both (languages, other names, services): mine to start with, `b` for every item
/// of both sides, `x` to remove the highlighted item, and a field under the list to add one.
///
/// Each item says whose list it came from. ↑/↓ move through the items and into the field to add;
/// Tab goes between the list and that field, where Enter adds what is typed.
struct CombinedListEditor: CombinedValueEditor {
    let item: String
    private(set) var items: [String]
    private let mine: [String]
    private let theirs: [String]
    /// The highlighted item; `items.count` is the field to add one.
    private(set) var focus = 0
    private(set) var adding = TextField(maxLength: 80)
    var refusal: CombinedValueRefusal?

    init(item: String, mine: [String], theirs: [String]) {
        self.item = item
        self.mine = mine
        self.theirs = theirs
        items = ConflictResolution.union(mine, [])
    }

    private var isAdding: Bool { focus == items.count }

    var draft: CombinedDraft { .list(items) }
    var isChanged: Bool { items != ConflictResolution.union(mine, []) || !adding.text.isEmpty }
    var takesTyping: Bool { isAdding }
    var enterSaves: Bool { !isAdding }

    func bindKeys(_ keys: inout KeyRegistry<ConflictsScreen.Action>) {
        if isAdding {
            keys.bind(
                [.enter], .addItem, hint: "Add", help: "Add the \(item) typed to the list", group: "Combined value")
        } else {
            keys.bind(
                [.character("b")], .both, hint: "Both", help: "Every \(item) of both lists, mine first, each once",
                group: "Combined value")
            keys.bind(
                [.character("x"), .delete], .removeItem, hint: "Remove", help: "Take the highlighted \(item) out",
                group: "Combined value")
        }
        keys.bind(
            [.tab], .nextPart, hint: isAdding ? "To list" : "Add one",
            help: "Go between the list and the field to add a \(item)", group: "Combined value")
        keys.bind(
            [.up], .up, hint: "Up", help: "Highlight the \(item) above", group: "Combined value",
            showsInHintBar: false)
        keys.bind(
            [.down], .down, hint: "Down", help: "Highlight the \(item) below, then the field to add one",
            group: "Combined value", showsInHintBar: false)
    }

    mutating func perform(_ action: ConflictsScreen.Action) {
        switch action {
        case .up: focus = max(0, focus - 1)
        case .down: focus = min(items.count, focus + 1)
        case .nextPart: focus = isAdding ? max(0, items.count - 1) : items.count
        case .both:
            items = ConflictResolution.union(items, ConflictResolution.union(mine, theirs))
            refusal = nil
        case .removeItem:
            guard items.indices.contains(focus) else { return }
            items.remove(at: focus)
            focus = min(focus, max(0, items.count - 1))
            refusal = nil
        case .addItem:
            let typed = adding.text.trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty else { return }
            items = ConflictResolution.union(items, [typed])
            adding = TextField(maxLength: 80)
            focus = items.count
            refusal = nil
        default: break
        }
    }

    mutating func handle(_ key: Key) -> KeyOutcome {
        guard isAdding else { return .ignored }
        return adding.handle(key)
    }

    /// Whose list an item is on: "mine", "theirs", "both", or "added".
    func whose(_ entry: String) -> String {
        let onMine = mine.contains { $0.caseInsensitiveCompare(entry) == .orderedSame }
        let onTheirs = theirs.contains { $0.caseInsensitiveCompare(entry) == .orderedSame }
        switch (onMine, onTheirs) {
        case (true, true): return "both"
        case (true, false): return "mine"
        case (false, true): return "theirs"
        case (false, false): return "added"
        }
    }

    func draw(on surface: any Surface, in area: Rect) {
        guard area.height > 1 else { return }
        let x = area.x + Self.labelWidth
        let width = area.width - Self.labelWidth
        surface.put("Combined", at: area.origin, style: Style(.header), clip: area)
        // Keep a row for the field to add, one for a refusal, and show the items around the highlight.
        let rows = max(1, area.height - 2 - (refusal == nil ? 0 : 1))
        let top = max(0, min(focus - rows + 1, items.count - rows))
        var y = area.y
        if items.isEmpty {
            surface.put("(no \(item) yet)", at: Point(x: x, y: y), style: Style(.dim), clip: area)
            y += 1
        }
        for index in items.indices.dropFirst(top).prefix(rows) {
            let highlighted = index == focus
            let text = "\(items[index])  (\(whose(items[index])))"
            surface.put(
                text, at: Point(x: x, y: y), width: width,
                style: highlighted ? Style(.focus) : .normal, clip: area)
            if highlighted { surface.cursor = Point(x: x, y: y) }
            y += 1
        }
        surface.put("Add", at: Point(x: area.x, y: y), style: Style(.header), clip: area)
        adding.draw(on: surface, in: Rect(x: x, y: y, width: min(width, 40), height: 1), focused: isAdding)
        drawRefusal(on: surface, in: area, from: y + 1)
    }
}
