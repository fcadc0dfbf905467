/// A problem in a theme file, naming the file and line.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or other source name) the theme came from.
    public var source: String
    /// The 1-based line, or nil when the problem is the file as a whole.
    public var line: Int?
    public var message: String

    public init(source: String, line: Int?, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    /// `default.theme:12: unknown colour "purple"`.
    public var description: String {
        if let line { return "\(source):\(line): \(message)" }
        return "\(source): \(message)"
    }
}

/// Reads the plain-text theme format.
///
/// One role per line, `#` starts a comment, blank lines are ignored:
/// ```
/// # role = FOREGROUND on BACKGROUND, attribute, attribute
/// normal   = default on default
/// selected = black on cyan, bold
/// title    = bright-white, bold        # foreground only
/// level4   = 196 on default, bold       # 256-colour numbers
/// border   = dim                        # attributes only
/// ```
/// Colours: `default`, `black`, `red`, `green`, `yellow`, `blue`, `magenta`, `cyan`, `white`,
/// `bright-` plus any of those, or a number 0–255. Attributes: `bold`, `reverse`,
/// `underline`, `dim` (and `plain` for none). Optional `name = ...` sets the theme's name.
public enum ThemeParser {
    /// Parses theme text.
    /// - Parameters:
    ///   - text: the file contents.
    ///   - source: the file name used in errors.
    ///   - name: the theme's name unless the file sets one.
    /// - Throws: ``ThemeError`` for the first bad line.
    public static func parse(_ text: String, source: String, name: String) throws(ThemeError) -> Theme {
        var theme = Theme(name: name)
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty { continue }
            func fail(_ message: String) -> ThemeError {
                ThemeError(source: source, line: lineNumber, message: message)
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw fail("expected \"role = colours, attributes\", found \"\(visible(trimmed))\"")
            }
            let key = trimmed[..<equals].trimmingSpaces().lowercased()
            let value = trimmed[trimmed.index(after: equals)...].trimmingSpaces()
            if key == "name" {
                guard !value.isEmpty else { throw fail("the theme name is empty") }
                theme.name = value
                continue
            }
            guard let role = StyleRole(rawValue: key) else {
                let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("unknown role \"\(visible(key))\" (roles: \(known))")
            }
            theme.set(try parseAppearance(value, fail: fail), for: role)
        }
        return theme
    }

    static func parseAppearance(_ value: String, fail: (String) -> ThemeError) throws(ThemeError) -> Appearance {
        var appearance = Appearance()
        let parts = value.split(separator: ",").map { $0.trimmingSpaces() }
        guard !parts.isEmpty, !parts.allSatisfy(\.isEmpty) else { throw fail("no colours or attributes given") }
        for (index, part) in parts.enumerated() {
            let lowered = part.lowercased()
            if lowered.isEmpty { throw fail("empty entry between commas") }
            if lowered == "plain" { continue }
            if let attribute = TextAttributes.names.first(where: { $0.0 == lowered }) {
                appearance.attributes.insert(attribute.1)
                continue
            }
            guard index == 0 else {
                throw fail(
                    "unknown attribute \"\(visible(part))\" (attributes: bold, reverse, underline, dim, plain)")
            }
            let words = lowered.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let colourNames: [String]
            if words.count == 3 && words[1] == "on" {
                colourNames = [words[0], words[2]]
            } else if words.count == 1 {
                colourNames = [words[0]]
            } else {
                throw fail("expected \"FOREGROUND on BACKGROUND\", found \"\(visible(part))\"")
            }
            var colours: [ThemeColor] = []
            for colourName in colourNames {
                guard let colour = ThemeColor(name: colourName) else {
                    throw fail(
                        "unknown colour \"\(visible(colourName))\" (use default, a basic colour name, bright-NAME or 0-255)"
                    )
                }
                colours.append(colour)
            }
            appearance.foreground = colours[0]
            if colours.count == 2 { appearance.background = colours[1] }
        }
        return appearance
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
