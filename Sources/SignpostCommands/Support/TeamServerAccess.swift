import Foundation
import SignpostStore
import SignpostTeamServer

/// Signing in to a team server from the command line: the URL, then the password from the URL,
/// `PGPASSWORD`, `~/.pgpass` or the terminal (never a flag, never stored); or a client
/// certificate (`sslcert=` and `sslkey=`), and then no password at all.
enum TeamServerAccess {
    /// Parses `url` and finds its password, prompting on the terminal as the last resort; a URL
    /// with a client certificate needs none, and its files are checked before anything is sent.
    static func endpoint(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> TeamServerEndpoint
    {
        var endpoint: TeamServerEndpoint
        do {
            endpoint = try TeamServerEndpoint(url: url)
        } catch let error as TeamServerError {
            throw CommandFailure.badInput(error.description)
        }
        if endpoint.clientCertificate != nil {
            do {
                _ = try endpoint.checkedClientCertificate()
            } catch let error as TeamServerError {
                throw CommandFailure.badInput(error.description)
            }
        } else if endpoint.password == nil {
            endpoint.password =
                try endpoint.passwordFromEnvironment(environment)
                ?? TerminalPassword.read(prompt: "Password for \(endpoint.login) on the team server: ")
        }
        return endpoint
    }

    /// Connects, runs `body`, closes; the server's refusals become command failures.
    static func withConnection<Result>(
        to endpoint: TeamServerEndpoint, _ body: (TeamServerConnection) async throws -> Result
    ) async throws -> Result {
        let connection: TeamServerConnection
        do {
            connection = try await TeamServerConnection.connect(to: endpoint)
        } catch let error as TeamServerError {
            throw CommandFailure.teamServer(error.description)
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch let error as TeamServerError {
            try? await connection.close()
            throw CommandFailure.teamServer(error.description)
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The store kind a server's records match.
    static func storeKind(for kind: TeamServerKind) -> StoreKind {
        kind == .live ? .live : .demonstration
    }
}

/// Reads a password from the controlling terminal without echoing it.
enum TerminalPassword {
    static func read(prompt: String) throws -> String {
        guard let terminal = fopen("/dev/tty", "r+") else {
            throw CommandFailure.badInput(
                "no password: set PGPASSWORD, add the server to ~/.pgpass, or run this in a terminal to be asked")
        }
        defer { fclose(terminal) }
        let descriptor = fileno(terminal)
        var original = termios()
        let canHideEcho = tcgetattr(descriptor, &original) == 0
        if canHideEcho {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(descriptor, TCSAFLUSH, &silent)
        }
        fputs(prompt, terminal)
        fflush(terminal)
        var buffer = [CChar](repeating: 0, count: 1024)
        let line = fgets(&buffer, Int32(buffer.count), terminal)
        if canHideEcho { tcsetattr(descriptor, TCSAFLUSH, &original) }
        fputs("\n", terminal)
        guard line != nil else { throw CommandFailure.badInput("no password was typed") }
        let password = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .trimmingCharacters(in: .newlines)
        guard !password.isEmpty else { throw CommandFailure.badInput("no password was typed") }
        return password
    }
}
