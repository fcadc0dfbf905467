import Foundation
import GRDB
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import Testing

/// Erasing a person after review (#16): nothing of them left anywhere but the one entry saying so.
@Suite("CaseStore conformance: erasing a person")
struct ErasureConformanceTests {
    typealias F = TestFamilies

    static let now = ErasureFixtures.now
    static let erasure = PersonErasure(
        family: "F-00017", person: "P-ava", reason: "retention review 2026: record closed and past its date",
        at: now)
    /// What identifies Ava anywhere: her id, her name as written, her date of birth.
    static let avaStrings = ["P-ava", "Ava", "2022-03-14"]

    /// The Quillfeathers with more about Ava (a level, a note about Ava and Zoë naming her, her form draft)
    /// and a change about Zoë alone.
    private func loaded(_ kind: StoreUnderTest) throws -> any CaseStore {
        let store = try kind.make(kind: .live)
        try ErasureFixtures.writeQuillfeathersWithMoreAboutAva(
            into: store,
            and: [.updatePersonFields(family: "F-00017", person: "P-zoe", fields: [.phone: "07700 900333"])])
        try store.saveFormDraft(ErasureFixtures.draftAboutAva)
        return store
    }

    @Test(
        "erasing a person removes them from the family and every record only about them",
        arguments: StoreUnderTest.allCases)
    func erasesFromTheFamily(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        try store.apply([.erasePerson(Self.erasure)], by: "manager")
        let family = try #require(try store.family("F-00017"))
        #expect(family.members.map(\.id) == ["P-marta", "P-zoe"])
        #expect(family.relationships == [Relationship(from: "P-marta", kind: .parent, to: "P-zoe")])
        #expect(family.notes.map(\.id) == ["N-2"])
        #expect(family.notes[0].about == ["P-zoe"])
        #expect(family.notes[0].text == "[erased] and Zoë played well at the park.")
        #expect(family.contacts.isEmpty)
        #expect(family.referrals.map(\.people) == [["P-marta"]])
        #expect(family.referrals[0].contact == nil)
        #expect(family.assessments.isEmpty)
        #expect(try store.search("Ava", limit: 10).isEmpty)
        #expect(
            try store.matchPeople(MatchQuery("Ava Quillfeather", today: try CalendarDate(iso: "2026-11-23")), limit: 10)
                .allSatisfy { $0.personID != "P-ava" })
        #expect(try store.formDrafts(for: "jo").isEmpty)
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
    }

    @Test(
        "the audit keeps one entry naming what was erased, by whom and why; the others about her are markers",
        arguments: StoreUnderTest.allCases)
    func auditAfterErasure(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        try store.apply([.erasePerson(Self.erasure)], by: "manager")
        let entries = try store.auditTrail(family: "F-00017", limit: 100)
        let erasure = try #require(entries.first)
        #expect(erasure.action == "erase-person")
        #expect(erasure.actor == "manager")
        #expect(
            erasure.summary
                == "erased person P-ava (the member and their levels; 2 relationships, 1 note, 1 contact, 1 assessment, 2 shared records): retention review 2026: record closed and past its date"
        )
        let redactedList = try #require(erasure.detail?.changes.first { $0.field == "audit entries redacted" }?.new)
        let redacted = entries.filter { $0.detail?.erased != nil }
        // The new family (it listed her), her level, the note naming her; not the change to Zoë's phone.
        #expect(redacted.map(\.action).sorted() == ["add-case-note", "add-family", "record-level"])
        #expect(redactedList == redacted.compactMap(\.sequence).sorted().map(String.init).joined(separator: ", "))
        #expect(redacted.allSatisfy { $0.summary == CaseChange.erasedSummary })
        #expect(entries.contains { $0.action == "update-person" && $0.detail?.erased == nil })
        for entry in entries.dropFirst() where entry.detail?.erased == nil {
            let text = entry.summary + String(decoding: entry.detail?.encoded() ?? Data(), as: UTF8.self)
            #expect(!Self.avaStrings.contains { text.contains($0) }, "\(entry.action): \(text)")
        }
    }

    @Test(
        "erasure needs a reason and a member, and never leaves a family with no one", arguments: StoreUnderTest.allCases
    )
    func refusals(kind: StoreUnderTest) throws {
        let store = try loaded(kind)
        var noReason = Self.erasure
        noReason.reason = "  "
        #expect(throws: StoreError.self) { try store.apply([.erasePerson(noReason)], by: "manager") }
        var stranger = Self.erasure
        stranger.person = "P-dami"
        #expect(throws: StoreError.self) { try store.apply([.erasePerson(stranger)], by: "manager") }
        #expect(try store.family("F-00017")?.members.count == 3)
    }

    @Test("erasure travels as a change and erases the person on the store that pulls it")
    func erasureCoding() throws {
        let change = CaseChange.erasePerson(Self.erasure)
        let json = try ChangeCoding.encoder.encode(change)
        #expect(try ChangeCoding.decoder.decode(CaseChange.self, from: json) == change)
        #expect(change.action == "erase-person")
        #expect(change.family == "F-00017")
    }

    /// Reads every row of every table of the SQLite file: Ava's id, name and birthday are nowhere but in the
    /// erasure's own entry and the record ids the chain sealed on the redacted entries.
    @Test("after erasure no table of the SQLite store holds anything of the person")
    func nothingLeftInAnyTable() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("store.sqlite")
        do {
            let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
            try ErasureFixtures.writeQuillfeathersWithMoreAboutAva(
                into: store, noteText: "Ava and Zoë played at the park.")
            try store.saveFormDraft(
                FormDraft(
                    form: FormDraftKey(kind: "case-note", family: "F-00017", person: "P-zoe"), practitioner: "jo",
                    summary: "note", fields: ["text": "Zoë said Ava was tired"], updatedAt: Self.now))
            try store.apply([.erasePerson(Self.erasure)], by: "manager")
            let report = try store.check()
            #expect(report.isHealthy, "\(report.problems)")
        }
        let (tablesRead, leftovers) = try ErasureFixtures.leftovers(
            of: Self.avaStrings, in: url,
            isKept: { table, row in table == "audit_entry" && (row["action"] as String?) == "erase-person" },
            // The chain seals each entry's record id: a redacted entry keeps it beside its marker.
            isSealed: { table, column, row in
                table == "audit_entry" && column == "record_id" && (row["summary"] as String?) == "[erased]"
            })
        #expect(tablesRead > 20)
        #expect(leftovers == [])
    }
}
