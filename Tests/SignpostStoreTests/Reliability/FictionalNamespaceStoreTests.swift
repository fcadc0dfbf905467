import Foundation
import GRDB
import SignpostDomain
import SignpostStore
import Testing

@testable import SignpostSQLiteStore

/// A live store never takes a fictional record, whichever way it comes in (issue #12, defect 12).
@Suite("Fictional namespace in the store")
struct FictionalNamespaceStoreTests {
    typealias F = TestFamilies

    /// `family` with every id moved into the fictional namespace (`ZZ-…`), as the demo generator and fixtures make them.
    static func fictional(_ family: Family) throws -> Family {
        var ids = [family.id.rawValue] + family.members.map(\.id.rawValue) + family.contacts.map(\.id.rawValue)
        ids += family.referrals.map(\.id.rawValue) + family.notes.map(\.id.rawValue)
        ids += family.consents.map(\.id.rawValue) + family.episodes.map(\.id.rawValue)
        ids += family.assessments.map(\.id.rawValue)
        var text = String(decoding: try FamilyDocument(family: family, isFictional: false).encoded(), as: UTF8.self)
        for id in ids { text = text.replacingOccurrences(of: "\"\(id)\"", with: "\"ZZ-\(id)\"") }
        text = text.replacingOccurrences(of: #""fictional" : false"#, with: #""fictional" : true"#)
        return try FamilyDocument(decoding: Data(text.utf8)).family
    }

    @Test(
        "a fictional family, person, note, contact or referral is refused by a live store, naming it; nothing is saved",
        arguments: StoreUnderTest.allCases)
    func liveStoreRefuses(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(F.quillfeather())], by: "t")
        let before = try store.info().auditEntryCount
        let demo = try Self.fictional(F.adeyemi())
        #expect(demo.recordsOutside(.fictional).isEmpty)
        var onePersonLeft = F.adeyemi()
        onePersonLeft.members[0].id = PersonID("ZZ-\(onePersonLeft.members[0].id)")
        onePersonLeft.relationships = []
        onePersonLeft.contacts = []
        onePersonLeft.referrals = []
        onePersonLeft.notes = []
        onePersonLeft.assessments = []
        let now = F.at("2026-03-01T10:00:00Z")
        let person = Person(id: "ZZ-P-new", role: .child, givenName: "Pip", familyName: "Quillfeather")
        let changes: [(CaseChange, String)] = [
            (.addFamily(demo), "family ZZ-\(F.adeyemi().id)"),
            (.addFamily(onePersonLeft), "person ZZ-\(F.adeyemi().members[0].id)"),
            (.addPerson(family: "F-00017", person, relationships: []), "person ZZ-P-new (Pip Quillfeather)"),
            (
                .addCaseNote(family: "F-00017", CaseNote(id: "ZZ-N-1", writtenAt: now, author: "t", text: "x")),
                "case note ZZ-N-1"
            ),
            (
                .addContact(
                    family: "F-00017",
                    Contact(
                        id: "ZZ-C-9", receivedAt: now, caller: Caller(name: "x"), source: .school, about: ["P-ava"],
                        concernInCallersWords: "x", concerns: [], outcome: .adviceGiven, recordedBy: "t")),
                "contact ZZ-C-9"
            ),
            (
                .addReferral(
                    family: "F-00017",
                    Referral(
                        id: "ZZ-R-9", service: "bright-start", people: ["P-ava"], madeAt: now, madeBy: "t",
                        consent: .given, urgency: .routine)),
                "referral ZZ-R-9"
            ),
        ]
        for (change, named) in changes {
            #expect {
                try store.apply([change], by: "t")
            } throws: { error in
                guard case .fictionalDataInLiveStore(let what) = error as? StoreError else { return false }
                return what.hasPrefix(named) && (error as? StoreError)?.description.contains("live store") == true
            }
        }
        #expect(try store.info().auditEntryCount == before, "nothing was saved")
        #expect(try store.family(demo.id) == nil)
        #expect(try store.family(F.adeyemi().id) == nil)
    }

    @Test("a fictional change pulled from a team server is refused by a live store", arguments: StoreUnderTest.allCases)
    func livePullRefuses(kind: StoreUnderTest) throws {
        let store = try kind.makeSyncable(kind: .live)
        let demo = try Self.fictional(F.adeyemi())
        let device: DeviceID = "D-ELSEWHERE0"
        let envelope = ChangeEnvelope(
            id: UUID(), device: device, hlc: HybridTimestamp(milliseconds: 1_000, counter: 0, device: device),
            base: nil, fields: nil, scope: nil, change: .addFamily(demo))
        #expect {
            try store.applyPulled([ServerChange(seq: 1, author: "alice", receivedAt: Date(), envelope: envelope)])
        } throws: { error in
            guard case .fictionalDataInLiveStore(let what) = error as? StoreError else { return false }
            return what.contains("family \(demo.id)")
        }
        #expect(try store.family(demo.id) == nil)
        #expect(try store.lastPulledSeq() == 0, "the page was not taken")
    }

    @Test("a demonstration store takes fictional families")
    func demonstrationStoreTakes() throws {
        for kind in StoreUnderTest.allCases {
            let store = try kind.make(kind: .demonstration)
            let demo = try Self.fictional(F.quillfeather())
            try store.apply([.addFamily(demo)], by: "t")
            #expect(try store.family(demo.id) == demo)
        }
    }

    /// Rewrites ids in the file behind the store's back, as a SQL tool would.
    private func forge(_ store: SQLiteCaseStore, _ sql: String) throws {
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: sql)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }

    @Test("check names every record, in every table, whose id is in the other namespace")
    func checkCoversEveryTable() throws {
        let live = try SQLiteCaseStore(openingOrCreating: try TemporaryFolder().file("live.sqlite"), kind: .live)
        try live.apply([.addFamily(F.quillfeather())], by: "t")
        let sound = try live.check()
        #expect(sound.isHealthy, "\(sound.problems)")
        #expect(sound.checked.contains { $0.contains("every id is live") }, "\(sound.checked)")
        // Forged rows: ids given the fictional mark in every table of casework, with the foreign keys off.
        try live.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(
                sql: """
                    UPDATE case_note SET id = 'ZZ-N-1';
                    UPDATE consent SET id = 'ZZ-K-1';
                    UPDATE episode SET id = 'ZZ-E-1';
                    UPDATE contact SET about = '["ZZ-P-ava"]';
                    UPDATE referral SET id = 'ZZ-R-1';
                    UPDATE assessment SET id = 'ZZ-A-ava-1';
                    UPDATE level_entry SET person_id = 'ZZ-P-ava';
                    """)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let problems = try live.check().problems
        for named in [
            "case note ZZ-N-1 of family F-00017 has a fictional id", "consent ZZ-K-1 of family F-00017",
            "episode ZZ-E-1", "contact C-1 of family F-00017 has a fictional id", "referral ZZ-R-1",
            "assessment ZZ-A-ava-1", "level entry ZZ-P-ava #1 of family F-00017",
        ] {
            #expect(problems.contains { $0.hasPrefix(named) }, "\(named) in \(problems)")
        }

        let demo = try SQLiteCaseStore(
            openingOrCreating: try TemporaryFolder().file("demo.sqlite"), kind: .demonstration)
        try demo.apply([.addFamily(try Self.fictional(F.quillfeather()))], by: "t")
        let demoSound = try demo.check()
        #expect(demoSound.isHealthy, "\(demoSound.problems)")
        try forge(demo, "UPDATE person SET id = 'P-zoe' WHERE id = 'ZZ-P-zoe'")
        try forge(demo, "UPDATE relationship SET to_person = 'P-zoe' WHERE to_person = 'ZZ-P-zoe'")
        let demoProblems = try demo.check().problems
        #expect(
            demoProblems.contains {
                $0.hasPrefix("person P-zoe (Zoë Quillfeather) of family ZZ-F-00017 has a live id")
            },
            "\(demoProblems)")
        #expect(demoProblems.contains { $0.hasPrefix("relationship ZZ-P-marta → P-zoe") }, "\(demoProblems)")
    }

    @Test("check reports a birth after today and a level before a birth, naming the person")
    func checkReportsNonsenseDates() throws {
        let store = try SQLiteCaseStore(openingOrCreating: try TemporaryFolder().file("dates.sqlite"), kind: .live)
        try store.apply([.addFamily(F.quillfeather())], by: "t")
        try forge(store, "UPDATE person SET date_of_birth = '2026-02-01' WHERE id = 'P-ava'")
        try forge(store, "UPDATE person SET date_of_birth = '2999-01-01' WHERE id = 'P-zoe'")
        let problems = try store.check().problems
        #expect(
            problems.contains { $0.contains("P-ava (Ava Quillfeather)") && $0.contains("before they were born") },
            "\(problems)")
        #expect(problems.contains { $0.contains("P-zoe") && $0.contains("after today") }, "\(problems)")
    }
}
