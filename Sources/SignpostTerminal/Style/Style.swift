/// What a piece of text *means* on screen; the theme decides how each role looks.
///
/// Screens pick roles, never colours, so a council can restyle the tool by editing a theme
/// file and monochrome terminals still get bold/reverse emphasis.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    case normal
    case dim
    case title
    case header
    case selected
    case focus
    case hintKey = "hint-key"
    case hintText = "hint-text"
    case level1
    case level2
    case level3
    case level4
    case warning
    case error
    case success
    case border
    case banner
    case input
}

/// Text attributes a cell can carry on top of its role's theme appearance.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)

    /// Attribute names as written in theme files and style dumps, in a fixed order.
    public static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("reverse", .reverse), ("underline", .underline), ("dim", .dim),
    ]

    /// The names of the attributes set, in ``names`` order.
    public var nameList: [String] { Self.names.filter { contains($0.1) }.map(\.0) }
}

/// The style of a cell: a semantic role plus extra attributes.
///
/// ```swift
/// surface.put("Save", at: Point(x: 2, y: 1), style: Style(.focus, [.bold]))
/// ```
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var role: StyleRole
    public var attributes: TextAttributes

    public init(_ role: StyleRole = .normal, _ attributes: TextAttributes = []) {
        self.role = role
        self.attributes = attributes
    }

    public static let normal = Style(.normal)

    /// The same role with more attributes.
    public func adding(_ extra: TextAttributes) -> Style { Style(role, attributes.union(extra)) }

    /// `role` or `role+bold+reverse`: the notation used by ``MemorySurface/styledLines()``.
    public var description: String {
        ([role.rawValue] + attributes.nameList).joined(separator: "+")
    }
}

/// One screen cell: a grapheme and its style.
///
/// A wide grapheme occupies its own cell and a following continuation cell, which holds no
/// grapheme of its own.
public struct Cell: Hashable, Sendable {
    public var grapheme: Character
    public var style: Style
    /// Whether this cell is the right half of a wide grapheme to its left.
    public var isContinuation: Bool

    public init(_ grapheme: Character = " ", style: Style = .normal, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
