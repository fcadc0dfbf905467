import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// Merges travelling between two stores through the server stand-in (#16).
@Suite("Merges syncing")
struct MergeSyncTests {
    typealias F = TestFamilies
    typealias M = MergingConformanceTests

    @Test("a merge made in one store gives the same family in the other; a note made offline on the old id follows it")
    func mergeTravels() throws {
        let server = TestTeamServer()
        let alice = try StoreUnderTest.sqlite.makeSyncable()
        let bob = try StoreUnderTest.inMemory.makeSyncable()
        try alice.apply([.addFamily(F.quillfeather()), .addFamily(M.duplicate())], by: "alice")
        try server.sync(alice, as: "alice")
        try server.sync(bob, as: "bob")

        // Alice merges; Bob, offline, writes a note on the family Alice merged away.
        try alice.apply([.mergeFamilies(M.familyMerge()), .mergePeople(M.personMerge)], by: "alice")
        let late = CaseNote(
            id: "N-late", writtenAt: M.now, author: "bob", text: "Visited Marta", about: ["P-marta-2"])
        try bob.apply([.addCaseNote(family: "F-00099", late)], by: "bob")

        try server.sync(alice, as: "alice")
        try server.sync(bob, as: "bob")
        try server.sync(alice, as: "alice")

        let atAlice = try #require(try alice.family("F-00017"))
        let atBob = try #require(try bob.family("F-00017"))
        #expect(atAlice == atBob)
        #expect(atAlice.notes.first { $0.id == "N-late" }?.about == ["P-marta"])
        #expect(try bob.resolveFamilyID("F-00099") == "F-00017")
        #expect(try bob.familyIDs(after: nil, limit: 10) == ["F-00017"])

        // In Alice's store, undoing the person merge now would lose the note that arrived after it: refused.
        let record = try #require(try alice.mergeRecords(family: "F-00017", limit: 5).first { $0.id == "M-2" })
        #expect(record.undoProblem(current: atAlice) != nil, "Bob's note came after the merge: undoing would lose it")
    }
}
