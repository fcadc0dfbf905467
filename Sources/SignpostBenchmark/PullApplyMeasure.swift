import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import SignpostTeamServer

/// The store's side of a pull without a server (issue #13's "pull 10,000 changes"): the changes
/// the team server measure pulls (each family added whole, then 9 notes), as the server's JSON,
/// decoded and applied page by page into an empty store.
///
/// What it times is what the pull spends on this computer (decoding and applying), free of the
/// network and PostgreSQL, so it can be profiled on its own:
/// `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*decodeAndApplyPulled*'
/// .build/release/signpost-benchmark --sizes 200 --only pull --runs 1 --warmup 0`.
struct PullApplyMeasure {
    let families: Int
    let folder: URL
    let settings: Settings
    /// Changes per page, as ``SyncEngine/pageSize``.
    var pageSize = 1_000

    func result() throws -> Result {
        let pulled = try Self.pulledChanges(families: families, folder: folder)
        var runs: [Double] = []
        // Each run needs an empty store: a few runs, each timed on its own.
        let count = max(1, min(settings.runs, 5))
        for run in 0..<(count + min(settings.warmup, 1)) {
            let url = folder.appendingPathComponent("pull-apply-\(UUID().uuidString.prefix(8)).sqlite")
            defer {
                for ending in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + ending) }
            }
            let store = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration)
            let clock = ContinuousClock()
            let elapsed = try clock.measure { try Self.decodeAndApplyPulled(pulled, into: store, pageSize: pageSize) }
            try store.close()
            if run >= min(settings.warmup, 1) {
                runs.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            }
        }
        return Result(
            measure: "pull: decode and apply \(pulled.count) changes", families: families,
            timing: Timing(samples: runs), target: "reported (server: ≤ 2,000 ms at 1,000)")
    }

    /// Decodes each page and applies it in one store transaction, one after another (the pull
    /// overlaps the two; here both are counted).
    // Never inlined: callgrind collects from this function by name (see the type's summary).
    @inline(never)
    static func decodeAndApplyPulled(_ pulled: [PulledChange], into store: SQLiteCaseStore, pageSize: Int) throws {
        var start = 0
        while start < pulled.count {
            let page = Array(pulled[start..<min(start + pageSize, pulled.count)])
            try store.applyPulled(try SyncEngine.decode(page))
            start += pageSize
        }
    }

    /// `families` synthetic families, each added then given 9 notes, as a pushing store's outbox
    /// holds them, numbered as the server would.
    static func pulledChanges(families: Int, folder: URL) throws -> [PulledChange] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("pull-apply-source-\(UUID().uuidString.prefix(8)).sqlite")
        defer {
            for ending in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + ending) }
        }
        let source = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration)
        try source.startOutbox()
        let today = try CalendarDate(iso: "2026-11-23")
        let made = SyntheticFamilyGenerator(seed: 13).families(0..<families, today: today)
        for start in stride(from: 0, to: made.count, by: 100) {
            try source.apply(
                made[start..<min(start + 100, made.count)].flatMap { family in
                    [CaseChange.addFamily(family)] + TeamServerMeasures.notes(9, family: family.id, tag: "pull")
                }, by: "benchmark")
        }
        let envelopes = try source.pendingChanges(limit: families * 10)
        try source.close()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let received = Date()
        return try envelopes.enumerated().map { index, envelope in
            PulledChange(
                seq: Int64(index + 1), author: "benchmark_mgr", receivedAt: received,
                envelopeJSON: try encoder.encode(envelope))
        }
    }
}
