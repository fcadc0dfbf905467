/// A multi-line text input that wraps long lines at word boundaries.
///
/// Keys: characters insert, Enter starts a new line, ←/→ move (across line ends), ↑/↓ move by
/// wrapped row keeping the column, Home/End go to the start/end of the wrapped row, PgUp/PgDn
/// move a page, Backspace/Del delete (joining lines), Ctrl-U clears to the start of the line,
/// Ctrl-K to its end. Esc returns `.cancelled`; Tab is left to the screen (focus change).
///
/// Only the lines near the cursor are wrapped per key or frame, so pasting or editing very
/// long text stays responsive.
public struct TextArea: Hashable, Sendable {
    /// Logical lines (split at newlines), each as graphemes.
    public private(set) var lines: [[Character]]
    /// The cursor: a logical line and a character index in it.
    public private(set) var cursorLine: Int = 0
    public private(set) var cursorColumn: Int = 0
    /// The display column ↑/↓ try to keep.
    private var preferredColumn: Int?
    /// The first visual row shown: a logical line and a wrapped segment of it.
    private var topLine: Int = 0
    private var topSegment: Int = 0

    public init(text: String = "") {
        lines = Self.split(text)
        cursorLine = lines.count - 1
        cursorColumn = lines[cursorLine].count
    }

    /// The whole text, lines joined with newlines.
    public var text: String {
        get { lines.map { String($0) }.joined(separator: "\n") }
        set {
            lines = Self.split(newValue)
            cursorLine = lines.count - 1
            cursorColumn = lines[cursorLine].count
            topLine = 0
            topSegment = 0
            preferredColumn = nil
        }
    }

    /// Splits text into lines; tabs become spaces and other control characters are dropped so
    /// nothing typed or pasted can reach the terminal as a control.
    private static func split(_ text: String) -> [[Character]] {
        let normalised = text.replacingCRLF()
        return normalised.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.compactMap { character in
                if character == "\t" { return " " }
                return character.isControlCharacter ? nil : character
            }
        }
    }

    /// Inserts text at the cursor (typing or a paste); newlines split lines.
    public mutating func insert(_ text: String) {
        let pieces = Self.split(text)
        let tail = Array(lines[cursorLine][cursorColumn...])
        lines[cursorLine].removeLast(tail.count)
        lines[cursorLine].append(contentsOf: pieces[0])
        if pieces.count > 1 {
            lines.insert(contentsOf: pieces[1...], at: cursorLine + 1)
            cursorLine += pieces.count - 1
            cursorColumn = lines[cursorLine].count
        } else {
            cursorColumn += pieces[0].count
        }
        lines[cursorLine].append(contentsOf: tail)
        preferredColumn = nil
    }

    /// Handles a key; `area` is where the text is drawn (its width sets the wrapping).
    public mutating func handle(_ key: Key, in area: Rect) -> KeyOutcome {
        let width = max(1, area.width)
        var keepsPreferred = false
        switch key {
        case .character(let c): insert(String(c))
        case .enter: insert("\n")
        case .left:
            if cursorColumn > 0 {
                cursorColumn -= 1
            } else if cursorLine > 0 {
                cursorLine -= 1
                cursorColumn = lines[cursorLine].count
            }
        case .right:
            if cursorColumn < lines[cursorLine].count {
                cursorColumn += 1
            } else if cursorLine < lines.count - 1 {
                cursorLine += 1
                cursorColumn = 0
            }
        case .up:
            moveVertically(by: -1, width: width)
            keepsPreferred = true
        case .down:
            moveVertically(by: 1, width: width)
            keepsPreferred = true
        case .pageUp:
            moveVertically(by: -max(1, area.height - 1), width: width)
            keepsPreferred = true
        case .pageDown:
            moveVertically(by: max(1, area.height - 1), width: width)
            keepsPreferred = true
        case .home, .control("a"):
            let ranges = TextLayout.wrapRanges(lines[cursorLine], width: width)
            cursorColumn = ranges[segment(of: cursorColumn, in: ranges)].lowerBound
        case .end, .control("e"):
            let ranges = TextLayout.wrapRanges(lines[cursorLine], width: width)
            let index = segment(of: cursorColumn, in: ranges)
            cursorColumn = index == ranges.count - 1 ? lines[cursorLine].count : ranges[index].upperBound - 1
        case .backspace:
            if cursorColumn > 0 {
                lines[cursorLine].remove(at: cursorColumn - 1)
                cursorColumn -= 1
            } else if cursorLine > 0 {
                let line = lines.remove(at: cursorLine)
                cursorLine -= 1
                cursorColumn = lines[cursorLine].count
                lines[cursorLine].append(contentsOf: line)
            }
        case .delete, .control("d"):
            if cursorColumn < lines[cursorLine].count {
                lines[cursorLine].remove(at: cursorColumn)
            } else if cursorLine < lines.count - 1 {
                let next = lines.remove(at: cursorLine + 1)
                lines[cursorLine].append(contentsOf: next)
            }
        case .control("u"):
            lines[cursorLine].removeFirst(cursorColumn)
            cursorColumn = 0
        case .control("k"):
            lines[cursorLine].removeLast(lines[cursorLine].count - cursorColumn)
        case .escape: return .cancelled
        default: return .ignored
        }
        if !keepsPreferred { preferredColumn = nil }
        scrollToCursor(in: area)
        return .handled
    }

    /// The wrapped segment holding a character index (the end of the line belongs to the last).
    private func segment(of column: Int, in ranges: [Range<Int>]) -> Int {
        for (index, range) in ranges.enumerated() where column < range.upperBound { return index }
        return ranges.count - 1
    }

    private func displayColumn(_ column: Int, line: Int, range: Range<Int>) -> Int {
        DisplayWidth.of(String(lines[line][range.lowerBound..<column]))
    }

    private mutating func moveVertically(by rows: Int, width: Int) {
        var ranges = TextLayout.wrapRanges(lines[cursorLine], width: width)
        var index = segment(of: cursorColumn, in: ranges)
        let wanted = preferredColumn ?? displayColumn(cursorColumn, line: cursorLine, range: ranges[index])
        preferredColumn = wanted
        var remaining = rows
        while remaining < 0 {
            if index > 0 {
                index -= 1
            } else if cursorLine > 0 {
                cursorLine -= 1
                ranges = TextLayout.wrapRanges(lines[cursorLine], width: width)
                index = ranges.count - 1
            } else {
                cursorColumn = 0
                return
            }
            remaining += 1
        }
        while remaining > 0 {
            if index < ranges.count - 1 {
                index += 1
            } else if cursorLine < lines.count - 1 {
                cursorLine += 1
                ranges = TextLayout.wrapRanges(lines[cursorLine], width: width)
                index = 0
            } else {
                cursorColumn = lines[cursorLine].count
                return
            }
            remaining -= 1
        }
        let range = ranges[index]
        let isLast = index == ranges.count - 1
        var column = range.lowerBound
        var used = 0
        let limit = isLast ? range.upperBound : max(range.lowerBound, range.upperBound - 1)
        while column < limit {
            let w = DisplayWidth.width(of: lines[cursorLine][column])
            if used + w > wanted { break }
            used += w
            column += 1
        }
        cursorColumn = column
    }

    /// The cursor's visual row counted from the stored top, or nil when it is above the top.
    private func rowsFromTop(to line: Int, segment: Int, width: Int, limit: Int) -> Int? {
        if line < topLine || (line == topLine && segment < topSegment) { return nil }
        var rows = 0
        var current = topLine
        var currentSegment = topSegment
        while current < line {
            rows += TextLayout.wrapRanges(lines[current], width: width).count - currentSegment
            currentSegment = 0
            current += 1
            if rows > limit { return rows }
        }
        return rows + segment - currentSegment
    }

    /// Scrolls so the cursor's row is within `area`.
    public mutating func scrollToCursor(in area: Rect) {
        let width = max(1, area.width)
        let height = max(1, area.height)
        topLine = min(topLine, lines.count - 1)
        let ranges = TextLayout.wrapRanges(lines[cursorLine], width: width)
        let cursorSegment = segment(of: cursorColumn, in: ranges)
        guard let rows = rowsFromTop(to: cursorLine, segment: cursorSegment, width: width, limit: height) else {
            topLine = cursorLine
            topSegment = cursorSegment
            return
        }
        guard rows >= height else { return }
        // Walk back from the cursor so it sits on the last visible row.
        var line = cursorLine
        var segmentIndex = cursorSegment
        var above = height - 1
        while above > 0 {
            if segmentIndex > 0 {
                segmentIndex -= 1
            } else if line > 0 {
                line -= 1
                segmentIndex = TextLayout.wrapRanges(lines[line], width: width).count - 1
            } else {
                break
            }
            above -= 1
        }
        topLine = line
        topSegment = segmentIndex
    }

    /// Draws the visible wrapped rows and, when focused, places the cursor.
    public func draw(on surface: any Surface, in area: Rect, focused: Bool) {
        surface.fill(area, style: Style(.input))
        guard !area.isEmpty else { return }
        var copy = self
        copy.scrollToCursor(in: area)
        var line = copy.topLine
        var segmentIndex = copy.topSegment
        var row = 0
        while row < area.height && line < lines.count {
            let ranges = TextLayout.wrapRanges(lines[line], width: area.width)
            while segmentIndex < ranges.count && row < area.height {
                let range = ranges[segmentIndex]
                let point = Point(x: area.x, y: area.y + row)
                surface.put(String(lines[line][range]), at: point, style: Style(.input), clip: area)
                if focused && line == cursorLine && segment(of: cursorColumn, in: ranges) == segmentIndex {
                    let column = visible(String(lines[line][range.lowerBound..<cursorColumn])).displayWidth
                    surface.cursor = Point(x: area.x + min(column, area.width - 1), y: point.y)
                }
                segmentIndex += 1
                row += 1
            }
            line += 1
            segmentIndex = 0
        }
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        guard contains("\r") else { return self }
        var result = ""
        for character in self {
            if character == "\r\n" || character == "\r" { result.append("\n") } else { result.append(character) }
        }
        return result
    }
}
