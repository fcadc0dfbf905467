/// The `?` help overlay: every binding in a ``KeyRegistry``, grouped, in a scrollable box.
///
/// ↑/↓, j/k, PgUp/PgDn, g/G scroll; Esc, `q` or `?` close it (`.cancelled`).
public struct HelpOverlay: Hashable, Sendable {
    public var title: String
    public private(set) var offset: Int = 0

    public init(title: String = "Keys") { self.title = title }

    /// The overlay's text lines for a registry: a heading per group, then `keys  help` rows.
    public static func lines<Action>(for registry: KeyRegistry<Action>) -> [(text: String, style: Style)] {
        var result: [(String, Style)] = []
        let keyWidth = min(18, registry.bindings.map { visible($0.keyLabel).displayWidth }.max() ?? 0)
        for (index, group) in registry.helpGroups.enumerated() {
            if index > 0 { result.append(("", .normal)) }
            result.append((group.group, Style(.header)))
            for binding in group.bindings {
                result.append((TextLayout.pad(binding.keyLabel, to: keyWidth) + "  " + binding.help, .normal))
            }
        }
        return result
    }

    public mutating func handle<Action>(_ key: Key, registry: KeyRegistry<Action>, in area: Rect) -> KeyOutcome {
        let visibleRows = max(1, boxRect(in: area).height - 2)
        let maxOffset = max(0, Self.lines(for: registry).count - visibleRows)
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

    func boxRect(in area: Rect) -> Rect {
        area.centered(Size(width: min(area.width, 72), height: area.height))
    }

    public func draw<Action>(_ registry: KeyRegistry<Action>, on surface: any Surface, in area: Rect) {
        let box = boxRect(in: area)
        surface.fill(box)
        let allLines = Self.lines(for: registry)
        let inner = box.inset(by: 1)
        let start = min(offset, max(0, allLines.count - inner.height))
        let more = start + inner.height < allLines.count
        surface.drawBox(box, title: title + (more || start > 0 ? " (↑↓ scroll, Esc close)" : " (Esc close)"))
        for (row, line) in allLines.dropFirst(start).prefix(inner.height).enumerated() {
            surface.put(
                line.text, at: Point(x: inner.x + 1, y: inner.y + row), width: inner.width - 1, style: line.style,
                clip: inner)
        }
        surface.cursor = Point(x: inner.x + 1, y: inner.y)
    }
}
