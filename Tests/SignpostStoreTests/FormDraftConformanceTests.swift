import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// What every ``CaseStore`` must do with drafts of the free-text forms, so a crash loses no typing.
@Suite("CaseStore conformance: form drafts")
struct FormDraftConformanceTests {
    typealias F = TestFamilies

    static let note = FormDraftKey(kind: "case-note", family: "F-00017", person: "P-ava")

    static func draft(
        _ form: FormDraftKey = note, by practitioner: String = "sam.okafor", text: String = "Mum rang",
        updated: String = "2026-07-01T08:00:00Z"
    ) -> FormDraft {
        FormDraft(
            form: form, practitioner: practitioner, summary: "case note for the Quillfeather family",
            fields: ["text": text, "significant": "yes"], updatedAt: F.at(updated))
    }

    @Test("a form draft reads back exactly as it was saved", arguments: StoreUnderTest.allCases)
    func roundTrip(kind: StoreUnderTest) throws {
        let store = try kind.make()
        var draft = Self.draft(text: "Line one\nLine “two” — Zoë\\ \u{1B}[31m\t")
        draft.updatedAt = Date(timeIntervalSinceReferenceDate: 804_589_200.987_654_3)
        try store.saveFormDraft(draft)
        #expect(try store.formDraft(Self.note, for: "sam.okafor") == draft)
        #expect(try store.formDrafts(for: "sam.okafor") == [draft])
        let newFamily = FormDraft(
            form: FormDraftKey(kind: "new-family"), practitioner: "sam.okafor", summary: "a new family", fields: [:],
            updatedAt: F.at("2026-07-01T07:00:00Z"))
        try store.saveFormDraft(newFamily)
        #expect(try store.formDraft(FormDraftKey(kind: "new-family"), for: "sam.okafor") == newFamily)
    }

    @Test(
        "saving again replaces the draft; drafts are listed newest first and kept to their practitioner",
        arguments: StoreUnderTest.allCases)
    func replaceAndList(kind: StoreUnderTest) throws {
        let store = try kind.make()
        try store.saveFormDraft(Self.draft(text: "M"))
        try store.saveFormDraft(Self.draft(text: "Mum", updated: "2026-07-01T08:00:01Z"))
        let level = FormDraftKey(kind: "level", family: "F-00017", person: "P-ava")
        try store.saveFormDraft(Self.draft(level, text: "worse", updated: "2026-07-01T09:00:00Z"))
        try store.saveFormDraft(Self.draft(by: "jo.bloggs", text: "someone else's", updated: "2026-07-01T10:00:00Z"))
        #expect(try store.formDrafts(for: "sam.okafor").map(\.form) == [level, Self.note])
        #expect(try store.formDraft(Self.note, for: "sam.okafor")?.fields["text"] == "Mum")
        #expect(try store.formDraft(Self.note, for: "jo.bloggs")?.fields["text"] == "someone else's")
        #expect(try store.formDraft(FormDraftKey(kind: "case-note", family: "F-00017"), for: "sam.okafor") == nil)
        #expect(try store.formDrafts(for: "nobody").isEmpty)
    }

    @Test(
        "discarding removes only that practitioner's draft of that form; twice is no error",
        arguments: StoreUnderTest.allCases)
    func discard(kind: StoreUnderTest) throws {
        let store = try kind.make()
        try store.saveFormDraft(Self.draft())
        try store.saveFormDraft(Self.draft(by: "jo.bloggs"))
        let member = FormDraftKey(kind: "member", family: "F-00017")
        try store.saveFormDraft(Self.draft(member))
        try store.discardFormDraft(Self.note, by: "sam.okafor")
        try store.discardFormDraft(Self.note, by: "sam.okafor")
        #expect(try store.formDraft(Self.note, for: "sam.okafor") == nil)
        #expect(try store.formDraft(Self.note, for: "jo.bloggs") != nil)
        #expect(try store.formDrafts(for: "sam.okafor").map(\.form) == [member])
    }

    @Test("a draft without a practitioner or a kind of form is refused", arguments: StoreUnderTest.allCases)
    func refused(kind: StoreUnderTest) throws {
        let store = try kind.make()
        #expect(throws: StoreError.self) { try store.saveFormDraft(Self.draft(by: "  ")) }
        #expect(throws: StoreError.self) { try store.saveFormDraft(Self.draft(FormDraftKey(kind: ""))) }
        #expect(try store.formDrafts(for: "  ").isEmpty)
    }

    @Test("form drafts are not audited: they are unsaved typing, not the record", arguments: StoreUnderTest.allCases)
    func notAudited(kind: StoreUnderTest) throws {
        let store = try kind.make()
        let before = try store.auditTrail(family: nil, limit: 100).count
        try store.saveFormDraft(Self.draft())
        try store.discardFormDraft(Self.note, by: "sam.okafor")
        #expect(try store.auditTrail(family: nil, limit: 100).count == before)
    }
}
