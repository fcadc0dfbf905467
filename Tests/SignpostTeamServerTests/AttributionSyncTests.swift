import Foundation
import SignpostDomain
import SignpostStore
import SignpostStoreTesting
import SignpostSync
import XCTest

@testable import SignpostTeamServer

/// Records pulled through the real team server name the login that pushed them, whatever the laptop claimed.
final class AttributionSyncTests: TeamServerTestCase {
    func testAPulledNoteNamesThePushingLoginNotTheNameItsLaptopClaimed() async throws {
        let alexServer = try await practitioner("alex", role: .frontDoor)
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let alex = try InMemoryCaseStore().inTeam()
        let sam = try InMemoryCaseStore().inTeam()
        let id = FamilyID(familyID(1))
        let marta = Person(
            id: "P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true)
        let family = Family(
            id: id, name: "Wrenfold", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [marta])
        try alex.apply([.addFamily(family)], by: "[root]")
        let note = CaseNote(
            id: "N-CLAIM", writtenAt: Date(timeIntervalSince1970: 1_795_428_000), author: "the-director",
            text: "Called the school.")
        try alex.apply([.addCaseNote(family: id, note)], by: "the-director")

        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()

        let login = alexServer.endpoint.login
        let pulled = try XCTUnwrap(try sam.family(id))
        XCTAssertEqual(pulled.notes.first { $0.id == "N-CLAIM" }?.author, login)
        XCTAssertEqual(pulled.chronology().map(\.author), [login])
        let trail = try sam.auditTrail(family: id, limit: 10)
        XCTAssertEqual(trail.map(\.actor), [login, login])
    }
}
