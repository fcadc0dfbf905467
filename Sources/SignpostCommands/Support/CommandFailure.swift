import Foundation

/// A command that could not do what was asked: a one-line message a person can act on, and an exit code.
///
/// Exit codes are documented in the README:
/// 0 success; 1 `check` found problems; 2 bad input or usage; 3 the store could
/// not be opened or used; 4 a family or record was not found; 5 the team server could not be
/// reached or refused the request.
public struct CommandFailure: Error, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    public static func badInput(_ message: String) -> CommandFailure { CommandFailure(message, exitCode: 2) }
    public static func store(_ message: String) -> CommandFailure { CommandFailure(message, exitCode: 3) }
    public static func notFound(_ message: String) -> CommandFailure { CommandFailure(message, exitCode: 4) }
    public static func teamServer(_ message: String) -> CommandFailure { CommandFailure(message, exitCode: 5) }

    public var description: String { message }
}

/// Exit statuses, named.
enum ExitStatus {
    static let problemsFound: Int32 = 1
}
