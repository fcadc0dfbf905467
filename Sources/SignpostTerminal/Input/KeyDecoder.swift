import CNcurses

/// Turns what ncurses' `get_wch` returns into ``Key``s.
///
/// `get_wch` reports either a character (`OK`) or a function-key code (`KEY_CODE_YES`);
/// both arrive here so decoding can be tested without a terminal.
public enum KeyDecoder {
    /// The status `get_wch` returns with a function-key code.
    public static let functionKeyStatus = Int32(KEY_CODE_YES)
    /// The status `get_wch` returns with a character.
    public static let characterStatus = Int32(OK)

    /// Decodes one `get_wch` result.
    ///
    /// - Parameters:
    ///   - status: `OK` for a character, `KEY_CODE_YES` for a key code; anything else is no key.
    ///   - code: the `wint_t` that `get_wch` stored.
    ///   - mouse: reads the pending mouse event for `KEY_MOUSE`, returning the clicked cell
    ///     (nil when the event was not a click).
    /// - Returns: the key, or nil for codes the tool does not use.
    public static func decode(status: Int32, code: UInt32, mouse: () -> Point? = { nil }) -> Key? {
        if status == functionKeyStatus { return decodeKeyCode(Int32(bitPattern: code), mouse: mouse) }
        guard status == characterStatus else { return nil }
        return decodeCharacter(code)
    }

    static func decodeCharacter(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .control(" ")
        case 1...26:
            return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code), !(0x80...0x9F).contains(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    static func decodeKeyCode(_ code: Int32, mouse: () -> Point?) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END, KEY_LL: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_RESIZE: return .resize
        case KEY_MOUSE: return mouse().map { .mouseClick($0) }
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
