import ArgumentParser
import Foundation
import SignpostDomain

/// `--pathways FILE`: a council's own pathways and directory instead of the built-in Islington ones.
struct PathwaysOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A pathways file (JSON) to use instead of the built-in Islington pathways and directory.",
            discussion: "The file is checked when it is read; a file with problems is refused with each one listed.",
            valueName: "file"))
    var pathways: String?

    /// The pathways to walk: the file's when one is given (or a failure listing its problems), else the built-in ones.
    func load() throws -> Pathways {
        guard let pathways else { return Pathways.islington }
        return try PathwaysOptions.read(pathways)
    }

    /// The pathways for the terminal interface, and the problem to show if a given file had to be refused.
    ///
    /// The interface must stay usable: a broken file leaves the built-in pathways in use, with a warning.
    func loadForInterface() -> (pathways: Pathways, problem: String?) {
        do {
            return (try load(), nil)
        } catch {
            let first = (error as? CommandFailure)?.message.split(separator: "\n").first.map(String.init) ?? "\(error)"
            return (Pathways.islington, "\(first) — using the built-in Islington pathways")
        }
    }

    static func read(_ path: String) throws -> Pathways {
        let data = try InputFile.read(path, limit: InputFile.pathwaysLimit, what: "the pathways file")
        do {
            return try Pathways.load(data, source: (path as NSString).lastPathComponent)
        } catch {
            let count = error.problems.count
            throw CommandFailure.badInput(
                "the pathways file \(path) was refused (\(count) problem\(count == 1 ? "" : "s")):\n\(error.description)"
            )
        }
    }
}
