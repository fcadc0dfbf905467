/// An on/off option drawn as `[x] Label` / `[ ] Label`.
///
/// Space or Enter toggles; a click on it toggles too.
public struct Checkbox: Hashable, Sendable {
    public var label: String
    public var isChecked: Bool

    public init(_ label: String, isChecked: Bool = false) {
        self.label = label
        self.isChecked = isChecked
    }

    public mutating func handle(_ key: Key, in area: Rect? = nil) -> KeyOutcome {
        switch key {
        case .character(" "), .enter:
            isChecked.toggle()
            return .handled
        case .mouseClick(let point):
            guard let area, area.contains(point) else { return .ignored }
            isChecked.toggle()
            return .handled
        default: return .ignored
        }
    }

    public func draw(on surface: any Surface, in area: Rect, focused: Bool) {
        let row = area.row(0)
        surface.put(
            (isChecked ? "[x] " : "[ ] ") + label, at: row.origin, width: row.width,
            style: focused ? Style(.focus) : .normal, clip: row)
        if focused { surface.cursor = Point(x: row.x + 1, y: row.y) }
    }
}
