import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// Every change a store saves is held to the id grammar, whatever way it came in (issue #12, defect 2).
@Suite("Id grammar in the store")
struct IDGrammarStoreTests {
    typealias F = TestFamilies

    @Test(
        "a family, person or record with an id outside the grammar is refused and nothing is saved",
        arguments: StoreUnderTest.allCases)
    func refused(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(F.quillfeather())], by: "t")
        let before = try store.info().auditEntryCount
        var traversal = F.adeyemi()
        traversal.id = "../../../victim"
        var spaced = F.adeyemi()
        spaced.id = "F-7777 "
        let note = CaseNote(id: "N\u{2011}1", writtenAt: F.at("2026-03-01T10:00:00Z"), author: "t", text: "x")
        for change in [CaseChange.addFamily(traversal), .addFamily(spaced), .addCaseNote(family: "F-00017", note)] {
            #expect {
                try store.apply([change], by: "t")
            } throws: { error in
                guard case .invalidChange(let reason) = error as? StoreError else { return false }
                return reason.contains("is not a valid id")
            }
        }
        #expect(try store.info().auditEntryCount == before)
        #expect(try store.family("../../../victim") == nil)
    }
}
