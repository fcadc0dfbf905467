import Testing

@testable import SignpostTerminal

@Suite("Display width and text layout")
struct DisplayWidthTests {
    @Test("Names in several scripts measure as terminals draw them")
    func namesInScripts() {
        #expect("Zoë".displayWidth == 3)
        #expect("Zoe\u{0308}".displayWidth == 3)  // e + combining diaeresis
        #expect("Łukasz".displayWidth == 6)
        #expect("محمد".displayWidth == 4)
        #expect("李娜".displayWidth == 4)
        #expect("김민준".displayWidth == 6)
        #expect("".displayWidth == 0)
    }

    @Test("Emoji are two columns, with or without modifiers and selectors")
    func emoji() {
        #expect("👍".displayWidth == 2)
        #expect("👍🏽".displayWidth == 2)
        #expect("❤️".displayWidth == 2)
        #expect("👨‍👩‍👧".displayWidth == 2)
        #expect("a😀b".displayWidth == 4)
    }

    @Test("Zero-width characters take no columns")
    func zeroWidth() {
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x200B)!) == 0)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x200D)!) == 0)
    }

    @Test("Truncation adds an ellipsis and never splits a wide character")
    func truncation() {
        #expect(TextLayout.truncate("Łukasz Kowalski", to: 8) == "Łukasz …")
        #expect(TextLayout.truncate("Zoë", to: 3) == "Zoë")
        #expect(TextLayout.truncate("李娜李娜", to: 4) == "李…")
        #expect(TextLayout.truncate("李娜李娜", to: 5) == "李娜…")
        #expect(TextLayout.truncate("anything", to: 0) == "")
        #expect(TextLayout.truncate("ab", to: 1) == "…")
    }

    @Test("Padding fills to an exact display width")
    func padding() {
        #expect(TextLayout.pad("李娜", to: 6) == "李娜  ")
        #expect(TextLayout.pad("李娜", to: 6, alignment: .trailing) == "  李娜")
        #expect(TextLayout.pad("ab", to: 6, alignment: .center) == "  ab  ")
        #expect(TextLayout.pad("李娜李娜", to: 5).displayWidth == 5)
        #expect(TextLayout.pad("محمد", to: 6) == "محمد  ")
    }

    @Test("Word wrapping breaks at spaces and splits over-long words")
    func wrapping() {
        #expect(TextLayout.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(TextLayout.wrap("李娜李娜李娜", width: 5) == ["李娜", "李娜", "李娜"])
        for line in TextLayout.wrap("Łukasz met Zoë and 李娜 at the family hub on Tuesday", width: 12) {
            #expect(line.displayWidth <= 12)
        }
    }

    @Test("Wrap ranges cover every character once")
    func wrapRangesCover() {
        let characters = Array("a bb ccc dddd eeeee")
        let ranges = TextLayout.wrapRanges(characters, width: 5)
        #expect(ranges.first?.lowerBound == 0)
        #expect(ranges.last?.upperBound == characters.count)
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        #expect(TextLayout.wrapRanges([], width: 5) == [0..<0])
    }
}

@Suite("visible()")
struct VisibleTests {
    @Test("Escape sequences become visible text")
    func escapeSequences() {
        #expect(visible("\u{1B}[2J\u{1B}[31mred") == "^[[2J^[[31mred")
        #expect(visible("\u{1B}]0;title\u{07}") == "^[]0;title^G")
    }

    @Test("C0 controls, DEL and C1 controls are shown, ordinary text is untouched")
    func controls() {
        #expect(visible("a\tb\nc\r") == "a^Ib^Jc^M")
        #expect(visible("\u{00}") == "^@")
        #expect(visible("x\u{7F}") == "x^?")
        #expect(visible("\u{85}next\u{9B}") == "<U+0085>next<U+009B>")
        #expect(visible("Zoë 李娜 محمد 👍") == "Zoë 李娜 محمد 👍")
    }

    @Test("visible() is idempotent")
    func idempotent() {
        let once = visible("\u{1B}[1m\u{9B}\u{7F}")
        #expect(visible(once) == once)
    }
}

@Suite("Flags")
struct FlagWidthTests {
    @Test("A flag (two regional indicators) is one two-column grapheme")
    func flag() {
        #expect("🇬🇧".count == 1)
        #expect("🇬🇧".displayWidth == 2)
        #expect("UK 🇬🇧".displayWidth == 5)
    }
}
