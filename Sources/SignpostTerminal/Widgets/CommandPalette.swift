/// A command offered by the `:` palette.
public struct PaletteCommand: Hashable, Sendable {
    /// What the user types: `open`, `new-family`.
    public var name: String
    /// A short description shown beside it.
    public var summary: String

    public init(_ name: String, summary: String) {
        self.name = name
        self.summary = summary
    }
}

/// The `:` command line: type to filter commands, Tab completes, ↑/↓ pick, Enter runs.
///
/// Matching ignores case; commands starting with the typed text come first, then those
/// containing it. Enter returns `.submitted` with ``chosenCommand`` set (nil when nothing
/// matches) and ``arguments`` holding any text after the command name; Esc `.cancelled`.
public struct CommandPalette: Hashable, Sendable {
    public var commands: [PaletteCommand]
    public var input: TextField
    public private(set) var selection: Int = 0

    public init(commands: [PaletteCommand]) {
        self.commands = commands
        input = TextField(maxLength: 200)
    }

    /// The first word typed.
    public var typedName: String { String(input.text.split(separator: " ", maxSplits: 1).first ?? "") }

    /// Anything typed after the command name.
    public var arguments: String {
        let parts = input.text.split(separator: " ", maxSplits: 1)
        return parts.count > 1 ? String(parts[1]).trimmingSpaces() : ""
    }

    /// Commands matching what has been typed, best first.
    public var matches: [PaletteCommand] {
        let needle = typedName.lowercased()
        guard !needle.isEmpty else { return commands }
        let prefixed = commands.filter { $0.name.lowercased().hasPrefix(needle) }
        let containing = commands.filter {
            !$0.name.lowercased().hasPrefix(needle) && $0.name.lowercased().contains(needle)
        }
        return prefixed + containing
    }

    /// The command Enter would run: an exact name match, else the highlighted match.
    public var chosenCommand: PaletteCommand? {
        if let exact = commands.first(where: { $0.name.lowercased() == typedName.lowercased() }) { return exact }
        let current = matches
        return current.indices.contains(selection) ? current[selection] : nil
    }

    public mutating func handle(_ key: Key) -> KeyOutcome {
        switch key {
        case .up:
            selection = max(0, selection - 1)
            return .handled
        case .down:
            selection = min(max(0, matches.count - 1), selection + 1)
            return .handled
        case .tab:
            complete()
            return .handled
        case .enter: return .submitted
        case .escape: return .cancelled
        default:
            let before = input.text
            let outcome = input.handle(key)
            if input.text != before { selection = 0 }
            return outcome
        }
    }

    /// Completes the typed name to the highlighted match, followed by a space.
    public mutating func complete() {
        let current = matches
        guard current.indices.contains(selection), !input.text.contains(" ") else { return }
        input.text = current[selection].name + " "
        selection = 0
    }

    /// Draws the matches above the bottom row and the `:` line on the bottom row of `area`.
    public func draw(on surface: any Surface, in area: Rect) {
        guard !area.isEmpty else { return }
        let (listArea, line) = area.splitBottom(1)
        let shown = Array(matches.prefix(min(8, listArea.height)))
        let nameWidth = min(24, shown.map { visible($0.name).displayWidth }.max() ?? 0)
        for (index, command) in shown.enumerated() {
            let y = listArea.maxY - shown.count + index
            let isSelected = index == selection
            let row = Rect(x: listArea.x, y: y, width: listArea.width, height: 1)
            let style = isSelected ? Style(.selected) : Style(.normal)
            surface.fill(row, style: style)
            surface.put(
                (isSelected ? "> " : "  ") + TextLayout.pad(command.name, to: nameWidth) + "  " + command.summary,
                at: row.origin, width: row.width, style: style, clip: row)
        }
        surface.fill(line)
        surface.put(":", at: line.origin, style: Style(.title), clip: line)
        input.draw(on: surface, in: line.splitLeft(1).1, focused: true)
    }
}
