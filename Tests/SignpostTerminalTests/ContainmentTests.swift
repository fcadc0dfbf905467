import Foundation
import Testing

@testable import SignpostTerminal

@Suite("Widgets stay inside their area")
struct ContainmentTests {
    enum Action: Hashable, Sendable { case one, two }

    static let area = Rect(x: 3, y: 2, width: 14, height: 5)
    static let longText = "Łukasz 李娜李娜 محمد 👍 \u{1B}[2J with a great deal more text than fits"

    static let widgets: [(String, @Sendable (any Surface, Rect) -> Void)] = [
        (
            "list",
            { ScrollList(rows: [ListRow(longText), "b", "c", "d", "e", "f", "g"]).draw(on: $0, in: $1, focused: true) }
        ),
        (
            "table",
            { surface, area in
                Table(
                    columns: [
                        TableColumn("Name", minWidth: 6, idealWidth: 20, isFlexible: true),
                        TableColumn("L", minWidth: 3, idealWidth: 5),
                    ],
                    rows: Array(repeating: [longText, "李娜李娜"], count: 9)
                ).draw(on: surface, in: area, focused: true)
            }
        ),
        ("field", { TextField(text: longText).draw(on: $0, in: $1, focused: true) }),
        ("area", { TextArea(text: longText + "\n" + longText).draw(on: $0, in: $1, focused: true) }),
        (
            "choice",
            { ChoiceList(options: [longText, "b", "c", "d", "e", "f"], chosen: 0).draw(on: $0, in: $1, focused: true) }
        ),
        ("checkbox", { Checkbox(longText, isChecked: true).draw(on: $0, in: $1, focused: true) }),
        (
            "date",
            { surface, area in
                var field = DateField()
                for c in "99/99/9999" { _ = field.handle(.character(c)) }
                _ = field.handle(.enter)
                field.draw(on: surface, in: area, focused: true)
            }
        ),
        ("tabs", { TabBar(titles: [longText, "Notes", "Plan"], selected: 2).draw(on: $0, in: $1, focused: true) }),
        (
            "hints",
            { surface, area in
                var keys = KeyRegistry<Action>()
                keys.bind([.enter], .one, hint: longText, help: longText)
                keys.bind([.character("x")], .two, hint: "x", help: "x")
                HintBar.draw(keys, on: surface, in: area)
            }
        ),
        (
            "help",
            { surface, area in
                var keys = KeyRegistry<Action>()
                keys.bind([.enter], .one, hint: longText, help: longText)
                HelpOverlay().draw(keys, on: surface, in: area)
            }
        ),
        ("dialog", { Dialog.confirm(title: longText, message: longText).draw(on: $0, in: $1) }),
        ("palette", { CommandPalette(commands: [PaletteCommand(longText, summary: longText)]).draw(on: $0, in: $1) }),
        (
            "toasts",
            { surface, area in
                var toasts = ToastQueue()
                toasts.post(longText, kind: .error, now: Date(timeIntervalSince1970: 0))
                toasts.draw(on: surface, in: area, now: Date(timeIntervalSince1970: 1))
            }
        ),
        ("title", { TitleBar.draw(longText, trailing: longText, on: $0, in: $1) }),
    ]

    @Test("Nothing is drawn outside the widget's rectangle", arguments: widgets.indices)
    func containment(index: Int) {
        let (name, draw) = Self.widgets[index]
        let surface = MemorySurface(width: 20, height: 9)
        surface.fill(surface.bounds, with: "#")
        draw(surface, Self.area)
        for y in 0..<9 {
            for x in 0..<20 where !Self.area.contains(Point(x: x, y: y)) {
                #expect(surface.cell(at: Point(x: x, y: y)).grapheme == "#", "\(name) drew at \(x),\(y)")
            }
        }
        for line in surface.lines() {
            #expect(line.displayWidth <= 20, "\(name) overflowed: \(line)")
            #expect(!line.contains("\u{1B}"), "\(name) let an escape through")
        }
        if let cursor = surface.cursor { #expect(Self.area.contains(cursor), "\(name) cursor at \(cursor)") }
    }
}
