import ArgumentParser
import Foundation
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import SignpostTeamServer
import SignpostTerminal

/// `signpost team`: connecting this store to a team server.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Connect this store to a team server, find people across the service, bring families here.",
        subcommands: [TeamJoinCommand.self, TeamFindCommand.self, TeamOpenCommand.self])
}

/// `signpost team join URL`: remembers the server and login in the user's config (never the
/// password); the store remembers which server it joined and queues what it holds to be sent.
struct TeamJoinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Join a team server: check the login and remember the server in ~/.config/signpost/team.toml.",
        discussion: """
            URL is postgresql://LOGIN@HOST:PORT/DATABASE. The password (PGPASSWORD, ~/.pgpass or \
            typed) is used to check the login and is never stored. A login that signs in with a \
            client certificate gives --certificate and --key (or sslcert= and sslkey= in the URL; \
            the key readable by you alone) and no password is asked for. The link (server, login, \
            the files of the TLS certificate authority, certificate and key) is kept in $XDG_CONFIG_HOME/signpost/team.toml (default \
            ~/.config/signpost/team.toml, readable only by you). If --store names no file yet, an \
            empty store of the server's kind is made; what a store already holds is sent on its \
            first sync. A fictional store cannot join a live server, \
            nor a live store a demonstration one.
            """)

    @Argument(help: ArgumentHelp("The team server.", valueName: "url"))
    var url: String

    @Option(
        name: .customLong("certificate"),
        help: ArgumentHelp("Sign in with this client certificate (PEM) instead of a password.", valueName: "file"))
    var certificateFile: String?

    @Option(
        name: .customLong("key"),
        help: ArgumentHelp("The client certificate's private key (PEM), readable by you alone.", valueName: "file"))
    var keyFile: String?

    @Option(
        name: .customLong("root-certificate"),
        help: ArgumentHelp(
            "Verify the server's certificate against this certificate authority (PEM).", valueName: "file"))
    var rootCertificateFile: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if (certificateFile == nil) != (keyFile == nil) {
            throw ValidationError("--certificate and --key go together: the client certificate and its private key")
        }
    }

    /// The URL with the files the options name as sslcert=, sslkey= and sslrootcert= (an option
    /// replaces the same parameter in the URL).
    static func url(_ url: String, certificate: String?, key: String?, rootCertificate: String?) throws -> String {
        let given = [("sslcert", certificate), ("sslkey", key), ("sslrootcert", rootCertificate)]
            .compactMap { name, value in value.map { (name, $0) } }
        guard !given.isEmpty else { return url }
        guard var components = URLComponents(string: url) else {
            // Not echoed: it may hold a password.
            throw CommandFailure.badInput("The team server URL is not a URL (postgresql://LOGIN@HOST:PORT/DATABASE).")
        }
        let replaced = Set(given.map(\.0))
        components.queryItems =
            (components.queryItems ?? []).filter { !replaced.contains($0.name) }
            + given.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.string ?? url
    }

    func run() async throws {
        let endpoint = try TeamServerAccess.endpoint(
            Self.url(url, certificate: certificateFile, key: keyFile, rootCertificate: rootCertificateFile))
        let (serverKind, who) = try await TeamServerAccess.withConnection(to: endpoint) { connection in
            (try await connection.serverKind(), try await connection.whoAmI())
        }
        guard let serverKind else {
            throw CommandFailure.teamServer("\(endpoint.redacted) has not been initialised (signpost server init)")
        }
        guard let role = who.role else {
            throw CommandFailure.teamServer(
                "\(who.login) is not a practitioner on \(endpoint.redacted): ask its administrator to add you")
        }
        let kind = TeamServerAccess.storeKind(for: serverKind)
        let url = storeOptions.location(for: kind)
        let store: SQLiteCaseStore
        if FileManager.default.fileExists(atPath: url.path) {
            store = try StoreOpening.open { try SQLiteCaseStore(opening: url, expecting: nil) }
        } else {
            store = try storeOptions.openOrCreate(kind)
        }
        if store.kind.isFictional != serverKind.isFictional {
            throw CommandFailure.badInput(
                TeamServerError.kindMismatch(server: serverKind.rawValue, store: store.kind.rawValue).description)
        }
        let link = TeamServerLink(url: endpoint.redacted, login: who.login, serverKind: kind)
        let config = TeamLinkConfig.standard()
        // Read before the store changes: a config that cannot be read is reported and left as it is.
        _ = try config.link(forStoreAt: url, kind: kind)
        let joinedBefore = try StoreOpening.run { try store.joinedTeamServer() }
        do {
            try store.joinTeamServer(link)
        } catch StoreError.invalidChange(let why) {
            // Another server than the one this store joined, or the wrong kind: refused, the store unchanged.
            throw CommandFailure.badInput(why)
        } catch {
            try StoreOpening.run { throw error }
        }
        try config.save(link, forStoreAt: url)
        let signedIn = "\(who.login) (\(role)\(who.locality.map { ", \($0)" } ?? ""))"
        if joinedBefore != nil {
            // Joining again renews the link (another login, renewed certificate files); the store keeps all it holds.
            Console.print(
                "\(url.path) had already joined \(endpoint.redacted): its link is renewed in \(config.file.path), "
                    + "signing in as \(signedIn); everything the store holds is kept.")
            return
        }
        Console.print(
            "Joined \(endpoint.redacted) as \(signedIn); "
                + "\(url.path) syncs with it (the link is kept in \(config.file.path)): run signpost sync.")
    }
}

/// Opens the store named by the options and the team server it joined.
struct JoinedStore {
    let store: SQLiteCaseStore
    let link: TeamServerLink
    let endpoint: TeamServerEndpoint

    init(_ options: StoreOptions) throws {
        let store = try options.openExisting()
        self.store = store
        guard let link = try TeamLinkConfig.standard().link(joinedBy: store) else {
            throw CommandFailure.badInput(
                "\(options.location(for: .live).path) has not joined a team server: run signpost team join URL")
        }
        self.link = link
        endpoint = try TeamServerAccess.endpoint(link.url)
    }
}

/// `signpost sync`: push this store's changes, then pull the team's.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send this store's new changes to the team server and fetch the team's, printing what moved.")

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let joined = try JoinedStore(storeOptions)
        // A first sync can take minutes: it shows how far it has come when someone is watching.
        let pulledBefore = try joined.store.lastPulledSeq()
        let showsProgress = isatty(STDERR_FILENO) != 0 && pulledBefore == 0
        let report = try await TeamServerAccess.withConnection(to: joined.endpoint) { connection in
            var engine = SyncEngine(store: joined.store, server: connection)
            if showsProgress { engine.firstSyncProgress = { Console.progress($0.line + "    ") } }
            do {
                defer { if showsProgress { Console.progressDone() } }
                return try await engine.sync()
            } catch let error as StoreError {
                throw CommandFailure.store(error.description)
            } catch let error as SyncError {
                throw CommandFailure.teamServer(error.description)
            }
        }
        Console.print(report.summary)
    }
}

/// `signpost conflicts`: the conflicts the team server recorded, for families this login may see.
struct ConflictsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "List the edits the team server held as conflicts (the server's value stands).")

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let joined = try JoinedStore(storeOptions)
        let conflicts = try await TeamServerAccess.withConnection(to: joined.endpoint) { try await $0.conflicts() }
        guard !conflicts.isEmpty else {
            Console.print("No conflicts.")
            return
        }
        let format = Date.ISO8601FormatStyle(timeZone: .current).year().month().day().time(
            includingFractionalSeconds: false)
        for conflict in conflicts {
            Console.print(
                """
                \(visible(conflict.family)) \(visible(conflict.record)) \(visible(conflict.field)):
                  stands:  \(visible(conflict.serverValue)) by \(conflict.serverAuthor) at \(conflict.serverChangedAt.formatted(format))
                  pushed:  \(visible(conflict.pushedValue)) by \(conflict.pushedAuthor) at \(conflict.pushedAt.formatted(format))
                """)
        }
    }
}
