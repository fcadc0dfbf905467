/// Pick one option from a short list, drawn as radio buttons `(•) Yes` / `( ) No`.
///
/// ↑/↓ (j/k, g/G, PgUp/PgDn, click) move the highlight; Space chooses the highlighted option,
/// Enter chooses it and returns `.submitted`.
public struct ChoiceList: Hashable, Sendable {
    public var options: [String] { didSet { cursor.count = options.count } }
    public var cursor: ListCursor
    /// The chosen option, nil until one is chosen.
    public var chosen: Int?

    public init(options: [String], chosen: Int? = nil) {
        self.options = options
        self.chosen = chosen.flatMap { options.indices.contains($0) ? $0 : nil }
        self.cursor = ListCursor(count: options.count, selected: self.chosen ?? 0)
    }

    /// The chosen option's text.
    public var chosenOption: String? { chosen.map { options[$0] } }

    public mutating func handle(_ key: Key, in area: Rect) -> KeyOutcome {
        guard !options.isEmpty else { return .ignored }
        switch key {
        case .character(" "):
            chosen = cursor.selected
            return .handled
        case .enter:
            chosen = cursor.selected
            return .submitted
        case .mouseClick:
            let outcome = cursor.handle(key, rowsIn: area)
            if outcome == .handled { chosen = cursor.selected }
            return outcome
        default:
            return cursor.handle(key, rowsIn: area)
        }
    }

    public func draw(on surface: any Surface, in area: Rect, focused: Bool) {
        surface.fill(area)
        let top = cursor.scrollOffset(height: area.height)
        for line in 0..<max(0, min(area.height, options.count - top)) {
            let index = top + line
            let mark = index == chosen ? "(•) " : "( ) "
            let isHighlighted = index == cursor.selected
            let style = isHighlighted ? Style(focused ? .focus : .selected) : .normal
            let point = Point(x: area.x, y: area.y + line)
            surface.put(mark + options[index], at: point, width: area.width, style: style, clip: area)
            if isHighlighted && focused { surface.cursor = Point(x: point.x + 1, y: point.y) }
        }
    }
}
