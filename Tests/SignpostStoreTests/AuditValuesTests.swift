import Foundation
import GRDB
import SignpostDomain
import SignpostStore
import Testing

@testable import SignpostSQLiteStore

/// The audit in view (#16): entries hold old and new values, page newest first with filters, exports
/// are audited as exports, and the chain seals a digest of the values so they can be erased later.
@Suite("Audit values")
struct AuditValuesTests {
    typealias F = TestFamilies

    private func store(_ kind: StoreUnderTest) throws -> any CaseStore {
        let store = try kind.make()
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        return store
    }

    @Test("a change's entry holds each changed field with its old and new value", arguments: StoreUnderTest.allCases)
    func changedValues(kind: StoreUnderTest) throws {
        let store = try store(kind)
        var marta = try #require(try store.family("F-00017")?.member("P-marta"))
        marta.phone = "07700 900999"
        let family = try #require(try store.family("F-00017"))
        try store.apply(
            [.updatePerson(family: "F-00017", marta, relationships: family.relationshipsInvolving("P-marta"))],
            by: "jo")
        let entry = try #require(try store.auditEntries(AuditQuery(family: "F-00017", limit: 1)).first)
        #expect(entry.action == "update-person")
        #expect(entry.detail?.changes == [AuditValueChange(field: "phone", old: "07700 900001", new: "07700 900999")])

        let level = LevelEntry(level: .complex, setBy: "jo", setAt: F.at("2026-03-01T10:00:00Z"), reason: "worse")
        try store.apply([.recordLevel(family: "F-00017", person: "P-ava", level)], by: "jo")
        let levelEntry = try #require(try store.auditEntries(AuditQuery(family: "F-00017", limit: 1)).first)
        #expect(levelEntry.detail?.changes.first == AuditValueChange(field: "level", old: "2", new: "3"))
        #expect(levelEntry.detail?.changes.contains(AuditValueChange(field: "reason", old: nil, new: "worse")) == true)

        let note = CaseNote(
            id: "N-v", writtenAt: F.at("2026-03-01T11:00:00Z"), author: "jo", text: "Home visit, all well",
            kind: .homeVisit)
        try store.apply([.addCaseNote(family: "F-00017", note)], by: "jo")
        let noteEntry = try #require(try store.auditEntries(AuditQuery(family: "F-00017", limit: 1)).first)
        #expect(
            noteEntry.detail?.changes.contains(AuditValueChange(field: "text", old: nil, new: "Home visit, all well"))
                == true)
        #expect(
            noteEntry.detail?.changes.contains(AuditValueChange(field: "kind", old: nil, new: "home-visit")) == true)
        #expect(noteEntry.summary.contains("home visit note"))
    }

    @Test(
        "pages run newest first, resume before the last entry, and filter by actor, kind and time",
        arguments: StoreUnderTest.allCases)
    func pagesAndFilters(kind: StoreUnderTest) throws {
        let store = try store(kind)
        for index in 0..<7 { try store.recordViewed("F-00017", by: index.isMultiple(of: 2) ? "sam" : "jo") }
        try store.recordExported("F-00017", summary: "exported the family record as markdown", by: "jo")

        let first = try store.auditEntries(AuditQuery(family: "F-00017", limit: 3))
        #expect(first.map(\.action) == ["export-family", "view-family", "view-family"])
        let second = try store.auditEntries(AuditQuery(family: "F-00017", before: first.last?.sequence, limit: 3))
        #expect(second.count == 3)
        #expect(Set(second.compactMap(\.sequence)).isDisjoint(with: Set(first.compactMap(\.sequence))))
        #expect(second.compactMap(\.sequence).allSatisfy { $0 < first.last!.sequence! })

        #expect(try store.auditEntries(AuditQuery(actor: "sam", limit: 50)).count == 4)
        let exports = try store.auditEntries(AuditQuery(kind: .exported, limit: 50))
        #expect(exports.map(\.action) == ["export-family"])
        #expect(exports.first?.actor == "jo")
        #expect(try store.auditEntries(AuditQuery(kind: .created, limit: 50)).count == 3)
        #expect(try store.auditEntries(AuditQuery(kind: .viewed, limit: 50)).count == 7)
        #expect(try store.auditEntries(AuditQuery(until: Date(timeIntervalSince1970: 0), limit: 50)).isEmpty)
        #expect(try store.auditEntries(AuditQuery(since: Date(timeIntervalSince1970: 0), limit: 50)).count == 11)
    }

    @Test("an export of a family that is not there is refused", arguments: StoreUnderTest.allCases)
    func exportOfMissingFamily(kind: StoreUnderTest) throws {
        let store = try store(kind)
        #expect(throws: StoreError.self) { try store.recordExported("F-missing", summary: "x", by: "jo") }
    }

    @Test("the chain seals a digest of the values: changed values are found, erased ones verify")
    func digestInChain() throws {
        let store = try SQLiteCaseStore(openingOrCreating: try TemporaryFolder().file("audit.sqlite"), kind: .live)
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        let note = CaseNote(id: "N-d", writtenAt: F.at("2026-03-01T11:00:00Z"), author: "jo", text: "Marta said …")
        try store.apply([.addCaseNote(family: "F-00017", note)], by: "jo")
        #expect(try store.check().isHealthy)
        let id = try #require(try store.auditEntries(AuditQuery(limit: 1)).first?.sequence)

        let erased = String(
            decoding: AuditDetail(changes: [], erased: "Marta Quillfeather's values, erased after review").encoded(),
            as: UTF8.self)
        try store.pool.write { db in
            try db.execute(
                sql: "UPDATE audit_entry SET summary = 'values erased after review', detail = ? WHERE id = ?",
                arguments: [erased, id])
        }
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
        #expect(try store.auditEntries(AuditQuery(limit: 1)).first?.detail?.erased != nil)

        try store.pool.write { db in
            try db.execute(
                sql: "UPDATE audit_entry SET detail = ? WHERE id = ?",
                arguments: [#"{"changes":[{"field":"text","new":"something else"}]}"#, id])
        }
        #expect(
            try store.check().problems == [
                "the audit trail was altered: entry \(id) (add-case-note by jo) had its sentence or values changed after they were written; entries from \(id) on cannot be trusted"
            ])

        try store.pool.write { db in
            try db.execute(
                sql: "UPDATE audit_entry SET detail_digest = ? WHERE id = ?",
                arguments: [String(repeating: "0", count: 64), id])
        }
        #expect(try store.check().problems.first?.contains("was changed after it was written") == true)
    }

    @Test("a sentence changed on an entry with values is found: the digest seals it too")
    func summarySealed() throws {
        let store = try SQLiteCaseStore(openingOrCreating: try TemporaryFolder().file("audit.sqlite"), kind: .live)
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        let id = try #require(try store.auditEntries(AuditQuery(limit: 1)).first?.sequence)
        try store.pool.write { db in
            try db.execute(sql: "UPDATE audit_entry SET summary = 'added nothing' WHERE id = ?", arguments: [id])
        }
        #expect(try store.check().problems.first?.contains("had its sentence or values changed") == true)
    }
}

/// Amending a case note (#16): the original is kept, a reason is needed, and the change syncs like the others.
@Suite("Amending notes")
struct AmendNoteTests {
    typealias F = TestFamilies

    private let note = CaseNote(
        id: "N-a", writtenAt: F.at("2026-03-01T11:00:00Z"), author: "jo", text: "Visited on Tuesday.", kind: .homeVisit)

    @Test("an amendment keeps the original text and shows the new one", arguments: StoreUnderTest.allCases)
    func keepsOriginal(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(F.quillfeather()), .addCaseNote(family: "F-00017", note)], by: "jo")
        let amendment = CaseNoteAmendment(
            amendedAt: F.at("2026-03-02T09:00:00Z"), by: "sam", text: "Visited on Wednesday.", reason: "wrong day")
        try store.apply([.amendCaseNote(family: "F-00017", note: "N-a", amendment)], by: "sam")
        let stored = try #require(try store.family("F-00017")?.notes.first { $0.id == "N-a" })
        #expect(stored.text == "Visited on Tuesday.")
        #expect(stored.currentText == "Visited on Wednesday.")
        #expect(stored.amendments == [amendment])
        #expect(stored.kind == .homeVisit)
        let entry = try #require(try store.auditEntries(AuditQuery(family: "F-00017", limit: 1)).first)
        #expect(entry.action == "amend-case-note")
        #expect(
            entry.detail?.changes.first
                == AuditValueChange(field: "text", old: "Visited on Tuesday.", new: "Visited on Wednesday."))
        // Search finds the note by what it says now.
        #expect(try store.search("wednesday", limit: 5).contains { $0.summary.id == "F-00017" })
        let report = try store.check()
        #expect(report.isHealthy, "\(report.problems)")
    }

    @Test(
        "an amendment without a reason, with no text or the same text, or of no note is refused",
        arguments: StoreUnderTest.allCases)
    func refused(kind: StoreUnderTest) throws {
        let store = try kind.make()
        try store.apply([.addFamily(F.quillfeather()), .addCaseNote(family: "F-00017", note)], by: "jo")
        let at = F.at("2026-03-02T09:00:00Z")
        for (target, amendment) in [
            ("N-a", CaseNoteAmendment(amendedAt: at, by: "sam", text: "New text", reason: " ")),
            ("N-a", CaseNoteAmendment(amendedAt: at, by: "sam", text: "  ", reason: "why")),
            ("N-a", CaseNoteAmendment(amendedAt: at, by: "sam", text: "Visited on Tuesday.", reason: "why")),
            ("N-none", CaseNoteAmendment(amendedAt: at, by: "sam", text: "New text", reason: "why")),
        ] {
            #expect(throws: StoreError.self) {
                try store.apply([.amendCaseNote(family: "F-00017", note: CaseNoteID(target), amendment)], by: "sam")
            }
        }
        #expect(try store.family("F-00017")?.notes.first { $0.id == "N-a" }?.amendments.isEmpty == true)
    }

    @Test("an amendment travels as JSON and reads back the same; it appends, with no base")
    func coding() throws {
        let change = CaseChange.amendCaseNote(
            family: "F-00017", note: "N-a",
            CaseNoteAmendment(amendedAt: F.at("2026-03-02T09:00:00Z"), by: "sam", text: "B", reason: "why"))
        let data = try ChangeCoding.encoder.encode(change)
        #expect(String(decoding: data, as: UTF8.self).contains(#""kind":"amend-case-note""#))
        #expect(try ChangeCoding.decoder.decode(CaseChange.self, from: data) == change)
        #expect(change.addsRecord)
    }

    @Test("a note written before notes had types reads as an 'other' note, never amended")
    func oldNotes() throws {
        let old = #"{"id":"N-1","writtenAt":0,"author":"jo","text":"hello","isSignificant":false,"about":[]}"#
        let note = try JSONDecoder().decode(CaseNote.self, from: Data(old.utf8))
        #expect(note.kind == .other)
        #expect(note.amendments.isEmpty)
    }
}
