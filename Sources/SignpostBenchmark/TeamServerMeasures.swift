import Dispatch
import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import SignpostTeamServer

/// The team server's figures (issues #13 and #14): pushing 1,000 changes from a store, pulling
/// 10,000 into another, the first sync of a locality of 10,000 families, 20 clients pushing 500
/// changes each at once, and 20 laptops each back from a day offline with 500 changes syncing at once.
///
/// Runs against the PostgreSQL whose superuser URL is given (`.ci/postgres run` makes one):
/// the database is initialised as a demonstration server, practitioners made with a fresh suffix,
/// and every figure printed; nothing is asserted.
struct TeamServerMeasures {
    let adminURL: String
    let folder: URL
    /// Families in the first-sync measure: 10,000 (issue #13's target), fewer in `--quick` mode.
    var localityFamilies = 10_000

    /// One printed line per figure.
    func run() throws -> [String] {
        let adminURL = self.adminURL
        let folder = self.folder
        let localityFamilies = self.localityFamilies
        return try AsyncWait.result {
            try await Self.measure(adminURL: adminURL, folder: folder, localityFamilies: localityFamilies)
        }
    }

    private static func measure(adminURL: String, folder: URL, localityFamilies: Int) async throws -> [String] {
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
        let laptopLogins = (0..<20).map { "bench_l\($0)_\(suffix)" }
        for login in laptopLogins {
            try await setup.addPractitioner(login: login, role: .frontDoor, locality: nil, password: password)
        }
        let hubLogin = "bench_hub_\(suffix)"
        try await setup.addPractitioner(login: hubLogin, role: .hubWorker, locality: "central", password: password)
        try await setup.close()
        var lines: [String] = []

        // Push 1,000 changes from a store's outbox (batches of 250, one transaction each).
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pusherURL = folder.appendingPathComponent("team-pusher-\(suffix).sqlite")
        let pullerURL = folder.appendingPathComponent("team-puller-\(suffix).sqlite")
        let historyURL = folder.appendingPathComponent("team-history-\(suffix).sqlite")
        let joinerURL = folder.appendingPathComponent("team-joiner-\(suffix).sqlite")
        let laptopURLs = (0..<20).map { folder.appendingPathComponent("team-laptop\($0)-\(suffix).sqlite") }
        defer {
            for url in [pusherURL, pullerURL, historyURL, joinerURL] + laptopURLs {
                for ending in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + ending) }
            }
        }
        let pusher = try SQLiteCaseStore(openingOrCreating: pusherURL, kind: .demonstration)
        // Stores in a team: each change saved is queued as it is made.
        try pusher.startOutbox()
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

        // First sync of a locality: the server holds the history of `localityFamilies` families in
        // one locality (each family whole as it was added, then two notes); a new store of a hub
        // worker there joins and pulls them all.
        let history = try SQLiteCaseStore(openingOrCreating: historyURL, kind: .demonstration)
        try history.startOutbox()
        let generator = SyntheticFamilyGenerator(seed: 29)
        for start in stride(from: 0, to: localityFamilies, by: 500) {
            let chunk = generator.families(start..<min(start + 500, localityFamilies), today: today).map { family in
                var local = family
                local.id = FamilyID("F-L\(suffix.uppercased())-\(family.id.rawValue)")
                local.locality = .central
                return local
            }
            try history.apply(
                chunk.flatMap { [CaseChange.addFamily($0)] + notes(2, family: $0.id, tag: suffix) }, by: managerLogin)
        }
        let historyClock = ContinuousClock.now
        let historyPushed = try await SyncEngine(store: history, server: manager).push()
        lines.append(
            "push \(historyPushed.applied) changes of \(localityFamilies) families' history "
                + "(\(historyPushed.batches) transactions): \(milliseconds(since: historyClock)) ms")
        let joiner = try SQLiteCaseStore(openingOrCreating: joinerURL, kind: .demonstration)
        let hub = try await TeamServerConnection.connect(to: admin.signingIn(as: hubLogin, password: password))
        let joinClock = ContinuousClock.now
        let joined = try await SyncEngine(store: joiner, server: hub).sync()
        let joinMilliseconds = milliseconds(since: joinClock)
        let joinedFamilies = try joiner.info().familyCount
        lines.append(
            "first sync of a \(localityFamilies)-family locality: \(joined.pull.changes) changes, "
                + "\(joinedFamilies) families in \(joined.pull.pages) pages: \(joinMilliseconds) ms (target ≤ 60,000 ms)"
        )
        try await hub.close()

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

        // 20 laptops, each back from a day offline with 500 changes in its store (a family and 499
        // notes), syncing at once, then again until nothing moves: time to quiescence.
        let laptopStart = try await manager.status().lastSeq
        var laptops: [(store: SQLiteCaseStore, connection: TeamServerConnection)] = []
        var madeOffline = Set<UUID>()
        for (index, login) in laptopLogins.enumerated() {
            let store = try SQLiteCaseStore(openingOrCreating: laptopURLs[index], kind: .demonstration)
            try store.startOutbox()
            let family = families[index]
            var offline = family
            offline.id = FamilyID("F-O\(suffix.uppercased())-\(index)")
            try store.apply(
                [.addFamily(offline)] + notes(499, family: offline.id, tag: "\(suffix)-\(index)"), by: login)
            madeOffline.formUnion(try store.pendingChanges(limit: 1_000).map(\.id))
            laptops.append(
                (store, try await TeamServerConnection.connect(to: admin.signingIn(as: login, password: password))))
        }
        let quiescenceClock = ContinuousClock.now
        var rounds = 0
        var moved = true
        while moved {
            rounds += 1
            let reports = try await withThrowingTaskGroup(of: SyncReport.self) { group in
                for laptop in laptops {
                    group.addTask { try await SyncEngine(store: laptop.store, server: laptop.connection).sync() }
                }
                var all: [SyncReport] = []
                for try await report in group { all.append(report) }
                return all
            }
            moved = reports.contains { $0.push.applied + $0.push.duplicates + $0.pull.changes > 0 }
        }
        let quiescenceMilliseconds = milliseconds(since: quiescenceClock)
        var laptopChanges: [Int64] = []
        var seenIDs = Set<String>()
        var after = laptopStart
        while true {
            let page = try await manager.pull(since: after, max: 10_000)
            guard let last = page.last else { break }
            laptopChanges += page.map(\.seq)
            for change in page {
                if let object = try JSONSerialization.jsonObject(with: change.envelopeJSON) as? [String: Any],
                    let id = object["id"] as? String
                {
                    seenIDs.insert(id.uppercased())
                }
            }
            after = last.seq
        }
        let missing = madeOffline.filter { !seenIDs.contains($0.uuidString) }.count
        let stillQueued = try laptops.reduce(0) { $0 + (try $1.store.pendingChanges(limit: 1_000).count) }
        lines.append(
            "20 laptops × 500 offline changes syncing at once: \(madeOffline.count - missing) of "
                + "\(madeOffline.count) on the server, \(missing) missing, \(stillQueued) still queued, "
                + "quiescent after \(rounds) rounds in \(quiescenceMilliseconds) ms "
                + "(\(Int(Double(madeOffline.count) / max(Double(quiescenceMilliseconds) / 1_000, 0.001))) changes/s)")
        for laptop in laptops { try? await laptop.connection.close() }
        try await manager.close()
        return lines
    }

    static func notes(_ count: Int, family: FamilyID, tag: String) -> [CaseChange] {
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
