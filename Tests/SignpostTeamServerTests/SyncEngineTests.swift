import Foundation
import SignpostDomain
import SignpostStore
import SignpostStoreTesting
import SignpostSync
import XCTest

@testable import SignpostTeamServer

/// Two (and three) practitioners' stores in one process, syncing through the real team server.
final class SyncEngineTests: TeamServerTestCase {
    static let now = Date(timeIntervalSince1970: 1_795_428_000)

    func family(_ id: String) throws -> Family {
        let marta = Person(
            id: "P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true)
        return Family(
            id: FamilyID(id), name: "Wrenfold", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [marta])
    }

    func testTwoPractitionersExchangeAFamilyANoteAndALevelAndAWorkerElsewhereSeesNothing() async throws {
        let alexServer = try await practitioner("alex", role: .frontDoor)
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let kimServer = try await practitioner("kim", role: .hubWorker, locality: "south")
        let alex = try InMemoryCaseStore().inTeam()
        let sam = try InMemoryCaseStore().inTeam()
        let kim = try InMemoryCaseStore().inTeam()
        let id = familyID(1)
        try alex.apply([.addFamily(try family(id))], by: "alex")
        let note = CaseNote(id: "N-SYNC1", writtenAt: Self.now, author: "alex", text: "Called the school.")
        try alex.apply([.addCaseNote(family: FamilyID(id), note)], by: "alex")

        let pushed = try await SyncEngine(store: alex, server: alexServer, batchSize: 1).sync()
        XCTAssertEqual(pushed.push.applied, 2)
        XCTAssertEqual(pushed.push.batches, 2, "one server transaction per batch")
        let received = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(received.pull.changes, 2)
        XCTAssertEqual(received.pull.authors, [alexServer.endpoint.login])
        let samsCopy = try XCTUnwrap(try sam.family(FamilyID(id)))
        XCTAssertEqual(samsCopy.notes.map(\.text), ["Called the school."])

        // Sam records a level; Alex receives it.
        let level = LevelEntry(level: .earlyHelp, setBy: "sam", setAt: Self.now, reason: "needs a family worker")
        try sam.apply([.recordLevel(family: FamilyID(id), person: "P-marta", level)], by: "sam")
        let samSync = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(samSync.push.applied, 1)
        let alexSync = try await SyncEngine(store: alex, server: alexServer).sync()
        XCTAssertEqual(alexSync.pull.changes, 1, "Alex's own changes do not come back as new")
        let alexsCopy = try XCTUnwrap(try alex.family(FamilyID(id)))
        XCTAssertEqual(alexsCopy.members.first?.levelHistory.last?.level, .earlyHelp)
        let trail = try alex.auditTrail(family: FamilyID(id), limit: 20)
        XCTAssertTrue(
            trail.contains { $0.action == "record-level" && $0.actor == samServer.endpoint.login },
            "the pulled change is audited under the server's author: \(trail.map { "\($0.action) \($0.actor)" })")

        // Kim works in the south: nothing of the north family reaches her store.
        let kimSync = try await SyncEngine(store: kim, server: kimServer).sync()
        XCTAssertEqual(kimSync.pull.changes, 0)
        XCTAssertNil(try kim.family(FamilyID(id)))
        XCTAssertEqual(try sam.pendingChanges(limit: 10).count, 0)
    }

    func testBothChangingTheSameFieldIsAConflictTheServerValueStandsAndItIsListed() async throws {
        let firstServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let secondServer = try await practitioner("ali", role: .hubWorker, locality: "north")
        let first = try InMemoryCaseStore().inTeam()
        let second = try InMemoryCaseStore().inTeam()
        let id = FamilyID(familyID(1))
        try first.apply([.addFamily(try family(id.rawValue))], by: "sam")
        _ = try await SyncEngine(store: first, server: firstServer).sync()
        _ = try await SyncEngine(store: second, server: secondServer).sync()

        var firstMarta = try XCTUnwrap(try first.family(id)?.members.first)
        firstMarta.phone = "020 7946 0001"
        try first.apply([.updatePerson(family: id, firstMarta, relationships: [])], by: "sam")
        var secondMarta = try XCTUnwrap(try second.family(id)?.members.first)
        secondMarta.phone = "020 7946 0999"
        try second.apply([.updatePerson(family: id, secondMarta, relationships: [])], by: "ali")

        _ = try await SyncEngine(store: first, server: firstServer).sync()
        let report = try await SyncEngine(store: second, server: secondServer).sync()
        XCTAssertEqual(report.push.conflicts.count, 1)
        XCTAssertTrue(report.summary.contains("Conflict: update-person"), report.summary)
        let conflicts = try await secondServer.conflicts()
        XCTAssertEqual(conflicts.map(\.field), ["phone"])
        XCTAssertEqual(conflicts.first?.serverValue, "\"020 7946 0001\"")
        XCTAssertEqual(conflicts.first?.pushedAuthor, secondServer.endpoint.login)

        _ = try await SyncEngine(store: first, server: firstServer).sync()
        XCTAssertEqual(try first.family(id)?.members.first?.phone, "020 7946 0001", "the server's value stands")
    }

    func testAFictionalStoreCannotSyncWithALiveServer() async throws {
        let login = try await practitioner("alex", role: .frontDoor)
        try await admin.execute("UPDATE signpost.server_info SET kind = 'live'")
        let store = try InMemoryCaseStore(kind: .demonstration).inTeam()
        do {
            _ = try await SyncEngine(store: store, server: login).sync()
            XCTFail("a demonstration store synced with a live server")
        } catch let error as TeamServerError {
            XCTAssertEqual(error, .kindMismatch(server: "live", store: "demonstration"))
        }
        let live = try InMemoryCaseStore(kind: .live).inTeam()
        try await admin.execute("UPDATE signpost.server_info SET kind = 'demonstration'")
        do {
            _ = try await SyncEngine(store: live, server: login).sync()
            XCTFail("a live store synced with a demonstration server")
        } catch let error as TeamServerError {
            XCTAssertEqual(error, .kindMismatch(server: "demonstration", store: "live"))
        }
    }
}
