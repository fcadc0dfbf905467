/// The standard split of a screen: a title bar, the body, a status row and the hint bar.
///
/// ```swift
/// let layout = ScreenLayout(size: surface.size)
/// TitleBar.draw("Families", trailing: "Signed in: J. Smith", on: surface, in: layout.title)
/// table.draw(on: surface, in: layout.body, focused: true)
/// toasts.draw(on: surface, in: layout.status, now: Date())
/// HintBar.draw(keys, on: surface, in: layout.hints)
/// ```
public struct ScreenLayout: Hashable, Sendable {
    /// The top row.
    public var title: Rect
    /// Everything between the title and the status row.
    public var body: Rect
    /// The row above the hint bar, for messages and toasts.
    public var status: Rect
    /// The bottom row.
    public var hints: Rect

    public init(size: Size) {
        let whole = Rect(size: size)
        let (title, rest) = whole.splitTop(1)
        let (middle, hints) = rest.splitBottom(1)
        let (body, status) = middle.splitBottom(1)
        self.title = title
        self.body = body
        self.status = status
        self.hints = hints
    }
}

/// The one-row title bar: a title on the left, optional text on the right, in the `banner` role.
public enum TitleBar {
    /// Draws the title, and `trailing` at the right (at most half the row, or `maxTrailingWidth`
    /// when given: a status that must show whole).
    public static func draw(
        _ title: String, trailing: String = "", on surface: any Surface, in area: Rect, maxTrailingWidth: Int? = nil
    ) {
        let row = area.row(0)
        guard !row.isEmpty else { return }
        surface.fill(row, style: Style(.banner))
        let trailingWidth = min(visible(trailing).displayWidth, max(0, maxTrailingWidth ?? (row.width / 2 - 1)))
        if trailingWidth > 0 {
            surface.put(
                trailing, at: Point(x: row.maxX - trailingWidth - 1, y: row.y), width: trailingWidth,
                style: Style(.banner), clip: row)
        }
        let titleWidth = row.width - 2 - (trailingWidth > 0 ? trailingWidth + 2 : 0)
        surface.put(
            title, at: Point(x: row.x + 1, y: row.y), width: max(0, titleWidth), style: Style(.banner, [.bold]),
            clip: row)
    }
}
