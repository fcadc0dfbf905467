import SignpostTerminal
import Testing

/// Words joined with ``TextLayout/keptTogether(_:)`` wrap as one word and draw as ordinary spaces (#15: a
/// referral's "16/01/2025 17:15" broke across lines on the services tab).
@Suite("Kept together when wrapping")
struct KeptTogetherTests {
    @Test("a date and time joined stay on one line, moved whole to the next")
    func dateAndTimeWrapTogether() {
        let text = "Referral sent " + TextLayout.keptTogether("16/01/2025 17:15")
        let lines = TextLayout.wrap(text, width: 20)
        #expect(lines.count == 2)
        #expect(lines.last == TextLayout.keptTogether("16/01/2025 17:15"), "\(lines)")
    }

    @Test("a joined space draws as a plain space, so the terminal and its readers see a space")
    func joinedSpaceDrawsAsASpace() {
        let surface = MemorySurface(width: 20, height: 1)
        surface.put(TextLayout.keptTogether("16/01/2025 17:15"), at: Point(x: 0, y: 0))
        #expect(surface.lines() == ["16/01/2025 17:15"])
    }
}
