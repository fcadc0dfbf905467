/// A key press (or resize / mouse click) read from the terminal.
public enum Key: Hashable, Sendable {
    /// A printable character (a whole grapheme).
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case tab, backTab
    case enter, escape, backspace, delete, insert
    /// F1…F12.
    case function(Int)
    /// Ctrl plus a letter, lower-cased: `.control("u")` is Ctrl-U.
    case control(Character)
    /// The terminal changed size; redraw at the new size.
    case resize
    /// A mouse click at a screen cell.
    case mouseClick(Point)

    /// The short label used in the hint bar and help: `↑`, `Enter`, `Ctrl-U`, `F1`, `q`.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-\(String(c).uppercased())"
        case .resize: return "Resize"
        case .mouseClick: return "Click"
        }
    }

    /// The character typed, when this key inserts text.
    public var typedCharacter: Character? {
        if case .character(let c) = self { return c }
        return nil
    }
}
