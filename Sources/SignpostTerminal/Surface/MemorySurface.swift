/// An in-memory surface: the frame is kept as cells and can be read back as text.
///
/// Used by tests and snapshot checks; it needs no terminal and no locale.
///
/// ```swift
/// let surface = MemorySurface(width: 20, height: 3)
/// surface.put("Hello", at: Point(x: 0, y: 0), style: Style(.title))
/// surface.lines()        // ["Hello", "", ""]
/// surface.styledLines()  // ["[title]Hello", "", ""]
/// ```
public final class MemorySurface: Surface {
    public private(set) var size: Size
    public var cursor: Point?
    private var cells: [Cell]

    public init(width: Int, height: Int) {
        size = Size(width: max(0, width), height: max(0, height))
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public convenience init(size: Size) { self.init(width: size.width, height: size.height) }

    public func cell(at point: Point) -> Cell {
        guard bounds.contains(point) else { return .blank }
        return cells[point.y * size.width + point.x]
    }

    public func setCell(_ cell: Cell, at point: Point) {
        guard bounds.contains(point) else { return }
        cells[point.y * size.width + point.x] = cell
    }

    /// Changes the size, blanking the contents (as a terminal resize does).
    public func resize(to newSize: Size) {
        size = Size(width: max(0, newSize.width), height: max(0, newSize.height))
        cells = Array(repeating: .blank, count: size.width * size.height)
        cursor = nil
    }

    /// The frame as plain text: one string per row, trailing spaces trimmed.
    public func lines() -> [String] {
        (0..<size.height).map { row in
            var line = ""
            for column in 0..<size.width {
                let cell = self.cell(at: Point(x: column, y: row))
                if !cell.isContinuation { line.append(cell.grapheme) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The frame as one string, rows joined by newlines.
    public func text() -> String { lines().joined(separator: "\n") }

    /// The frame with styles shown: each run of non-normal style is prefixed with `[style]`
    /// and a return to plain normal with `[normal]`, trailing plain spaces trimmed.
    ///
    /// Lets tests check that the selected row is reversed or an error uses the error role
    /// without a terminal.
    public func styledLines() -> [String] {
        (0..<size.height).map { row in
            var line = ""
            var current = Style.normal
            var trimmedLength = 0
            for column in 0..<size.width {
                let cell = self.cell(at: Point(x: column, y: row))
                if cell.isContinuation { continue }
                if cell.style != current {
                    line += "[\(cell.style)]"
                    current = cell.style
                }
                line.append(cell.grapheme)
                if cell.grapheme != " " || cell.style != .normal { trimmedLength = line.count }
            }
            return String(line.prefix(trimmedLength))
        }
    }

    /// The style of the cell at a position.
    public func style(at point: Point) -> Style { cell(at: point).style }
}
