import Testing

@testable import SignpostTerminal

@Suite("Key registry, hint bar and help")
struct RegistryTests {
    enum Action: Hashable, Sendable { case open, search, new, delete, help, quit }

    var registry: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind([.enter], .open, hint: "Open", help: "Open the selected family", group: "Families")
        keys.bind([.character("/")], .search, hint: "Search", help: "Search by name", group: "Families")
        keys.bind([.character("n")], .new, hint: "New", help: "Add a family", group: "Families")
        keys.bind(
            [.character("D")], .delete, hint: "Delete", help: "Delete the family", group: "Families",
            showsInHintBar: false)
        keys.bind([.character("?"), .function(1)], .help, hint: "Help", help: "Show all keys")
        keys.bind([.character("q")], .quit, hint: "Quit", help: "Leave Signpost")
        return keys
    }

    @Test("Keys look up their action; the first binding wins")
    func lookup() {
        var keys = registry
        #expect(keys.action(for: .function(1)) == .help)
        #expect(keys.action(for: .character("D")) == .delete)
        #expect(keys.action(for: .character("z")) == nil)
        keys.bind([.enter], .quit, hint: "X", help: "X")
        #expect(keys.action(for: .enter) == .open)
    }

    @Test("A key bound to two different actions is reported as a conflict; the same action twice is not")
    func conflicts() {
        var keys = registry
        #expect(keys.conflicts.isEmpty)
        keys.bind([.function(1)], .help, hint: "Help", help: "Show all keys again")
        #expect(keys.conflicts.isEmpty)
        keys.bind([.character("x"), .enter], .delete, hint: "Delete", help: "Delete it")
        #expect(keys.conflicts.map(\.key) == [.enter])
        #expect(keys.conflicts.first?.actions == [.open, .delete])
    }

    @Test("Hint bar shows hint bindings in order and drops what does not fit")
    func hintBar() {
        let surface = MemorySurface(width: 80, height: 1)
        HintBar.draw(registry, on: surface, in: surface.bounds)
        #expect(surface.lines() == ["Enter Open  / Search  n New  ?/F1 Help  q Quit"])
        #expect(surface.style(at: Point(x: 0, y: 0)) == Style(.hintKey))
        #expect(surface.style(at: Point(x: 6, y: 0)) == Style(.hintText))
        let narrow = MemorySurface(width: 24, height: 1)
        HintBar.draw(registry, on: narrow, in: narrow.bounds)
        #expect(narrow.lines() == ["Enter Open  ?/F1 Help"], "help gives way last: it is how the rest is found")
    }

    @Test("When the bar is full, the help key still shows: entries before it give way")
    func helpAlwaysShows() {
        var keys = KeyRegistry<Action>()
        keys.bind([.enter], .open, hint: "Open the selected family", help: "Open")
        keys.bind([.character("/")], .search, hint: "Search as you type", help: "Search")
        keys.bind([.character("n")], .new, hint: "Add a new family", help: "New")
        keys.bind([.character("?"), .function(1)], .help, hint: "Help", help: "Show all keys")
        let entries = HintBar.entries(for: keys, width: 64).map(\.keys)
        #expect(entries == ["Enter", "/", "?/F1"], "\(entries)")
    }

    @Test("Help lists every binding, grouped, and agrees with the hint bar")
    func helpAgreesWithHints() {
        let lines = HelpOverlay.lines(for: registry).map(\.text)
        #expect(lines.first == "Families")
        #expect(lines.contains("General"))
        for binding in registry.bindings {
            #expect(lines.contains { $0.hasPrefix(binding.keyLabel) && $0.hasSuffix(binding.help) })
        }
        for entry in HintBar.entries(for: registry, width: 200) {
            let binding = registry.bindings.first { $0.keyLabel == entry.keys }
            #expect(binding?.hint == entry.hint)
            #expect(lines.contains { $0.hasPrefix(entry.keys) })
        }
        #expect(HintBar.entries(for: registry, width: 200).count == registry.hintBindings.count)
        #expect(!HintBar.entries(for: registry, width: 200).contains { $0.keys == "D" })
    }

    @Test("Help overlay is as wide as its text allows and wraps what does not fit, never cutting it")
    func helpOverlayFitsTheTerminal() {
        var keys = registry
        let long =
            "Filter by lead professional: type part of their name (an empty name shows every family again), then Enter"
        keys.bind([.character("P")], .search, hint: "Lead", help: long, group: "Families")
        let wide = MemorySurface(width: 160, height: 20)
        HelpOverlay().draw(keys, on: wide, in: wide.bounds)
        #expect(wide.lines().contains { $0.contains(long) }, "a wide terminal shows the sentence on one line")
        #expect(!wide.lines().contains { $0.contains("…") })

        let narrow = MemorySurface(width: 60, height: 20)
        HelpOverlay().draw(keys, on: narrow, in: narrow.bounds)
        let text = narrow.lines().joined(separator: "\n")
        #expect(!text.contains("…"), "nothing is cut")
        let words = text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace)
        let wanted = long.split(separator: " ")
        #expect(
            words.indices.contains { start in Array(words.dropFirst(start).prefix(wanted.count)) == wanted },
            "every word of the help is there, in order, across wrapped lines")
        #expect(narrow.lines().allSatisfy { DisplayWidth.of($0) <= 60 })
    }

    @Test("Help overlay scrolls within its content and closes on Esc, q or ?")
    func helpOverlay() {
        var help = HelpOverlay()
        let area = Rect(x: 0, y: 0, width: 80, height: 6)
        let total = HelpOverlay.lines(for: registry).count
        _ = help.handle(.character("G"), registry: registry, in: area)
        #expect(help.offset == total - 4)
        _ = help.handle(.down, registry: registry, in: area)
        #expect(help.offset == total - 4)
        _ = help.handle(.home, registry: registry, in: area)
        #expect(help.offset == 0)
        #expect(help.handle(.escape, registry: registry, in: area) == .cancelled)
        #expect(help.handle(.character("?"), registry: registry, in: area) == .cancelled)
        let surface = MemorySurface(width: 80, height: 6)
        help.draw(registry, on: surface, in: area)
        #expect(surface.lines()[0].contains("Keys (↑↓ scroll, Esc close)"))
        #expect(surface.lines()[1].contains("Families"))
        #expect(surface.lines()[2].contains("Enter"))
        #expect(surface.lines()[2].contains("Open the selected family"))
    }
}

@Suite("Command palette")
struct CommandPaletteTests {
    let commands = [
        PaletteCommand("open", summary: "Open a family"),
        PaletteCommand("new-family", summary: "Add a family"),
        PaletteCommand("theme", summary: "Change theme"),
        PaletteCommand("reopen", summary: "Reopen a closed case"),
        PaletteCommand("quit", summary: "Leave"),
    ]

    @Test("Typing filters, prefix matches first")
    func filtering() {
        var palette = CommandPalette(commands: commands)
        #expect(palette.matches.count == 5)
        for c in "op" { _ = palette.handle(.character(c)) }
        #expect(palette.matches.map(\.name) == ["open", "reopen"])
        _ = palette.handle(.down)
        #expect(palette.chosenCommand?.name == "reopen")
        _ = palette.handle(.character("e"))
        #expect(palette.chosenCommand?.name == "open")
    }

    @Test("Tab completes; arguments follow the name; Enter submits, Esc cancels")
    func completion() {
        var palette = CommandPalette(commands: commands)
        for c in "th" { _ = palette.handle(.character(c)) }
        _ = palette.handle(.tab)
        #expect(palette.input.text == "theme ")
        for c in "high-contrast" { _ = palette.handle(.character(c)) }
        #expect(palette.typedName == "theme")
        #expect(palette.arguments == "high-contrast")
        #expect(palette.handle(.enter) == .submitted)
        #expect(palette.chosenCommand?.name == "theme")
        #expect(palette.handle(.escape) == .cancelled)
        var none = CommandPalette(commands: commands)
        for c in "zzz" { _ = none.handle(.character(c)) }
        #expect(none.matches.isEmpty)
        #expect(none.chosenCommand == nil)
    }

    @Test("Draws matches above the : line with the cursor in the input")
    func drawing() {
        var palette = CommandPalette(commands: commands)
        for c in "op" { _ = palette.handle(.character(c)) }
        let surface = MemorySurface(width: 40, height: 4)
        palette.draw(on: surface, in: surface.bounds)
        #expect(surface.lines() == ["", "> open    Open a family", "  reopen  Reopen a closed case", ":op"])
        #expect(surface.cursor == Point(x: 3, y: 3))
    }
}
