import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// Moves of address, relationships and consent in detail, in every store (#15 part A).
@Suite("CaseStore conformance: household history and consent")
struct HouseholdConformanceTests {
    typealias F = TestFamilies

    private func store(_ kind: StoreUnderTest) throws -> any CaseStore {
        let store = try kind.make()
        try store.apply([.addFamily(F.quillfeather())], by: "loader")
        return store
    }

    @Test(
        "a move keeps the address left with its dates, and a second move keeps both", arguments: StoreUnderTest.allCases
    )
    func moves(kind: StoreUnderTest) throws {
        let store = try store(kind)
        let id = F.quillfeather().id
        let first = AddressMove(
            address: Address(lines: ["3 New Street"], postcode: "n1 1aa"), movedOn: F.day("2026-02-01"),
            recordedBy: "jo")
        try store.apply([.changeAddress(family: id, first)], by: "jo")
        let second = AddressMove(
            address: Address(lines: ["9 Far Lane"], postcode: "N19 3ZZ"), movedOn: F.day("2026-06-10"),
            recordedBy: "sam")
        try store.apply([.changeAddress(family: id, second)], by: "sam")
        let family = try #require(try store.family(id))
        #expect(family.address == second.address)
        #expect(family.addressSince == F.day("2026-06-10"))
        #expect(
            family.previousAddresses == [
                PreviousAddress(
                    address: F.quillfeather().address, from: nil, until: F.day("2026-02-01"), recordedBy: "jo"),
                PreviousAddress(
                    address: Address(lines: ["3 New Street"], postcode: "N1 1AA"), from: F.day("2026-02-01"),
                    until: F.day("2026-06-10"), recordedBy: "sam"),
            ])
        let audit = try #require(try store.auditTrail(family: id, limit: 1).first)
        #expect(audit.action == "change-address")
        #expect(audit.summary == "moved from 3 New Street, N1 1AA to 9 Far Lane, N19 3ZZ on 10/06/2026")
        let moves = family.chronology().compactMap { entry -> PreviousAddress? in
            if case .moved(let previous) = entry { return previous } else { return nil }
        }
        #expect(moves.count == 2)
        // The new postcode finds the family; search and the matcher were reindexed in the same transaction.
        #expect(try store.search("N19 3ZZ", limit: 5).contains { $0.summary.id == id })
    }

    @Test(
        "a move to the same address or dated before the last one is refused and changes nothing",
        arguments: StoreUnderTest.allCases)
    func refusedMoves(kind: StoreUnderTest) throws {
        let store = try store(kind)
        let id = F.quillfeather().id
        try store.apply(
            [
                .changeAddress(
                    family: id,
                    AddressMove(
                        address: Address(lines: ["3 New Street"], postcode: "N1 1AA"), movedOn: F.day("2026-02-01"),
                        recordedBy: "jo"))
            ], by: "jo")
        let before = try store.family(id)
        #expect(throws: StoreError.self) {
            try store.apply(
                [
                    .changeAddress(
                        family: id,
                        AddressMove(
                            address: Address(lines: ["3 New Street"], postcode: "N1 1AA"),
                            movedOn: F.day("2026-03-01"), recordedBy: "jo"))
                ], by: "jo")
        }
        #expect(throws: StoreError.self) {
            try store.apply(
                [
                    .changeAddress(
                        family: id,
                        AddressMove(
                            address: Address(lines: ["1 Old Road"], postcode: "N4 4AA"), movedOn: F.day("2026-01-01"),
                            recordedBy: "jo"))
                ], by: "jo")
        }
        #expect(try store.family(id) == before)
    }

    @Test(
        "relationships are added, changed and removed from either side, with their history",
        arguments: StoreUnderTest.allCases)
    func relationships(kind: StoreUnderTest) throws {
        let store = try store(kind)
        let id = F.quillfeather().id
        let time = F.at("2026-02-01T10:00:00Z")
        // Recorded as Ava sibling of Zoë; changed from Zoë's side, then removed from Ava's.
        try store.apply(
            [
                .changeRelationship(
                    family: id, Relationship(from: "P-zoe", kind: .halfSibling, to: "P-ava"), at: time, by: "jo")
            ],
            by: "jo")
        var family = try #require(try store.family(id))
        #expect(
            family.relationship(between: "P-ava", and: "P-zoe")
                == Relationship(from: "P-zoe", kind: .halfSibling, to: "P-ava"))
        #expect(family.relationships.count == 3)
        try store.apply(
            [.removeRelationship(family: id, between: "P-ava", and: "P-zoe", at: time, by: "sam")], by: "sam")
        family = try #require(try store.family(id))
        #expect(family.relationship(between: "P-ava", and: "P-zoe") == nil)
        try store.apply(
            [
                .addRelationship(
                    family: id, Relationship(from: "P-ava", kind: .sibling, to: "P-zoe"), at: time, by: "jo")
            ],
            by: "jo")
        family = try #require(try store.family(id))
        #expect(family.relationshipHistory.map(\.kind) == [.changed, .removed, .added])
        #expect(family.relationshipHistory[0].previous == .sibling)
        #expect(family.relationshipHistory[1].by == "sam")
        let audit = try store.auditTrail(family: id, limit: 3).map(\.action)
        #expect(audit == ["add-relationship", "remove-relationship", "change-relationship"])
    }

    @Test(
        "contradictory relationships are refused with a clear message and change nothing",
        arguments: StoreUnderTest.allCases)
    func contradictions(kind: StoreUnderTest) throws {
        let store = try store(kind)
        let id = F.quillfeather().id
        let before = try store.family(id)
        let time = F.at("2026-02-01T10:00:00Z")
        let cases: [(Relationship, String)] = [
            (Relationship(from: "P-marta", kind: .sibling, to: "P-ava"), "Marta is already the parent of Ava"),
            (Relationship(from: "P-ava", kind: .parent, to: "P-ava"), "cannot be related to themselves"),
        ]
        for (relationship, words) in cases {
            do {
                try store.apply([.addRelationship(family: id, relationship, at: time, by: "jo")], by: "jo")
                Issue.record("\(relationship) was accepted")
            } catch StoreError.invalidChange(let message) {
                #expect(message.contains(words), "\(message)")
            }
        }
        // A child as parent of their own parent: changing Marta→Ava to Ava→Marta parent is fine (it replaces),
        // but Ava as the parent of Zoë's parent is not.
        do {
            try store.apply(
                [
                    .changeRelationship(
                        family: id, Relationship(from: "P-zoe", kind: .parent, to: "P-marta"), at: time, by: "jo")
                ],
                by: "jo")
            Issue.record("Zoë as parent of her own parent was accepted")
        } catch StoreError.invalidChange(let message) {
            #expect(message.contains("their own ancestor") || message.contains("siblings"), "\(message)")
        }
        #expect(try store.family(id) == before)
    }

    @Test(
        "consent keeps who gave it, what it covers, the agencies and how; withdrawal is kept",
        arguments: StoreUnderTest.allCases)
    func consent(kind: StoreUnderTest) throws {
        let store = try store(kind)
        let id = F.quillfeather().id
        let record = ConsentRecord(
            id: "CN-new", givenBy: "Marta Quillfeather", person: "P-marta", givenOn: F.day("2026-02-01"),
            scope: "to assess; to share with School", purposes: [.assess, .share], agencies: ["School"],
            method: .written, recordedBy: "jo")
        try store.apply([.recordConsent(family: id, record)], by: "jo")
        try store.apply([.withdrawConsent(family: id, consent: "CN-new", on: F.day("2026-03-01"))], by: "jo")
        let family = try #require(try store.family(id))
        var expected = record
        expected.withdrawnOn = F.day("2026-03-01")
        #expect(family.consents.last == expected)
        let chronology = family.chronology()
        #expect(chronology.contains(.consent(expected)))
        #expect(chronology.contains(.consentWithdrawn(expected)))
    }
}
