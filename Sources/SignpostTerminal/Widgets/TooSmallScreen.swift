/// What to draw instead of a screen when the terminal is below the minimum size.
public enum TooSmallScreen {
    /// The size every screen is designed for.
    public static let minimum = Size(width: 80, height: 24)

    /// The message: `Terminal too small: need 80×24, have 60×15`.
    public static func message(need: Size = minimum, have: Size) -> String {
        "Terminal too small: need \(need), have \(have)"
    }

    /// Clears the surface and shows the message (wrapped to fit) centred.
    public static func draw(on surface: any Surface, need: Size = minimum) {
        surface.clear()
        let area = surface.bounds
        guard !area.isEmpty else { return }
        let lines =
            TextLayout.wrap(message(need: need, have: surface.size), width: area.width)
            + TextLayout.wrap("Make the window larger, or press q to quit.", width: area.width)
        let top = max(0, (area.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < area.height {
            let x = max(0, (area.width - line.displayWidth) / 2)
            surface.put(line, at: Point(x: x, y: top + index), style: index == 0 ? Style(.warning, [.bold]) : .normal)
        }
        surface.cursor = Point(x: 0, y: 0)
    }
}
