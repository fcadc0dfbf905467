import Foundation
import Logging
import PostgresNIO

/// One practitioner's signed-in connection to the team server: the only way Signpost talks to it.
///
/// Every write goes through the server's own functions (`signpost.push`, `signpost.open_family`,
/// ...), each one transaction; the server, not this code, decides who the author is and what the
/// login may read.
///
/// ```swift
/// let server = try await TeamServerConnection.connect(to: endpoint)
/// let outcomes = try await server.push(envelopes: [envelopeJSON])
/// let changes = try await server.pull(since: 0, max: 500)
/// try await server.close()
/// ```
public final class TeamServerConnection: Sendable {
    public let endpoint: TeamServerEndpoint
    /// How long it waits to sign in and for each request.
    public let deadlines: TeamServerDeadlines
    let connection: PostgresConnection
    let logger: Logger

    private init(
        endpoint: TeamServerEndpoint, deadlines: TeamServerDeadlines, connection: PostgresConnection, logger: Logger
    ) {
        var stored = endpoint
        stored.password = nil
        self.endpoint = stored
        self.deadlines = deadlines
        self.connection = connection
        self.logger = logger
    }

    /// Signs in to the server named by `endpoint` (its password included), within `deadlines.connect`.
    ///
    /// The session asks the server to cancel any statement running longer than `deadlines.query`.
    public static func connect(
        to endpoint: TeamServerEndpoint, deadlines: TeamServerDeadlines = TeamServerDeadlines(),
        logger: Logger = Logger(label: "signpost.team-server")
    ) async throws -> TeamServerConnection {
        var configuration = try endpoint.connectionConfiguration()
        // postgres-nio's own limit is the backstop: the deadline below answers first, in Signpost's words.
        configuration.options.connectTimeout = .milliseconds(
            Int64(TeamServerDeadlines.seconds(deadlines.connect) * 1_000) + 5_000)
        configuration.options.additionalStartupParameters.append(
            ("statement_timeout", String(deadlines.statementTimeoutMilliseconds)))
        let settings = configuration
        let redacted = endpoint.redacted
        let seconds = TeamServerDeadlines.seconds(deadlines.connect)
        do {
            let connection = try await withDeadline(
                deadlines.connect,
                timeout: {
                    TeamServerError.unreachable(
                        endpoint: redacted,
                        why: "it did not answer within \(TeamServerError.wordsFor(seconds: seconds))")
                },
                late: { connection in try? await connection.close() },
                operation: {
                    try await PostgresConnection.connect(
                        configuration: settings, id: Int.random(in: 1...Int(Int32.max)), logger: logger)
                })
            return TeamServerConnection(
                endpoint: endpoint, deadlines: deadlines, connection: connection, logger: logger)
        } catch let error as TeamServerError {
            throw error
        } catch let error as PSQLError {
            throw TeamServerError.unreachable(
                endpoint: endpoint.redacted, why: Self.explainSigningIn(error, to: endpoint) ?? Self.explain(error))
        } catch {
            throw TeamServerError.unreachable(endpoint: endpoint.redacted, why: "\(error)")
        }
    }

    /// Ends the session.
    public func close() async throws {
        try await connection.close()
    }

    // MARK: Running queries

    /// Runs `body` within the query deadline, turning postgres-nio's errors into
    /// `TeamServerError`s that carry the server's message.
    ///
    /// The server cancels a statement that outlives `statement_timeout` (SQLSTATE 57014); a
    /// server that does not answer at all has its session closed here a little later. Both are
    /// ``TeamServerError/timedOut(what:seconds:)``.
    func translatingErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
        let connection = self.connection
        let watch = DeadlineWatch(after: deadlines.clientQuery) { try? await connection.close() }
        let timedOut = TeamServerError.timedOut(
            what: "a request", seconds: TeamServerDeadlines.seconds(deadlines.query))
        do {
            let result = try await body()
            guard watch.cancel() else { throw timedOut }
            return result
        } catch let error as PSQLError {
            let expiredHere = !watch.cancel()
            if expiredHere || error.serverInfo?[.sqlState] == "57014" { throw timedOut }
            throw TeamServerError.server(message: Self.explain(error), sqlState: error.serverInfo?[.sqlState])
        } catch {
            guard watch.cancel() else { throw timedOut }
            throw error
        }
    }

    /// Runs a statement that returns no rows of interest.
    func execute(_ query: PostgresQuery) async throws {
        try await translatingErrors {
            let rows = try await connection.query(query, logger: logger)
            for try await _ in rows {}
        }
    }

    /// Runs `body` in one transaction, rolled back if it throws.
    func inTransaction<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await execute("BEGIN")
        do {
            let result = try await body()
            try await execute("COMMIT")
            return result
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
    }

    /// What went wrong signing in over TLS or with a client certificate, in words that say what to
    /// do; nil when it was something else.
    static func explainSigningIn(_ error: PSQLError, to endpoint: TeamServerEndpoint) -> String? {
        let login = endpoint.login
        if error.code == .authMechanismRequiresPassword {
            guard endpoint.clientCertificate != nil else { return nil }
            return "the server asks \(login) for a password: \(login) does not sign in with a certificate there "
                + "(its administrator adds it with signpost server add-user \(login) --certificate), "
                + "or leave out the certificate and use the password"
        }
        // PostgreSQL says the same for an unknown login (so as not to tell who has one): name both.
        if error.serverInfo?[.sqlState] == "28P01" {
            return "the server did not accept the password for \(login) (check it, and the login; the team "
                + "server's administrator sets a new one with signpost server add-user \(login))"
        }
        if let message = error.serverInfo?[.message], message.hasPrefix("certificate authentication failed") {
            return message + " (the certificate's common name must be the login, \(login))"
        }
        guard let underlying = error.underlying else { return nil }
        let detail = "\(underlying)"
        if detail.contains("Connection refused") {
            let address = endpoint.host.map { "\($0):\(endpoint.port)" } ?? endpoint.redacted
            return "nothing answers at \(address) (the connection was refused): check that the team server "
                + "is running and that this is its address"
        }
        if detail.contains("CERTIFICATE_VERIFY_FAILED") {
            let authority =
                endpoint.certificateAuthorityFile.map { "the certificate authority in \($0)" }
                ?? "a certificate authority this machine trusts (give sslrootcert=FILE, or --root-certificate FILE)"
            return "the server's certificate is not signed by \(authority), or does not name \(endpoint.host ?? "it")"
        }
        if detail.contains("ALERT_UNKNOWN_CA") || detail.contains("ALERT_BAD_CERTIFICATE")
            || detail.contains("ALERT_CERTIFICATE_REQUIRED") || detail.contains("ALERT_CERTIFICATE_EXPIRED")
            || detail.contains("ALERT_CERTIFICATE_UNKNOWN")
        {
            guard let certificate = endpoint.clientCertificate else { return nil }
            let why =
                detail.contains("EXPIRED") ? "it has expired" : "the authority that signed it is not one it trusts"
            return "the server refused the client certificate in \(certificate.certificateFile): \(why)"
        }
        return nil
    }

    static func explain(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
