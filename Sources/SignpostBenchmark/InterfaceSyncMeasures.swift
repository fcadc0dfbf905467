import Foundation
import SignpostApp
import SignpostDomain
import SignpostFixtures
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import SignpostTeamServer
import SignpostTerminal

/// Issue #14's interface figures: the interface's keystroke while a background sync pulls, against
/// the same keystroke idle, and how soon a colleague's saved note is in an online client's store.
///
/// Two practitioners' SQLite stores, each with the background sync the interface runs (its
/// defaults: a sync after every save, and every 2 seconds), against the PostgreSQL given.
/// Nothing is asserted; every figure is printed.
struct InterfaceSyncMeasures {
    let adminURL: String
    let folder: URL
    /// Keystrokes timed in each state.
    var keystrokes = 400
    /// Notes timed from save to a colleague's store.
    var notes = 5

    func run() throws -> [String] {
        let (adminURL, folder, keystrokes, notes) = (adminURL, folder, keystrokes, notes)
        let prepared = try AsyncWait.result { try await Self.prepare(adminURL: adminURL, folder: folder) }
        defer { prepared.remove() }
        var lines: [String] = []

        // The reader's interface on the home screen: ↓ and the whole frame, as the other render figures.
        let surface = MemorySurface(size: Size(width: 80, height: 24))
        var environment = AppEnvironment(
            store: prepared.reader, storeLocation: prepared.readerURL.path, storeKind: .demonstration,
            practitioner: "benchmark", theme: .monochrome)
        let readerSync = TeamBackgroundSync(store: prepared.reader, endpoint: prepared.readerEndpoint, login: "reader")
        environment.sync = readerSync
        let application = Application(environment: environment)
        func keystroke() {
            application.handle(.down, size: surface.size)
            application.render(on: surface)
        }
        let idle = Timing.measure(runs: keystrokes, warmup: 20, keystroke)

        // While the reader's sync pulls 2,000 changes a colleague pushed, the same keystroke.
        let writerSync = TeamBackgroundSync(store: prepared.writer, endpoint: prepared.writerEndpoint, login: "writer")
        try prepared.writer.apply(prepared.bulk, by: "writer")
        writerSync.start()
        _ = Self.wait(seconds: 120) {
            let status = writerSync.status()
            if case .online = status.connection { return status.toSend == 0 }
            return false
        }
        readerSync.start()
        readerSync.requestSync()
        var during: [Double] = []
        let clock = ContinuousClock()
        let before = readerSync.status().received
        while readerSync.status().received == before, during.count < 20_000 {
            let elapsed = clock.measure(keystroke)
            during.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        let busy = Timing(samples: during)
        lines.append(
            String(
                format: "interface keystroke (home ↓ and frame), idle: median %.2f ms, p95 %.2f ms, max %.2f ms",
                idle.median, idle.p95, idle.max))
        lines.append(
            String(
                format:
                    "interface keystroke while a sync pulls %d changes (%d keys): median %.2f ms, p95 %.2f ms, max %.2f ms; p95 added %.2f ms (target ≤ 1 ms)",
                prepared.bulk.count, busy.runs, busy.median, busy.p95, busy.max, busy.p95 - idle.p95))

        // A colleague saves a note; how long until it is in this (online) client's store.
        var delays: [Double] = []
        for number in 0..<notes {
            let note = CaseNote(
                id: CaseNoteID("N-VIS-\(prepared.suffix)-\(number)"), writtenAt: Date(), author: "writer",
                text: "Visibility note \(number) (fictional).")
            let saved = ContinuousClock.now
            try prepared.writer.apply([.addCaseNote(family: prepared.family, note)], by: "writer")
            let seen = Self.wait(seconds: 60) {
                ((try? prepared.reader.family(prepared.family))??.notes.contains { $0.id == note.id }) ?? false
            }
            if seen {
                let elapsed = ContinuousClock.now - saved
                delays.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
        }
        writerSync.stop()
        readerSync.stop()
        let sorted = delays.sorted()
        lines.append(
            String(
                format:
                    "a colleague's saved note in an online client's store: %d of %d, median %.1f s, max %.1f s (target ≤ 5 s)",
                delays.count, notes, sorted.isEmpty ? 0 : sorted[sorted.count / 2], sorted.last ?? 0))
        return lines
    }

    /// Polls `done` every 10 ms for at most `seconds`; true when it held.
    private static func wait(seconds: Double, _ done: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if done() { return true }
            usleep(10_000)
        }
        return false
    }

    /// The two stores, joined to a fresh pair of practitioners, holding one shared family.
    struct Prepared: @unchecked Sendable {
        var writer: SQLiteCaseStore
        var reader: SQLiteCaseStore
        var writerURL: URL
        var readerURL: URL
        var writerEndpoint: TeamServerEndpoint
        var readerEndpoint: TeamServerEndpoint
        var family: FamilyID
        var bulk: [CaseChange]
        var suffix: String

        func remove() {
            for url in [writerURL, readerURL] {
                for ending in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + ending) }
            }
        }
    }

    /// Runs `body` signed in to `endpoint`, closing the session whatever happens.
    private static func signedIn(
        _ endpoint: TeamServerEndpoint, _ body: (TeamServerConnection) async throws -> Void
    ) async throws {
        let connection = try await TeamServerConnection.connect(to: endpoint)
        do {
            try await body(connection)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func prepare(adminURL: String, folder: URL) async throws -> Prepared {
        let admin = try TeamServerEndpoint(url: adminURL)
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let password = UUID().uuidString
        let (writerLogin, readerLogin) = ("bench_w_\(suffix)", "bench_r_\(suffix)")
        try await signedIn(admin) { setup in
            try await setup.initialise(kind: .demonstration)
            for login in [writerLogin, readerLogin] {
                // North hub workers: they read only families with a north scope, never the raw
                // envelopes the team server measures push without one.
                try await setup.addPractitioner(login: login, role: .hubWorker, locality: "north", password: password)
            }
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let writerURL = folder.appendingPathComponent("interface-writer-\(suffix).sqlite")
        let readerURL = folder.appendingPathComponent("interface-reader-\(suffix).sqlite")
        let writer = try SQLiteCaseStore(openingOrCreating: writerURL, kind: .demonstration)
        let reader = try SQLiteCaseStore(openingOrCreating: readerURL, kind: .demonstration)
        // Both are in a team: each change saved is queued as it is made.
        for store in [writer, reader] { try store.startOutbox() }
        let today = try CalendarDate(iso: "2026-11-23")
        let families = SyntheticFamilyGenerator(seed: 14).families(0..<201, today: today).map { family in
            var renamed = family
            renamed.id = FamilyID("F-I\(suffix.uppercased())-\(family.id.rawValue)")
            renamed.locality = .north
            return renamed
        }
        // One family both hold first; then 200 families with 9 notes each for the reader to pull.
        try writer.apply([.addFamily(families[0])], by: writerLogin)
        let writerEndpoint = admin.signingIn(as: writerLogin, password: password)
        let readerEndpoint = admin.signingIn(as: readerLogin, password: password)
        try await signedIn(writerEndpoint) { _ = try await SyncEngine(store: writer, server: $0).sync() }
        try await signedIn(readerEndpoint) { _ = try await SyncEngine(store: reader, server: $0).sync() }
        let now = Date()
        let bulk = families[1...].flatMap { family in
            [CaseChange.addFamily(family)]
                + (0..<9).map { number in
                    CaseChange.addCaseNote(
                        family: family.id,
                        CaseNote(
                            id: CaseNoteID("N-I\(suffix.uppercased())-\(family.id.rawValue)-\(number)"),
                            writtenAt: now, author: "benchmark", text: "Benchmark note \(number) (fictional)."))
                }
        }
        return Prepared(
            writer: writer, reader: reader, writerURL: writerURL, readerURL: readerURL,
            writerEndpoint: writerEndpoint, readerEndpoint: readerEndpoint, family: families[0].id, bulk: bulk,
            suffix: suffix)
    }
}
