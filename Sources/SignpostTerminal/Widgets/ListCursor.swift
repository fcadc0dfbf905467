/// Selection and scroll position in a list of rows, shared by lists, tables and choices.
///
/// Keys: ↑/↓ and `k`/`j` move, `g`/Home and `G`/End jump to the ends, PgUp/PgDn move a page,
/// a mouse click picks the clicked row.
public struct ListCursor: Hashable, Sendable {
    /// The number of rows.
    public var count: Int { didSet { clamp() } }
    /// The selected row (0 when the list is empty).
    public var selected: Int { didSet { clamp() } }
    /// The first row shown.
    public private(set) var offset: Int = 0

    public init(count: Int, selected: Int = 0) {
        self.count = max(0, count)
        self.selected = selected
        clamp()
    }

    /// Moves the selection for a navigation key.
    /// - Parameters:
    ///   - key: the key pressed.
    ///   - area: where the rows are drawn (for page size and mouse clicks).
    /// - Returns: `.handled` when the key moved (or tried to move) the selection.
    public mutating func handle(_ key: Key, rowsIn area: Rect) -> KeyOutcome {
        let page = max(1, area.height)
        switch key {
        case .up, .character("k"): selected -= 1
        case .down, .character("j"): selected += 1
        case .home, .character("g"): selected = 0
        case .end, .character("G"): selected = count - 1
        case .pageUp: selected -= page
        case .pageDown: selected += page
        case .mouseClick(let point):
            guard area.contains(point) else { return .ignored }
            let row = scrollOffset(height: page) + (point.y - area.y)
            guard row < count else { return .ignored }
            selected = row
        default: return .ignored
        }
        clamp()
        scrollToSelection(height: page)
        return .handled
    }

    /// The first row to show in `height` rows so the selection is visible.
    public func scrollOffset(height: Int) -> Int {
        let height = max(1, height)
        var top = min(offset, max(0, count - height))
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        return max(0, top)
    }

    /// Remembers the scroll position so the list does not jump between frames.
    public mutating func scrollToSelection(height: Int) { offset = scrollOffset(height: height) }

    private mutating func clamp() {
        if count <= 0 {
            if selected != 0 { selected = 0 }
            return
        }
        if selected < 0 { selected = 0 }
        if selected >= count { selected = count - 1 }
    }
}
