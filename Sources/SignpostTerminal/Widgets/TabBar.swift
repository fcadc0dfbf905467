/// A row of tab titles; ←/→ (when the tab bar has focus) or a click switch tabs.
///
/// The current tab is drawn reversed and in brackets, `[ Notes ]`, so it shows without colour.
public struct TabBar: Hashable, Sendable {
    public var titles: [String]
    public var selected: Int

    public init(titles: [String], selected: Int = 0) {
        self.titles = titles
        self.selected = min(max(0, selected), max(0, titles.count - 1))
    }

    /// The columns each tab occupies when drawn from `x`.
    public func tabRanges(startingAt x: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var column = x
        for title in titles {
            let width = visible(title).displayWidth + 4
            ranges.append(column..<(column + width))
            column += width + 1
        }
        return ranges
    }

    public mutating func handle(_ key: Key, in area: Rect) -> KeyOutcome {
        guard !titles.isEmpty else { return .ignored }
        switch key {
        case .left: selected = (selected - 1 + titles.count) % titles.count
        case .right: selected = (selected + 1) % titles.count
        case .mouseClick(let point):
            guard point.y == area.y,
                let index = tabRanges(startingAt: area.x).firstIndex(where: { $0.contains(point.x) })
            else { return .ignored }
            selected = index
        default: return .ignored
        }
        return .handled
    }

    public func draw(on surface: any Surface, in area: Rect, focused: Bool) {
        let row = area.row(0)
        surface.fill(row)
        for (index, range) in tabRanges(startingAt: row.x).enumerated() {
            let isCurrent = index == selected
            let text = isCurrent ? "[ \(titles[index]) ]" : "  \(titles[index])  "
            let style = isCurrent ? Style(focused ? .focus : .selected, [.bold]) : Style(.dim)
            surface.put(text, at: Point(x: range.lowerBound, y: row.y), style: style, clip: row)
            if isCurrent && focused {
                surface.cursor = Point(x: min(range.lowerBound + 2, row.maxX - 1), y: row.y)
            }
        }
    }
}
