import CNcurses
import Testing

@testable import SignpostTerminal

@Suite("Key decoding")
struct KeyDecodingTests {
    let ok = KeyDecoder.characterStatus
    let fn = KeyDecoder.functionKeyStatus

    @Test("Characters, including non-ASCII, decode as characters")
    func characters() {
        #expect(KeyDecoder.decode(status: ok, code: 0x61) == .character("a"))
        #expect(KeyDecoder.decode(status: ok, code: 0xEB) == .character("ë"))
        #expect(KeyDecoder.decode(status: ok, code: 0x674E) == .character("李"))
        #expect(KeyDecoder.decode(status: ok, code: 0x20) == .character(" "))
    }

    @Test("Control codes decode to named keys")
    func controls() {
        #expect(KeyDecoder.decode(status: ok, code: 9) == .tab)
        #expect(KeyDecoder.decode(status: ok, code: 10) == .enter)
        #expect(KeyDecoder.decode(status: ok, code: 13) == .enter)
        #expect(KeyDecoder.decode(status: ok, code: 27) == .escape)
        #expect(KeyDecoder.decode(status: ok, code: 127) == .backspace)
        #expect(KeyDecoder.decode(status: ok, code: 8) == .backspace)
        #expect(KeyDecoder.decode(status: ok, code: 21) == .control("u"))
        #expect(KeyDecoder.decode(status: ok, code: 1) == .control("a"))
        #expect(KeyDecoder.decode(status: ok, code: 0x85) == nil)
    }

    @Test("ncurses key codes decode to keys")
    func keyCodes() {
        func code(_ value: Int32) -> UInt32 { UInt32(value) }
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_UP)) == .up)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_DOWN)) == .down)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_LEFT)) == .left)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_RIGHT)) == .right)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_HOME)) == .home)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_END)) == .end)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_PPAGE)) == .pageUp)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_NPAGE)) == .pageDown)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_BTAB)) == .backTab)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_ENTER)) == .enter)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_BACKSPACE)) == .backspace)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_DC)) == .delete)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_RESIZE)) == .resize)
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_F0 + 1)) == .function(1))
        #expect(KeyDecoder.decode(status: fn, code: code(KEY_F0 + 12)) == .function(12))
        #expect(KeyDecoder.decode(status: Int32(ERR), code: 0x61) == nil)
    }

    @Test("Mouse events decode to clicks when the event is a click")
    func mouse() {
        let code = UInt32(KEY_MOUSE)
        #expect(KeyDecoder.decode(status: fn, code: code) { Point(x: 4, y: 7) } == .mouseClick(Point(x: 4, y: 7)))
        #expect(KeyDecoder.decode(status: fn, code: code) { nil } == nil)
    }

    @Test("Key labels")
    func labels() {
        #expect(Key.control("u").label == "Ctrl-U")
        #expect(Key.function(1).label == "F1")
        #expect(Key.character(" ").label == "Space")
        #expect(Key.pageDown.label == "PgDn")
        #expect(Key.enter.label == "Enter")
    }
}
