import Foundation

/// A theme chosen for use, and the problem that forced a fallback, if any.
public struct ThemeResolution: Sendable {
    public var theme: Theme
    /// Why the requested theme was not used (shown to the user), or nil.
    public var problem: ThemeError?
}

extension Theme {
    /// The name of the theme used when none is chosen or the chosen one fails.
    public static let defaultName = "default"

    /// Loads a theme file from disk; errors name the file and line.
    /// - Throws: ``ThemeError`` when the file cannot be read or is malformed.
    public static func load(path: String) throws(ThemeError) -> Theme {
        let url = URL(fileURLWithPath: path)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ThemeError(source: path, line: nil, message: "cannot read the theme file")
        }
        return try ThemeParser.parse(
            text, source: url.lastPathComponent, name: url.deletingPathExtension().lastPathComponent)
    }

    /// Picks the theme to use, never failing.
    ///
    /// `nameOrPath` is a bundled theme name, or a path when it contains `/` or ends `.theme`.
    /// When it cannot be loaded the bundled `default` is used and the error is returned;
    /// if even that fails, the built-in ``monochrome`` theme.
    /// - Parameters:
    ///   - nameOrPath: what the user asked for, or nil for the default.
    ///   - bundled: bundled theme texts by name (`ThemeCatalog.bundledThemes`).
    public static func resolve(nameOrPath: String?, bundled: [String: String]) -> ThemeResolution {
        func bundledTheme(_ name: String) throws(ThemeError) -> Theme {
            guard let text = bundled[name] else {
                let known = bundled.keys.sorted().joined(separator: ", ")
                throw ThemeError(source: name, line: nil, message: "no bundled theme of this name (themes: \(known))")
            }
            return try ThemeParser.parse(text, source: name + ".theme", name: name)
        }
        let fallback: Theme
        var fallbackProblem: ThemeError? = nil
        do {
            fallback = try bundledTheme(defaultName)
        } catch {
            fallback = .monochrome
            fallbackProblem = error
        }
        guard let nameOrPath, !nameOrPath.isEmpty else {
            return ThemeResolution(theme: fallback, problem: fallbackProblem)
        }
        do {
            if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
                return ThemeResolution(theme: try load(path: nameOrPath), problem: nil)
            }
            return ThemeResolution(theme: try bundledTheme(nameOrPath), problem: nil)
        } catch {
            return ThemeResolution(theme: fallback, problem: error)
        }
    }
}
