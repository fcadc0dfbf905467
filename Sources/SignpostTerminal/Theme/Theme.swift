/// How one ``StyleRole`` looks: colours plus attributes.
public struct Appearance: Hashable, Sendable, CustomStringConvertible {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(
        foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
        attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public var description: String {
        var parts: [String] = []
        if foreground != .terminalDefault || background != .terminalDefault {
            parts.append("\(foreground) on \(background)")
        }
        parts += attributes.nameList
        return parts.isEmpty ? "plain" : parts.joined(separator: ", ")
    }
}

/// A complete theme: an appearance for every role.
///
/// Roles a theme file leaves out look like `normal`. Load files with ``ThemeParser``; the
/// `SignpostThemes` target ships the bundled themes.
public struct Theme: Hashable, Sendable {
    public var name: String
    private var appearances: [StyleRole: Appearance]

    public init(name: String, appearances: [StyleRole: Appearance] = [:]) {
        self.name = name
        self.appearances = appearances
    }

    /// The appearance of a role (falling back to `normal`'s).
    public func appearance(for role: StyleRole) -> Appearance {
        appearances[role] ?? appearances[.normal] ?? Appearance()
    }

    /// Whether the theme file set this role itself.
    public func defines(_ role: StyleRole) -> Bool { appearances[role] != nil }

    public mutating func set(_ appearance: Appearance, for role: StyleRole) { appearances[role] = appearance }

    /// The appearance of a full cell style: the role's look plus the cell's own attributes.
    public func resolvedAppearance(for style: Style) -> Appearance {
        var look = appearance(for: style.role)
        look.attributes.formUnion(style.attributes)
        return look
    }

    /// The theme as a terminal with `support` can draw it.
    ///
    /// Without colour every role takes its attributes from ``monochrome`` (so selection stays
    /// reversed and titles bold); with 8 or 16 colours, palette colours map to the nearest
    /// available one.
    public func adapted(to support: ColorSupport) -> Theme {
        if support == .none {
            var plain = Theme.monochrome
            plain.name = name
            return plain
        }
        var result = self
        for (role, look) in appearances {
            var reduced = look
            reduced.foreground = look.foreground.reduced(toColorCount: support.colorCount)
            reduced.background = look.background.reduced(toColorCount: support.colorCount)
            result.appearances[role] = reduced
        }
        return result
    }

    /// Attributes only: what every role looks like without colour.
    ///
    /// Identical to the shipped `monochrome.theme`; kept in code so colourless terminals never
    /// depend on finding a file.
    public static let monochrome = Theme(
        name: "monochrome",
        appearances: [
            .normal: Appearance(),
            .dim: Appearance(attributes: .dim),
            .title: Appearance(attributes: .bold),
            .header: Appearance(attributes: [.bold, .underline]),
            .selected: Appearance(attributes: .reverse),
            .focus: Appearance(attributes: [.bold, .reverse]),
            .hintKey: Appearance(attributes: [.bold, .reverse]),
            .hintText: Appearance(),
            .level1: Appearance(),
            .level2: Appearance(attributes: .underline),
            .level3: Appearance(attributes: .bold),
            .level4: Appearance(attributes: [.bold, .reverse]),
            .warning: Appearance(attributes: .bold),
            .error: Appearance(attributes: [.bold, .reverse]),
            .success: Appearance(attributes: .bold),
            .border: Appearance(),
            .banner: Appearance(attributes: .reverse),
            .input: Appearance(attributes: .underline),
        ]
    )
}
