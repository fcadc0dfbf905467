/// A column of a ``Table``.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    /// The narrowest the column may get before it is hidden.
    public var minWidth: Int
    /// The width the column gets when there is room.
    public var idealWidth: Int
    /// Whether this column takes the room left over (and gives room first when short).
    public var isFlexible: Bool
    public var alignment: Alignment

    public init(
        _ title: String, minWidth: Int, idealWidth: Int, isFlexible: Bool = false, alignment: Alignment = .leading
    ) {
        self.title = title
        self.minWidth = max(1, minWidth)
        self.idealWidth = max(self.minWidth, idealWidth)
        self.isFlexible = isFlexible
        self.alignment = alignment
    }
}

/// A table with a header row, a selected row and columns that fit the width.
///
/// ```swift
/// var table = Table(columns: [
///     TableColumn("Name", minWidth: 10, idealWidth: 24, isFlexible: true),
///     TableColumn("Level", minWidth: 5, idealWidth: 7),
/// ], rows: [["Zoë Clarke", "3"]])
/// table.draw(on: surface, in: area, focused: true)
/// ```
public struct Table: Hashable, Sendable {
    public var columns: [TableColumn]
    public var rows: [[String]] { didSet { cursor.count = rows.count } }
    /// Styles per row (missing entries are `normal`).
    public var rowStyles: [Style]
    public var cursor: ListCursor
    /// Blank columns between columns.
    public var gap: Int
    public var emptyText: String

    public init(
        columns: [TableColumn], rows: [[String]], rowStyles: [Style] = [], gap: Int = 2,
        emptyText: String = "Nothing to show"
    ) {
        self.columns = columns
        self.rows = rows
        self.rowStyles = rowStyles
        self.cursor = ListCursor(count: rows.count)
        self.gap = gap
        self.emptyText = emptyText
    }

    public var selectedIndex: Int? { rows.isEmpty ? nil : cursor.selected }

    /// Column widths for a total width; 0 means the column is hidden.
    ///
    /// Every column starts at its ideal width. Spare room goes to the flexible columns. When
    /// short, flexible columns shrink first, then the others from the right, each down to its
    /// minimum; if that is still too wide, columns are hidden from the right (never the first).
    public static func layout(_ columns: [TableColumn], width: Int, gap: Int = 2) -> [Int] {
        guard !columns.isEmpty else { return [] }
        var widths = columns.map(\.idealWidth)
        var shown = columns.count
        func available() -> Int { width - gap * max(0, shown - 1) }
        func total() -> Int { widths.prefix(shown).reduce(0, +) }
        var deficit = total() - available()
        if deficit < 0 {
            let flexible = columns.indices.filter { columns[$0].isFlexible }
            let receivers = flexible.isEmpty ? [columns.count - 1] : flexible
            var spare = -deficit
            for (n, index) in receivers.enumerated() {
                let share = spare / (receivers.count - n)
                widths[index] += share
                spare -= share
            }
            return widths
        }
        let shrinkOrder =
            columns.indices.filter { columns[$0].isFlexible }
            + columns.indices.reversed().filter { !columns[$0].isFlexible }
        for index in shrinkOrder where deficit > 0 {
            let give = min(deficit, widths[index] - columns[index].minWidth)
            widths[index] -= give
            deficit -= give
        }
        while total() > available() && shown > 1 {
            shown -= 1
            widths[shown] = 0
        }
        if total() > available() { widths[0] = max(0, available()) }
        return widths
    }

    /// Handles navigation; a click on the header is ignored, Enter returns `.submitted`.
    public mutating func handle(_ key: Key, in area: Rect) -> KeyOutcome {
        if key == .enter { return rows.isEmpty ? .ignored : .submitted }
        if case .mouseClick = key, rows.isEmpty { return .ignored }
        return cursor.handle(key, rowsIn: bodyArea(of: area))
    }

    func bodyArea(of area: Rect) -> Rect { area.splitTop(1).1 }

    /// Draws the header (`header` role) and the visible rows, cells truncated with `…`.
    public func draw(on surface: any Surface, in area: Rect, focused: Bool) {
        surface.fill(area)
        guard !area.isEmpty else { return }
        let widths = Self.layout(columns, width: area.width, gap: gap)
        drawRow(columns.map(\.title), widths: widths, at: area.origin, style: Style(.header), on: surface, clip: area)
        let body = bodyArea(of: area)
        if rows.isEmpty {
            surface.put(emptyText, at: body.origin, width: body.width, style: Style(.dim), clip: body)
            if focused { surface.cursor = body.origin }
            return
        }
        let top = cursor.scrollOffset(height: body.height)
        for line in 0..<min(body.height, rows.count - top) {
            let index = top + line
            let isSelected = index == cursor.selected
            let base = index < rowStyles.count ? rowStyles[index] : .normal
            let style = isSelected ? Style(focused ? .focus : .selected) : base
            let point = Point(x: body.x, y: body.y + line)
            surface.fill(Rect(x: body.x, y: point.y, width: body.width, height: 1), style: style)
            drawRow(rows[index], widths: widths, at: point, style: style, on: surface, clip: body)
            if isSelected && focused { surface.cursor = point }
        }
    }

    private func drawRow(
        _ cells: [String], widths: [Int], at point: Point, style: Style, on surface: any Surface, clip: Rect
    ) {
        var x = point.x
        for (index, column) in columns.enumerated() where widths[index] > 0 {
            let text = index < cells.count ? cells[index] : ""
            surface.put(
                text, at: Point(x: x, y: point.y), width: widths[index], style: style, alignment: column.alignment,
                clip: clip)
            x += widths[index] + gap
        }
    }
}
