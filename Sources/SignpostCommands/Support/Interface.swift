import Foundation
import SignpostApp
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import SignpostTeamServer
import SignpostTerminal
import SignpostThemes

/// Starting the terminal interface on an open store.
enum Interface {
    static func run(
        store: any CaseStore, location: URL, options: InterfaceOptions, practitioner: String,
        trainingScenarios: [TrainingScenario] = []
    ) throws {
        let resolution = Theme.resolve(nameOrPath: options.theme, bundled: ThemeCatalog.bundledThemes)
        let kind = store.kind
        let pathways = options.pathwaysOptions.loadForInterface()
        var directoryProblem: String?
        var environment = AppEnvironment(
            store: store, storeLocation: location.path, storeKind: kind, practitioner: practitioner,
            theme: resolution.theme, pathways: pathways.pathways)
        // The council's imported directory (`signpost directory import`) over the pathways' own.
        do {
            environment.pathways = pathways.pathways.merging(try store.directoryEntries())
        } catch {
            directoryProblem = "the imported service directory cannot be read (\(error)); using the pathways' own"
        }
        environment.directoryStaleMonths = options.staleAfterMonths
        environment.retentionYears = options.retentionYears
        environment.trainingScenarios = trainingScenarios
        environment.teamDirectory = teamDirectory(for: store)
        // Training stores never join a team; any other store that joined one syncs while the interface is open.
        let sync = kind == .training ? nil : InterfaceSync.start(for: store)
        defer { sync?.stop() }
        environment.sync = sync
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(theme: resolution.theme)
        } catch {
            throw CommandFailure.badInput(
                "\(error.message); for scripts use `signpost list`, `search` or `show` instead")
        }
        defer { terminal.shutdown() }
        let application = Application(environment: environment)
        if let problem = resolution.problem {
            application.post("\(problem); using the \(resolution.theme.name) theme", kind: .warning)
        }
        if let problem = pathways.problem { application.post(problem, kind: .warning) }
        if let directoryProblem { application.post(directoryProblem, kind: .warning) }
        application.offerToResumeDraft()
        application.openExercises()
        application.run(on: terminal)
    }

    /// The team server's directory for a store that joined one; the password comes from
    /// PGPASSWORD or ~/.pgpass (none is looked for with a client certificate) (the interface never prompts outside its screens; without one the
    /// "Find on the team server" screen says so).
    static func teamDirectory(for store: any CaseStore) -> (any TeamDirectory)? {
        guard let syncable = store as? SQLiteCaseStore,
            let link = try? TeamLinkConfig.standard().link(joinedBy: syncable),
            var endpoint = try? TeamServerEndpoint(url: link.url)
        else { return nil }
        if endpoint.clientCertificate == nil {
            endpoint.password = endpoint.password ?? endpoint.passwordFromEnvironment()
        }
        return TeamServerDirectory(store: syncable, endpoint: endpoint)
    }
}
