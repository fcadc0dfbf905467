import Foundation
import SignpostDomain
import SignpostStore
import SignpostStoreTesting
import SignpostSync
import XCTest

@testable import SignpostTeamServer

/// Families that become visible to a worker after their first sync (put on their caseload, moved
/// into their locality, opened) reach their store whole, through the real team server.
final class FamilyAccessSyncTests: TeamServerTestCase {
    static let now = Date(timeIntervalSince1970: 1_795_428_000)

    func family(_ id: String, locality: Locality) throws -> Family {
        let marta = Person(
            id: "P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true)
        return Family(
            id: FamilyID(id), name: "Wrenfold", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: locality, members: [marta])
    }

    func note(_ id: CaseNoteID, _ text: String) -> CaseNote {
        CaseNote(id: id, writtenAt: Self.now, author: "alex", text: text)
    }

    /// Alex at the front door and Sam, a hub worker in the north, each with a laptop, and the two families
    /// Alex recorded and sent: one in the north, and one in the south with the note N-S1 (`southNote`);
    /// then a later north note, so Sam's store pulls past every change of the south family it cannot see.
    /// Sam has not synced yet.
    func northAndSouth(southNote: String) async throws -> (
        alexServer: TeamServerConnection, samServer: TeamServerConnection, alex: InMemoryCaseStore,
        sam: InMemoryCaseStore, north: FamilyID, south: FamilyID
    ) {
        let alexServer = try await practitioner("alex", role: .frontDoor)
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let alex = try InMemoryCaseStore().inTeam()
        let sam = try InMemoryCaseStore().inTeam()
        let north = FamilyID(familyID(1))
        let south = FamilyID(familyID(2))
        try alex.apply([.addFamily(try family(north.rawValue, locality: .north))], by: "alex")
        try alex.apply([.addFamily(try family(south.rawValue, locality: .south))], by: "alex")
        try alex.apply([.addCaseNote(family: south, note("N-S1", southNote))], by: "alex")
        try alex.apply([.addCaseNote(family: north, note("N-N1", "Home visit."))], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        return (alexServer, samServer, alex, sam, north, south)
    }

    func testAFamilyAssignedAfterTheWorkersFirstSyncArrivesWholeAtTheirNextSync() async throws {
        let (_, samServer, _, sam, north, south) = try await northAndSouth(southNote: "Spoke to the school nurse.")
        let manager = try await practitioner("mgr", role: .manager)

        let first = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(first.pull.families, [north.rawValue])
        XCTAssertNil(try sam.family(south))

        try await manager.assignCaseload(family: south.rawValue, to: samServer.endpoint.login)
        let second = try await SyncEngine(store: sam, server: samServer).sync()
        let samsCopy = try XCTUnwrap(try sam.family(south), "the family put on Sam's caseload was brought")
        XCTAssertEqual(samsCopy.notes.map(\.text), ["Spoke to the school nurse."], "with its whole history")
        XCTAssertEqual(second.pull.backFilled, [south.rawValue])
    }

    func testAWorkerMovedToAnotherLocalityIsGivenItsFamiliesWholeAtTheirNextSync() async throws {
        let (_, samServer, _, sam, north, south) = try await northAndSouth(southNote: "Spoke to the school nurse.")
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertNotNil(try sam.family(north))
        XCTAssertNil(try sam.family(south))

        // The administrator moves Sam to the south (add-user again); nothing in the south changes after.
        try await admin.addPractitioner(
            login: samServer.endpoint.login, role: .hubWorker, locality: "south", password: UUID().uuidString)
        let moved = try await SyncEngine(store: sam, server: samServer).sync()
        let samsCopy = try XCTUnwrap(try sam.family(south), "the new locality's family was brought")
        XCTAssertEqual(samsCopy.notes.map(\.text), ["Spoke to the school nurse."], "with its whole history")
        XCTAssertEqual(moved.pull.backFilled, [south.rawValue])
        XCTAssertNil(try sam.family(north), "the old locality's family left the laptop")
        let again = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertTrue(again.pull.backFilled.isEmpty, "brought once")
    }

    func testAFamilyMovedIntoTheWorkersLocalityArrivesWholeInsteadOfFailingThePull() async throws {
        let (alexServer, samServer, alex, sam, north, south) = try await northAndSouth(southNote: "First visit.")
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertNotNil(try sam.family(north))
        XCTAssertNil(try sam.family(south))

        // The family moves to the north, then a colleague adds a note: Sam's next pull meets changes
        // for a family the store has never held.
        try alex.apply([.updateFamilyFields(south, fields: [.locality: .string("north")])], by: "alex")
        try alex.apply([.addCaseNote(family: south, note("N-S2", "Second visit."))], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()

        let report = try await SyncEngine(store: sam, server: samServer, pageSize: 1).sync()
        let samsCopy = try XCTUnwrap(try sam.family(south))
        XCTAssertEqual(samsCopy.notes.map(\.text).sorted(), ["First visit.", "Second visit."])
        XCTAssertEqual(samsCopy.locality, .north)
        XCTAssertEqual(report.pull.backFilled, [south.rawValue])
        // Nothing is brought twice and nothing is left to pull.
        let again = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(again.pull.changes, 0)
        XCTAssertEqual(try sam.family(south)?.notes.count, 2)
    }

    func testOpeningARestrictedFamilyWithAReasonBringsItToTheLaptopAndIsAudited() async throws {
        let alexServer = try await practitioner("alex", role: .frontDoor)
        let kimServer = try await practitioner("kim", role: .frontDoor)
        let manager = try await practitioner("mgr", role: .manager)
        let named = try await practitioner("named", role: .hubWorker, locality: "north")
        let alex = try InMemoryCaseStore().inTeam()
        let kim = try InMemoryCaseStore().inTeam()
        let id = FamilyID(familyID(3))
        try alex.apply([.addFamily(try family(id.rawValue, locality: .north))], by: "alex")
        try alex.apply([.addCaseNote(family: id, note("N-R1", "Disclosure recorded."))], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        try await manager.restrictFamily(id.rawValue, to: [named.endpoint.login])
        _ = try await SyncEngine(store: kim, server: kimServer).sync()

        let engine = SyncEngine(store: kim, server: kimServer)
        do {
            _ = try await engine.bringFamily(id, reason: nil)
            XCTFail("a restricted family opened without a reason")
        } catch let error as TeamServerError {
            XCTAssertTrue(error.isPermissionDenied, error.description)
            XCTAssertTrue(error.description.contains("give a reason"), error.description)
        }
        XCTAssertNil(try kim.family(id))
        let brought = try await engine.bringFamily(id, reason: "Duty cover: the named worker is away")
        XCTAssertTrue(brought.restricted)
        XCTAssertEqual(try kim.family(id)?.notes.map(\.text), ["Disclosure recorded."])

        let report = try await manager.accessReport(since: nil)
        let kims = report.filter { $0.login == kimServer.endpoint.login }
        XCTAssertEqual(kims.map(\.outcome), [.refused, .opened])
        XCTAssertEqual(kims.last?.reason, "Duty cover: the named worker is away")
        XCTAssertEqual(kims.last?.family, id.rawValue)
        XCTAssertEqual(kims.last?.restricted, true)
    }

    func testAPersonIsFoundByTheirWholeNameInAnyOrderAndByTheirDateOfBirthAsPeopleTypeIt() async throws {
        let alexServer = try await practitioner("alex", role: .frontDoor)
        let kimServer = try await practitioner("kim", role: .frontDoor)
        let alex = try InMemoryCaseStore().inTeam()
        let id = FamilyID(familyID(5))
        try alex.apply([.addFamily(try family(id.rawValue, locality: .north))], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        for search in ["marta wrenfold", "Wrenfold Marta", "02/04/1991", "wrenfold 2/4/1991"] {
            let found = try await kimServer.findPerson(search)
            XCTAssertEqual(Set(found.map(\.family)), [id.rawValue], search)
        }
        let none = try await kimServer.findPerson("marta 03/04/1991")
        XCTAssertEqual(none.map(\.family), [])
    }

    func testOnlyManagersAndAdministratorsAdministerAccessAndReadTheReport() async throws {
        let alexServer = try await practitioner("alex", role: .frontDoor)
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let id = familyID(4)
        _ = try await alexServer.push(envelopes: [Envelopes.make(family: id, kind: "add-family", locality: "north")])
        for (what, attempt) in [
            ("restrict", { try await samServer.restrictFamily(id, to: [samServer.endpoint.login]) }),
            ("assign", { try await samServer.assignCaseload(family: id, to: samServer.endpoint.login) }),
            ("report", { _ = try await samServer.accessReport(since: nil) }),
        ] as [(String, () async throws -> Void)] {
            do {
                try await attempt()
                XCTFail("a hub worker was allowed to \(what)")
            } catch let error as TeamServerError {
                XCTAssertTrue(error.isPermissionDenied, "\(what): \(error.description)")
            }
        }
        let manager = try await practitioner("mgr", role: .manager)
        do {
            try await manager.assignCaseload(family: id, to: "nobody_at_all")
            XCTFail("assigned to a login that is not a practitioner")
        } catch let error as TeamServerError {
            XCTAssertTrue(error.description.contains("nobody_at_all"), error.description)
        }
        do {
            try await manager.restrictFamily("F-NOSUCH", to: [samServer.endpoint.login])
            XCTFail("restricted a family the server does not hold")
        } catch let error as TeamServerError {
            XCTAssertTrue(error.description.contains("F-NOSUCH"), error.description)
        }
    }
}
