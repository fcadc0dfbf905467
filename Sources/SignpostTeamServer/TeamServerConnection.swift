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
    let connection: PostgresConnection
    let logger: Logger

    private init(endpoint: TeamServerEndpoint, connection: PostgresConnection, logger: Logger) {
        var stored = endpoint
        stored.password = nil
        self.endpoint = stored
        self.connection = connection
        self.logger = logger
    }

    /// Signs in to the server named by `endpoint` (its password included).
    public static func connect(
        to endpoint: TeamServerEndpoint,
        logger: Logger = Logger(label: "signpost.team-server")
    ) async throws -> TeamServerConnection {
        let configuration = try endpoint.connectionConfiguration()
        do {
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: Int.random(in: 1...Int(Int32.max)), logger: logger)
            return TeamServerConnection(endpoint: endpoint, connection: connection, logger: logger)
        } catch let error as PSQLError {
            throw TeamServerError.unreachable(endpoint: endpoint.redacted, why: Self.explain(error))
        } catch {
            throw TeamServerError.unreachable(endpoint: endpoint.redacted, why: "\(error)")
        }
    }

    /// Ends the session.
    public func close() async throws {
        try await connection.close()
    }

    // MARK: Running queries

    /// Runs `body`, turning postgres-nio's errors into `TeamServerError`s that carry the server's message.
    func translatingErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw TeamServerError.server(message: Self.explain(error), sqlState: error.serverInfo?[.sqlState])
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

    static func explain(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
