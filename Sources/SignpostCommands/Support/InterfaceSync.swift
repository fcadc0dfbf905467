import Foundation
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import SignpostTeamServer

/// Starting the interface's background sync: the composition root's one place that knows which
/// engine syncs a store (the screens only see ``BackgroundSync``).
enum InterfaceSync {
    /// A started background sync for `store` when it joined a team server; nil when it did not.
    ///
    /// The password comes as `signpost sync` finds it (`PGPASSWORD`, `~/.pgpass`), never from a
    /// prompt: the terminal belongs to the interface. Without one, the header says sync is off and
    /// why, and still counts what waits to be sent.
    static func start(
        for store: any CaseStore, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TeamBackgroundSync? {
        guard let syncable = store as? SQLiteCaseStore else { return nil }
        let link: TeamServerLink
        do {
            guard let joined = try TeamLinkConfig.standard(environment: environment).link(joinedBy: syncable) else {
                return nil
            }
            link = joined
        } catch {
            // The header says why sync is off (the config's file and line), and still counts what waits.
            let sync = TeamBackgroundSync(
                store: syncable, unavailable: "\(error)", login: "")
            sync.start()
            return sync
        }
        let sync: TeamBackgroundSync
        do {
            var endpoint = try TeamServerEndpoint(url: link.url)
            if endpoint.password == nil { endpoint.password = endpoint.passwordFromEnvironment(environment) }
            if endpoint.password == nil {
                sync = TeamBackgroundSync(
                    store: syncable, unavailable: "no password for \(link.login) in PGPASSWORD or ~/.pgpass",
                    login: link.login)
            } else {
                sync = TeamBackgroundSync(store: syncable, endpoint: endpoint, login: link.login)
            }
        } catch {
            sync = TeamBackgroundSync(
                store: syncable, unavailable: "the team server's address cannot be read (\(error))", login: link.login)
        }
        sync.start()
        return sync
    }
}
