import CNcurses
import Foundation

/// Why the terminal could not be started.
public struct TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The real terminal, through ncursesw.
///
/// Draw a frame onto it like any ``Surface`` (it starts each frame blank), then call
/// ``present()``: only cells that changed since the last frame are written, and the hardware
/// cursor is left on ``cursor`` (the focused item) where screen readers look for it.
///
/// ```swift
/// let terminal = try NcursesTerminal(theme: resolution.theme)
/// defer { terminal.shutdown() }
/// while true {
///     terminal.beginFrame()
///     screen.draw(on: terminal)
///     terminal.present()
///     guard let key = terminal.readKey(timeout: toasts.nextExpiry(after: Date())) else { continue }
///     if key == .resize { continue }  // size is already updated; just redraw
///     ...
/// }
/// ```
///
/// Start-up sets the locale from the environment (UTF-8), cbreak and no echo, keypad keys,
/// a 25 ms Esc delay, mouse clicks, and colour when the terminal has it and `NO_COLOR` is
/// unset. ``shutdown()``, process exit, SIGINT and SIGTERM all restore the terminal.
public final class NcursesTerminal: Surface {
    public private(set) var size: Size
    public var cursor: Point?
    /// What colours are in use, decided at start-up.
    public let colorSupport: ColorSupport
    /// The theme as adapted to ``colorSupport``.
    public private(set) var theme: Theme

    private let window: UnsafeMutablePointer<WINDOW>
    private var frame: [Cell]
    /// What the terminal currently shows; nil forces a cell to be rewritten.
    private var shown: [Cell?]
    private var isRunning = true
    private var defaultColorsAvailable = false

    /// Takes over the terminal.
    /// - Parameters:
    ///   - theme: the theme to draw with (adapted to the terminal's colours).
    ///   - environment: checked for `NO_COLOR`.
    /// - Throws: ``TerminalError`` when standard input or output is not a terminal.
    public init(theme: Theme, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(TerminalError)
    {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError("Signpost needs an interactive terminal (standard input and output are not a terminal)")
        }
        setlocale(LC_ALL, "")
        guard signpost_newterm() != nil, let screen = signpost_stdscr() else {
            let name = environment["TERM"] ?? "(unset)"
            throw TerminalError("ncurses cannot drive this terminal (TERM=\(name)); try TERM=xterm-256color")
        }
        window = screen
        signpost_install_exit_handler()
        // After newterm, which installs ncurses' own SIGINT and SIGTERM handlers: these replace them.
        SignalCleanup.installHandlers()
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        mouseinterval(0)
        mousemask(signpost_click_mask(), nil)

        var support = ColorSupport.none
        if environment["NO_COLOR"] == nil && has_colors() {
            start_color()
            defaultColorsAvailable = use_default_colors() == OK
            support = ColorSupport.detect(
                environment: environment, terminalHasColors: true, terminalColorCount: Int(signpost_colors()))
        }
        colorSupport = support
        self.theme = theme.adapted(to: support)
        size = Size(width: Int(getmaxx(screen)), height: Int(getmaxy(screen)))
        frame = Array(repeating: .blank, count: size.width * size.height)
        shown = Array(repeating: nil, count: size.width * size.height)
        installColorPairs()
        curs_set(1)
    }

    deinit { shutdown() }

    /// Restores the terminal (safe to call more than once).
    public func shutdown() {
        guard isRunning else { return }
        isRunning = false
        endwin()
    }

    /// Switches theme and repaints everything on the next ``present()``.
    public func setTheme(_ newTheme: Theme) {
        theme = newTheme.adapted(to: colorSupport)
        installColorPairs()
        invalidate()
    }

    // MARK: Surface

    public func cell(at point: Point) -> Cell {
        guard bounds.contains(point) else { return .blank }
        return frame[point.y * size.width + point.x]
    }

    public func setCell(_ cell: Cell, at point: Point) {
        guard bounds.contains(point) else { return }
        frame[point.y * size.width + point.x] = cell
    }

    /// Starts a new frame: every cell blank, no cursor.
    public func beginFrame() { clear() }

    /// Writes the cells that changed since the last frame and places the cursor.
    public func present() {
        guard isRunning else { return }
        for row in 0..<size.height {
            for column in 0..<size.width {
                let index = row * size.width + column
                let cell = frame[index]
                guard shown[index] != cell else { continue }
                shown[index] = cell
                if cell.isContinuation {
                    blankIfNarrowForCurses(continuation: cell, row: row, column: column)
                    continue
                }
                write(cell, row: row, column: column)
            }
        }
        let target = cursor.flatMap { bounds.contains($0) ? $0 : nil } ?? Point(x: 0, y: 0)
        wmove(window, Int32(target.y), Int32(target.x))
        wrefresh(window)
    }

    /// Forces the whole screen to be rewritten on the next ``present()``.
    public func invalidate() {
        shown = Array(repeating: nil, count: size.width * size.height)
        wclear(window)
    }

    // MARK: Input

    /// Waits for a key.
    ///
    /// On ``Key/resize`` the surface has already taken the new size (draw a fresh frame).
    /// - Parameter timeout: seconds to wait, nil to wait for ever.
    /// - Returns: the key, or nil when the timeout passed first.
    public func readKey(timeout: TimeInterval? = nil) -> Key? {
        wtimeout(window, timeout.map { Int32(max(0, min($0 * 1000, 86_400_000))) } ?? -1)
        while true {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR { return nil }
            let key = KeyDecoder.decode(status: status, code: UInt32(code)) {
                var event = MEVENT()
                guard getmouse(&event) == OK, signpost_is_click(event.bstate) != 0 else { return nil }
                return Point(x: Int(event.x), y: Int(event.y))
            }
            guard let key else { continue }
            if key == .resize { resizeToTerminal() }
            return key
        }
    }

    private func resizeToTerminal() {
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        frame = Array(repeating: .blank, count: size.width * size.height)
        cursor = nil
        invalidate()
    }

    // MARK: Drawing

    private func write(_ cell: Cell, row: Int, column: Int) {
        let look = theme.resolvedAppearance(for: cell.style)
        var attributes = signpost_a_normal()
        if look.attributes.contains(.bold) { attributes |= signpost_a_bold() }
        if look.attributes.contains(.reverse) { attributes |= signpost_a_reverse() }
        if look.attributes.contains(.underline) { attributes |= signpost_a_underline() }
        if look.attributes.contains(.dim) { attributes |= signpost_a_dim() }
        let number = Self.pairNumber(for: cell.style.role)
        let pair = colorSupport == .none || number >= Int(signpost_color_pairs()) ? 0 : Int16(number)
        // A cell holds one spacing character and at most four zero-width ones (CCHARW_MAX 5);
        // setcchar rejects a second spacing character, so emoji sequences (flags, ZWJ families)
        // keep their first character and the zero-width ones straight after it.
        let scalars = cell.grapheme.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        var characters = [scalars[0]]
        for scalar in scalars.dropFirst() {
            guard characters.count < 5, signpost_wcwidth(scalar) == 0 else { break }
            characters.append(scalar)
        }
        characters.append(0)
        if signpost_put_cell(window, Int32(row), Int32(column), characters, attributes, pair) == ERR {
            signpost_put_cell(window, Int32(row), Int32(column), [scalars[0], 0], attributes, pair)
        }
    }

    /// Our width table and the C library's `wcwidth` disagree on a few emoji (U+2764 U+FE0F is
    /// two columns in terminals but `wcwidth` says one). ncurses then advances only one column,
    /// so the continuation cell is written as a blank to keep the row aligned and free of
    /// stale text.
    private func blankIfNarrowForCurses(continuation: Cell, row: Int, column: Int) {
        guard column > 0 else { return }
        let base = frame[row * size.width + column - 1]
        guard let scalar = base.grapheme.unicodeScalars.first, signpost_wcwidth(wchar_t(bitPattern: scalar.value)) < 2
        else { return }
        write(Cell(" ", style: continuation.style), row: row, column: column)
    }

    private static func pairNumber(for role: StyleRole) -> Int {
        (StyleRole.allCases.firstIndex(of: role) ?? 0) + 1
    }

    private func installColorPairs() {
        guard colorSupport != .none else { return }
        for role in StyleRole.allCases where Self.pairNumber(for: role) < Int(signpost_color_pairs()) {
            let look = theme.appearance(for: role)
            var foreground = look.foreground.cursesNumber
            var background = look.background.cursesNumber
            if !defaultColorsAvailable {
                if foreground < 0 { foreground = Int16(COLOR_WHITE) }
                if background < 0 { background = Int16(COLOR_BLACK) }
            }
            init_pair(Int16(Self.pairNumber(for: role)), foreground, background)
        }
    }
}
