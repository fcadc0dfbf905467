import Foundation
import GRDB
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import SignpostStoreTesting
import Testing

/// Erasing a whole family after review (#16): nothing of it left anywhere but the one entry saying so.
@Suite("CaseStore conformance: erasing a whole family")
struct FamilyErasureTests {
    typealias F = TestFamilies

    static let now = ErasureFixtures.now
    static let erasure = FamilyErasure(
        family: "F-00017", reason: "retention review 2026: closed record past its date", at: now)
    /// What identifies the Quillfeathers anywhere: the family's id, their surname, a given name, a birthday.
    static let quillfeatherStrings = ["F-00017", "Quillfeather", "P-ava", "Marta", "2022-03-14"]

    /// The Quillfeathers (with a level, a note and a form draft) and the Okonkwos, who stay; the changes
    /// wait in the outbox, and a search for the Quillfeathers is audited.
    private func loaded(_ kind: StoreUnderTest) throws -> any CaseStore {
        let store = try kind.make(kind: .live)
        try (store as? any SyncableStore)?.startOutbox()
        try ErasureFixtures.writeQuillfeathersWithMoreAboutAva(into: store)
        try store.saveFormDraft(ErasureFixtures.draftAboutAva)
        try store.recordRead(action: "search-families", summary: "searched for “Quillfeather”: 1 family", by: "jo")
        return store
    }

    @Test(
        "erasing a family removes it from the list, search, the matcher and drafts", arguments: StoreUnderTest.allCases)
    func erasesTheFamily(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        try store.apply([.eraseFamily(Self.erasure)], by: "manager")
        #expect(try store.family("F-00017") == nil)
        #expect(try store.family("F-00018") != nil)
        // The Okonkwos' own note names the Quillfeathers: their record, not the erased family's.
        #expect(try store.search("Quillfeather", limit: 10).map(\.summary.id) == ["F-00018"])
        #expect(try store.search("Ava", limit: 10).isEmpty)
        #expect(
            try store.matchPeople(MatchQuery("Ava Quillfeather", today: try CalendarDate(iso: "2026-11-23")), limit: 10)
                .allSatisfy { $0.familyID != "F-00017" })
        #expect(try store.formDrafts(for: "jo").isEmpty)
        let pending = try #require(store as? any SyncableStore).pendingChanges(limit: 100)
        #expect(pending.filter { $0.family == "F-00017" }.map(\.kind) == ["erase-family"])
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
    }

    @Test(
        "the audit keeps one entry with counts, by whom and why; every other entry about the family is a marker",
        arguments: StoreUnderTest.allCases)
    func auditAfterErasure(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        try store.apply([.eraseFamily(Self.erasure)], by: "manager")
        let entries = try store.auditTrail(family: "F-00017", limit: 100)
        let erasure = try #require(entries.first)
        #expect(erasure.action == "erase-family")
        #expect(erasure.actor == "manager")
        #expect(
            erasure.summary
                == "erased family F-00017 (3 members, 2 levels, 3 relationships, 2 notes, 1 contact, 1 referral, "
                + "1 consent, 1 episode, 1 assessment): retention review 2026: closed record past its date")
        let redactedList = try #require(erasure.detail?.changes.first { $0.field == "audit entries redacted" }?.new)
        let everyEntry = try store.auditEntries(AuditQuery(limit: 1000))
        let redacted = everyEntry.filter { $0.detail?.erased != nil }
        #expect(redactedList == redacted.compactMap(\.sequence).sorted().map(String.init).joined(separator: ", "))
        #expect(Set(redacted.map(\.action)) == ["add-family", "record-level", "add-case-note", "search-families"])
        #expect(entries.dropFirst().allSatisfy { $0.detail?.erased != nil })
        for entry in everyEntry where entry.detail?.erased == nil && entry.action != "erase-family" {
            let text = entry.summary + String(decoding: entry.detail?.encoded() ?? Data(), as: UTF8.self)
            #expect(!Self.quillfeatherStrings.contains { text.contains($0) }, "\(entry.action): \(text)")
        }
    }

    @Test("erasing a family needs a reason and a family held here", arguments: StoreUnderTest.allCases)
    func refusals(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        var noReason = Self.erasure
        noReason.reason = "  "
        #expect(throws: StoreError.self) { try store.apply([.eraseFamily(noReason)], by: "manager") }
        var stranger = Self.erasure
        stranger.family = "F-99999"
        #expect(throws: StoreError.self) { try store.apply([.eraseFamily(stranger)], by: "manager") }
        #expect(try store.family("F-00017")?.members.count == 3)
    }

    @Test(
        "a family's last person is refused alone, pointing to erasing the whole family",
        arguments: StoreUnderTest.allCases)
    func lastPersonPointsToTheWholeFamily(kind: StoreUnderTest) throws {
        var lone = F.quillfeather()
        lone.members = [lone.members[0]]
        lone.relationships = []
        lone.notes = []
        lone.contacts = []
        lone.referrals = []
        lone.consents = []
        lone.assessments = []
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(lone)], by: "loader")
        let erasure = PersonErasure(family: "F-00017", person: "P-marta", reason: "retention review", at: Self.now)
        #expect {
            try store.apply([.erasePerson(erasure)], by: "manager")
        } throws: { error in
            "\(error)".contains("erase the whole family instead (signpost erase --family F-00017")
        }
        try store.apply(
            [.eraseFamily(FamilyErasure(family: "F-00017", reason: "retention review", at: Self.now))], by: "manager")
        #expect(try store.family("F-00017") == nil)
    }

    @Test("a family erasure travels as a change naming only the family and the reason")
    func erasureCoding() throws {
        let change = CaseChange.eraseFamily(Self.erasure)
        let json = try ChangeCoding.encoder.encode(change)
        #expect(try ChangeCoding.decoder.decode(CaseChange.self, from: json) == change)
        #expect(change.action == "erase-family")
        #expect(change.family == "F-00017")
        #expect(change.recordID == "F-00017")
    }

    /// Every row of every table of the SQLite file, and the raw bytes of the file and its log: the family's
    /// id, names and birthdays are nowhere but in the erasure's own entry and the ids the chain sealed.
    @Test("after a family's erasure no table nor byte of the SQLite store holds anything of it")
    func nothingLeftInAnyTableOrByte() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("store.sqlite")
        let surname = SecureErasureFileTests.surname
        do {
            let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
            try store.startOutbox()
            var family = try SecureErasureFileTests.family()
            family.name = surname
            try store.apply([.addFamily(family), .addFamily(F.okonkwo())], by: "jo")
            try store.apply(
                [
                    .addCaseNote(
                        family: "F-70001",
                        CaseNote(
                            id: "N-1", writtenAt: Self.now, author: "jo", text: "Home visit: the \(surname)s at home.",
                            about: ["P-zeb"])),
                    .decideRetention(
                        family: "F-70001",
                        RetentionDecision(
                            keptUntil: try CalendarDate(iso: "2027-01-01"), reason: "\(surname) appeal pending",
                            by: "jo", at: Self.now)),
                ], by: "jo")
            try store.recordRead(action: "search-families", summary: "searched for “\(surname)”: 1 family", by: "jo")
            try store.close()
            let reopened = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
            try reopened.apply(
                [.eraseFamily(FamilyErasure(family: "F-70001", reason: "retention review", at: Self.now))],
                by: "manager")
            #expect(try reopened.search(surname, limit: 10).isEmpty)
            #expect(try reopened.check().isHealthy)
            Self.expectNoBytes(of: surname, in: url, while: "open")
            try reopened.close()
        }
        Self.expectNoBytes(of: surname, in: url, while: "closed")
        let (tablesRead, leftovers) = try ErasureFixtures.leftovers(
            of: ["F-70001", surname, SecureErasureFileTests.given, "P-zeb", "2019-07-23"], in: url,
            isKept: { table, row in
                (table == "audit_entry" && (row["action"] as String?) == "erase-family")
                    || (table == "change_outbox"
                        && (String(data: row["envelope"] as Data? ?? Data(), encoding: .utf8) ?? "")
                            .contains("\"erase-family\""))
            },
            // The chain seals each entry's family and record ids: a redacted entry keeps them.
            isSealed: { table, column, row in
                table == "audit_entry" && ["record_id", "family_id"].contains(column)
                    && (row["summary"] as String?) == CaseChange.erasedSummary
            })
        #expect(tablesRead > 20)
        #expect(leftovers == [])
    }

    static func expectNoBytes(of word: String, in url: URL, while state: String) {
        let leftovers = SecureErasureFileTests.bytes(of: url).filter { SecureErasureFileTests.contains($0.1, word) }
        #expect(leftovers.map(\.0) == [], "store \(state)")
    }
}
