import Foundation

/// The theme files shipped with Signpost.
///
/// This target holds data only; parsing lives in `SignpostTerminal` (`ThemeParser`,
/// `Theme.resolve(nameOrPath:bundled:)`), so the catalog hands over file texts:
///
/// ```swift
/// let resolution = Theme.resolve(nameOrPath: options.theme, bundled: ThemeCatalog.bundledThemes)
/// if let problem = resolution.problem { toasts.post(problem.description, kind: .warning) }
/// ```
public enum ThemeCatalog {
    /// The file extension of theme files.
    public static let fileExtension = "theme"

    /// Names of the bundled themes, sorted: `default`, `high-contrast`, `monochrome`.
    public static var bundledNames: [String] {
        guard let directory = themesDirectory,
            let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return files.filter { $0.hasSuffix("." + fileExtension) }
            .map { String($0.dropLast(fileExtension.count + 1)) }
            .sorted()
    }

    /// The location of a bundled theme file, if there is one of that name.
    public static func url(named name: String) -> URL? {
        guard let directory = themesDirectory, !name.contains("/") else { return nil }
        let url = directory.appendingPathComponent(name + "." + fileExtension)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The text of a bundled theme file, if there is one of that name.
    public static func text(named name: String) -> String? {
        url(named: name).flatMap { try? String(contentsOf: $0, encoding: .utf8) }
    }

    /// Every bundled theme: name → file text.
    public static var bundledThemes: [String: String] {
        var themes: [String: String] = [:]
        for name in bundledNames { themes[name] = text(named: name) }
        return themes
    }

    private static var themesDirectory: URL? {
        Bundle.module.url(forResource: "themes", withExtension: nil)
    }
}
