import Foundation
import GRDB
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import Testing

/// One record per person (#16): merging families and people, the aliases they leave, undo, and sync.
@Suite("CaseStore conformance: merging records")
struct MergingConformanceTests {
    typealias F = TestFamilies

    /// The Quillfeathers recorded a second time by `n`: Marta again, under new ids, with a level and a note.
    static func duplicate() -> Family {
        var marta = F.quillfeather().members[0]
        marta.id = "P-marta-2"
        marta.alsoKnownAs = []
        marta.phone = "07700 900222"
        marta.levelHistory = [
            LevelEntry(level: .complex, setBy: "sam", setAt: F.at("2026-03-01T10:00:00Z"), reason: "housing crisis")
        ]
        return Family(
            id: "F-00099", name: "Quillfeather", address: Address(lines: ["12 Example Road"], postcode: "N7 0ZZ"),
            locality: .north, accessNotes: "Knock twice", members: [marta],
            notes: [
                CaseNote(
                    id: "N-99", writtenAt: F.at("2026-03-01T11:00:00Z"), author: "sam",
                    text: "Marta called about rent.",
                    about: ["P-marta-2"])
            ],
            createdAt: F.at("2026-03-01T09:00:00Z"))
    }

    static let now = F.at("2026-03-05T12:00:00Z")

    static func familyMerge(absorbed: Family = duplicate()) -> FamilyMerge {
        FamilyMerge(
            id: "M-1", survivor: "F-00017", absorbed: absorbed, fields: [.accessNotes: "Knock twice"],
            reason: "recorded twice by the front door", at: now)
    }

    static let personMerge = PersonMerge(
        id: "M-2", family: "F-00017", survivor: "P-marta", absorbed: "P-marta-2", fields: [.phone: "07700 900222"],
        reason: "the same Marta", at: now)

    private func loaded(_ kind: StoreUnderTest) throws -> any CaseStore {
        let store = try kind.make()
        try store.apply([.addFamily(F.quillfeather()), .addFamily(Self.duplicate())], by: "loader")
        return store
    }

    @Test(
        "merging two families moves every record to the survivor and the old id still opens it",
        arguments: StoreUnderTest.allCases)
    func mergeFamilies(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        try store.apply([.mergeFamilies(Self.familyMerge())], by: "jo")
        let merged = try #require(try store.family("F-00017"))
        #expect(merged.members.map(\.id) == ["P-marta", "P-ava", "P-zoe", "P-marta-2"])
        #expect(merged.notes.map(\.id) == ["N-1", "N-99"])
        #expect(merged.accessNotes == "Knock twice")
        #expect(merged.languages == ["English", "Polish"])
        #expect(try store.resolveFamilyID("F-00099") == "F-00017")
        #expect(try store.family("F-00099")?.id == "F-00017")
        #expect(try store.familyIDs(after: nil, limit: 10) == ["F-00017"])
        #expect(try store.search("F-00099", limit: 5).first?.summary.id == "F-00017")
        try store.recordViewed("F-00099", by: "sam")
        #expect(try store.auditTrail(family: "F-00017", limit: 1).first?.action == "view-family")
        let audit = try #require(try store.auditTrail(family: "F-00017", limit: 2).last)
        #expect(audit.action == "merge-families")
        #expect(audit.summary.contains("merged family Quillfeather (F-00099) into Quillfeather (F-00017)"))
        // A note written on the old family before the merge, arriving later (sync, an outbox), reaches the survivor.
        try store.apply(
            [
                .addCaseNote(
                    family: "F-00099",
                    CaseNote(id: "N-100", writtenAt: Self.now, author: "sam", text: "Late note", about: ["P-marta-2"]))
            ], by: "sam")
        #expect(try store.family("F-00017")?.notes.last?.id == "N-100")
    }

    @Test(
        "merging two people keeps the chosen values, joins levels and moves their records",
        arguments: StoreUnderTest.allCases)
    func mergePeople(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        try store.apply([.mergeFamilies(Self.familyMerge()), .mergePeople(Self.personMerge)], by: "jo")
        let family = try #require(try store.family("F-00017"))
        #expect(family.members.map(\.id) == ["P-marta", "P-ava", "P-zoe"])
        let marta = try #require(family.member("P-marta"))
        #expect(marta.phone == "07700 900222")
        #expect(marta.alsoKnownAs == ["Marta Q"])
        #expect(marta.currentLevel == .complex)
        #expect(family.notes.first { $0.id == "N-99" }?.about == ["P-marta"])
        // A level recorded against the old person id later reaches Marta.
        try store.apply(
            [
                .recordLevel(
                    family: "F-00099", person: "P-marta-2",
                    LevelEntry(level: .earlyHelp, setBy: "sam", setAt: Self.now, reason: "settled"))
            ], by: "sam")
        #expect(try store.family("F-00017")?.member("P-marta")?.currentLevel == .earlyHelp)
        #expect(try store.mergeRecords(family: "F-00017", limit: 5).map(\.id) == ["M-2", "M-1"])
    }

    @Test("undoing both merges puts both families back exactly as they were", arguments: StoreUnderTest.allCases)
    func undo(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        let original = try Self.json(store, ["F-00017", "F-00099"])
        try store.apply([.mergeFamilies(Self.familyMerge())], by: "jo")
        try store.apply([.mergePeople(Self.personMerge)], by: "jo")
        let records = try store.mergeRecords(family: "F-00017", limit: 5)
        let people = try #require(records.first { $0.id == "M-2" })
        let families = try #require(records.first { $0.id == "M-1" })
        // The family merge is not the latest: undoing it first would lose the person merge.
        #expect(families.undoProblem(current: try store.family("F-00017")) != nil)
        #expect(people.undoProblem(current: try store.family("F-00017")) == nil)
        try store.apply([.undoMerge(people.undo(reason: "two Martas after all", at: Self.now))], by: "jo")
        try store.apply([.undoMerge(families.undo(reason: "two households", at: Self.now))], by: "jo")
        #expect(try Self.json(store, ["F-00017", "F-00099"]) == original)
        #expect(try store.resolveFamilyID("F-00099") == "F-00099")
        #expect(try store.mergeRecords(family: nil, limit: 5).allSatisfy { $0.undoneAt != nil })
        let again = try #require(try store.mergeRecords(family: "F-00017", limit: 5).first)
        #expect(again.undoProblem(current: try store.family("F-00017")) != nil)
    }

    @Test("a merge without a reason, or of a family with itself, is refused", arguments: StoreUnderTest.allCases)
    func refused(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        var merge = Self.familyMerge()
        merge.reason = " "
        #expect(throws: StoreError.self) { try store.apply([.mergeFamilies(merge)], by: "jo") }
        merge = Self.familyMerge(absorbed: F.quillfeather())
        #expect(throws: StoreError.self) { try store.apply([.mergeFamilies(merge)], by: "jo") }
        #expect(try store.familyIDs(after: nil, limit: 10) == ["F-00017", "F-00099"])
        // A family imported again under an id a merge retired is refused, not doubled.
        try store.apply([.mergeFamilies(Self.familyMerge())], by: "jo")
        #expect(throws: StoreError.self) { try store.apply([.addFamily(Self.duplicate())], by: "jo") }
    }

    @Test("a merge applied on another laptop gives the same family", arguments: StoreUnderTest.allCases)
    func sameEverywhere(kind: StoreUnderTest) throws {
        let here = try loaded(kind)
        let there = try loaded(kind)
        let changes: [CaseChange] = [.mergeFamilies(Self.familyMerge()), .mergePeople(Self.personMerge)]
        try here.apply(changes, by: "jo")
        // As the team server carries them: their JSON.
        let travelled = try changes.map {
            try ChangeCoding.decoder.decode(CaseChange.self, from: ChangeCoding.encoder.encode($0))
        }
        try there.apply(travelled, by: "jo")
        #expect(try Self.json(here, ["F-00017"]) == Self.json(there, ["F-00017"]))
        // A laptop that never held the absorbed family reaches the same result from the copy the merge carries.
        let elsewhere = try kind.make()
        try elsewhere.apply([.addFamily(F.quillfeather())], by: "loader")
        try elsewhere.apply(travelled, by: "jo")
        #expect(try Self.json(here, ["F-00017"]) == Self.json(elsewhere, ["F-00017"]))
    }

    @Test("the store-wide list pairs the same person recorded twice, and pages", arguments: StoreUnderTest.allCases)
    func duplicatesList(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        try store.apply(F.generated(count: 30).map { .addFamily($0) }, by: "loader")
        let page = try store.possibleDuplicatePairs(after: nil, limit: 50)
        let names = page.pairs.map { [$0.first.personID, $0.second.personID].map(\.rawValue).sorted() }
        #expect(names.contains(["P-marta", "P-marta-2"]))
        // Siblings (one surname, other birthdays) are not paired.
        #expect(!names.contains(["P-ava", "P-zoe"]))
        var pages = 0
        var all: [[String]] = []
        var cursor: String?
        repeat {
            let next = try store.possibleDuplicatePairs(after: cursor, limit: 1)
            all += next.pairs.map { [$0.first.personID, $0.second.personID].map(\.rawValue).sorted() }
            cursor = next.next
            pages += 1
        } while cursor != nil && pages < 100
        #expect(Set(all) == Set(names))
        #expect(all.count == Set(all).count)
    }

    @Test("after a merge no table names the merged-away ids, except the aliases and the merge kept for undoing")
    func nothingLeftBehind() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("store.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        try store.apply([.addFamily(F.quillfeather()), .addFamily(Self.duplicate())], by: "loader")
        try store.apply([.mergeFamilies(Self.familyMerge()), .mergePeople(Self.personMerge)], by: "jo")
        let queue = try DatabaseQueue(path: url.path)
        // History is kept as it was written: the audit trail and the change log say what happened to the old ids.
        let allowed: Set<String> = ["record_alias", "merge_record", "audit_entry", "change_outbox", "change_pulled"]
        let leftovers = try queue.read { db -> [String] in
            var found: [String] = []
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            for table in tables where !allowed.contains(table) && !table.hasPrefix("search_index") {
                for column in try db.columns(in: table).map(\.name) {
                    for old in ["F-00099", "P-marta-2"] {
                        let count =
                            try Int.fetchOne(
                                db,
                                sql:
                                    "SELECT count(*) FROM \"\(table)\" WHERE instr(CAST(\"\(column)\" AS TEXT), ?) > 0",
                                arguments: [old]) ?? 0
                        if count > 0 { found.append("\(table).\(column) names \(old)") }
                    }
                }
            }
            return found
        }
        #expect(leftovers == [])
        let report = try store.check()
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    static func json(_ store: any CaseStore, _ ids: [FamilyID]) throws -> [String] {
        try ids.map { id in
            let family = try #require(try store.family(id))
            return String(decoding: try ChangeCoding.encoder.encode(family), as: UTF8.self)
        }
    }
}
