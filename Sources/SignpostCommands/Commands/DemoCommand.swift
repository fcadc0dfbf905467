import ArgumentParser
import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostSQLiteStore
import SignpostStore

/// `signpost demo`: the application on plainly fictional families, never the live store.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open Signpost on a demonstration store of fictional families, or make one.",
        discussion: """
            With no subcommand, opens the terminal interface on the demonstration store \
            ($XDG_DATA_HOME/signpost/demo.sqlite), made from the fixtures on first use. \
            A demonstration store can never be opened as, or imported into, a live store.
            """,
        subcommands: [DemoOpenCommand.self, DemoLoadCommand.self, DemoGenerateCommand.self],
        defaultSubcommand: DemoOpenCommand.self)
}

/// `signpost demo open`.
struct DemoOpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the terminal interface on the demonstration store (the default).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var interfaceOptions: InterfaceOptions

    func run() throws {
        let url = storeOptions.location(for: .demonstration)
        let isNew = !FileManager.default.fileExists(atPath: url.path)
        let store = try storeOptions.openOrCreate(.demonstration)
        let isEmpty = try StoreOpening.run { try store.families(FamilyListQuery(limit: 1)).totalCount } == 0
        // A store that joined a team gets its families from the team server: loading the fixtures
        // into it would send 44 families to everyone in the team on its first background sync.
        let joinedTeam = try StoreOpening.run { try (store as? any SyncableStore)?.joinedTeamServer() } != nil
        if (isNew || isEmpty) && !joinedTeam {
            try DemoData.loadFixtures(into: store, by: storeOptions.practitioner)
        }
        try Interface.run(
            store: store, location: url, options: interfaceOptions,
            practitioner: storeOptions.practitioner(forStoreOf: .demonstration))
    }
}

/// `signpost demo load --store PATH`.
struct DemoLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Make a new demonstration store at PATH from the fixture families.")

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard let path = storeOptions.store else { throw ValidationError("give the new store's path with --store") }
        if FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) already exists; demo load only makes new stores")
        }
    }

    func run() throws {
        let store = try storeOptions.openOrCreate(.demonstration)
        let count = try DemoData.loadFixtures(into: store, by: storeOptions.practitioner)
        Console.print("Made a demonstration store with \(count) fictional families at \(storeOptions.store!).")
    }
}

/// `signpost demo generate --families N --seed S --store PATH`.
struct DemoGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Make a large reproducible store of synthetic fictional families (for benchmarks).")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "How many families.")
    var families = 1000

    @Option(help: "The random seed: the same seed makes the same families.")
    var seed: UInt64 = 1

    func validate() throws {
        guard let path = storeOptions.store else { throw ValidationError("give the new store's path with --store") }
        if FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) already exists; demo generate only makes new stores")
        }
        if families < 1 || families > 2_000_000 { throw ValidationError("--families must be between 1 and 2000000") }
    }

    func run() throws {
        let store = try storeOptions.openOrCreate(.demonstration)
        let generator = SyntheticFamilyGenerator(seed: seed)
        let today = CalendarDate(Date(timeIntervalSince1970: 1_795_000_000), in: LondonTime.zone)
        let batchSize = 1000
        var made = 0
        while made < families {
            let count = min(batchSize, families - made)
            let batch = (made..<(made + count)).map { generator.family(number: $0, today: today) }
            try StoreOpening.run { try store.apply(batch.map { .addFamily($0) }, by: storeOptions.practitioner) }
            made += count
            if made % 10_000 == 0 || made == families {
                Console.progress("\(made)/\(families) families")
            }
        }
        Console.progressDone()
        Console.print(
            "Made a demonstration store with \(made) synthetic families at \(storeOptions.store!) (seed \(seed)).")
    }
}

/// Loading the fixtures into a demonstration store.
enum DemoData {
    @discardableResult
    static func loadFixtures(into store: any CaseStore, by practitioner: String) throws -> Int {
        let documents: [FamilyDocument]
        do {
            documents = try FixtureCatalog.families()
        } catch {
            throw CommandFailure.store("the fixture families could not be read: \(error)")
        }
        try StoreOpening.run { try store.apply(documents.map { .addFamily($0.family) }, by: practitioner) }
        return documents.count
    }
}
