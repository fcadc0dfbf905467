import Foundation
import PostgresNIO
import SignpostDomain
import SignpostStore
import SignpostStoreTesting
import SignpostSync
import XCTest

@testable import SignpostTeamServer

/// Issue #14 against a real PostgreSQL: a conflict resolved by a change that clears it for
/// everyone, and the background sync's status offline and online.
final class OfflineConflictTests: TeamServerTestCase {
    func family(_ id: FamilyID) throws -> Family {
        let marta = Person(
            id: "P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true, phone: "020 7946 0000")
        return Family(
            id: id, name: "Wrenfold", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [marta])
    }

    /// Sam and Ali both change Marta's phone; Ali's push is held as a conflict.
    func makeConflict() async throws -> (
        sam: InMemoryCaseStore, samServer: TeamServerConnection, ali: InMemoryCaseStore,
        aliServer: TeamServerConnection, id: FamilyID
    ) {
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let aliServer = try await practitioner("ali", role: .hubWorker, locality: "north")
        let sam = try InMemoryCaseStore().inTeam()
        let ali = try InMemoryCaseStore().inTeam()
        let id = FamilyID(familyID(1))
        try sam.apply([.addFamily(try family(id))], by: "sam")
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        _ = try await SyncEngine(store: ali, server: aliServer).sync()
        try sam.apply(
            [.updatePersonFields(family: id, person: "P-marta", fields: [.phone: "020 7946 0001"])], by: "sam")
        try ali.apply(
            [.updatePersonFields(family: id, person: "P-marta", fields: [.phone: "020 7946 0999"])], by: "ali")
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        let report = try await SyncEngine(store: ali, server: aliServer).sync()
        XCTAssertEqual(report.push.conflicts.count, 1)
        return (sam, samServer, ali, aliServer, id)
    }

    func testKeepingMineIsAChangeThatClearsTheConflictAndReachesTheOtherStore() async throws {
        let (sam, samServer, ali, aliServer, id) = try await makeConflict()
        let conflicts = try await aliServer.openConflicts()
        let conflict = try XCTUnwrap(conflicts.first)
        XCTAssertEqual(conflicts.count, 1)
        XCTAssertEqual(conflict.edits, "update-person")
        XCTAssertEqual(conflict.field, "phone")
        XCTAssertEqual(conflict.serverValue, .string("020 7946 0001"))
        XCTAssertEqual(conflict.serverAuthor, samServer.endpoint.login)
        XCTAssertEqual(conflict.pushedValue, .string("020 7946 0999"))
        XCTAssertEqual(conflict.pushedAuthor, aliServer.endpoint.login)
        XCTAssertEqual(try ali.family(id)?.members[0].phone, "020 7946 0001", "the server's value stands")

        try ali.apply([.resolveConflict(conflict.resolution(.keepMine, value: conflict.pushedValue))], by: "ali")
        let sent = try await SyncEngine(store: ali, server: aliServer).sync()
        XCTAssertEqual(sent.push.applied, 1, "the resolution is based on the latest value: no new conflict")
        XCTAssertEqual(sent.push.conflicts.count, 0)
        let aliConflicts = try await aliServer.openConflicts()
        let samConflicts = try await samServer.openConflicts()
        XCTAssertEqual(aliConflicts, [])
        XCTAssertEqual(samConflicts, [])

        let received = try await SyncEngine(store: sam, server: samServer).sync()
        // Ali's held edit (kept with none of its fields) and the resolution.
        XCTAssertEqual(received.pull.changes, 2)
        XCTAssertEqual(try sam.family(id)?.members[0].phone, "020 7946 0999")
        let trail = try sam.auditTrail(family: id, limit: 1)
        XCTAssertEqual(trail.first?.action, "resolve-conflict")
        XCTAssertEqual(trail.first?.actor, aliServer.endpoint.login)

        let resolvedBy = try await text(
            "SELECT resolved_by || ' ' || (resolution ->> 'choice') FROM signpost.conflict WHERE id = \(conflict.id)")
        XCTAssertEqual(resolvedBy, "\(aliServer.endpoint.login) keep-mine")
        let audited = try await text(
            "SELECT count(*)::text FROM signpost.audit WHERE action = 'resolve-conflict' AND family = '\(id.rawValue)'")
        XCTAssertEqual(audited, "1")
    }

    func testConflictsHeardAtTheLastSyncAreShownWhenTheInterfaceStartsOffline() async throws {
        let (_, _, ali, aliServer, _) = try await makeConflict()
        // Ali's password, set afresh (same role and locality), for the background sync to sign in with.
        let login = aliServer.endpoint.login
        let password = UUID().uuidString
        try await admin.addPractitioner(login: login, role: .hubWorker, locality: "north", password: password)
        let endpoint = adminEndpoint.signingIn(as: login, password: password)

        let online = TeamBackgroundSync(store: ali, endpoint: endpoint, login: login, interval: 0.2)
        online.start()
        let heard = try await waitFor(online) { status in
            if case .online = status.connection { !status.conflicts.isEmpty } else { false }
        }
        online.stop()
        XCTAssertNil(heard.conflictsAsOf, "heard from the server in this session")
        XCTAssertEqual(try ali.rememberedConflicts()?.conflicts.map(\.field), ["phone"])

        // The next session starts with the server out of reach: the conflict is still there, marked.
        var away = endpoint
        away.port = 1
        let offline = TeamBackgroundSync(store: ali, endpoint: away, login: login, interval: 0.2, retryInterval: 0.2)
        let atStart = offline.status()
        XCTAssertEqual(atStart.conflicts.map(\.field), ["phone"])
        XCTAssertEqual(atStart.conflicts.map(\.pushedValue), [.string("020 7946 0999")])
        XCTAssertNotNil(atStart.conflictsAsOf)
        XCTAssertTrue(
            atStart.headerParts().contains { $0.hasPrefix("1 conflict as of ") }, "\(atStart.headerParts())")
        XCTAssertEqual(atStart.headerParts(compact: true).last, "1 conflict")

        // Resolved offline: the next session does not show it again.
        let conflict = try XCTUnwrap(atStart.conflicts.first)
        try ali.apply([.resolveConflict(conflict.resolution(.takeTheirs, value: conflict.serverValue))], by: "ali")
        offline.noteResolved(conflict: conflict.id)
        XCTAssertEqual(try ali.rememberedConflicts()?.conflicts, [])
        let again = TeamBackgroundSync(store: ali, endpoint: away, login: login)
        XCTAssertEqual(again.status().conflicts, [])
    }

    func testTheBackgroundSyncIsOfflineWhileTheServerCannotBeReachedAndCountsDownWhenItCan() async throws {
        var endpoint = try await practitionerEndpoint("sam", role: .hubWorker, locality: "north")
        let store = try InMemoryCaseStore().inTeam()
        try store.apply([.addFamily(try family(FamilyID(familyID(2))))], by: "sam")
        let reachable = endpoint
        // A port nothing listens on: the laptop is offline.
        endpoint.port = 1
        let offline = TeamBackgroundSync(
            store: store, endpoint: endpoint, login: endpoint.login, interval: 0.2,
            retryInterval: 0.2)
        offline.start()
        let lost = try await waitFor(offline) { if case .offline = $0.connection { true } else { false } }
        offline.stop()
        XCTAssertEqual(lost.toSend, 1)
        XCTAssertEqual(lost.headerParts().last, "1 to send")
        XCTAssertTrue(lost.headerParts().first?.hasPrefix("offline since ") ?? false, "\(lost.headerParts())")

        let online = TeamBackgroundSync(store: store, endpoint: reachable, login: reachable.login, interval: 0.2)
        online.start()
        online.requestSync()
        let synced = try await waitFor(online) { status in
            if case .online = status.connection { status.toSend == 0 && status.forcedSyncs > 0 } else { false }
        }
        // The session killed under it while idle (pg_terminate_backend): the next sync signs in afresh
        // instead of waiting on the dead connection.
        let killedAt = Date()
        _ = try await text(
            "SELECT count(pg_terminate_backend(pid))::text FROM pg_stat_activity WHERE usename = '\(reachable.login)'")
        _ = try await waitFor(online) { status in
            if case .online(let at) = status.connection { at > killedAt && !status.isSyncing } else { false }
        }
        online.stop()
        XCTAssertEqual(try store.pendingChangeCount(), 0, "nothing lost: the change reached the server")
        XCTAssertTrue(synced.headerParts().first?.hasPrefix("synced ") ?? false, "\(synced.headerParts())")
        // The first sync sent the change; the one asked for may come after it, with nothing left to send.
        XCTAssertTrue(synced.lastOutcome.hasPrefix("Synced: sent "), synced.lastOutcome)
    }

    /// The first column of the first row, as text.
    func text(_ sql: String) async throws -> String? {
        try await admin.translatingErrors {
            let rows = try await admin.connection.query(PostgresQuery(unsafeSQL: sql), logger: admin.logger)
            for try await value in rows.decode(String.self) { return value }
            return nil
        }
    }

    /// Polls the status until `done` holds (at most 20 s), returning it.
    func waitFor(_ sync: TeamBackgroundSync, _ done: (SyncStatus) -> Bool) async throws -> SyncStatus {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let status = sync.status()
            if done(status) { return status }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        XCTFail("the background sync never reached the state: \(sync.status())")
        return sync.status()
    }
}
