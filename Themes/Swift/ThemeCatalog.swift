import Foundation
import SignpostTerminal

/// The themes shipped with Signpost, and loading themes by name or path.
///
/// ```swift
/// let (theme, problem) = ThemeCatalog.resolve(nameOrPath: "high-contrast")
/// if let problem { showWarning(problem.description) }  // fell back to default
/// ```
public enum ThemeCatalog {
    /// The file extension of theme files.
    public static let fileExtension = "theme"
    /// The theme used when none is chosen or the chosen one cannot be read.
    public static let defaultName = "default"

    /// Names of the bundled themes, sorted.
    public static var bundledNames: [String] {
        guard let directory = themesDirectory,
            let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return files.filter { $0.hasSuffix("." + fileExtension) }
            .map { String($0.dropLast(fileExtension.count + 1)) }
            .sorted()
    }

    /// Loads a bundled theme by name (`default`, `high-contrast`, `monochrome`).
    /// - Throws: ``ThemeError`` when there is no such theme or the file is malformed.
    public static func load(named name: String) throws(ThemeError) -> Theme {
        guard let directory = themesDirectory else {
            throw ThemeError(source: name, line: nil, message: "the bundled themes are missing")
        }
        let url = directory.appendingPathComponent(name + "." + fileExtension)
        guard FileManager.default.fileExists(atPath: url.path) else {
            let known = bundledNames.joined(separator: ", ")
            throw ThemeError(source: name, line: nil, message: "no bundled theme of this name (themes: \(known))")
        }
        return try load(path: url.path, name: name)
    }

    /// Loads a theme file from disk.
    /// - Parameters:
    ///   - path: the file path; errors name its last component.
    ///   - name: the theme's name unless the file sets one (default: the file name).
    /// - Throws: ``ThemeError`` when the file cannot be read or is malformed.
    public static func load(path: String, name: String? = nil) throws(ThemeError) -> Theme {
        let url = URL(fileURLWithPath: path)
        let fileName = url.lastPathComponent
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ThemeError(source: path, line: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        let themeName = name ?? url.deletingPathExtension().lastPathComponent
        return try ThemeParser.parse(text, source: fileName, name: themeName)
    }

    /// The bundled default theme; the built-in monochrome theme if even that cannot be read.
    public static var defaultTheme: Theme {
        (try? load(named: defaultName)) ?? Theme.monochrome
    }

    /// Loads a theme by bundled name or by path (anything containing `/` or ending `.theme`),
    /// falling back to the default theme when it cannot be loaded.
    /// - Returns: the theme to use and, after a fallback, the error to show the user.
    public static func resolve(nameOrPath: String?) -> (theme: Theme, error: ThemeError?) {
        guard let nameOrPath, !nameOrPath.isEmpty else { return (defaultTheme, nil) }
        do {
            if nameOrPath.contains("/") || nameOrPath.hasSuffix("." + fileExtension) {
                return (try load(path: nameOrPath), nil)
            }
            return (try load(named: nameOrPath), nil)
        } catch {
            return (defaultTheme, error)
        }
    }

    private static var themesDirectory: URL? {
        Bundle.module.url(forResource: "themes", withExtension: nil)
    }
}
