import Testing

@testable import SignpostTerminal

@Suite("MemorySurface")
struct SurfaceTests {
    @Test("Text lands at its position; lines are trimmed")
    func drawing() {
        let surface = MemorySurface(width: 10, height: 3)
        surface.put("Zoë", at: Point(x: 2, y: 1))
        #expect(surface.lines() == ["", "  Zoë", ""])
        #expect(surface.text() == "\n  Zoë\n")
    }

    @Test("Text is clipped to the surface and to a clip rectangle")
    func clipping() {
        let surface = MemorySurface(width: 8, height: 2)
        surface.put("abcdefghijkl", at: Point(x: 3, y: 0))
        surface.put("abcdefgh", at: Point(x: 0, y: 1), clip: Rect(x: 2, y: 1, width: 3, height: 1))
        surface.put("never", at: Point(x: 0, y: 5))
        #expect(surface.lines() == ["   abcde", "  cde"])
    }

    @Test("A wide character at the right edge does not overflow")
    func wideAtEdge() {
        let surface = MemorySurface(width: 5, height: 2)
        surface.put("ab李娜", at: Point(x: 0, y: 0))
        #expect(surface.lines()[0] == "ab李")
        surface.put("a李", at: Point(x: 3, y: 1))
        #expect(surface.lines()[1] == "   a")
        #expect(surface.cell(at: Point(x: 4, y: 1)).isContinuation == false)
        let clipped = MemorySurface(width: 10, height: 1)
        clipped.put("李娜李娜", at: .init(x: 0, y: 0), clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(clipped.lines() == ["李"])
    }

    @Test("Overwriting half of a wide character blanks the other half")
    func overwriteHalf() {
        let surface = MemorySurface(width: 6, height: 1)
        surface.put("李娜", at: Point(x: 0, y: 0))
        surface.put("x", at: Point(x: 1, y: 0))
        #expect(surface.lines() == [" x娜"])
        #expect(surface.lines()[0].displayWidth == 4)
    }

    @Test("Control characters in drawn text are made visible")
    func drawingIsSafe() {
        let surface = MemorySurface(width: 20, height: 1)
        surface.put("a\u{1B}[2Jb", at: Point(x: 0, y: 0))
        #expect(surface.lines() == ["a^[[2Jb"])
    }

    @Test("Combining marks join the previous cell")
    func combining() {
        let surface = MemorySurface(width: 5, height: 1)
        surface.put("Zoe\u{0308}!", at: Point(x: 0, y: 0))
        #expect(surface.lines() == ["Zoë!"])
        #expect(surface.cell(at: Point(x: 2, y: 0)).grapheme == "e\u{0308}")
    }

    @Test("Styled rendering shows style runs")
    func styledLines() {
        let surface = MemorySurface(width: 12, height: 1)
        surface.put("ab", at: Point(x: 0, y: 0), style: Style(.title))
        surface.put("cd", at: Point(x: 3, y: 0), style: Style(.selected, [.bold]))
        #expect(surface.styledLines() == ["[title]ab[normal] [selected+bold]cd"])
    }

    @Test("Fill, box and clear")
    func fillBoxClear() {
        let surface = MemorySurface(width: 6, height: 3)
        surface.drawBox(surface.bounds, title: nil)
        #expect(surface.lines() == ["┌────┐", "│    │", "└────┘"])
        surface.fill(Rect(x: 1, y: 1, width: 4, height: 1), with: "x")
        #expect(surface.lines()[1] == "│xxxx│")
        surface.cursor = Point(x: 1, y: 1)
        surface.clear()
        #expect(surface.lines() == ["", "", ""])
        #expect(surface.cursor == nil)
    }

    @Test("Padded text truncates with an ellipsis")
    func paddedPut() {
        let surface = MemorySurface(width: 10, height: 1)
        surface.put("Łukasz Kowalski", at: Point(x: 0, y: 0), width: 8)
        #expect(surface.lines() == ["Łukasz …"])
    }
}

@Suite("Wide characters cut by later drawing")
struct WideCutTests {
    @Test("Filling or clipping across half a wide character leaves no half characters")
    func fillAcrossWide() {
        let surface = MemorySurface(width: 6, height: 1)
        surface.put("李娜李", at: Point(x: 0, y: 0))
        surface.fill(Rect(x: 1, y: 0, width: 2, height: 1), with: "-")
        #expect(surface.lines() == [" -- 李"])
        for column in 0..<6 {
            let cell = surface.cell(at: Point(x: column, y: 0))
            if cell.isContinuation {
                #expect(DisplayWidth.width(of: surface.cell(at: Point(x: column - 1, y: 0)).grapheme) == 2)
            }
        }
        let second = MemorySurface(width: 4, height: 1)
        second.put("ab李", at: Point(x: 0, y: 0))
        second.put("x李", at: Point(x: 2, y: 0), clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(second.lines() == ["abx"])
        #expect(second.lines()[0].displayWidth == 3)
    }

    @Test("Wrapped text breaks at spaces, and text that does not fit ends in … rather than being cut")
    func wrapped() {
        let surface = MemorySurface(width: 20, height: 4)
        let rows = surface.putWrapped(
            "Every change is written to the audit trail", in: Rect(x: 0, y: 0, width: 20, height: 4))
        #expect(rows == 3)
        #expect(surface.lines() == ["Every change is", "written to the audit", "trail", ""])
        let short = MemorySurface(width: 20, height: 2)
        #expect(short.putWrapped("Every change is written to the audit trail", in: short.bounds) == 2)
        #expect(short.lines() == ["Every change is", "written to the…"])
        #expect(TextLayout.truncate(atWord: "Quillfeather-Hartington", to: 10) == "Quillfeat…")
        #expect(TextLayout.truncate(atWord: "open to Bright Start", to: 14) == "open to…")
        #expect(TextLayout.truncate(atWord: "open to Bright Start", to: 15) == "open to Bright…")
        #expect(TextLayout.truncate(atWord: "short", to: 10) == "short")
    }
}
