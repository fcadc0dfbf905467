import Testing

@testable import SignpostTerminal

/// The one sanitiser every line printed to a terminal passes through (issue #12, defect 3).
@Suite("Output sanitiser")
struct OutputSanitiserTests {
    @Test("bidirectional overrides and zero-width characters that could disguise a name are shown")
    func disguisesAreShown() {
        #expect(visible("Ava\u{202E}nhoJ") == "Ava<U+202E>nhoJ")
        #expect(visible("F-00\u{200B}17") == "F-00<U+200B>17")
        #expect(visible("\u{2066}x\u{2069}\u{200F}\u{FEFF}") == "<U+2066>x<U+2069><U+200F><U+FEFF>")
        // Letters, accents and scripts are left alone.
        #expect(visible("Zoë Ødegård, محمد, 李") == "Zoë Ødegård, محمد, 李")
    }

    @Test("command output keeps its line breaks and tabs, and shows every other control")
    func linesKept() {
        #expect(visible("a\tb\nc\u{1B}]0;pwned\u{07}", keepingLines: true) == "a\tb\nc^[]0;pwned^G")
        #expect(visible("x\u{85}y\u{7F}\r", keepingLines: true) == "x<U+0085>y^?^M")
        #expect(visible("one\ntwo") == "one^Jtwo")
    }

    @Test("nothing raw survives: no byte below 0x20 but newline and tab, no DEL, no C1, no bidi control")
    func nothingRawSurvives() {
        var hostile = ""
        for value in Array(0..<0x20) + Array(0x7F...0x9F) + [0x200B, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069] {
            hostile.unicodeScalars.append(Unicode.Scalar(UInt32(value))!)
        }
        let shown = visible(hostile, keepingLines: true)
        for scalar in shown.unicodeScalars {
            #expect(
                scalar == "\n" || scalar == "\t" || (scalar.value >= 0x20 && scalar.value < 0x7F),
                "U+\(String(scalar.value, radix: 16)) left raw")
        }
    }
}
