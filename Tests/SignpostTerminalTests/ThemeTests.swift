import Foundation
import SignpostThemes
import Testing

@testable import SignpostTerminal

@Suite("Themes")
struct ThemeTests {
    @Test("A good file parses colours, 256-colour numbers, attributes and comments")
    func goodFile() throws {
        let text = """
            # A council theme
            name = council
            normal   = default on default
            selected = black on cyan, bold   # the highlighted row
            title    = bright-white, bold
            level4   = 196 on default, bold, underline

            border   = dim
            """
        let theme = try ThemeParser.parse(text, source: "council.theme", name: "fallback")
        #expect(theme.name == "council")
        #expect(
            theme.appearance(for: .selected)
                == Appearance(foreground: .indexed(0), background: .indexed(6), attributes: .bold))
        #expect(theme.appearance(for: .title) == Appearance(foreground: .indexed(15), attributes: .bold))
        #expect(
            theme.appearance(for: .level4) == Appearance(foreground: .indexed(196), attributes: [.bold, .underline]))
        #expect(theme.appearance(for: .border) == Appearance(attributes: .dim))
        #expect(!theme.defines(.warning))
        #expect(theme.appearance(for: .warning) == theme.appearance(for: .normal))
        #expect(theme.resolvedAppearance(for: Style(.border, [.reverse])).attributes == [.dim, .reverse])
    }

    @Test("Every shipped theme loads and sets every role")
    func shippedThemes() throws {
        #expect(ThemeCatalog.bundledNames == ["default", "high-contrast", "monochrome"])
        for name in ThemeCatalog.bundledNames {
            let text = try #require(ThemeCatalog.text(named: name))
            let theme = try ThemeParser.parse(text, source: name + ".theme", name: name)
            #expect(theme.name == name)
            for role in StyleRole.allCases { #expect(theme.defines(role), "\(name) lacks \(role.rawValue)") }
        }
    }

    @Test("The shipped monochrome theme is attributes only and matches the built-in one")
    func monochrome() throws {
        let text = try #require(ThemeCatalog.text(named: "monochrome"))
        let theme = try ThemeParser.parse(text, source: "monochrome.theme", name: "monochrome")
        #expect(theme == Theme.monochrome)
        for role in StyleRole.allCases {
            #expect(theme.appearance(for: role).foreground == .terminalDefault)
            #expect(theme.appearance(for: role).background == .terminalDefault)
        }
        #expect(theme.appearance(for: .selected).attributes.contains(.reverse))
        #expect(theme.appearance(for: .title).attributes.contains(.bold))
    }

    @Test("A malformed line is reported with file and line")
    func malformedLine() {
        let text = "normal = default\n\nselected black on cyan\n"
        #expect(
            throws: ThemeError(
                source: "bad.theme", line: 3,
                message: "expected \"role = colours, attributes\", found \"selected black on cyan\"")
        ) {
            try ThemeParser.parse(text, source: "bad.theme", name: "bad")
        }
        do {
            _ = try ThemeParser.parse(text, source: "bad.theme", name: "bad")
            Issue.record("parsing should fail")
        } catch {
            #expect(error.description.hasPrefix("bad.theme:3: "))
        }
    }

    @Test("Unknown colours, roles and attributes are errors naming the line")
    func unknownNames() {
        func failure(_ text: String) -> ThemeError? {
            do {
                _ = try ThemeParser.parse(text, source: "x.theme", name: "x")
                return nil
            } catch { return error }
        }
        #expect(failure("# c\ntitle = purple on black")?.line == 2)
        #expect(failure("title = purple on black")?.message.contains("unknown colour \"purple\"") == true)
        #expect(failure("title = 256")?.message.contains("unknown colour") == true)
        #expect(failure("sparkle = red")?.message.contains("unknown role \"sparkle\"") == true)
        #expect(failure("title = red, blinking")?.message.contains("unknown attribute \"blinking\"") == true)
        #expect(failure("title = red on")?.line == 1)
        #expect(failure("title =")?.line == 1)
    }

    @Test("Resolving falls back to the default theme and reports why")
    func resolveFallback() throws {
        let bundled = ThemeCatalog.bundledThemes
        let good = Theme.resolve(nameOrPath: "high-contrast", bundled: bundled)
        #expect(good.theme.name == "high-contrast")
        #expect(good.problem == nil)
        let missing = Theme.resolve(nameOrPath: "sparkly", bundled: bundled)
        #expect(missing.theme.name == "default")
        #expect(missing.problem?.message.contains("no bundled theme") == true)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-theme-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("council.theme")
        try "normal = default\ntitle = sky-blue\n".write(to: file, atomically: true, encoding: .utf8)
        let broken = Theme.resolve(nameOrPath: file.path, bundled: bundled)
        #expect(broken.theme.name == "default")
        #expect(broken.problem?.description.hasPrefix("council.theme:2: unknown colour") == true)
        try "title = red, bold\n".write(to: file, atomically: true, encoding: .utf8)
        let fixed = Theme.resolve(nameOrPath: file.path, bundled: bundled)
        #expect(fixed.problem == nil)
        #expect(fixed.theme.name == "council")
        #expect(Theme.resolve(nameOrPath: nil, bundled: [:]).theme == .monochrome)
    }

    @Test("NO_COLOR or no colour support gives monochrome attributes")
    func noColorFallback() throws {
        #expect(
            ColorSupport.detect(environment: ["NO_COLOR": "1"], terminalHasColors: true, terminalColorCount: 256)
                == .none)
        #expect(
            ColorSupport.detect(environment: ["NO_COLOR": ""], terminalHasColors: true, terminalColorCount: 256)
                == .none)
        #expect(ColorSupport.detect(environment: [:], terminalHasColors: false, terminalColorCount: 0) == .none)
        #expect(ColorSupport.detect(environment: [:], terminalHasColors: true, terminalColorCount: 8) == .eight)
        #expect(ColorSupport.detect(environment: [:], terminalHasColors: true, terminalColorCount: 256) == .full)
        let theme = try ThemeParser.parse(
            try #require(ThemeCatalog.text(named: "default")), source: "default.theme", name: "default")
        let plain = theme.adapted(to: .none)
        #expect(plain.name == "default")
        for role in StyleRole.allCases {
            #expect(plain.appearance(for: role).foreground == .terminalDefault)
            #expect(plain.appearance(for: role).background == .terminalDefault)
        }
        #expect(plain.appearance(for: .selected).attributes.contains(.reverse))
        #expect(plain.appearance(for: .focus).attributes.contains(.bold))
    }

    @Test("8-colour terminals get the nearest basic colour")
    func eightColours() throws {
        #expect(ThemeColor.indexed(196).reduced(toColorCount: 8) == .indexed(1))  // bright red → red
        #expect(ThemeColor.indexed(21).reduced(toColorCount: 8) == .indexed(4))  // blue
        #expect(ThemeColor.indexed(46).reduced(toColorCount: 8) == .indexed(2))  // green
        #expect(ThemeColor.indexed(255).reduced(toColorCount: 8) == .indexed(7))  // light grey → white
        #expect(ThemeColor.indexed(232).reduced(toColorCount: 8) == .indexed(0))  // dark grey → black
        #expect(ThemeColor.indexed(9).reduced(toColorCount: 8) == .indexed(1))
        #expect(ThemeColor.indexed(9).reduced(toColorCount: 16) == .indexed(9))
        #expect(ThemeColor.terminalDefault.reduced(toColorCount: 8) == .terminalDefault)
        let theme = try ThemeParser.parse("level4 = 196 on 21, bold", source: "t", name: "t")
        let adapted = theme.adapted(to: .eight)
        #expect(
            adapted.appearance(for: .level4)
                == Appearance(foreground: .indexed(1), background: .indexed(4), attributes: .bold))
    }

    @Test("Colour names round-trip")
    func colourNames() {
        for name in ["default", "black", "red", "bright-cyan", "white", "123"] {
            #expect(ThemeColor(name: name)?.description == name)
        }
        #expect(ThemeColor(name: "Bright-Red") == .indexed(9))
        #expect(ThemeColor(name: "-1") == nil)
    }
}
