import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// An address made from both: each street line and the postcode in its own field, prefilled with
/// mine, with theirs beside it.
///
/// There is a field for every line either side has and one spare, so a line only theirs has can be
/// typed in. Tab and ↓ move to the next part, Shift-Tab and ↑ to the one before, Ctrl-T puts theirs
/// in the focused part; a refused postcode puts the cursor back in the postcode.
struct CombinedAddressEditor: CombinedValueEditor {
    private(set) var parts: [TextField]
    private let theirs: [String]
    private let start: [String]
    private(set) var focus = 0
    var refusal: CombinedValueRefusal?

    /// Street lines offered at most: more than any address the record holds needs.
    static let mostLines = 6

    init(mine: Address, theirs: Address) {
        let lineCount = min(Self.mostLines, max(mine.lines.count, theirs.lines.count, 1) + 1)
        let mineParts = (0..<lineCount).map { mine.lines.indices.contains($0) ? mine.lines[$0] : "" } + [mine.postcode]
        self.theirs =
            (0..<lineCount).map { theirs.lines.indices.contains($0) ? theirs.lines[$0] : "" } + [theirs.postcode]
        start = mineParts
        parts = mineParts.enumerated().map { index, text in
            TextField(text: text, maxLength: index == lineCount ? 10 : 120)
        }
        parts[0].selectAll()
    }

    /// "Line 1" … "Postcode".
    func label(_ index: Int) -> String { index == parts.count - 1 ? "Postcode" : "Line \(index + 1)" }

    var draft: CombinedDraft { .address(lines: parts.dropLast().map(\.text), postcode: parts.last?.text ?? "") }
    var isChanged: Bool { parts.map(\.text) != start }
    var takesTyping: Bool { true }
    var enterSaves: Bool { true }

    func bindKeys(_ keys: inout KeyRegistry<ConflictsScreen.Action>) {
        keys.bind(
            [.tab, .down], .nextPart, hint: "Next part", help: "Move to the next line of the address, or the postcode",
            group: "Combined value")
        keys.bind(
            [.control("t")], .theirsHere, hint: "Theirs here",
            help: "Put their value of this part (shown beside it) in the field", group: "Combined value")
        keys.bind(
            [.backTab, .up], .previousPart, hint: "Previous part", help: "Move to the line before",
            group: "Combined value", showsInHintBar: false)
    }

    mutating func perform(_ action: ConflictsScreen.Action) {
        switch action {
        case .nextPart: move(to: (focus + 1) % parts.count)
        case .previousPart: move(to: (focus - 1 + parts.count) % parts.count)
        case .theirsHere:
            parts[focus] = TextField(text: theirs[focus], maxLength: parts[focus].maxLength)
            refusal = nil
        default: break
        }
    }

    /// Focuses part `index`, its text selected as in any form.
    private mutating func move(to index: Int) {
        focus = index
        parts[focus].selectAll()
    }

    mutating func handle(_ key: Key) -> KeyOutcome {
        let outcome = parts[focus].handle(key)
        if outcome == .handled { refusal = nil }
        return outcome
    }

    /// Shows the refusal and puts the cursor in the part it names (`postcode`, `line 1`).
    mutating func focusPart(named part: String?) {
        guard let part, let index = parts.indices.first(where: { label($0).lowercased() == part.lowercased() })
        else { return }
        move(to: index)
    }

    func draw(on surface: any Surface, in area: Rect) {
        let fieldWidth = max(10, min(40, (area.width - Self.labelWidth) / 2 - 1))
        let theirsX = area.x + Self.labelWidth + fieldWidth + 2
        var y = area.y
        for index in parts.indices where y < area.maxY {
            surface.put(label(index), at: Point(x: area.x, y: y), style: Style(.header), clip: area)
            if index != focus {
                parts[index].draw(
                    on: surface, in: Rect(x: area.x + Self.labelWidth, y: y, width: fieldWidth, height: 1),
                    focused: false)
            }
            if !theirs[index].isEmpty, theirsX < area.maxX {
                surface.put(
                    "theirs: \(theirs[index])", at: Point(x: theirsX, y: y), width: area.maxX - theirsX,
                    style: Style(.dim), clip: area)
            }
            y += 1
        }
        drawRefusal(on: surface, in: area, from: y)
        // The focused part last, so the hardware cursor is left in it.
        let focusedY = area.y + focus
        if focusedY < area.maxY {
            parts[focus].draw(
                on: surface, in: Rect(x: area.x + Self.labelWidth, y: focusedY, width: fieldWidth, height: 1),
                focused: true)
        }
    }
}
