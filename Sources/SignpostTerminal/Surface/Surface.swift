/// Something widgets draw a frame onto: a grid of ``Cell``s plus a cursor position.
///
/// Backends implement the three primitives; drawing text, filling and boxes come from the
/// protocol extension, which makes control characters visible (see ``visible(_:)``), measures
/// display width and clips, so every backend lays text out identically.
///
/// A frame is drawn in full and then shown at once: ``MemorySurface`` keeps it for tests,
/// ``NcursesTerminal`` diffs it against the last frame in ``NcursesTerminal/present()``.
public protocol Surface: AnyObject {
    /// The size of the surface in cells.
    var size: Size { get }

    /// Where the hardware cursor goes when the frame is shown: the focused item.
    /// Screen readers follow it, so widgets with focus set it.
    var cursor: Point? { get set }

    /// The cell at a position (a blank cell outside the surface).
    func cell(at point: Point) -> Cell

    /// Replaces one cell; positions outside the surface are ignored.
    func setCell(_ cell: Cell, at point: Point)
}

extension Surface {
    /// The whole surface as a rectangle.
    public var bounds: Rect { Rect(size: size) }

    /// Draws one line of text, clipped to `clip` (the whole surface by default).
    ///
    /// Control characters are shown as `^[`-style text; a wide grapheme that would cross the
    /// clip edge is replaced by a space so nothing spills into a neighbouring widget.
    /// - Returns: the column after the last cell written.
    @discardableResult
    public func put(_ text: String, at point: Point, style: Style = .normal, clip: Rect? = nil) -> Int {
        let limit = (clip ?? bounds).intersection(bounds)
        guard point.y >= limit.y, point.y < limit.maxY else { return point.x }
        var x = point.x
        for shown in visible(text) {
            // A no-break space only joins words for wrapping (TextLayout.keptTogether); a cell holds a space.
            let character: Character = shown == "\u{00A0}" ? " " : shown
            if x >= limit.maxX { break }
            let w = DisplayWidth.width(of: character)
            if w == 0 {
                appendCombining(character, before: Point(x: x, y: point.y), limit: limit)
                continue
            }
            if x < limit.x {
                // Left of the clip: skip, but blank a wide grapheme's visible right half.
                if w == 2 && x + 1 == limit.x { place(Cell(" ", style: style), at: Point(x: limit.x, y: point.y)) }
                x += w
                continue
            }
            if w == 2 && x + 1 >= limit.maxX {
                place(Cell(" ", style: style), at: Point(x: x, y: point.y))
                x += 1
                break
            }
            place(Cell(character, style: style), at: Point(x: x, y: point.y), width: w)
            x += w
        }
        return x
    }

    /// Draws `text` padded or truncated (with `…`) to exactly `width` columns.
    public func put(
        _ text: String, at point: Point, width: Int, style: Style = .normal, alignment: Alignment = .leading,
        clip: Rect? = nil
    ) {
        put(TextLayout.pad(visible(text), to: width, alignment: alignment), at: point, style: style, clip: clip)
    }

    /// Draws `text` wrapped at spaces to the width of `area`, a row at a time from its top.
    ///
    /// Nothing is cut without showing it: when the text needs more rows than `area` has, the
    /// last row ends in `…` after its last whole word. Newlines in `text` start new rows.
    ///
    /// ```swift
    /// let rows = surface.putWrapped(sentence, in: Rect(x: 1, y: 3, width: 78, height: 2), style: Style(.dim))
    /// ```
    /// - Returns: the number of rows drawn.
    @discardableResult
    public func putWrapped(_ text: String, in area: Rect, style: Style = .normal) -> Int {
        guard area.width > 0, area.height > 0 else { return 0 }
        let lines = TextLayout.wrap(visible(text), width: area.width)
        for (row, line) in lines.prefix(area.height).enumerated() {
            let overflows = row == area.height - 1 && lines.count > area.height
            let shown = overflows ? TextLayout.truncate(atWord: line + " " + lines[row + 1], to: area.width) : line
            put(shown, at: Point(x: area.x, y: area.y + row), style: style, clip: area)
        }
        return min(lines.count, area.height)
    }

    /// Fills a rectangle with one grapheme (a space by default) in a style.
    public func fill(_ rect: Rect, with grapheme: Character = " ", style: Style = .normal) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let line = String(repeating: String(grapheme), count: area.width / max(1, DisplayWidth.width(of: grapheme)))
        for row in area.y..<area.maxY {
            place(Cell(" ", style: style), at: Point(x: area.x, y: row))
            place(Cell(" ", style: style), at: Point(x: area.maxX - 1, y: row))
            for column in area.x..<area.maxX { setCell(Cell(" ", style: style), at: Point(x: column, y: row)) }
            put(line, at: Point(x: area.x, y: row), style: style, clip: area)
        }
    }

    /// Blanks the whole surface and forgets the cursor: the start of a new frame.
    public func clear() {
        cursor = nil
        for row in 0..<size.height {
            for column in 0..<size.width { setCell(.blank, at: Point(x: column, y: row)) }
        }
    }

    /// Draws a single-line box around `rect` with an optional title in its top edge.
    public func drawBox(
        _ rect: Rect, title: String? = nil, style: Style = Style(.border), titleStyle: Style = Style(.title)
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        put("┌" + horizontal + "┐", at: rect.origin, style: style, clip: rect)
        put("└" + horizontal + "┘", at: Point(x: rect.x, y: rect.maxY - 1), style: style, clip: rect)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            put("│", at: Point(x: rect.x, y: row), style: style, clip: rect)
            put("│", at: Point(x: rect.maxX - 1, y: row), style: style, clip: rect)
        }
        if let title, rect.width > 4 {
            let shown = TextLayout.truncate(" " + visible(title) + " ", to: rect.width - 4)
            put(shown, at: Point(x: rect.x + 2, y: rect.y), style: titleStyle, clip: rect)
        }
    }

    /// Writes a cell of display width `width` (1 or 2), first breaking up any wide grapheme it
    /// would cut in half, so rows never hold half a character.
    private func place(_ cell: Cell, at point: Point, width: Int = 1) {
        clearWideNeighbours(at: point, width: width)
        setCell(cell, at: point)
        if width == 2 {
            setCell(Cell(" ", style: cell.style, isContinuation: true), at: Point(x: point.x + 1, y: point.y))
        }
    }

    /// Breaks up a wide grapheme that the cell being written would cut in half.
    private func clearWideNeighbours(at point: Point, width: Int) {
        let current = cell(at: point)
        if current.isContinuation {
            let left = Point(x: point.x - 1, y: point.y)
            setCell(Cell(" ", style: cell(at: left).style), at: left)
        }
        let after = Point(x: point.x + width, y: point.y)
        if cell(at: after).isContinuation {
            setCell(Cell(" ", style: cell(at: after).style), at: after)
        }
        if width == 2 {
            let right = Point(x: point.x + 1, y: point.y)
            let rightCell = cell(at: right)
            if !rightCell.isContinuation && DisplayWidth.width(of: rightCell.grapheme) == 2 {
                setCell(Cell(" ", style: rightCell.style), at: Point(x: point.x + 2, y: point.y))
            }
        }
    }

    /// Joins a combining mark to the grapheme drawn just before it.
    private func appendCombining(_ mark: Character, before point: Point, limit: Rect) {
        var target = Point(x: point.x - 1, y: point.y)
        if cell(at: target).isContinuation { target.x -= 1 }
        guard limit.contains(target) else { return }
        var base = cell(at: target)
        let joined = String(base.grapheme) + String(mark)
        if joined.count == 1, let combined = joined.first {
            base.grapheme = combined
            setCell(base, at: target)
        }
    }
}
