import Testing

@testable import SignpostTerminal

@Suite("Text field")
struct TextFieldTests {
    @Test("Typing, cursor movement, deletion and Ctrl-U")
    func editing() {
        var field = TextField()
        for c in "Zoe" { _ = field.handle(.character(c)) }
        _ = field.handle(.backspace)
        _ = field.handle(.character("ë"))
        #expect(field.text == "Zoë")
        _ = field.handle(.home)
        _ = field.handle(.delete)
        #expect(field.text == "oë")
        _ = field.handle(.character("Z"))
        _ = field.handle(.end)
        _ = field.handle(.left)
        _ = field.handle(.control("u"))
        #expect(field.text == "ë")
        #expect(field.cursor == 0)
        _ = field.handle(.right)
        _ = field.handle(.right)
        #expect(field.cursor == 1)
        #expect(field.handle(.enter) == .submitted)
        #expect(field.handle(.escape) == .cancelled)
        #expect(field.handle(.up) == .ignored)
    }

    @Test("A filled-in field entered with its text selected: typing replaces it, arrows keep it")
    func selectedTextIsReplaced() {
        var field = TextField(text: "Fizzwick")
        field.selectAll()
        #expect(field.isAllSelected)
        for c in "Fizzwick" { _ = field.handle(.character(c)) }
        #expect(field.text == "Fizzwick", "typing replaced the text instead of appending to it")
        #expect(!field.isAllSelected)

        field.selectAll()
        _ = field.handle(.end)
        _ = field.handle(.character("s"))
        #expect(field.text == "Fizzwicks", "End keeps the text and types after it")
        field.selectAll()
        _ = field.handle(.home)
        _ = field.handle(.character("M"))
        #expect(field.text == "MFizzwicks")
        field.selectAll()
        _ = field.handle(.backspace)
        #expect(field.text == "")
        field.text = "N7 0ZZ"
        field.selectAll()
        field.insert("N19 5AA")
        #expect(field.text == "N19 5AA", "a paste replaces the selection too")
        var empty = TextField()
        empty.selectAll()
        #expect(!empty.isAllSelected)
    }

    @Test("Selected text is drawn reversed, with the cursor after it")
    func selectedTextIsShown() {
        var field = TextField(text: "Zoë")
        field.selectAll()
        let surface = MemorySurface(width: 10, height: 1)
        field.draw(on: surface, in: surface.bounds, focused: true)
        #expect(surface.lines() == ["Zoë"])
        #expect(surface.style(at: Point(x: 0, y: 0)).attributes.contains(.reverse))
        #expect(surface.cursor == Point(x: 3, y: 0))
        field.draw(on: surface, in: surface.bounds, focused: false)
        #expect(!surface.style(at: Point(x: 0, y: 0)).attributes.contains(.reverse))
    }

    @Test("Maximum length is enforced for typing and paste")
    func maxLength() {
        var field = TextField(text: "abcdef", maxLength: 4)
        #expect(field.text == "abcd")
        #expect(field.handle(.character("x")) == .handled)
        #expect(field.text == "abcd")
        field.text = ""
        field.insert("李娜\nZoë Clarke")
        #expect(field.text == "李娜Zo")
    }

    @Test("Long text scrolls horizontally to keep the cursor visible")
    func horizontalScroll() {
        var field = TextField(text: "abcdefghijklmnop")
        let surface = MemorySurface(width: 10, height: 1)
        field.draw(on: surface, in: Rect(x: 0, y: 0, width: 6, height: 1), focused: true)
        #expect(surface.lines() == ["lmnop"])
        #expect(surface.cursor == Point(x: 5, y: 0))
        _ = field.handle(.home)
        field.draw(on: surface, in: Rect(x: 0, y: 0, width: 6, height: 1), focused: true)
        #expect(surface.lines() == ["abcdef"])
        #expect(surface.cursor == Point(x: 0, y: 0))
    }

    @Test("Placeholder shows while empty, dimmed")
    func placeholder() {
        let field = TextField(placeholder: "Search")
        let surface = MemorySurface(width: 10, height: 1)
        field.draw(on: surface, in: surface.bounds, focused: false)
        #expect(surface.lines() == ["Search"])
        #expect(surface.style(at: .init(x: 0, y: 0)) == Style(.input, [.dim]))
    }
}

@Suite("Text area")
struct TextAreaTests {
    let area = Rect(x: 0, y: 0, width: 10, height: 3)

    @Test("Typing wraps at word boundaries")
    func wrapping() {
        var text = TextArea()
        for c in "the quick brown fox jumps" { _ = text.handle(.character(c), in: area) }
        let surface = MemorySurface(width: 10, height: 3)
        text.draw(on: surface, in: area, focused: true)
        #expect(surface.lines() == ["the quick", "brown fox", "jumps"])
        #expect(surface.cursor == Point(x: 5, y: 2))
    }

    @Test("Up and down move across wrapped rows keeping the column")
    func verticalMovement() {
        var text = TextArea(text: "the quick brown fox jumps")
        _ = text.handle(.up, in: area)
        #expect(text.cursorColumn == 15)  // after "brown"
        _ = text.handle(.up, in: area)
        #expect(text.cursorColumn == 5)
        _ = text.handle(.up, in: area)
        #expect(text.cursorColumn == 0)
        _ = text.handle(.down, in: area)
        #expect(text.cursorColumn == 15)  // back to the remembered column
        _ = text.handle(.end, in: area)
        #expect(text.cursorColumn == 19)
        _ = text.handle(.home, in: area)
        #expect(text.cursorColumn == 10)
    }

    @Test("Enter splits lines and Backspace joins them")
    func lines() {
        var text = TextArea(text: "ab")
        _ = text.handle(.left, in: area)
        _ = text.handle(.enter, in: area)
        #expect(text.text == "a\nb")
        #expect(text.cursorLine == 1 && text.cursorColumn == 0)
        _ = text.handle(.backspace, in: area)
        #expect(text.text == "ab")
        _ = text.handle(.end, in: area)
        _ = text.handle(.delete, in: area)
        #expect(text.text == "ab")
        #expect(text.handle(.escape, in: area) == .cancelled)
        #expect(text.handle(.tab, in: area) == .ignored)
    }

    @Test("A long paste lands intact and scrolls to the cursor")
    func paste() {
        var text = TextArea()
        let pasted = (1...50).map { "line \($0) with some words" }.joined(separator: "\n")
        text.insert(pasted)
        #expect(text.text == pasted)
        #expect(text.cursorLine == 49)
        let surface = MemorySurface(width: 10, height: 3)
        text.draw(on: surface, in: area, focused: true)
        #expect(surface.lines().last == "words")
        #expect(surface.cursor?.y == 2)
    }

    @Test("Huge text is edited and drawn whole: nothing is cut, and the cursor stays on screen")
    func hugeText() {
        let big = String(repeating: "Family support notes for the week, with actions agreed. ", count: 4000)
        var text = TextArea(text: big + "\n" + big)
        for _ in 0..<20 { _ = text.handle(.up, in: Rect(x: 0, y: 0, width: 78, height: 20)) }
        _ = text.handle(.character("x"), in: Rect(x: 0, y: 0, width: 78, height: 20))
        let surface = MemorySurface(width: 78, height: 20)
        text.draw(on: surface, in: surface.bounds, focused: true)
        #expect(text.text.count == big.count * 2 + 2)
        #expect(surface.cursor.map { surface.bounds.contains($0) } == true)
        #expect(surface.lines().contains { $0.contains("x") })
    }

    @Test("Drawing shows the rows around the cursor only")
    func scrolling() {
        var text = TextArea(text: "one\ntwo\nthree\nfour\nfive")
        let surface = MemorySurface(width: 10, height: 3)
        text.draw(on: surface, in: area, focused: true)
        #expect(surface.lines() == ["three", "four", "five"])
        for _ in 0..<4 { _ = text.handle(.up, in: area) }
        text.draw(on: surface, in: area, focused: true)
        #expect(surface.lines() == ["one", "two", "three"])
        #expect(surface.cursor == Point(x: 3, y: 0))
    }
}

@Suite("Date field")
struct DateFieldTests {
    @Test("Both accepted formats parse; impossible dates do not")
    func parsing() {
        #expect(FieldDate(parsing: "31/01/2025") == FieldDate(year: 2025, month: 1, day: 31))
        #expect(FieldDate(parsing: "2025-01-31") == FieldDate(year: 2025, month: 1, day: 31))
        #expect(FieldDate(parsing: "29/02/2024") != nil)
        #expect(FieldDate(parsing: "29/02/2023") == nil)
        #expect(FieldDate(parsing: "31/04/2025") == nil)
        #expect(FieldDate(parsing: "2025/01/31") == nil)
        #expect(FieldDate(parsing: "1/13/2025") == nil)
        #expect(FieldDate(parsing: "tomorrow") == nil)
        #expect(FieldDate(year: 2025, month: 3, day: 4)?.description == "04/03/2025")
        #expect(FieldDate(year: 2025, month: 3, day: 4)?.iso8601 == "2025-03-04")
    }

    @Test("Enter on an invalid date shows a clear error; editing clears it")
    func invalidDate() {
        var field = DateField()
        for c in "31/02/2025" { _ = field.handle(.character(c)) }
        #expect(field.handle(.enter) == .handled)
        #expect(field.error?.contains("not a valid date") == true)
        let surface = MemorySurface(width: 70, height: 2)
        field.draw(on: surface, in: surface.bounds, focused: true)
        #expect(surface.lines()[1].hasPrefix("Error: \"31/02/2025\" is not a valid date"))
        #expect(surface.style(at: Point(x: 0, y: 1)) == Style(.error))
        _ = field.handle(.backspace)
        #expect(field.error == nil)
    }

    @Test("A valid date submits; letters are refused; a validator can reject")
    func validAndValidator() {
        var field = DateField()
        for c in "2025-x01-15" { _ = field.handle(.character(c)) }
        #expect(field.field.text == "2025-01-15")
        #expect(field.handle(.enter) == .submitted)
        #expect(field.date == FieldDate(year: 2025, month: 1, day: 15))
        var strict = DateField(allowsEmpty: false) { date in
            date > FieldDate(year: 2025, month: 6, day: 1)! ? "The date cannot be in the future" : nil
        }
        #expect(strict.handle(.enter) == .handled)
        #expect(strict.error == "Enter a date as DD/MM/YYYY")
        for c in "01/07/2025" { _ = strict.handle(.character(c)) }
        #expect(strict.handle(.enter) == .handled)
        #expect(strict.error == "The date cannot be in the future")
    }
}

@Suite("Pasted control characters")
struct PastedControlTests {
    @Test("Pastes cannot put control characters into fields")
    func controlsDropped() {
        var field = TextField()
        field.insert("a\tb\u{1B}[2J\u{85}c")
        #expect(field.text == "a b[2Jc")
        var area = TextArea()
        area.insert("x\u{1B}y\tz\r\nnext")
        #expect(area.text == "xy z\nnext")
    }
}
