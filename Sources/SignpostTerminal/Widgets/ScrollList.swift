/// One row of a ``ScrollList``.
public struct ListRow: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .normal) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }
}

/// A scrolling list with one selected row.
///
/// ```swift
/// var list = ScrollList(rows: ["Amira Hassan", "李娜", "Zoë Clarke"])
/// _ = list.handle(.down, in: area)      // selects 李娜
/// list.draw(on: surface, in: area, focused: true)
/// ```
public struct ScrollList: Hashable, Sendable {
    public var rows: [ListRow] { didSet { cursor.count = rows.count } }
    public var cursor: ListCursor
    /// Shown when there are no rows.
    public var emptyText: String

    public init(rows: [ListRow], selected: Int = 0, emptyText: String = "Nothing to show") {
        self.rows = rows
        self.cursor = ListCursor(count: rows.count, selected: selected)
        self.emptyText = emptyText
    }

    /// The selected row index, nil when the list is empty.
    public var selectedIndex: Int? { rows.isEmpty ? nil : cursor.selected }

    /// Handles navigation keys; Enter on a row returns `.submitted`.
    public mutating func handle(_ key: Key, in area: Rect) -> KeyOutcome {
        if key == .enter { return rows.isEmpty ? .ignored : .submitted }
        if case .mouseClick = key, rows.isEmpty { return .ignored }
        return cursor.handle(key, rowsIn: area)
    }

    /// Draws the visible rows; the selected row is reversed (`selected` role, or `focus` when
    /// the list has focus) and marked with `>` so selection never depends on colour alone.
    public func draw(on surface: any Surface, in area: Rect, focused: Bool) {
        surface.fill(area)
        guard !area.isEmpty else { return }
        if rows.isEmpty {
            surface.put(emptyText, at: area.origin, width: area.width, style: Style(.dim), clip: area)
            if focused { surface.cursor = area.origin }
            return
        }
        let top = cursor.scrollOffset(height: area.height)
        for line in 0..<min(area.height, rows.count - top) {
            let index = top + line
            let row = rows[index]
            let isSelected = index == cursor.selected
            let point = Point(x: area.x, y: area.y + line)
            let style = isSelected ? Style(focused ? .focus : .selected) : row.style
            surface.put((isSelected ? "> " : "  ") + row.text, at: point, width: area.width, style: style, clip: area)
            if isSelected && focused { surface.cursor = point }
        }
    }
}
