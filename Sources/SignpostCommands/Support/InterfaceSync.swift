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
    /// prompt: the terminal belongs to the interface; a link with a client certificate needs none. Without one, the header says sync is off and
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
        switch signIn(link, environment: environment) {
        case .success(let endpoint):
            sync = TeamBackgroundSync(store: syncable, endpoint: endpoint, login: link.login)
        case .failure(let why):
            sync = TeamBackgroundSync(store: syncable, unavailable: why.description, login: link.login)
        }
        sync.start()
        return sync
    }

    /// Why the background sync cannot sign in, as the header shows it.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// How the background sync signs in through `link`: with the client certificate it names
    /// (checked now, so a key others may read turns sync off, saying so) and no password; else
    /// with the password from the URL, `PGPASSWORD` or `~/.pgpass`.
    static func signIn(_ link: TeamServerLink, environment: [String: String]) -> Result<TeamServerEndpoint, Unavailable>
    {
        var endpoint: TeamServerEndpoint
        do {
            endpoint = try TeamServerEndpoint(url: link.url)
        } catch {
            return .failure(Unavailable(description: "the team server's address cannot be read (\(error))"))
        }
        if endpoint.clientCertificate != nil {
            do {
                try endpoint.checkedClientCertificate()
            } catch {
                return .failure(Unavailable(description: "\(error)"))
            }
            return .success(endpoint)
        }
        if endpoint.password == nil { endpoint.password = endpoint.passwordFromEnvironment(environment) }
        guard endpoint.password != nil else {
            return .failure(Unavailable(description: "no password for \(link.login) in PGPASSWORD or ~/.pgpass"))
        }
        return .success(endpoint)
    }
}
