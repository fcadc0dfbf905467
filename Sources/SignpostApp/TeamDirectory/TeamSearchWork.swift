import Foundation
import SignpostDomain
import SignpostStore

/// The team directory's calls, run off the keystroke path: the screen asks, a task answers, and
/// the screen collects what finished when it next draws.
///
/// Only one search runs at a time. A query typed while one runs replaces the one waiting, and is
/// searched as soon as the running one answers, so the last thing typed is always searched and no
/// keystroke waits for the network.
final class TeamSearchWork: @unchecked Sendable {
    /// What the latest answered search found.
    struct Answer: Sendable {
        var query: String
        var result: Result<[TeamDirectoryFamily], TeamDirectoryError>
    }

    /// How bringing a family ended.
    struct Brought: Sendable {
        var family: TeamDirectoryFamily
        var result: Result<TeamDirectoryBrought, TeamDirectoryError>
    }

    private let directory: any TeamDirectory
    private let lock = NSLock()
    private var waitingQuery: String?
    private var searching = false
    private var bringing = false
    private var answer: Answer?
    private var brought: Brought?

    init(directory: any TeamDirectory) {
        self.directory = directory
    }

    /// True while a search or a bring is under way (the interface then redraws often, to show the answer).
    var isBusy: Bool { lock.withLock { searching || bringing } }

    /// True while a family is being brought.
    var isBringing: Bool { lock.withLock { bringing } }

    /// Asks for `query` to be searched; returns at once.
    func search(_ query: String) {
        let start: Bool = lock.withLock {
            waitingQuery = query
            guard !searching else { return false }
            searching = true
            return true
        }
        guard start else { return }
        Task.detached { [self] in await runSearches() }
    }

    private func runSearches() async {
        while true {
            let next: String? = lock.withLock {
                let query = waitingQuery
                waitingQuery = nil
                if query == nil { searching = false }
                return query
            }
            guard let query = next else { return }
            let result: Result<[TeamDirectoryFamily], TeamDirectoryError>
            do {
                result = .success(try await directory.findPeople(query))
            } catch let error as TeamDirectoryError {
                result = .failure(error)
            } catch {
                result = .failure(.refused("\(error)"))
            }
            lock.withLock { answer = Answer(query: query, result: result) }
        }
    }

    /// Brings `family` to this laptop; returns at once. Ignored while another is being brought.
    func bring(_ family: TeamDirectoryFamily, reason: String?) {
        let start: Bool = lock.withLock {
            guard !bringing else { return false }
            bringing = true
            return true
        }
        guard start else { return }
        let directory = self.directory
        Task.detached { [self] in
            let result: Result<TeamDirectoryBrought, TeamDirectoryError>
            do {
                result = .success(try await directory.bringFamily(family.family, reason: reason))
            } catch let error as TeamDirectoryError {
                result = .failure(error)
            } catch {
                result = .failure(.refused("\(error)"))
            }
            lock.withLock {
                brought = Brought(family: family, result: result)
                bringing = false
            }
        }
    }

    /// The latest search answer, once (nil when nothing new arrived).
    func takeAnswer() -> Answer? {
        lock.withLock {
            defer { answer = nil }
            return answer
        }
    }

    /// How the latest bring ended, once.
    func takeBrought() -> Brought? {
        lock.withLock {
            defer { brought = nil }
            return brought
        }
    }
}
