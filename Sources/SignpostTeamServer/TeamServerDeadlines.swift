import Foundation

/// How long Signpost waits for the team server: to sign in, and for each request.
///
/// A server that takes the connection but never answers (a hung machine, a network that drops
/// packets without a word) must not hold a sync, or the interface's header, for ever. Each
/// request gets `query`: the server is told (`statement_timeout`, set when the session starts)
/// and cancels a statement that runs longer, keeping the session; and the client gives up a
/// little after that, closing the session, for a server that does not answer at all. Either way
/// the request fails with ``TeamServerError/timedOut(what:seconds:)`` and the sync says the server
/// is offline, and why. Nothing is lost: a push not answered was rolled back or is answered
/// `duplicate` when sent again, and each pulled page is applied whole or not at all.
///
/// ```swift
/// let server = try await TeamServerConnection.connect(
///     to: endpoint, deadlines: TeamServerDeadlines(connect: .seconds(5), query: .seconds(20)))
/// ```
public struct TeamServerDeadlines: Hashable, Sendable {
    /// Signing in: the TCP connection, TLS and the password exchange.
    public var connect: Duration
    /// Each request, on the server (`statement_timeout`) and, a little later, on this side.
    public var query: Duration

    /// 10 seconds to sign in and 60 for each request: a 1,000-change pull page or a 250-change
    /// push takes well under a second on the benchmark's loaded machine, and a push may wait its
    /// turn behind the others' (they are serialised).
    public init(connect: Duration = .seconds(10), query: Duration = .seconds(60)) {
        self.connect = connect
        self.query = query
    }

    /// What the server is told: whole milliseconds, at least one.
    var statementTimeoutMilliseconds: Int64 {
        max(1, query.components.seconds * 1_000 + query.components.attoseconds / 1_000_000_000_000_000)
    }

    /// How long the client waits for an answer: the server's limit and a margin for its own
    /// cancellation to arrive first (it keeps the session; the client's closes it).
    var clientQuery: Duration {
        query + min(query, .seconds(5))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A timer that runs `expire` once if it is not cancelled within its time; safe to cancel after it fired.
final class DeadlineWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var expired = false
    private var task: Task<Void, Never>?

    /// Starts the timer.
    init(after duration: Duration, expire: @escaping @Sendable () async -> Void) {
        let task = Task { [weak self] in
            do {
                try await Task.sleep(for: duration)
            } catch {
                return
            }
            guard let self, self.fire() else { return }
            await expire()
        }
        lock.withLock { self.task = task }
    }

    /// Whether the time ran out (and `expire` ran or is running).
    var hasExpired: Bool { lock.withLock { expired } }

    /// Stops the timer; false when it had already expired.
    @discardableResult
    func cancel() -> Bool {
        lock.withLock {
            task?.cancel()
            return !expired
        }
    }

    private func fire() -> Bool {
        lock.withLock {
            if task?.isCancelled == true { return false }
            expired = true
            return true
        }
    }
}

/// Runs `operation` and returns what it returns, or throws `timeout()` when `duration` passes
/// first; a result that arrives late is handed to `late` (to close a connection nobody waits for).
///
/// Unlike a task group, this does not wait for an operation that ignores cancellation: it leaves
/// it running and moves on.
func withDeadline<Value: Sendable>(
    _ duration: Duration, timeout: @escaping @Sendable () -> any Error,
    late: @escaping @Sendable (Value) async -> Void,
    operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    let outcome = OnceOutcome<Value>()
    return try await withCheckedThrowingContinuation { continuation in
        outcome.install(continuation)
        let work = Task {
            do {
                let value = try await operation()
                if !outcome.finish(.success(value)) { await late(value) }
            } catch {
                outcome.finish(.failure(error))
            }
        }
        let timer = Task {
            // Cancelled when the work answers first: the sleep ends early and finishing does nothing.
            try? await Task.sleep(for: duration)
            if outcome.finish(.failure(timeout())) { work.cancel() }
        }
        outcome.whenFinished { timer.cancel() }
    }
}

/// The one answer a ``withDeadline(_:timeout:late:operation:)`` gives: whichever comes first.
private final class OnceOutcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, any Error>?
    private var done = false
    private var onFinish: (@Sendable () -> Void)?

    func install(_ continuation: CheckedContinuation<Value, any Error>) {
        lock.withLock { self.continuation = continuation }
    }

    /// Runs `action` once the answer is given (at once if it was).
    func whenFinished(_ action: @escaping @Sendable () -> Void) {
        let now = lock.withLock { () -> Bool in
            if done { return true }
            onFinish = action
            return false
        }
        if now { action() }
    }

    /// Gives `result` as the answer; false when an answer was given already.
    @discardableResult
    func finish(_ result: Result<Value, any Error>) -> Bool {
        let (waiting, action) = lock.withLock {
            () -> (CheckedContinuation<Value, any Error>?, (@Sendable () -> Void)?) in
            guard !done else { return (nil, nil) }
            done = true
            defer {
                continuation = nil
                onFinish = nil
            }
            return (continuation, onFinish)
        }
        guard let waiting else { return false }
        waiting.resume(with: result)
        action?()
        return true
    }
}
