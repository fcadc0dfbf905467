import Dispatch
import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import SignpostTeamServer

/// The team server's figures (issue #13's targets): pushing 1,000 changes from a store, pulling
/// 10,000 into another, and 20 clients pushing 500 changes each at once.
///
/// Runs against the PostgreSQL whose superuser URL is given (`.ci/postgres run` makes one):
/// the database is initialised as a demonstration server, practitioners made with a fresh suffix,
/// and every figure printed; nothing is asserted.
struct TeamServerMeasures {
    let adminURL: String
    let folder: URL

    /// One printed line per figure.
    func run() throws -> [String] {
        let adminURL = self.adminURL
        let folder = self.folder
        return try AsyncWait.result {
            try await Self.measure(adminURL: adminURL, folder: folder)
        }
    }

    private static func measure(adminURL: String, folder: URL) async throws -> [String] {
        let admin = try TeamServerEndpoint(url: adminURL)
        let setup = try await TeamServerConnection.connect(to: admin)
        try await setup.initialise(kind: .demonstration)
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let password = UUID().uuidString
        let managerLogin = "bench_mgr_\(suffix)"
        try await setup.addPractitioner(login: managerLogin, role: .manager, locality: nil, password: password)
        let clientLogins = (0..<20).map { "bench_c\($0)_\(suffix)" }
        for login in clientLogins {
            try await setup.addPractitioner(login: login, role: .frontDoor, locality: nil, password: password)
        }
        try await setup.close()
        var lines: [String] = []

        // Push 1,000 changes from a store's outbox (batches of 250, one transaction each).
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pusherURL = folder.appendingPathComponent("team-pusher-\(suffix).sqlite")
        let pullerURL = folder.appendingPathComponent("team-puller-\(suffix).sqlite")
        defer {
            for url in [pusherURL, pullerURL] {
                for ending in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + ending) }
            }
        }
        let pusher = try SQLiteCaseStore(openingOrCreating: pusherURL, kind: .demonstration)
        // 1,000 families with 9 notes each: 10,000 changes, spread as a service's would be.
        let today = try CalendarDate(iso: "2026-11-23")
        let families = SyntheticFamilyGenerator(seed: 13).families(0..<1_000, today: today).map { family in
            var renamed = family
            renamed.id = FamilyID("F-B\(suffix.uppercased())-\(family.id.rawValue)")
            return renamed
        }
        func changes(_ range: Range<Int>) -> [CaseChange] {
            families[range].flatMap { family in
                [CaseChange.addFamily(family)] + notes(9, family: family.id, tag: suffix)
            }
        }
        try pusher.apply(changes(0..<100), by: managerLogin)
        let manager = try await TeamServerConnection.connect(to: admin.signingIn(as: managerLogin, password: password))
        let pushClock = ContinuousClock.now
        let pushed = try await SyncEngine(store: pusher, server: manager).push()
        lines.append(
            "push \(pushed.applied) changes from a store (\(pushed.batches) transactions): "
                + "\(milliseconds(since: pushClock)) ms (target ≤ 1,000 ms)")

        // Pull 10,000 changes into an empty store (everything on the server: on a fresh one, those 10,000).
        for start in stride(from: 100, to: 1_000, by: 100) {
            try pusher.apply(changes(start..<(start + 100)), by: managerLogin)
        }
        _ = try await SyncEngine(store: pusher, server: manager).push()
        let puller = try SQLiteCaseStore(openingOrCreating: pullerURL, kind: .demonstration)
        let pullClock = ContinuousClock.now
        let pulled = try await SyncEngine(store: puller, server: manager).pull()
        lines.append(
            "pull \(pulled.changes) changes into a store (\(pulled.pages) pages): "
                + "\(milliseconds(since: pullClock)) ms (target ≤ 2,000 ms)")

        // 20 clients, each with its own login and connection, pushing 500 changes at once.
        let concurrentStart = try await manager.status().lastSeq
        let clients = try await withThrowingTaskGroup(of: TeamServerConnection.self) { group in
            for login in clientLogins {
                group.addTask {
                    try await TeamServerConnection.connect(to: admin.signingIn(as: login, password: password))
                }
            }
            var made: [TeamServerConnection] = []
            for try await client in group { made.append(client) }
            return made
        }
        let concurrentClock = ContinuousClock.now
        let outcomes = try await withThrowingTaskGroup(of: [PushOutcome].self) { group in
            for (index, client) in clients.enumerated() {
                group.addTask {
                    let family = "F-B\(suffix.uppercased())C\(index)"
                    var outcomes: [PushOutcome] = []
                    for batch in 0..<5 {
                        let envelopes = (0..<100).map { number in
                            RawEnvelope.json(
                                family: family, kind: batch == 0 && number == 0 ? "add-family" : "add-case-note")
                        }
                        outcomes += try await client.push(envelopes: envelopes)
                    }
                    return outcomes
                }
            }
            var all: [PushOutcome] = []
            for try await part in group { all += part }
            return all
        }
        let concurrentMilliseconds = milliseconds(since: concurrentClock)
        let applied = outcomes.filter { $0.status == .applied }.count
        let seqs = Set(outcomes.compactMap(\.seq))
        let onServer = try await manager.pull(since: concurrentStart, max: 10_000).map(\.seq)
        let gapless = onServer.count == seqs.count && Set(onServer) == seqs
        let perSecond = Int(Double(applied) / max(Double(concurrentMilliseconds) / 1_000, 0.001))
        lines.append(
            "20 clients × 500 changes at once: \(applied) of \(outcomes.count) applied, "
                + "\(outcomes.count - applied) errors, \(gapless ? "nothing lost" : "CHANGES MISSING") in "
                + "\(concurrentMilliseconds) ms (\(perSecond) changes/s)")
        for client in clients { try? await client.close() }
        try await manager.close()
        return lines
    }

    private static func notes(_ count: Int, family: FamilyID, tag: String) -> [CaseChange] {
        let now = Date()
        return (0..<count).map { number in
            .addCaseNote(
                family: family,
                CaseNote(
                    id: CaseNoteID("N-B\(tag.uppercased())-\(family.rawValue)-\(number)"), writtenAt: now,
                    author: "benchmark",
                    text: "Benchmark note \(number) (fictional)."))
        }
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// A change envelope as JSON, for the concurrent clients (the server reads only its top level).
enum RawEnvelope {
    static func json(family: String, kind: String) -> Data {
        let object: [String: Any] = [
            "id": UUID().uuidString.lowercased(), "format": 1, "device": "D-BENCH", "family": family,
            "record": family, "kind": kind, "base": NSNull(), "fields": NSNull(),
            "hlc": "0001764095400123-0000-D-BENCH", "scope": NSNull(), "change": ["action": kind],
        ]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }
}

/// Runs asynchronous work from the benchmark's synchronous command and waits for it.
enum AsyncWait {
    private final class Box<Value: Sendable>: @unchecked Sendable {
        var outcome: Swift.Result<Value, any Error>?
    }

    static func result<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws -> Value {
        let box = Box<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.outcome = .success(try await body()) } catch { box.outcome = .failure(error) }
            done.signal()
        }
        done.wait()
        guard let outcome = box.outcome else { throw CancellationError() }
        return try outcome.get()
    }
}
