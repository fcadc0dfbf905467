import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostStoreTesting
import Testing

/// The ids a contact makes take its draft's namespace (issue #12, defect 12).
@Suite("Casework: a contact's ids and the fictional namespace")
struct RecordContactNamespaceTests {
    typealias Base = RecordContactTests

    @Test(
        "a draft started in a fictional store makes only fictional ids; a live store refuses them and keeps the draft")
    func fictionalDraftRefusedByLiveStore() throws {
        let store = try InMemoryCaseStore(kind: .live)
        try store.apply([.addFamily(try Base.family())], by: "loader")
        var draft = Base.draft(consent: .given)
        draft.id = "ZZ-D-CW1"
        try store.saveDraft(draft)
        let recording = RecordContact(
            draft: draft, family: try store.family("F-CW1"), walk: try Base.walk(for: draft),
            context: Base.context(store))
        #expect(recording.contactID == "ZZ-C-CW1")
        let added = try recording.changes().compactMap { change -> String? in
            switch change {
            case .addContact(_, let contact): return contact.id.rawValue
            case .addCaseNote(_, let note): return note.id.rawValue
            case .addReferral(_, let referral): return referral.id.rawValue
            case .recordConsent(_, let consent): return consent.id.rawValue
            default: return nil
            }
        }
        #expect(!added.isEmpty && added.allSatisfy { $0.hasPrefix("ZZ-") }, "\(added)")
        #expect {
            try recording.run()
        } throws: { error in
            guard case .fictionalDataInLiveStore(let what) = error as? StoreError else { return false }
            return what.hasPrefix("contact ZZ-C-CW1") || what.contains("ZZ-")
        }
        #expect(try store.family("F-CW1")?.contacts.isEmpty == true, "nothing was saved")
        #expect(try store.drafts(for: "sam.okafor").count == 1, "the draft is kept")
    }

    @Test("a draft started in a live store makes only live ids")
    func liveDraftMakesLiveIDs() throws {
        let store = try InMemoryCaseStore(kind: .live)
        try store.apply([.addFamily(try Base.family())], by: "loader")
        let draft = Base.draft(consent: .given)
        let recording = RecordContact(
            draft: draft, family: try store.family("F-CW1"), walk: try Base.walk(for: draft),
            context: Base.context(store))
        #expect(recording.contactID == "C-CW1")
        try recording.run()
        let family = try #require(try store.family("F-CW1"))
        #expect(family.recordsOutside(.live).isEmpty)
        #expect(family.contacts.map(\.id) == ["C-CW1"])
    }
}
