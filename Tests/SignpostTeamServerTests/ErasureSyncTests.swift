import Foundation
import PostgresNIO
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import XCTest

@testable import SignpostTeamServer

/// Erasure through the real team server (#16): once a laptop's erasure is pushed, no table of the server
/// holds the person, the search finds nothing, the audit chain still verifies, and a colleague's laptop
/// (and one that brings the family afresh) holds nothing of them either. ``ErasureAfterUpgradeSyncTests``
/// runs the same tests on a server upgraded from schema version 9.
class ErasureSyncTests: TeamServerTestCase {
    static let now = Date(timeIntervalSince1970: 1_795_428_000)
    /// What identifies Quentin anywhere: his names, his other name, his date of birth.
    static let quentinStrings = ["Quentin", "Brackwater", "Quinny", "1985-06-01"]
    /// The Ashcombes: Marta, her partner Quentin Brackwater, and Ava.
    func family(_ id: FamilyID) throws -> Family {
        let marta = Person(
            id: "ZZ-P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Ashcombe",
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true)
        let quentin = Person(
            id: "ZZ-P-q", role: .otherAdult, givenName: "Quentin", familyName: "Brackwater",
            alsoKnownAs: ["Quinny"], dateOfBirth: try CalendarDate(iso: "1985-06-01"))
        let ava = Person(
            id: "ZZ-P-ava", role: .child, givenName: "Ava", familyName: "Ashcombe",
            dateOfBirth: try CalendarDate(iso: "2021-09-14"))
        return Family(
            id: id, name: "Ashcombe", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [marta, quentin, ava],
            relationships: [
                Relationship(from: "ZZ-P-marta", kind: .parent, to: "ZZ-P-ava"),
                Relationship(from: "ZZ-P-q", kind: .stepParent, to: "ZZ-P-ava"),
            ])
    }

    func note(_ id: CaseNoteID, _ text: String, about: [PersonID]) -> CaseNote {
        CaseNote(id: id, writtenAt: Self.now, author: "alex", text: text, about: about)
    }

    /// Every row of every table of the server's schema whose text holds one of `strings`, as "table: string".
    func serverRowsHolding(_ strings: [String]) async throws -> [String] {
        var tables: [String] = []
        let listed = try await admin.connection.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'signpost' ORDER BY tablename", logger: admin.logger)
        for try await table in listed.decode(String.self) { tables.append(table) }
        XCTAssertGreaterThan(tables.count, 8)
        var found: [String] = []
        for table in tables {
            for string in strings {
                let sql = "SELECT count(*) FROM signpost.\"\(table)\" t WHERE t::text ILIKE '%\(string)%'"
                let rows = try await admin.connection.query(PostgresQuery(unsafeSQL: sql), logger: admin.logger)
                for try await count in rows.decode(Int.self) where count > 0 {
                    found.append("\(table): \(string) in \(count) rows")
                }
            }
        }
        return found
    }

    /// The bytes of a closed store's files, lower-cased: which of `strings` they hold.
    func fileStrings(_ name: String, holding strings: [String]) -> [String] {
        let base = laptopStoreURL(name).path
        var found: [String] = []
        for suffix in ["", "-wal", "-shm"] {
            let data = FileManager.default.contents(atPath: base + suffix) ?? Data()
            let text = String(decoding: data.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
            for string in strings where text.contains(string.lowercased()) { found.append("\(suffix): \(string)") }
        }
        return found
    }

    func testAnErasurePushedRemovesThePersonFromEveryServerTableAndEveryLaptop() async throws {
        let alexServer = try await practitioner("alex", role: .hubWorker, locality: "north")
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let managerServer = try await practitioner("mgr", role: .manager)
        let alex = try laptop("alex")
        let sam = try laptop("sam")
        let id = FamilyID("ZZ-" + familyID(1))
        try alex.apply([.addFamily(try family(id))], by: "alex")
        try alex.apply(
            [
                .recordLevel(
                    family: id, person: "ZZ-P-q",
                    LevelEntry(level: .universal, setBy: "alex", setAt: Self.now, reason: "Quentin settled")),
                .addCaseNote(family: id, note("ZZ-N-1", "Quentin Brackwater came to the meeting.", about: ["ZZ-P-q"])),
                .addCaseNote(
                    family: id, note("ZZ-N-2", "Quentin and Ava played at the park.", about: ["ZZ-P-q", "ZZ-P-ava"])),
                .updatePersonFields(family: id, person: "ZZ-P-q", fields: [.phone: "07700 900111"]),
            ], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(try sam.family(id)?.members.count, 3)
        // Sam, working on the same record, changes Quentin's phone too: a conflict on the server.
        try sam.apply([.updatePersonFields(family: id, person: "ZZ-P-q", fields: [.phone: "07700 900222"])], by: "sam")
        try alex.apply(
            [.updatePersonFields(family: id, person: "ZZ-P-q", fields: [.phone: "07700 900333"])], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        let conflictsBefore = try await samServer.openConflicts()
        XCTAssertEqual(conflictsBefore.count, 1)
        let foundBefore = try await samServer.findPerson("quentin brackwater")
        XCTAssertEqual(Set(foundBefore.map(\.family)), [id.rawValue])
        let onServerBefore = try await serverRowsHolding(Self.quentinStrings)
        XCTAssertTrue(onServerBefore.contains { $0.hasPrefix("change: Brackwater") }, "\(onServerBefore)")

        try alex.apply(
            [.erasePerson(PersonErasure(family: id, person: "ZZ-P-q", reason: "retention review", at: Self.now))],
            by: "alex")
        let pushed = try await SyncEngine(store: alex, server: alexServer).sync()
        XCTAssertEqual(pushed.push.applied, 1)

        let leftOnServer = try await serverRowsHolding(Self.quentinStrings)
        XCTAssertEqual(leftOnServer, [])
        let foundAfter = try await samServer.findPerson("quentin brackwater")
        XCTAssertEqual(foundAfter, [])
        let foundByDate = try await managerServer.findPerson("01/06/1985")
        XCTAssertEqual(foundByDate, [])
        let brokenAt = try await managerServer.verifyAudit()
        XCTAssertNil(brokenAt, "the audit chain still verifies after the redaction")
        let erasureEntries = try await admin.connection.query(
            "SELECT detail::text FROM signpost.audit WHERE action = 'erase-person'", logger: admin.logger)
        var erasureDetails: [String] = []
        for try await detail in erasureEntries.decode(String.self) { erasureDetails.append(detail) }
        XCTAssertEqual(erasureDetails.count, 1)
        XCTAssertTrue(erasureDetails[0].contains("\"person\": \"ZZ-P-q\""), erasureDetails[0])
        XCTAssertTrue(erasureDetails[0].contains("\"reason\": \"retention review\""), erasureDetails[0])
        XCTAssertFalse(erasureDetails[0].contains("\"redacted_audit\": []"), "the search was redacted")

        // Sam's laptop pulls the erasure; the manager's, new, brings the family from the server's history.
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        let manager = try laptop("manager")
        _ = try await SyncEngine(store: manager, server: managerServer).sync()
        let alexFamily = try XCTUnwrap(try alex.family(id))
        XCTAssertEqual(alexFamily.members.map(\.id), ["ZZ-P-marta", "ZZ-P-ava"])
        for colleague in [sam, manager] {
            let held = try XCTUnwrap(try colleague.family(id))
            XCTAssertEqual(held.members.map(\.id), alexFamily.members.map(\.id))
            XCTAssertEqual(held.relationships, alexFamily.relationships)
            XCTAssertEqual(held.notes.map(\.id), ["ZZ-N-2"])
            XCTAssertEqual(held.notes.first?.about, ["ZZ-P-ava"])
            XCTAssertEqual(held.notes.first?.text, "[erased] and Ava played at the park.")
            XCTAssertTrue(try colleague.search("Brackwater", limit: 10).isEmpty)
            XCTAssertTrue(try colleague.check().isHealthy)
        }
        for (name, laptop) in [("alex", alex), ("sam", sam), ("manager", manager)] {
            try laptop.close()
            XCTAssertEqual(fileStrings(name, holding: Self.quentinStrings), [], "\(name)'s laptop")
        }
    }

    /// Sam, offline, changes Quentin's phone and adds a note about him and Ava after Alex erased him: the
    /// server keeps neither his record nor his id, and Sam's laptop erases him at the same sync.
    func testAChangePushedAfterTheErasureBringsNothingOfThePersonBack() async throws {
        let alexServer = try await practitioner("alex", role: .hubWorker, locality: "north")
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let alex = try laptop("alex")
        let sam = try laptop("sam")
        let id = FamilyID("ZZ-" + familyID(2))
        try alex.apply([.addFamily(try family(id))], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        try alex.apply(
            [.erasePerson(PersonErasure(family: id, person: "ZZ-P-q", reason: "upheld request", at: Self.now))],
            by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        try sam.apply(
            [
                .updatePersonFields(family: id, person: "ZZ-P-q", fields: [.givenName: "Quentin-Lee"]),
                .addCaseNote(family: id, note("ZZ-N-3", "Visit went well.", about: ["ZZ-P-q", "ZZ-P-ava"])),
            ], by: "sam")
        let samSync = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(samSync.push.applied, 2)

        let leftOnServer = try await serverRowsHolding(Self.quentinStrings + ["ZZ-P-q\", \"ZZ-P-ava"])
        XCTAssertEqual(leftOnServer, [])
        let kept = try await admin.connection.query(
            "SELECT kind, envelope -> 'change' ->> 'kind' FROM signpost.change WHERE family = \(id.rawValue) ORDER BY seq",
            logger: admin.logger)
        var kinds: [String] = []
        for try await (kind, changeKind) in kept.decode((String, String).self) { kinds.append("\(kind)/\(changeKind)") }
        XCTAssertEqual(
            kinds,
            [
                "add-family/add-family", "erase-person/erase-person", "erase-person/erase-person",
                "add-case-note/add-case-note",
            ])
        let brokenAt = try await admin.verifyAudit()
        XCTAssertNil(brokenAt)
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        for laptop in [alex, sam] {
            let held = try XCTUnwrap(try laptop.family(id))
            XCTAssertEqual(held.members.map(\.id), ["ZZ-P-marta", "ZZ-P-ava"])
            XCTAssertEqual(held.notes.first { $0.id == "ZZ-N-3" }?.about, ["ZZ-P-ava"])
            XCTAssertTrue(try laptop.check().isHealthy)
        }
    }

    /// A closed family erased whole after review: no table of the server holds it, the search finds no
    /// one, the audit chain verifies, a colleague's laptop removes it, and a change made offline afterwards
    /// brings nothing back.
    func testAFamilyErasurePushedRemovesTheFamilyFromEveryServerTableAndEveryLaptop() async throws {
        let alexServer = try await practitioner("alex", role: .hubWorker, locality: "north")
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let managerServer = try await practitioner("mgr", role: .manager)
        let alex = try laptop("alex")
        let sam = try laptop("sam")
        let id = FamilyID("ZZ-" + familyID(3))
        let other = FamilyID("ZZ-" + familyID(4))
        var kept = try family(other)
        kept.name = "Ollerton"
        kept.address = Address(lines: ["2 Sample Lane"], postcode: "N7 0ZY")
        kept.members = [Person(id: "ZZ-P-ol", role: .child, givenName: "Olive", familyName: "Ollerton")]
        kept.relationships = []
        try alex.apply([.addFamily(try family(id)), .addFamily(kept)], by: "alex")
        try alex.apply(
            [
                .addCaseNote(family: id, note("ZZ-N-1", "Quentin Brackwater came to the meeting.", about: ["ZZ-P-q"])),
                .updatePersonFields(family: id, person: "ZZ-P-ava", fields: [.phone: "07700 900111"]),
            ], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(try sam.family(id)?.members.count, 3)
        try sam.apply(
            [.updatePersonFields(family: id, person: "ZZ-P-ava", fields: [.phone: "07700 900222"])], by: "sam")
        try alex.apply(
            [.updatePersonFields(family: id, person: "ZZ-P-ava", fields: [.phone: "07700 900333"])], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        let conflictsBefore = try await samServer.openConflicts()
        XCTAssertEqual(conflictsBefore.count, 1)
        let foundBefore = try await managerServer.findPerson("ava ashcombe")
        XCTAssertEqual(Set(foundBefore.map(\.family)), [id.rawValue])
        let strings = Self.quentinStrings + ["Ashcombe", "Imaginary Row", "1991-04-02", "07700 900"]

        try alex.apply(
            [.eraseFamily(FamilyErasure(family: id, reason: "retention review: closed 2019", at: Self.now))],
            by: "alex")
        XCTAssertNil(try alex.family(id))
        let pushed = try await SyncEngine(store: alex, server: alexServer).sync()
        XCTAssertEqual(pushed.push.applied, 1)

        let leftOnServer = try await serverRowsHolding(strings)
        XCTAssertEqual(leftOnServer, [])
        let changesLeft = try await admin.connection.query(
            "SELECT kind FROM signpost.change WHERE family = \(id.rawValue) ORDER BY seq", logger: admin.logger)
        var kinds: [String] = []
        for try await kind in changesLeft.decode(String.self) { kinds.append(kind) }
        XCTAssertEqual(kinds, ["erase-family"])
        // Searched for after the erasure by her birthday (a search typed later is the searcher's own record).
        let foundAfter = try await managerServer.findPerson("14/09/2021")
        XCTAssertEqual(foundAfter, [])
        let openConflicts = try await samServer.openConflicts()
        XCTAssertEqual(openConflicts, [])
        let brokenAt = try await managerServer.verifyAudit()
        XCTAssertNil(brokenAt, "the audit chain still verifies after the redaction")
        let erasureEntries = try await admin.connection.query(
            "SELECT detail::text FROM signpost.audit WHERE action = 'erase-family'", logger: admin.logger)
        var erasureDetails: [String] = []
        for try await detail in erasureEntries.decode(String.self) { erasureDetails.append(detail) }
        XCTAssertEqual(erasureDetails.count, 1)
        XCTAssertTrue(erasureDetails[0].contains("\"reason\": \"retention review: closed 2019\""), erasureDetails[0])
        XCTAssertFalse(erasureDetails[0].contains("\"redacted_audit\": []"), erasureDetails[0])

        // Sam, offline, wrote a note before pulling the erasure: the server keeps it as the erasure itself.
        try sam.apply([.addCaseNote(family: id, note("ZZ-N-9", "Ashcombe visit.", about: ["ZZ-P-ava"]))], by: "sam")
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        let manager = try laptop("manager")
        _ = try await SyncEngine(store: manager, server: managerServer).sync()
        let leftAfterSam = try await serverRowsHolding(strings)
        XCTAssertEqual(leftAfterSam, [])

        let brokenAfterSam = try await admin.verifyAudit()
        XCTAssertNil(brokenAfterSam)
        for laptop in [alex, sam, manager] {
            XCTAssertNil(try laptop.family(id))
            XCTAssertNotNil(try laptop.family(other))
            XCTAssertTrue(try laptop.search("Ashcombe", limit: 10).isEmpty)
            XCTAssertTrue(try laptop.check().isHealthy)
        }
        for (name, laptop) in [("alex", alex), ("sam", sam), ("manager", manager)] {
            try laptop.close()
            XCTAssertEqual(fileStrings(name, holding: strings), [], "\(name)'s laptop")
        }
    }
}
