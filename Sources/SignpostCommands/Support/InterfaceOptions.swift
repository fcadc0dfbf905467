import ArgumentParser
import Foundation

/// Options for the terminal interface: the theme, and the pathways the navigator walks.
struct InterfaceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A colour theme: default, high-contrast, monochrome, or the path of a theme file.",
            discussion: "NO_COLOR in the environment turns colour off whatever the theme.", valueName: "name|path"))
    var theme: String?

    @OptionGroup var pathwaysOptions: PathwaysOptions

    @Option(
        help: ArgumentHelp(
            "Flag directory entries whose details were not checked for this many months.", valueName: "months"))
    var staleAfterMonths: Int = 12

    @Option(
        help: ArgumentHelp(
            "The retention policy: a closed record is listed for review this many years after the youngest child "
                + "turns 18 (the retention screen, R).", valueName: "years"))
    var retentionYears: Int = 6

    func validate() throws {
        guard (1...120).contains(staleAfterMonths) else {
            throw ValidationError("--stale-after-months must be between 1 and 120")
        }
        guard (0...100).contains(retentionYears) else {
            throw ValidationError("--retention-years must be between 0 and 100")
        }
    }
}

/// A terminal size written as `WIDTHxHEIGHT`.
struct TerminalSize: ExpressibleByArgument, Equatable {
    var width: Int
    var height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x")
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
            (1...1000).contains(width), (1...1000).contains(height)
        else { return nil }
        self.init(width: width, height: height)
    }

    var defaultValueDescription: String { "\(width)x\(height)" }
}
