/// A single-line text input.
///
/// Keys: printable characters insert, ←/→ move, Home/End (and Ctrl-A/Ctrl-E) jump,
/// Backspace/Del delete, Ctrl-U clears to the start, Ctrl-K to the end; Enter returns
/// `.submitted`, Esc `.cancelled`. Text longer than the field scrolls horizontally so the
/// cursor stays visible.
///
/// A filled-in field that focus moves into has its text selected (``selectAll()``), drawn
/// reversed: typing or a paste replaces it and Backspace clears it, as in any form a
/// practitioner has used, instead of appending to it ("FizzwickFizzwick"); ←/Home and →/End
/// keep the text and put the cursor at its start or end to change it.
///
/// ```swift
/// var name = TextField(text: "Zoë", maxLength: 60)
/// name.selectAll()
/// _ = name.handle(.character("Z"))   // "Z"
/// name.draw(on: surface, in: Rect(x: 10, y: 4, width: 30, height: 1), focused: true)
/// ```
public struct TextField: Hashable, Sendable {
    /// The characters typed (graphemes, so `ë` is one).
    public private(set) var characters: [Character]
    /// The insertion point: an index into ``characters``.
    public private(set) var cursor: Int
    /// The most characters the field accepts, or nil for no limit.
    public var maxLength: Int?
    /// Shown dimmed while the field is empty.
    public var placeholder: String
    /// Whether the whole text is selected, so the next typing replaces it.
    public private(set) var isAllSelected = false

    public init(text: String = "", maxLength: Int? = nil, placeholder: String = "") {
        let limited = maxLength.map { Array(text.prefix($0)) } ?? Array(text)
        characters = limited
        cursor = limited.count
        self.maxLength = maxLength
        self.placeholder = placeholder
    }

    /// The field's text.
    public var text: String {
        get { String(characters) }
        set {
            characters = maxLength.map { Array(newValue.prefix($0)) } ?? Array(newValue)
            cursor = characters.count
            isAllSelected = false
        }
    }

    /// Selects the whole text (nothing, when empty), with the cursor after it: what entering a filled-in field does.
    public mutating func selectAll() {
        isAllSelected = !characters.isEmpty
        cursor = characters.count
    }

    /// Answers a key while the text is selected: replacing, clearing or keeping it.
    ///
    /// - Returns: the outcome when the key is fully answered here; nil when the key still has
    ///   to be handled (typing, after the selection is cleared; keys that do not touch the text).
    private mutating func handleSelected(_ key: Key) -> KeyOutcome? {
        switch key {
        case .character:
            isAllSelected = false
            characters.removeAll()
            cursor = 0
            return nil
        case .backspace, .delete, .control("d"), .control("u"), .control("k"):
            isAllSelected = false
            characters.removeAll()
            cursor = 0
            return .handled
        case .left, .home, .control("a"):
            isAllSelected = false
            cursor = 0
            return .handled
        case .right, .end, .control("e"):
            isAllSelected = false
            cursor = characters.count
            return .handled
        default: return nil
        }
    }

    /// Inserts text at the cursor (a paste): tabs become spaces, newlines and other control
    /// characters are dropped, and so is what exceeds ``maxLength``.
    public mutating func insert(_ text: String) {
        if isAllSelected {
            isAllSelected = false
            characters.removeAll()
            cursor = 0
        }
        for character in text where !character.isControlCharacter || character == "\t" {
            if let maxLength, characters.count >= maxLength { break }
            let character: Character = character == "\t" ? " " : character
            characters.insert(character, at: cursor)
            cursor += 1
        }
    }

    public mutating func handle(_ key: Key) -> KeyOutcome {
        if isAllSelected, let outcome = handleSelected(key) { return outcome }
        switch key {
        case .character(let c):
            if let maxLength, characters.count >= maxLength { return .handled }
            insert(String(c))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .backspace:
            guard cursor > 0 else { return .handled }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < characters.count else { return .handled }
            characters.remove(at: cursor)
        case .control("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .control("k"): characters.removeLast(characters.count - cursor)
        case .enter: return .submitted
        case .escape: return .cancelled
        default: return .ignored
        }
        return .handled
    }

    /// The index of the first character shown in `width` columns so the cursor is visible.
    public func scrollStart(width: Int) -> Int {
        let width = max(1, width)
        var start = 0
        // Room for the cursor itself after the text.
        while start < cursor && columns(from: start, to: cursor) + 1 > width { start += 1 }
        return start
    }

    private func columns(from start: Int, to end: Int) -> Int {
        var total = 0
        for index in start..<end { total += DisplayWidth.width(of: characters[index]) }
        return total
    }

    /// Draws the field in the `input` role (underlined in monochrome) and, when focused,
    /// puts the hardware cursor at the insertion point.
    public func draw(on surface: any Surface, in area: Rect, focused: Bool) {
        let row = area.row(0)
        guard !row.isEmpty else { return }
        surface.fill(row, style: Style(.input))
        if characters.isEmpty && !placeholder.isEmpty {
            surface.put(placeholder, at: row.origin, width: row.width, style: Style(.input, [.dim]), clip: row)
        } else {
            let start = scrollStart(width: row.width)
            // Reverse marks selected text without colour; it shows only where typing would replace it.
            let style = focused && isAllSelected ? Style(.input, [.reverse]) : Style(.input)
            surface.put(String(characters[start...]), at: row.origin, style: style, clip: row)
        }
        if focused {
            let start = scrollStart(width: row.width)
            let x = row.x + visible(String(characters[start..<cursor])).displayWidth
            surface.cursor = Point(x: min(x, row.maxX - 1), y: row.y)
        }
    }
}

extension Character {
    /// Whether this grapheme starts with a C0 or C1 control or DEL (newlines included).
    var isControlCharacter: Bool {
        guard let value = unicodeScalars.first?.value else { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value)
    }
}
