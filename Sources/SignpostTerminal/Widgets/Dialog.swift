/// A modal box over the screen: a message to acknowledge, or a yes/no question.
///
/// Confirm: `y`/`n`, ←/→ or Tab to pick a button, Enter to press it, Esc for no.
/// Message: Enter, Space or Esc closes. The buttons are drawn `[ Yes ]` with the chosen one
/// reversed, and the cursor sits on it.
public struct Dialog: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// One button, "OK".
        case message
        /// A question with a confirming and a declining button.
        case confirm(yes: String, no: String)
    }

    /// How the dialog was closed.
    public enum Result: Hashable, Sendable {
        case confirmed, declined, dismissed
    }

    public var title: String
    public var message: String
    public var kind: Kind
    /// 0 = the confirming button, 1 = the declining one. Starts on the declining button so a
    /// stray Enter never confirms something destructive.
    public var focusedButton: Int
    /// Set once the dialog is closed.
    public private(set) var result: Result?

    public init(title: String, message: String, kind: Kind = .message) {
        self.title = title
        self.message = message
        self.kind = kind
        if case .confirm = kind { focusedButton = 1 } else { focusedButton = 0 }
    }

    /// A yes/no question.
    public static func confirm(title: String, message: String, yes: String = "Yes", no: String = "No") -> Dialog {
        Dialog(title: title, message: message, kind: .confirm(yes: yes, no: no))
    }

    private var buttons: [String] {
        switch kind {
        case .message: return ["OK"]
        case .confirm(let yes, let no): return [yes, no]
        }
    }

    /// Handles a key; `.submitted` when closed with a result (see ``result``).
    /// Every other key is swallowed (`.handled`): the dialog is modal.
    public mutating func handle(_ key: Key) -> KeyOutcome {
        switch kind {
        case .message:
            switch key {
            case .enter, .escape, .character(" "):
                result = .dismissed
                return .submitted
            default: return .handled
            }
        case .confirm:
            switch key {
            case .character("y"), .character("Y"): result = .confirmed
            case .character("n"), .character("N"), .escape: result = .declined
            case .left, .right, .tab, .backTab:
                focusedButton = 1 - focusedButton
                return .handled
            case .enter, .character(" "): result = focusedButton == 0 ? .confirmed : .declined
            default: return .handled
            }
            return .submitted
        }
    }

    /// Draws the box centred in `area`, wrapping the message.
    public func draw(on surface: any Surface, in area: Rect) {
        let width = min(area.width, max(30, min(60, visible(message).displayWidth + 4)))
        let textLines = TextLayout.wrap(visible(message), width: max(1, width - 4))
        let height = min(area.height, textLines.count + 4)
        let box = area.centered(Size(width: width, height: height))
        surface.fill(box)
        surface.drawBox(box, title: title)
        let inner = box.inset(by: 1)
        for (index, line) in textLines.prefix(max(0, inner.height - 2)).enumerated() {
            surface.put(line, at: Point(x: inner.x + 1, y: inner.y + index), clip: inner)
        }
        let labels = buttons.map { "[ \($0) ]" }
        let total = labels.map(\.displayWidth).reduce(0, +) + 2 * (labels.count - 1)
        var x = inner.x + max(0, (inner.width - total) / 2)
        let y = inner.maxY - 1
        for (index, label) in labels.enumerated() {
            let isFocused = index == focusedButton
            surface.put(label, at: Point(x: x, y: y), style: isFocused ? Style(.focus, [.bold]) : .normal, clip: inner)
            if isFocused { surface.cursor = Point(x: x + 2, y: y) }
            x += label.displayWidth + 2
        }
    }
}
