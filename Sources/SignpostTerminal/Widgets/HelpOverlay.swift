/// The `?` help overlay: every binding in a ``KeyRegistry``, grouped, in a scrollable box.
///
/// ↑/↓, j/k, PgUp/PgDn, g/G scroll; Esc, `q` or `?` close it (`.cancelled`).
public struct HelpOverlay: Hashable, Sendable {
    public var title: String
    public private(set) var offset: Int = 0

    public init(title: String = "Keys") { self.title = title }

    /// The overlay's text lines for a registry: a heading per group, then `keys  help` rows.
    ///
    /// - Parameter width: when given, help wider than this is wrapped at spaces onto lines indented
    ///   under the help column, so nothing is cut; when nil, each binding is one line.
    public static func lines<Action>(
        for registry: KeyRegistry<Action>, width: Int? = nil
    ) -> [(text: String, style: Style)] {
        var result: [(String, Style)] = []
        let keyWidth = min(18, registry.bindings.map { visible($0.keyLabel).displayWidth }.max() ?? 0)
        let helpWidth = width.map { max(12, $0 - keyWidth - 2) }
        let indent = String(repeating: " ", count: keyWidth + 2)
        for (index, group) in registry.helpGroups.enumerated() {
            if index > 0 { result.append(("", .normal)) }
            result.append((group.group, Style(.header)))
            for binding in group.bindings {
                let help = helpWidth.map { TextLayout.wrap(binding.help, width: $0) } ?? [binding.help]
                for (row, line) in help.enumerated() {
                    result.append(
                        ((row == 0 ? TextLayout.pad(binding.keyLabel, to: keyWidth) + "  " : indent) + line, .normal))
                }
            }
        }
        return result
    }

    public mutating func handle<Action>(_ key: Key, registry: KeyRegistry<Action>, in area: Rect) -> KeyOutcome {
        let box = boxRect(for: registry, in: area)
        let visibleRows = max(1, box.height - 2)
        let maxOffset = max(0, Self.lines(for: registry, width: Self.textWidth(of: box)).count - visibleRows)
        switch key {
        case .escape, .character("q"), .character("?"): return .cancelled
        case .up, .character("k"): offset -= 1
        case .down, .character("j"): offset += 1
        case .pageUp: offset -= visibleRows
        case .pageDown: offset += visibleRows
        case .home, .character("g"): offset = 0
        case .end, .character("G"): offset = maxOffset
        default: return .handled
        }
        offset = min(max(0, offset), maxOffset)
        return .handled
    }

    /// The title with the keys that work in the overlay.
    private func fullTitle(scrolls: Bool) -> String { title + (scrolls ? " (↑↓ scroll, Esc close)" : " (Esc close)") }

    /// The box: as wide as the longest line (or the title) needs, up to the whole area, and as tall as the area.
    ///
    /// A wide terminal shows every binding on one line; a narrow one wraps the help (see ``lines(for:width:)``).
    func boxRect<Action>(for registry: KeyRegistry<Action>, in area: Rect) -> Rect {
        let natural = Self.lines(for: registry).map { visible($0.text).displayWidth }.max() ?? 0
        let titleWidth = visible(fullTitle(scrolls: true)).displayWidth + 4
        // Two columns of border and one of margin on each side.
        let width = min(area.width, max(natural + 4, titleWidth))
        return area.centered(Size(width: width, height: area.height))
    }

    /// The columns text may take inside `box`: its borders and a column of margin on each side taken off.
    static func textWidth(of box: Rect) -> Int { max(1, box.width - 4) }

    public func draw<Action>(_ registry: KeyRegistry<Action>, on surface: any Surface, in area: Rect) {
        let box = boxRect(for: registry, in: area)
        // A blank column either side, so what the screen shows beside the box is not read as part of it.
        surface.fill(Rect(x: box.x - 1, y: box.y, width: box.width + 2, height: box.height).intersection(area))
        let allLines = Self.lines(for: registry, width: Self.textWidth(of: box))
        let inner = box.inset(by: 1)
        let start = min(offset, max(0, allLines.count - inner.height))
        let more = start + inner.height < allLines.count
        surface.drawBox(box, title: fullTitle(scrolls: more || start > 0))
        for (row, line) in allLines.dropFirst(start).prefix(inner.height).enumerated() {
            surface.put(
                line.text, at: Point(x: inner.x + 1, y: inner.y + row), width: inner.width - 1, style: line.style,
                clip: inner)
        }
        surface.cursor = Point(x: inner.x + 1, y: inner.y)
    }
}
