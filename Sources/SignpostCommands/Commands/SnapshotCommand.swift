import ArgumentParser
import Foundation
import SignpostApp
import SignpostDomain
import SignpostFixtures
import SignpostStore
import SignpostTerminal
import SignpostThemes

/// `signpost snapshot`: print what a screen shows, as text, without a terminal.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print what a screen shows, as text, from the in-memory surface.",
        discussion:
            "For tests, documentation and bug reports. Screens: \(ScreenSnapshot.Name.allCases.map(\.rawValue).joined(separator: ", "))."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The screen to render.")
    var screen: ScreenSnapshot.Name = .home

    @Option(help: "The family to open, for screens that show one (default: the first in the list).")
    var family: String?

    @Option(help: "The terminal size, WIDTHxHEIGHT.")
    var size = TerminalSize(width: 80, height: 24)

    @Option(help: "A theme name or file (checked; the text output has no colour).")
    var theme: String?

    @Option(help: "The moment to render at, ISO 8601 (default: now), so screenshots are reproducible.")
    var at: String?

    @Flag(help: "Follow each line with the style of its cells.")
    var styles = false

    @OptionGroup var pathwaysOptions: PathwaysOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let resolution = Theme.resolve(nameOrPath: theme, bundled: ThemeCatalog.bundledThemes)
        if let problem = resolution.problem { Console.error("\(problem); using the \(resolution.theme.name) theme") }
        var now = Date()
        if let at {
            guard let parsed = Timestamp.date(at) else {
                throw CommandFailure.badInput("--at \(at) is not an ISO 8601 time such as 2026-11-23T10:30:00Z")
            }
            now = parsed
        }
        let fixedNow = now
        var environment = AppEnvironment(
            store: store, storeLocation: store.path, storeKind: store.kind, practitioner: storeOptions.practitioner,
            theme: resolution.theme, pathways: try pathwaysOptions.load(), clock: { fixedNow })
        // Only the training screens need the scenarios; reading them is not part of every snapshot's start-up.
        if [.exercises, .presenter].contains(screen) {
            environment.trainingScenarios =
                (try? TrainingCatalog.scenarios(directory: environment.pathways.directory)) ?? []
        }
        do {
            let text = try ScreenSnapshot.render(
                screen, family: family.map { FamilyID($0) }, size: Size(width: size.width, height: size.height),
                environment: environment, styled: styles)
            Console.print(text)
        } catch let problem as ScreenSnapshot.Problem {
            throw CommandFailure.notFound(problem.description)
        }
    }
}

extension ScreenSnapshot.Name: ExpressibleByArgument {}
