import ArgumentParser
import Foundation
import SignpostTeamServer

/// `signpost server`: administering a team server (PostgreSQL) from the command line.
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Set up and look after a team server (PostgreSQL) that practitioners' stores sync with.",
        discussion: """
            URLs are postgresql://LOGIN@HOST:PORT/DATABASE. The password comes from the URL, \
            PGPASSWORD, ~/.pgpass or the terminal; it is never stored. TLS is required for any \
            host but this machine (add sslrootcert=CA-FILE when the server's certificate is signed by \
            your own certificate authority). restrict, assign and access-report need a manager's or \
            an administrator's login: the server checks.
            """,
        subcommands: [
            ServerInitCommand.self, ServerAddUserCommand.self, ServerStatusCommand.self, ServerRestrictCommand.self,
            ServerAssignCommand.self, ServerAccessReportCommand.self,
        ])
}

/// The administrator's connection, shared by the `server` subcommands.
struct ServerURLOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The team server, signed in as an administrator.",
            discussion: "Default: $SIGNPOST_ADMIN_URL.", valueName: "url"))
    var url: String?

    func endpoint() throws -> TeamServerEndpoint {
        guard let url = url ?? ProcessInfo.processInfo.environment["SIGNPOST_ADMIN_URL"], !url.isEmpty else {
            throw CommandFailure.badInput("give the team server with --url (or set SIGNPOST_ADMIN_URL)")
        }
        return try TeamServerAccess.endpoint(url)
    }
}

/// `signpost server init --url URL [--kind live|demonstration]`.
struct ServerInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the team server's schema, roles and functions (safe to run again).",
        discussion: """
            A server holds live records or demonstration (fictional) ones, for good: fictional stores \
            never sync with a live server, nor a live store with a demonstration one.
            """)

    @OptionGroup var server: ServerURLOption

    @Option(help: ArgumentHelp("What the server holds: live or demonstration.", valueName: "kind"))
    var kind: TeamServerKind = .live

    func run() async throws {
        let endpoint = try server.endpoint()
        let kind = self.kind
        let applied = try await TeamServerAccess.withConnection(to: endpoint) { connection in
            let applied = try await connection.initialise(kind: kind)
            return (applied, try await connection.appliedVersions().max() ?? 0)
        }
        if applied.0.isEmpty {
            Console.print(
                "The \(kind) team server at \(endpoint.redacted) is up to date (schema version \(applied.1)).")
        } else {
            let versions = applied.0.map(String.init).joined(separator: ", ")
            Console.print(
                "Initialised the \(kind) team server at \(endpoint.redacted): applied schema version \(versions).")
        }
    }
}

extension TeamServerKind: ExpressibleByArgument {}
extension PractitionerRole: ExpressibleByArgument {}

/// `signpost server add-user NAME --role ROLE [--locality L]`.
struct ServerAddUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-user",
        abstract: "Add a practitioner's login (or change their role or locality).",
        discussion: """
            The new login's password is read from the terminal (typed twice) or from \
            SIGNPOST_NEW_PASSWORD; it is never a command-line argument. With --certificate the \
            login has no password and signs in with a client certificate whose common name is the \
            login, signed by the authority in the server's ssl_ca_file (pg_hba.conf needs \
            "hostssl all +signpost_certificate_login ... cert"; see the README). Roles: front-door, \
            hub-worker, manager, admin. A hub worker sees the families of their locality and caseload.
            """)

    @Argument(help: ArgumentHelp("The login: lower-case letters, digits, '.', '-' or '_'.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("front-door, hub-worker, manager or admin.", valueName: "role"))
    var role: PractitionerRole

    @Option(help: ArgumentHelp("The locality whose families a hub worker sees.", valueName: "locality"))
    var locality: String?

    @Flag(help: "Sign in with a client certificate (its common name the login) instead of a password.")
    var certificate = false

    @OptionGroup var server: ServerURLOption

    func validate() throws {
        if role == .hubWorker && (locality ?? "").isEmpty {
            throw ValidationError("a hub worker needs --locality (north, central, south, out-of-borough)")
        }
    }

    func run() async throws {
        let endpoint = try server.endpoint()
        let password = certificate ? nil : try newPassword()
        let (name, role, locality) = (self.name, self.role, self.locality)
        try await TeamServerAccess.withConnection(to: endpoint) { connection in
            if let password {
                try await connection.addPractitioner(login: name, role: role, locality: locality, password: password)
            } else {
                try await connection.addCertificatePractitioner(login: name, role: role, locality: locality)
            }
        }
        let signsIn =
            certificate
            ? "; \(name) signs in with a client certificate whose common name is \(name) (no password)" : ""
        Console.print(
            "Added \(name) as \(role)\(locality.map { " for \($0)" } ?? "") on \(endpoint.redacted)\(signsIn).")
    }

    private func newPassword() throws -> String {
        if let password = ProcessInfo.processInfo.environment["SIGNPOST_NEW_PASSWORD"], !password.isEmpty {
            return password
        }
        let first = try TerminalPassword.read(prompt: "New password for \(name): ")
        let second = try TerminalPassword.read(prompt: "The same password again: ")
        guard first == second else { throw CommandFailure.badInput("the two passwords differ; nothing was changed") }
        return first
    }
}

/// `signpost server status`.
struct ServerStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the team server's kind, schema, practitioners, changes and audit check.")

    @OptionGroup var server: ServerURLOption

    func run() async throws {
        let endpoint = try server.endpoint()
        let status = try await TeamServerAccess.withConnection(to: endpoint) { try await $0.status() }
        var lines = [
            "Team server: \(endpoint.redacted)",
            "Holds: \(status.kind.map { "\($0) records" } ?? "nothing yet (run signpost server init)")",
            "Schema version: \(status.schemaVersion) (this Signpost knows \(TeamServerSchema.latestVersion))",
            "Changes: \(status.changes) (last seq \(status.lastSeq)); open conflicts: \(status.openConflicts)",
        ]
        if status.auditEntries > 0 {
            let chain = status.firstBrokenAuditEntry.map { "BROKEN at entry \($0)" } ?? "intact"
            lines.append("Audit: \(status.auditEntries) entries, chain \(chain)")
        }
        lines.append("Practitioners: \(status.practitioners.count)")
        for person in status.practitioners {
            lines.append("  \(person.login)  \(person.role)\(person.locality.map { "  \($0)" } ?? "")")
        }
        Console.print(lines.joined(separator: "\n"))
        if status.firstBrokenAuditEntry != nil { throw ExitCode(ExitStatus.problemsFound) }
    }
}
