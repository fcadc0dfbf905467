import Foundation
import PostgresNIO
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import SignpostStoreTesting
import SignpostSync
import XCTest

@testable import SignpostTeamServer

/// Issue #14's faults, against the real PostgreSQL: a push cut off, a pull cut off, the same push
/// twice, clocks a day out, two laptops a week offline, a laptop rebuilt from the server and one
/// restored from an old backup. Each prints `fault: NAME: changes made N, on the server M, lost 0,
/// duplicated 0`, and fails if anything was lost or duplicated.
final class SyncFaultTests: TeamServerTestCase {
    // MARK: Faults

    func testAPushCutOffByTheServerIsSentAgainWithNothingLostOrDuplicated() async throws {
        let endpoint = try await practitionerEndpoint("cut", role: .frontDoor)
        let store = try laptop("cut")
        let id = FamilyID(familyID(1))
        try store.apply([.addFamily(wrenfoldFamily(id))] + wrenfoldNotes(299, family: id, tag: "CUT"), by: "cut")
        let made = try pendingIDs(store)
        let connection = try await connect(endpoint)

        // The push waits for the server's push lock, held here, and its session is ended while it waits.
        try await admin.execute("SELECT pg_advisory_lock(7319000)")
        let pushing = Task { try await SyncEngine(store: store, server: connection, batchSize: 100).push() }
        try await waitUntilWaitingOnALock(endpoint.login)
        try await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = \(endpoint.login)")
        try await admin.execute("SELECT pg_advisory_unlock(7319000)")
        do {
            _ = try await pushing.value
            XCTFail("a push whose session was ended reported success")
        } catch {}
        XCTAssertEqual(try pendingIDs(store), made, "nothing was marked sent")

        let report = try await SyncEngine(store: store, server: try await connect(endpoint)).sync()
        XCTAssertEqual(report.push.applied, made.count)
        XCTAssertEqual(try store.pendingChanges(limit: 10).count, 0)
        try await tally("push cut off by the server", made: made, stores: [store], family: id)
    }

    func testAPushWhoseAnswerWasLostIsAcknowledgedAsDuplicatesWhenSentAgain() async throws {
        let endpoint = try await practitionerEndpoint("twice", role: .frontDoor)
        let store = try laptop("twice")
        let id = FamilyID(familyID(1))
        try store.apply([.addFamily(wrenfoldFamily(id))] + wrenfoldNotes(99, family: id, tag: "TWICE"), by: "twice")
        let made = try pendingIDs(store)
        let connection = try await connect(endpoint)
        // The first send reached the server, but its answer never came back: the store still holds them all.
        let encoder = JSONEncoder()
        _ = try await connection.push(envelopes: try store.pendingChanges(limit: 1_000).map { try encoder.encode($0) })
        XCTAssertEqual(try pendingIDs(store), made)

        let report = try await SyncEngine(store: store, server: connection).sync()
        XCTAssertEqual(report.push.applied, 0)
        XCTAssertEqual(report.push.duplicates, made.count, "the same push sent twice is applied once")
        XCTAssertEqual(try store.pendingChanges(limit: 10).count, 0)
        try await tally("the same push sent twice", made: made, stores: [store], family: id)
    }

    func testAPullCutOffMidwayResumesWhereItStoppedWithNothingLostOrDuplicated() async throws {
        let writer = try await practitioner("writer", role: .frontDoor)
        let readerEndpoint = try await practitionerEndpoint("reader", role: .manager)
        let source = try laptop("writer")
        let id = FamilyID(familyID(1))
        try source.apply([.addFamily(wrenfoldFamily(id))] + wrenfoldNotes(599, family: id, tag: "PULL"), by: "writer")
        let made = try pendingIDs(source)
        _ = try await SyncEngine(store: source, server: writer).sync()

        // Two pages arrive and are applied; the third is cut off: its session is ended while the
        // server waits to audit it (the audit lock held here).
        let reader = try laptop("reader")
        let connection = try await connect(readerEndpoint)
        var since: Int64 = 0
        for _ in 0..<2 {
            let page = try await connection.pull(since: since, max: 100)
            try reader.applyPulled(try page.map(Self.serverChange))
            since = try XCTUnwrap(page.last).seq
        }
        XCTAssertEqual(try reader.lastPulledSeq(), since)
        try await admin.execute("SELECT pg_advisory_lock(7319001)")
        let pulling = Task { try await SyncEngine(store: reader, server: connection, pageSize: 100).pull() }
        try await waitUntilWaitingOnALock(readerEndpoint.login)
        try await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = \(readerEndpoint.login)")
        try await admin.execute("SELECT pg_advisory_unlock(7319001)")
        do {
            _ = try await pulling.value
            XCTFail("a pull whose session was ended reported success")
        } catch {}
        XCTAssertEqual(try reader.lastPulledSeq(), since, "what was applied stays; nothing of the cut page")
        XCTAssertEqual(try reader.family(id)?.notes.count, 199)

        let resumed = try await SyncEngine(store: reader, server: try await connect(readerEndpoint), pageSize: 100)
            .pull()
        XCTAssertEqual(resumed.changes, made.count - 200)
        XCTAssertEqual(try reader.family(id)?.notes.count, 599)
        try await tally("pull cut off midway", made: made, stores: [source, reader], family: id)
    }

    func testAClockADayFastOrSlowIsToldAndMovesNobodyElsesClock() async throws {
        let fastServer = try await practitioner("fast", role: .frontDoor)
        let slowServer = try await practitioner("slow", role: .frontDoor)
        let readerServer = try await practitioner("reader", role: .manager)
        let day: TimeInterval = 86_400
        let fastClock: @Sendable () -> Date = { Date().addingTimeInterval(day) }
        let slowClock: @Sendable () -> Date = { Date().addingTimeInterval(-day) }
        let fast = try InMemoryCaseStore(clock: fastClock).inTeam()
        let slow = try InMemoryCaseStore(clock: slowClock).inTeam()
        let fastFamily = FamilyID(familyID(1))
        let slowFamily = FamilyID(familyID(2))
        try fast.apply(
            [.addFamily(wrenfoldFamily(fastFamily))] + wrenfoldNotes(20, family: fastFamily, tag: "FAST"), by: "fast")
        try slow.apply(
            [.addFamily(wrenfoldFamily(slowFamily))] + wrenfoldNotes(20, family: slowFamily, tag: "SLOW"), by: "slow")
        let made = try pendingIDs(fast).union(try pendingIDs(slow))

        let fastReport = try await SyncEngine(store: fast, server: fastServer, wallClock: fastClock).sync()
        let slowReport = try await SyncEngine(store: slow, server: slowServer, wallClock: slowClock).sync()
        XCTAssertTrue(fastReport.summary.contains("clock is 1 day ahead of the team server's"), fastReport.summary)
        XCTAssertTrue(slowReport.summary.contains("behind the team server's"), slowReport.summary)
        XCTAssertEqual(fastReport.push.applied, 21, "a fast clock's changes are sent, not held back")
        XCTAssertEqual(try fast.pendingChanges(limit: 10).count, 0)

        // Nothing on the server is stamped more than the limit ahead of the server's clock.
        let latest = try await texts(
            "SELECT (max(substr(envelope ->> 'hlc', 1, 16)::bigint) - (extract(epoch FROM clock_timestamp()) * 1000)::bigint)::text FROM signpost.change"
        )
        let ahead = try XCTUnwrap(Int64(latest.first ?? ""))
        XCTAssertLessThanOrEqual(ahead, TeamServerSchema.clockLimitMilliseconds, "milliseconds ahead: \(ahead)")

        // A colleague pulling those changes keeps a clock near the real time.
        let reader = try laptop("reader")
        _ = try await SyncEngine(store: reader, server: readerServer).sync()
        let readerFamily = FamilyID(familyID(3))
        try reader.apply([.addFamily(wrenfoldFamily(readerFamily))], by: "reader")
        let stamp = try XCTUnwrap(try reader.pendingChanges(limit: 1).first).hlc
        let stampedAhead = Double(stamp.milliseconds) / 1_000 - Date().timeIntervalSince1970
        XCTAssertLessThan(stampedAhead, 6 * 60, "the colleague's clock was carried \(stampedAhead) s ahead")
        print("fault: clock a day fast and a day slow: colleague's clock \(Int(stampedAhead)) s ahead after pulling")
        try await tally("clock a day fast and a day slow", made: made, stores: [reader], family: fastFamily)
    }

    func testTwoLaptopsAWeekOfflineOnOneFamilySyncInEitherOrderWithEverySameFieldDifferenceAConflict() async throws {
        for (order, first) in ["sam first", "ali first"].enumerated() {
            let samServer = try await practitioner("sam\(order)", role: .hubWorker, locality: "north")
            let aliServer = try await practitioner("ali\(order)", role: .hubWorker, locality: "north")
            let sam = try laptop("sam\(order)")
            let ali = try laptop("ali\(order)")
            let id = FamilyID(familyID(10 + order))
            try sam.apply([.addFamily(wrenfoldFamily(id))], by: "sam")
            _ = try await SyncEngine(store: sam, server: samServer).sync()
            _ = try await SyncEngine(store: ali, server: aliServer).sync()
            let conflictsBefore = try await admin.conflicts().count

            // A week offline: each writes 200 notes and changes Marta's phone 60 times; Sam also her
            // first language, Ali her also-known-as (fields only one of them changes: no conflict).
            for day in 0..<7 {
                try week(sam, id, day: day, tag: "S\(order)", phone: "020 7946 1", other: .firstLanguage)
                try week(ali, id, day: day, tag: "A\(order)", phone: "020 7946 2", other: .alsoKnownAs)
            }
            let made = try pendingIDs(sam).union(try pendingIDs(ali))
            let aliPhoneEdits = try pendingEdits(ali, field: "phone")
            let samPhoneEdits = try pendingEdits(sam, field: "phone")

            let pairs = order == 0 ? [(sam, samServer), (ali, aliServer)] : [(ali, aliServer), (sam, samServer)]
            var reports: [SyncReport] = []
            for (store, server) in pairs + pairs {
                reports.append(try await SyncEngine(store: store, server: server).sync())
            }
            let conflicts = try await admin.conflicts().dropFirst(conflictsBefore)
            let secondPhoneEdits = order == 0 ? aliPhoneEdits : samPhoneEdits
            XCTAssertEqual(
                conflicts.count, secondPhoneEdits, "\(first): every phone the second laptop set is a conflict")
            XCTAssertEqual(Set(conflicts.map(\.field)), ["phone"], "\(first): only the field both changed")
            XCTAssertEqual(reports[1].push.conflicts.count, secondPhoneEdits)

            let samFamily = try XCTUnwrap(try sam.family(id))
            let aliFamily = try XCTUnwrap(try ali.family(id))
            XCTAssertEqual(Set(samFamily.notes.map(\.id)), Set(aliFamily.notes.map(\.id)))
            XCTAssertEqual(samFamily.notes.count, 2 * 7 * 30)
            XCTAssertEqual(samFamily.members, aliFamily.members, "\(first): both laptops hold the same people")
            let marta = try XCTUnwrap(samFamily.members.first)
            XCTAssertEqual(marta.firstLanguage, "Language S\(order)-6-9", "Sam's unopposed field stands")
            XCTAssertEqual(marta.alsoKnownAs, ["Alias A\(order)-6-9"], "Ali's unopposed field stands")
            let firstPhone = order == 0 ? "020 7946 1" : "020 7946 2"
            XCTAssertEqual(marta.phone, "\(firstPhone)-6-9", "the phone the server took first stands")
            try await tally("two laptops a week offline, \(first)", made: made, stores: [sam, ali], family: id)
        }
    }

    func testALaptopDeletedAndRebuiltFromTheServerHoldsWhatItHeld() async throws {
        let endpoint = try await practitionerEndpoint("rebuilt", role: .hubWorker, locality: "north")
        let url = laptopStoreURL("rebuilt")
        var store: SQLiteCaseStore? = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration).inTeam()
        let id = FamilyID(familyID(1))
        try store?.apply(
            [.addFamily(wrenfoldFamily(id))] + wrenfoldNotes(150, family: id, tag: "REBUILT"), by: "rebuilt")
        for day in 0..<3 {
            try week(try XCTUnwrap(store), id, day: day, tag: "R", phone: "020 7946 3", other: .firstLanguage)
        }
        let made = try pendingIDs(try XCTUnwrap(store))
        _ = try await SyncEngine(store: try XCTUnwrap(store), server: try await connect(endpoint)).sync()
        let held = try XCTUnwrap(try store?.family(id))
        store = nil
        for ending in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + ending) }

        let rebuilt = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration).inTeam()
        let report = try await SyncEngine(store: rebuilt, server: try await connect(endpoint)).sync()
        XCTAssertEqual(report.push.applied, 0)
        XCTAssertEqual(report.pull.changes, made.count)
        let back = try XCTUnwrap(try rebuilt.family(id))
        XCTAssertEqual(back.notes.map(\.id), held.notes.map(\.id))
        XCTAssertEqual(back.members, held.members)
        try await tally("laptop deleted and rebuilt from the server", made: made, stores: [rebuilt], family: id)
    }

    func testAStoreRestoredFromAnOldBackupSendsItsUnsentChangesOnceAndGetsBackTheLaterOnes() async throws {
        let endpoint = try await practitionerEndpoint("restored", role: .frontDoor)
        let url = laptopStoreURL("restored")
        let backup = laptopStoreURL("backup")
        let id = FamilyID(familyID(1))
        var made = Set<UUID>()
        do {
            let store = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration).inTeam()
            try store.apply(
                [.addFamily(wrenfoldFamily(id))] + wrenfoldNotes(20, family: id, tag: "SENT"), by: "restored")
            _ = try await SyncEngine(store: store, server: try await connect(endpoint)).sync()
            // Unsent when the backup is taken; sent afterwards.
            try store.apply(wrenfoldNotes(15, family: id, tag: "UNSENT"), by: "restored")
            made.formUnion(try pendingIDs(store))
            try copyStore(url, to: backup)
            _ = try await SyncEngine(store: store, server: try await connect(endpoint)).sync()
            // Made and sent after the backup: the restored store has never seen them.
            try store.apply(wrenfoldNotes(10, family: id, tag: "LATER"), by: "restored")
            made.formUnion(try pendingIDs(store))
            _ = try await SyncEngine(store: store, server: try await connect(endpoint)).sync()
        }
        for ending in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + ending) }
        try copyStore(backup, to: url)

        let restored = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration).inTeam()
        try restored.apply(wrenfoldNotes(5, family: id, tag: "AFTER"), by: "restored")
        made.formUnion(try pendingIDs(restored))
        let report = try await SyncEngine(store: restored, server: try await connect(endpoint)).sync()
        XCTAssertEqual(report.push.applied, 5)
        XCTAssertEqual(report.push.duplicates, 15, "the backup's unsent changes were already on the server")
        XCTAssertEqual(try restored.pendingChanges(limit: 10).count, 0)
        let notes = try XCTUnwrap(try restored.family(id)).notes
        XCTAssertEqual(notes.count, 20 + 15 + 10 + 5, "the later changes came back from the server")
        try await tally("store restored from an old backup", made: made, stores: [restored], family: id)
    }

    // MARK: Helpers

    /// One day of offline work: 30 notes, 9 changes of the phone (its last "PHONE-DAY-9" at the 9th)
    /// and one to another field.
    private func week(
        _ store: SQLiteCaseStore, _ id: FamilyID, day: Int, tag: String, phone: String, other: PersonField
    ) throws {
        var changes = wrenfoldNotes(30, family: id, tag: "\(tag)-\(day)")
        for edit in 1...9 {
            changes.append(
                .updatePersonFields(family: id, person: "P-marta", fields: [.phone: .string("\(phone)-\(day)-\(edit)")])
            )
        }
        let value: JSONValue =
            other == .alsoKnownAs ? .array([.string("Alias \(tag)-\(day)-9")]) : .string("Language \(tag)-\(day)-9")
        changes.append(.updatePersonFields(family: id, person: "P-marta", fields: [other: value]))
        try store.apply(changes, by: tag)
    }

    private func pendingIDs(_ store: any SyncableStore) throws -> Set<UUID> {
        Set(try store.pendingChanges(limit: 100_000).map(\.id))
    }

    private func pendingEdits(_ store: any SyncableStore, field: String) throws -> Int {
        try store.pendingChanges(limit: 100_000).filter { $0.fields?[field] != nil }.count
    }

    private static func serverChange(_ pulled: PulledChange) throws -> ServerChange {
        ServerChange(
            seq: pulled.seq, author: pulled.author, receivedAt: pulled.receivedAt,
            envelope: try JSONDecoder().decode(ChangeEnvelope.self, from: pulled.envelopeJSON))
    }

    /// Copies a store file as a backup would (its write-ahead log too, so the copy is whole).
    private func copyStore(_ source: URL, to destination: URL) throws {
        for ending in ["", "-wal"] where FileManager.default.fileExists(atPath: source.path + ending) {
            try? FileManager.default.removeItem(atPath: destination.path + ending)
            try FileManager.default.copyItem(atPath: source.path + ending, toPath: destination.path + ending)
        }
    }

    /// Waits (polling the server, at most 30 s) until a session of `login` waits on a lock.
    private func waitUntilWaitingOnALock(_ login: String) async throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let waiting = try await texts(
                "SELECT count(*)::text FROM pg_stat_activity WHERE usename = \(login) AND wait_event_type = 'Lock'")
            if waiting.first != "0" { return }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        XCTFail("\(login) never waited on the lock")
    }

    private func texts(_ query: PostgresQuery) async throws -> [String] {
        try await admin.translatingErrors {
            var values: [String] = []
            let rows = try await admin.connection.query(query, logger: admin.logger)
            for try await value in rows.decode(String.self) { values.append(value) }
            return values
        }
    }

    /// Prints the fault's figures and fails if a change made is missing from the server or anything
    /// is there twice: on the server (one record added by two changes) or in a store (a note held twice).
    private func tally(_ name: String, made: Set<UUID>, stores: [any SyncableStore], family: FamilyID) async throws {
        let onServer = Set(try await texts("SELECT change_id::text FROM signpost.change").map { $0.lowercased() })
        let lost = made.filter { !onServer.contains($0.uuidString.lowercased()) }.count
        let appendedTwice = try await texts(
            """
            SELECT (count(*) - count(DISTINCT (family, record, kind)))::text FROM signpost.change
            WHERE kind NOT IN ('update-person', 'update-family', 'update-referral-status', 'save-assessment')
            """)
        var duplicated = Int(appendedTwice.first ?? "") ?? -1
        for store in stores {
            let notes = try store.family(family)?.notes ?? []
            duplicated += notes.count - Set(notes.map(\.id)).count
        }
        print(
            "fault: \(name): changes made \(made.count), on the server \(onServer.count), lost \(lost), duplicated \(duplicated)"
        )
        XCTAssertEqual(lost, 0, "\(name): changes lost")
        XCTAssertEqual(duplicated, 0, "\(name): changes duplicated")
    }
}
