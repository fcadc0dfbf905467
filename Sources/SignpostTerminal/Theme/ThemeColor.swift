/// A terminal colour as a theme names it.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// A palette index: 0–7 the basic colours, 8–15 their bright variants, 16–255 the
    /// xterm 6×6×6 cube and grey ramp.
    case indexed(Int)

    /// The basic colour names in palette order.
    public static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, a basic name, `bright-NAME` or a number 0–255.
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "default" {
            self = .terminalDefault
        } else if let index = Self.basicNames.firstIndex(of: lowered) {
            self = .indexed(index)
        } else if lowered.hasPrefix("bright-"), let index = Self.basicNames.firstIndex(of: String(lowered.dropFirst(7)))
        {
            self = .indexed(index + 8)
        } else if let number = Int(lowered), (0...255).contains(number) {
            self = .indexed(number)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .indexed(let n) where n < 8: return Self.basicNames[n]
        case .indexed(let n) where n < 16: return "bright-" + Self.basicNames[n - 8]
        case .indexed(let n): return String(n)
        }
    }

    /// The colour as the ncurses colour number (-1 for the terminal default).
    public var cursesNumber: Int16 {
        switch self {
        case .terminalDefault: return -1
        case .indexed(let n): return Int16(n)
        }
    }

    /// The nearest colour a terminal with `count` colours can show (8, 16 or 256).
    ///
    /// Bright colours lose their brightness on 8-colour terminals; cube and grey colours map to
    /// the basic colour nearest in RGB.
    public func reduced(toColorCount count: Int) -> ThemeColor {
        guard case .indexed(let index) = self else { return self }
        if index < count { return self }
        if index < 16 { return .indexed(index - 8) }
        let target = Self.rgb(ofIndex: index)
        let candidates = count >= 16 ? 16 : 8
        var best = 0
        var bestDistance = Int.max
        for candidate in 0..<candidates {
            let rgb = Self.rgb(ofIndex: candidate)
            let distance =
                (rgb.0 - target.0) * (rgb.0 - target.0) + (rgb.1 - target.1) * (rgb.1 - target.1)
                + (rgb.2 - target.2) * (rgb.2 - target.2)
            if distance < bestDistance {
                bestDistance = distance
                best = candidate
            }
        }
        return .indexed(best)
    }

    /// The xterm RGB value of a palette index.
    static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        let basic: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 { return basic[index] }
        if index < 232 {
            let cube = index - 16
            let level = { (v: Int) in v == 0 ? 0 : 55 + v * 40 }
            return (level(cube / 36), level((cube / 6) % 6), level(cube % 6))
        }
        let grey = 8 + (index - 232) * 10
        return (grey, grey, grey)
    }
}

/// How many colours the terminal can show, decided once at start-up.
public enum ColorSupport: Hashable, Sendable {
    /// No colour (or `NO_COLOR` set): attributes only.
    case none
    case eight
    case sixteen
    case full

    /// The colour count this support level draws with.
    public var colorCount: Int {
        switch self {
        case .none: return 0
        case .eight: return 8
        case .sixteen: return 16
        case .full: return 256
        }
    }

    /// Decides from the environment and what the terminal reports.
    ///
    /// `NO_COLOR` set to anything (https://no-color.org) turns colour off whatever the terminal can do.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - terminalHasColors: ncurses' `has_colors()`.
    ///   - terminalColorCount: ncurses' `COLORS` after `start_color()`.
    public static func detect(environment: [String: String], terminalHasColors: Bool, terminalColorCount: Int)
        -> ColorSupport
    {
        if environment["NO_COLOR"] != nil || !terminalHasColors { return .none }
        switch terminalColorCount {
        case 256...: return .full
        case 16...: return .sixteen
        case 8...: return .eight
        default: return .none
        }
    }
}
