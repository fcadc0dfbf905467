import ArgumentParser
import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostSQLiteStore
import SignpostStore
import SignpostTerminal

/// `signpost train`: rehearse the pathways on a fresh training store of fictional families, or check the scenarios.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Training mode: exercises on a fresh copy of the fictional families, deleted on exit.",
        discussion: """
            Opens a training store (TRAINING — FICTIONAL DATA on every screen) made from the fixture families in a \
            temporary file, with the exercises from Fixtures/training. The store is deleted on exit unless --keep. \
            A training session never opens or writes to a live store. --check instead checks every scenario \
            against the pathways: exit 0 when each expected outcome is what the navigator gives, 1 when any is not, \
            2 when a scenario file is malformed or names a family or service that does not exist.
            """)

    @Flag(help: "Check every scenario against the pathways instead of opening the interface.")
    var check = false

    @Flag(help: "Keep the training store when the session ends, and say where it is.")
    var keep = false

    @Option(
        help: ArgumentHelp("A folder of scenario files to use instead of the built-in ones.", valueName: "folder"))
    var scenarios: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Your name as the training store's audit trail records it.",
            discussion: "Default: $SIGNPOST_USER, then your login name.", valueName: "name"))
    var user: String?

    @OptionGroup var interfaceOptions: InterfaceOptions

    func run() throws {
        let pathways = try interfaceOptions.pathwaysOptions.load()
        let loaded: [TrainingScenario]
        do {
            loaded = try TrainingCatalog.scenarios(
                in: scenarios.map { URL(fileURLWithPath: $0) }, directory: pathways.directory)
        } catch let error as ScenarioError {
            throw CommandFailure.badInput("scenario refused: \(error)")
        }
        if check { return try checkScenarios(loaded, pathways: pathways) }
        try openTraining(loaded)
    }

    /// Each scenario's expected outcome against what the navigator gives now.
    private func checkScenarios(_ scenarios: [TrainingScenario], pathways: Pathways) throws {
        let navigator = Navigator(pathways: pathways)
        var wrong = 0
        for scenario in scenarios {
            let names = Dictionary(
                scenario.situation.people.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
            let result = navigator.evaluate(scenario.situation, at: scenario.at)
            let marking = ExerciseMarking(
                scenario: scenario, answer: ScenarioAnswer(result), name: { names[$0] ?? $0.rawValue })
            if marking.isCorrect {
                Console.print("✓ \(scenario.id): \(scenario.title)")
            } else {
                wrong += 1
                Console.print("✗ \(scenario.id): \(scenario.title)")
                for difference in marking.differences { Console.print("    \(difference)") }
            }
        }
        Console.print("\(scenarios.count - wrong) of \(scenarios.count) scenarios match the pathways.")
        if wrong > 0 {
            throw CommandFailure(
                "\(wrong) scenario\(wrong == 1 ? "" : "s") no longer match the pathways: update the expected outcome "
                    + "or the pathways", exitCode: ExitStatus.problemsFound)
        }
    }

    /// A fresh training store in a private temporary folder, the interface on it, and the folder gone afterwards.
    ///
    /// The folder is removed on a normal exit and when SIGINT, SIGTERM or SIGHUP ends the session;
    /// one left by a session that was killed outright (SIGKILL, a power cut) is removed at the next start.
    private func openTraining(_ scenarios: [TrainingScenario]) throws {
        TrainingFolders.removeLeftovers()
        let folder = try TrainingFolders.make()
        let location = folder.appendingPathComponent("training.sqlite")
        SignalCleanup.removeOnSignal(
            ["-wal", "-shm", "-journal", ""].map { location.path + $0 } + [folder.path])
        defer {
            SignalCleanup.forget()
            if keep {
                let kept = TrainingFolders.markKept(folder)
                Console.error("the training store is kept at \(kept.path)")
            } else {
                try? FileManager.default.removeItem(at: folder)
            }
        }
        let practitioner = Practitioner.resolve(explicit: user, environment: ProcessInfo.processInfo.environment)
        let store = try StoreOpening.open { try SQLiteCaseStore(openingOrCreating: location, kind: .training) }
        defer { try? store.close() }
        try DemoData.loadFixtures(into: store, by: practitioner)
        try Interface.run(
            store: store, location: location, options: interfaceOptions, practitioner: practitioner,
            trainingScenarios: scenarios)
    }
}
