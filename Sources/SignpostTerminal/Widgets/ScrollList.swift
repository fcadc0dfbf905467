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
    /// When true a row longer than the width wraps onto the lines below it (at spaces), so it is read
    /// in full rather than cut; the list then scrolls by whole rows.
    public var wrapsRows = false

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
        if wrapsRows, case .mouseClick(let point) = key {
            guard area.contains(point) else { return .ignored }
            guard let row = wrappedLayout(in: area).first(where: { $0.lines.contains(point.y - area.y) }) else {
                return .ignored
            }
            cursor.selected = row.index
            return .handled
        }
        return cursor.handle(key, rowsIn: area)
    }

    /// The rows shown when rows wrap: each visible row's index, its wrapped text, and the lines (from
    /// the top of `area`) it takes; the selected row is always wholly shown when it fits.
    func wrappedLayout(in area: Rect) -> [(index: Int, text: [String], lines: Range<Int>)] {
        let width = max(1, area.width - 2)
        func wrapped(_ index: Int) -> [String] {
            let text = rows[index].text
            let lines = TextLayout.wrap(text, width: width)
            guard lines.count > 1 else { return lines.isEmpty ? [""] : lines }
            // The lines after the first hang two columns in from the row's own indent, so a row reads as one.
            let hang = String(repeating: " ", count: text.prefix { $0 == " " }.count + 2)
            let rest = text.dropFirst(lines[0].count).drop { $0 == " " }
            return [lines[0]] + TextLayout.wrap(String(rest), width: max(1, width - hang.count)).map { hang + $0 }
        }
        let selected = min(cursor.selected, rows.count - 1)
        var top = min(cursor.scrollOffset(height: max(1, area.height)), selected)
        while top < selected, (top...selected).reduce(0, { $0 + wrapped($1).count }) > area.height { top += 1 }
        var layout: [(index: Int, text: [String], lines: Range<Int>)] = []
        var line = 0
        var index = top
        while line < area.height, index < rows.count {
            let text = wrapped(index)
            layout.append((index, text, line..<min(area.height, line + text.count)))
            line += text.count
            index += 1
        }
        return layout
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
        if wrapsRows {
            for row in wrappedLayout(in: area) {
                let isSelected = row.index == cursor.selected
                let style = isSelected ? Style(focused ? .focus : .selected) : rows[row.index].style
                for (offset, y) in row.lines.enumerated() {
                    let point = Point(x: area.x, y: area.y + y)
                    let mark = isSelected && offset == 0 ? "> " : "  "
                    surface.put(mark + row.text[offset], at: point, width: area.width, style: style, clip: area)
                    if isSelected && focused && offset == 0 { surface.cursor = point }
                }
            }
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
