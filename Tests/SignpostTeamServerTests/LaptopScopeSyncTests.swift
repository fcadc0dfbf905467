import Foundation
import PostgresNIO
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import XCTest

@testable import SignpostTeamServer

/// What the laptop holds: a family that leaves the worker's scope is removed from their store at
/// their next sync, once its changes are sent, and the removal is audited, through the real team server.
final class LaptopScopeSyncTests: TeamServerTestCase {
    static let now = Date(timeIntervalSince1970: 1_795_428_000)
    func family(_ id: FamilyID, name: String, locality: Locality) throws -> Family {
        let parent = Person(
            id: "ZZ-P-parent", role: .parentOrCarer, givenName: "Marta", familyName: name,
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true)
        return Family(
            id: id, name: name, address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: locality, members: [parent])
    }

    func note(_ id: CaseNoteID, _ text: String, by author: String) -> CaseNote {
        CaseNote(id: id, writtenAt: Self.now, author: author, text: text)
    }

    func testFamiliesRestrictedToOthersOrMovedAwayLeaveTheLaptopAtTheNextSyncAudited() async throws {
        let alexServer = try await practitioner("alex", role: .frontDoor)
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let named = try await practitioner("named", role: .hubWorker, locality: "north")
        let manager = try await practitioner("mgr", role: .manager)
        let alex = try laptop("alex")
        let sam = try laptop("sam")
        let restricted = FamilyID("ZZ-" + familyID(1))
        let moved = FamilyID("ZZ-" + familyID(2))
        let staying = FamilyID("ZZ-" + familyID(3))
        for (id, name) in [(restricted, "Quillfeather"), (moved, "Wrenfold"), (staying, "Ashcombe")] {
            try alex.apply([.addFamily(try family(id, name: name, locality: .north))], by: "alex")
            try alex.apply(
                [.addCaseNote(family: id, note(CaseNoteID("ZZ-N-\(name)"), "Disclosure at school.", by: "alex"))],
                by: "alex")
        }
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertNotNil(try sam.family(restricted))
        XCTAssertNotNil(try sam.family(moved))

        try await manager.restrictFamily(restricted.rawValue, to: [named.endpoint.login])
        try alex.apply([.updateFamilyFields(moved, fields: [.locality: .string("south")])], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()

        let report = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(
            Set(report.scope.removed.map { [$0.family.rawValue, $0.reason] }),
            [
                [restricted.rawValue, "restricted to other workers"],
                [moved.rawValue, "outside your locality and caseload"],
            ])
        XCTAssertEqual(report.scope.kept, [])
        XCTAssertTrue(report.summary.contains("Removed \(restricted.rawValue) from this laptop"), report.summary)
        XCTAssertNil(try sam.family(restricted))
        XCTAssertNil(try sam.family(moved))
        XCTAssertNotNil(try sam.family(staying), "a family still in scope stays")
        XCTAssertEqual(try sam.search("Quillfeather", limit: 10).map(\.summary.id), [], "its search entries went")
        XCTAssertEqual(try sam.search("Wrenfold", limit: 10).map(\.summary.id), [])
        let matched = try sam.matchPeople(MatchQuery("Marta Wrenfold 02/04/1991"), limit: 10).map(\.familyID)
        XCTAssertFalse(matched.contains(moved), "its match keys went")
        XCTAssertTrue(matched.contains(staying))
        let check = try sam.check()
        XCTAssertTrue(check.isHealthy, check.problems.joined(separator: "\n"))

        let audit = try sam.auditTrail(family: restricted, limit: 50).filter { $0.action == "family-left-scope" }
        XCTAssertEqual(
            audit.map(\.summary), ["\(restricted.rawValue) removed from this laptop: restricted to other workers"])
        XCTAssertFalse(audit.contains { $0.summary.contains("Quillfeather") || $0.summary.contains("Disclosure") })
        // The server's audit has each of Sam's removals too, under Sam's login, without content.
        let onServer = try await admin.translatingErrors {
            let rows = try await admin.connection.query(
                """
                SELECT login || ' ' || family || ' ' || (detail ->> 'reason') FROM signpost.audit
                WHERE action = 'family-left-laptop' AND login = \(samServer.endpoint.login) ORDER BY family
                """, logger: admin.logger)
            var lines: [String] = []
            for try await line in rows.decode(String.self) { lines.append(line) }
            return lines
        }
        let login = samServer.endpoint.login
        XCTAssertEqual(
            onServer,
            [
                "\(login) \(restricted.rawValue) restricted to other workers",
                "\(login) \(moved.rawValue) outside your locality and caseload",
            ])

        let again = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(again.scope.removed, [])
        XCTAssertNil(try sam.family(moved))

        // Moved back into Sam's locality, the family arrives whole again.
        try alex.apply([.updateFamilyFields(moved, fields: [.locality: .string("north")])], by: "alex")
        try alex.apply([.addCaseNote(family: moved, note("ZZ-N-back", "Moved back north.", by: "alex"))], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(
            try sam.family(moved)?.notes.map(\.text).sorted(), ["Disclosure at school.", "Moved back north."])
    }

    func testAFamilyWhoseUnsentNoteTheServerRefusesStaysOnTheLaptopAndTheSyncSaysSo() async throws {
        let alexServer = try await practitioner("alex", role: .frontDoor)
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let named = try await practitioner("named", role: .hubWorker, locality: "north")
        let manager = try await practitioner("mgr", role: .manager)
        let alex = try laptop("alex")
        let sam = try laptop("sam")
        let id = FamilyID(familyID(4))
        try alex.apply([.addFamily(try family(id, name: "Quillfeather", locality: .north))], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()

        try sam.apply([.addCaseNote(family: id, note("N-offline", "Written offline.", by: "sam"))], by: "sam")
        try await manager.restrictFamily(id.rawValue, to: [named.endpoint.login])
        let report = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(report.push.refused.count, 1)
        XCTAssertEqual(report.scope.removed, [])
        XCTAssertEqual(report.scope.kept.map(\.family), [id])
        XCTAssertEqual(report.scope.kept.first?.refusedChanges, true)
        XCTAssertTrue(report.summary.contains("Kept \(id.rawValue) on this laptop"), report.summary)
        XCTAssertEqual(try sam.family(id)?.notes.map(\.text), ["Written offline."], "nothing unsent is lost")
        XCTAssertEqual(try sam.pendingChangeCount(), 1)
    }

    func testAnUnsentNoteIsSentBeforeAFamilyOpenedLongAgoLeavesTheLaptop() async throws {
        let alexServer = try await practitioner("alex", role: .frontDoor)
        let kimServer = try await practitioner("kim", role: .frontDoor)
        let alex = try laptop("alex")
        let kim = try laptop("kim")
        let id = FamilyID(familyID(5))
        try alex.apply([.addFamily(try family(id, name: "Wrenfold", locality: .north))], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        // Kim, at the front door, opens the family (it is not on her caseload), then writes a note.
        _ = try await SyncEngine(store: kim, server: kimServer).bringFamily(id, reason: "Second contact")
        try kim.apply([.addCaseNote(family: id, note("N-kim", "Called the school.", by: "kim"))], by: "kim")
        let engine = SyncEngine(store: kim, server: kimServer)
        let recent = try await engine.removeFamiliesLeftScope()
        XCTAssertEqual(recent.removed, [], "opened in the last 30 days, it stays")

        try await admin.execute(
            "UPDATE signpost.family_access SET opened_at = clock_timestamp() - interval '40 days' WHERE family = \(id.rawValue)"
        )
        let early = try await engine.removeFamiliesLeftScope()
        XCTAssertEqual(early.removed, [], "never removed while a change waits to be sent")
        XCTAssertEqual(early.kept.map(\.family), [id])
        XCTAssertEqual(early.kept.first?.refusedChanges, false)
        XCTAssertNotNil(try kim.family(id))

        let report = try await engine.sync()
        XCTAssertEqual(report.push.applied, 1, "the note is sent first")
        XCTAssertEqual(report.scope.removed.map(\.family), [id])
        XCTAssertNil(try kim.family(id))
        let history = try await alexServer.familyHistory(id.rawValue)
        XCTAssertEqual(history.changes.count, 2, "the note reached the server")
    }

    func testAFirstSyncReportsFamiliesAndBytesAsItGoesWithAnEstimateOfWhatRemains() async throws {
        let alexServer = try await practitioner("alex", role: .frontDoor)
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let alex = try laptop("alex")
        let sam = try laptop("sam")
        for number in 1...6 {
            let id = FamilyID(familyID(10 + number))
            try alex.apply([.addFamily(try family(id, name: "Ashcombe", locality: .north))], by: "alex")
            try alex.apply(
                [.addCaseNote(family: id, note(CaseNoteID("N-\(number)"), "Visit \(number).", by: "alex"))], by: "alex")
        }
        _ = try await SyncEngine(store: alex, server: alexServer).sync()

        let seen = Seen()
        var engine = SyncEngine(store: sam, server: samServer, pageSize: 4)
        engine.firstSyncProgress = { seen.append($0) }
        let report = try await engine.sync()
        let steps = seen.all
        XCTAssertEqual(steps.count, report.pull.pages, "told after every page")
        XCTAssertEqual(steps.map(\.bytes), steps.map(\.bytes).sorted(), "bytes only grow")
        XCTAssertEqual(steps.first?.latestSeq, report.pull.to)
        XCTAssertNotNil(steps.first?.estimatedBytesToGo)
        XCTAssertTrue(steps.first?.line.contains("to go (seq 4 of 12)") ?? false, steps.first?.line ?? "")
        XCTAssertEqual(steps.last?.estimatedBytesToGo, 0)
        let first = try XCTUnwrap(report.pull.firstSync)
        XCTAssertEqual(first.families.count, 6)
        XCTAssertEqual(first.bytes, report.pull.bytes)
        XCTAssertGreaterThan(first.bytes, 0)
        XCTAssertTrue(report.summary.contains("First sync: 6 families, "), report.summary)

        let next = try await engine.sync()
        XCTAssertNil(next.pull.firstSync, "only a store that had pulled nothing is on its first sync")
        XCTAssertEqual(seen.all.count, steps.count)
    }
}

/// What a progress callback was told, in order (it may be called from any task).
private final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var steps: [FirstSyncProgress] = []

    func append(_ step: FirstSyncProgress) { lock.withLock { steps.append(step) } }
    var all: [FirstSyncProgress] { lock.withLock { steps } }
}
