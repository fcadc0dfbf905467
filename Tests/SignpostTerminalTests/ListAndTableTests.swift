import Testing

@testable import SignpostTerminal

@Suite("Scrolling list")
struct ScrollListTests {
    let area = Rect(x: 0, y: 1, width: 20, height: 3)

    func makeList(_ count: Int = 10) -> ScrollList {
        ScrollList(rows: (1...count).map { ListRow("Row \($0)") })
    }

    @Test("Arrows, j/k, g/G and paging move the selection within bounds")
    func navigation() {
        var list = makeList()
        #expect(list.handle(.down, in: area) == .handled)
        #expect(list.handle(.character("j"), in: area) == .handled)
        #expect(list.selectedIndex == 2)
        _ = list.handle(.character("k"), in: area)
        _ = list.handle(.up, in: area)
        _ = list.handle(.up, in: area)
        #expect(list.selectedIndex == 0)
        _ = list.handle(.character("G"), in: area)
        #expect(list.selectedIndex == 9)
        _ = list.handle(.character("g"), in: area)
        _ = list.handle(.pageDown, in: area)
        #expect(list.selectedIndex == 3)
        _ = list.handle(.pageUp, in: area)
        #expect(list.selectedIndex == 0)
        #expect(list.handle(.character("x"), in: area) == .ignored)
        #expect(list.handle(.enter, in: area) == .submitted)
    }

    @Test("Drawing scrolls to the selection and marks it without relying on colour")
    func drawing() {
        var list = makeList()
        for _ in 0..<5 { _ = list.handle(.down, in: area) }
        let surface = MemorySurface(width: 20, height: 4)
        list.draw(on: surface, in: area, focused: true)
        #expect(surface.lines() == ["", "  Row 4", "  Row 5", "> Row 6"])
        #expect(surface.style(at: Point(x: 0, y: 3)) == Style(.focus))
        #expect(surface.cursor == Point(x: 0, y: 3))
        list.draw(on: surface, in: area, focused: false)
        #expect(surface.style(at: Point(x: 0, y: 3)) == Style(.selected))
    }

    @Test("A mouse click selects the clicked row; clicks outside are ignored")
    func mouse() {
        var list = makeList()
        _ = list.handle(.character("G"), in: area)  // shows rows 8-10
        #expect(list.handle(.mouseClick(Point(x: 3, y: 1)), in: area) == .handled)
        #expect(list.selectedIndex == 7)
        #expect(list.handle(.mouseClick(Point(x: 3, y: 0)), in: area) == .ignored)
        #expect(list.selectedIndex == 7)
    }

    @Test("An empty list shows its empty text and has no selection")
    func empty() {
        var list = ScrollList(rows: [], emptyText: "No families yet")
        #expect(list.selectedIndex == nil)
        #expect(list.handle(.enter, in: area) == .ignored)
        let surface = MemorySurface(width: 20, height: 4)
        list.draw(on: surface, in: area, focused: true)
        #expect(surface.lines()[1] == "No families yet")
    }

    @Test("A wrapping list shows a long row in full over several lines, marks it once and scrolls by whole rows")
    func wrappingRows() {
        var list = ScrollList(rows: ["Short", "Referral Bright Start for Noor: accepted 16/01/2026", "Last"])
        list.wrapsRows = true
        let area = Rect(x: 0, y: 0, width: 20, height: 5)
        _ = list.handle(.down, in: area)
        let surface = MemorySurface(width: 20, height: 5)
        list.draw(on: surface, in: area, focused: true)
        #expect(
            surface.lines() == [
                "  Short", "> Referral Bright", "    Start for Noor:", "    accepted", "    16/01/2026",
            ],
            "every word of the selected row shows, none cut, the lines after the first hanging under it")
        _ = list.handle(.down, in: area)
        list.draw(on: surface, in: area, focused: true)
        #expect(surface.lines().last == "> Last", "the selected row is always on screen")
        #expect(surface.lines().first == "  Referral Bright", "it scrolled by a whole row")
        #expect(list.handle(.mouseClick(Point(x: 3, y: 1)), in: area) == .handled)
        #expect(list.selectedIndex == 1, "a click on a row's second line selects that row")
    }

}

@Suite("Table")
struct TableTests {
    let columns = [
        TableColumn("Name", minWidth: 12, idealWidth: 24, isFlexible: true),
        TableColumn("Level", minWidth: 5, idealWidth: 7),
        TableColumn("Worker", minWidth: 8, idealWidth: 16),
        TableColumn("Review due", minWidth: 10, idealWidth: 12),
        TableColumn("Notes", minWidth: 10, idealWidth: 30),
    ]

    @Test("At 120 columns every column gets its ideal and the flexible one the rest")
    func wide() {
        let widths = Table.layout(columns, width: 120)
        #expect(widths == [47, 7, 16, 12, 30])
        #expect(widths.reduce(0, +) + 2 * 4 == 120)
    }

    @Test("At 80 columns the flexible column shrinks first, then others from the right")
    func narrow() {
        let widths = Table.layout(columns, width: 80)
        #expect(widths.reduce(0, +) + 2 * 4 == 80)
        #expect(widths[0] == 12)
        #expect(widths[4] < 30 && widths[4] >= 10)
        #expect(widths[1] == 7)
        for (width, column) in zip(widths, columns) { #expect(width >= column.minWidth) }
    }

    @Test("When minimums do not fit, columns are hidden from the right")
    func veryNarrow() {
        let widths = Table.layout(columns, width: 40)
        #expect(widths[4] == 0)
        #expect(widths[3] == 0)
        #expect(widths[0] >= 12)
        let shown = widths.filter { $0 > 0 }
        #expect(shown.reduce(0, +) + 2 * (shown.count - 1) <= 40)
    }

    @Test("Cells are truncated with an ellipsis and the header is styled")
    func drawing() {
        var table = Table(
            columns: [
                TableColumn("Name", minWidth: 6, idealWidth: 8, isFlexible: true),
                TableColumn("Level", minWidth: 5, idealWidth: 5, alignment: .trailing),
            ],
            rows: [["Łukasz Kowalski", "3"], ["李娜", "4"]])
        let surface = MemorySurface(width: 15, height: 3)
        _ = table.handle(.down, in: surface.bounds)
        table.draw(on: surface, in: surface.bounds, focused: true)
        #expect(surface.lines() == ["Name      Level", "Łukasz …      3", "李娜          4"])
        #expect(surface.style(at: Point(x: 0, y: 0)) == Style(.header))
        #expect(surface.style(at: Point(x: 0, y: 2)) == Style(.focus))
        #expect(surface.cursor == Point(x: 0, y: 2))
        #expect(table.selectedIndex == 1)
    }

    @Test("A click on a body row selects it; the header row is not a row")
    func mouse() {
        var table = Table(columns: [TableColumn("Name", minWidth: 4, idealWidth: 10)], rows: [["a"], ["b"], ["c"]])
        let area = Rect(x: 0, y: 0, width: 10, height: 4)
        #expect(table.handle(.mouseClick(Point(x: 1, y: 3)), in: area) == .handled)
        #expect(table.selectedIndex == 2)
        #expect(table.handle(.mouseClick(Point(x: 1, y: 0)), in: area) == .ignored)
    }
}
