import Foundation

/// What went wrong talking to a team server, in words a practitioner or an administrator can act on.
public enum TeamServerError: Error, Equatable, CustomStringConvertible {
    /// The URL does not say where the server is.
    case badURL(url: String, why: String)
    /// The server could not be reached, or refused the login.
    case unreachable(endpoint: String, why: String)
    /// The server refused or failed a request: its own message and SQLSTATE.
    case server(message: String, sqlState: String?)
    /// The server answered with something this version of Signpost does not understand.
    case unexpectedAnswer(String)
    /// The server holds another kind of record than the store (live versus fictional).
    case kindMismatch(server: String, store: String)
    /// The server did not answer a request within its deadline (``TeamServerDeadlines``).
    case timedOut(what: String, seconds: Double)
    /// The client certificate or its key cannot be used (the why names the file); nothing was sent.
    case clientCertificate(why: String)

    public var description: String {
        switch self {
        case .badURL(let url, let why): "Not a team server URL: \(url) (\(why))."
        case .unreachable(let endpoint, let why): "Could not connect to the team server \(endpoint): \(why)."
        case .server(let message, _): message.hasPrefix("signpost: ") ? String(message.dropFirst(10)) : message
        case .unexpectedAnswer(let what): "The team server gave an answer Signpost does not understand: \(what)."
        case .kindMismatch(let server, let store):
            "This team server holds \(server) records and the store holds \(store) records: "
                + "fictional stores never sync with a live server, nor a live store with a fictional one."
        case .timedOut(let what, let seconds):
            "The team server did not answer \(what) within \(Self.wordsFor(seconds: seconds)); "
                + "the session was ended and nothing half-done was kept."
        case .clientCertificate(let why): "The client certificate cannot be used: \(why); nothing was sent."
        }
    }

    /// "1 second", "10 seconds", "0.5 seconds".
    static func wordsFor(seconds: Double) -> String {
        if seconds == 1 { return "1 second" }
        if seconds == seconds.rounded() { return "\(Int(seconds)) seconds" }
        return "\(seconds) seconds"
    }

    /// Whether the server refused for lack of permission (SQLSTATE 42501).
    public var isPermissionDenied: Bool {
        if case .server(_, let state) = self { return state == "42501" }
        return false
    }
}
