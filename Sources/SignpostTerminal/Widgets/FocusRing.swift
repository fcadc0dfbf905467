/// Which of several panes or fields has focus; Tab moves forward, Shift-Tab back, wrapping.
public struct FocusRing: Hashable, Sendable {
    public var count: Int
    public private(set) var focused: Int

    public init(count: Int, focused: Int = 0) {
        self.count = max(1, count)
        self.focused = min(max(0, focused), self.count - 1)
    }

    public mutating func focus(_ index: Int) { focused = min(max(0, index), count - 1) }

    public mutating func handle(_ key: Key) -> KeyOutcome {
        switch key {
        case .tab: focused = (focused + 1) % count
        case .backTab: focused = (focused - 1 + count) % count
        default: return .ignored
        }
        return .handled
    }

    public func isFocused(_ index: Int) -> Bool { focused == index }
}
