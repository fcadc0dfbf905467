import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostStore
import Testing

/// What ``CaseStore/matchPeople(_:limit:)`` must do, run against the in-memory and the SQLite store.
@Suite("CaseStore conformance: the front-door matcher")
struct PersonMatchingConformanceTests {
    typealias F = TestFamilies

    private func storeWithFamilies(_ kind: StoreUnderTest) throws -> any CaseStore {
        let store = try kind.make()
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        return store
    }

    private func match(_ store: any CaseStore, _ text: String, limit: Int = 10) throws -> [PersonMatch] {
        try store.matchPeople(MatchQuery(text, today: try CalendarDate(iso: "2026-11-23")), limit: limit)
    }

    @Test(
        "a misspelt, accentless name finds the person, why, and what the family is open to",
        arguments: StoreUnderTest.allCases)
    func namesAndSummary(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        let best = try #require(try match(store, "zoe quilfeather").first)
        #expect(best.personID == "P-zoe")
        #expect(best.familyID == "F-00017")
        #expect(best.familyName == "Quillfeather")
        #expect(best.personName == "Zoë Quillfeather")
        #expect(best.dateOfBirth == F.day("2019-07-01"))
        #expect(best.postcode == "N7 0ZZ")
        #expect(best.reasonText == "first name matches without accents, surname spelt similarly")
        #expect(best.openServices == ["bright-start"])
        #expect(best.leadProfessional == "Jo Okafor")
        #expect(best.highestLevel == .earlyHelp)
        #expect(best.isOpen)
    }

    @Test("swapped names, sounds-alike, aliases, partial dates and postcodes", arguments: StoreUnderTest.allCases)
    func kindsOfQuery(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        #expect(try match(store, "Okonkwo Brown Grace").first?.personID == "P-grace")
        #expect(try match(store, "Okonkwo Brown Grace").first?.reasons.contains(.namesSwapped) == true)
        #expect(try match(store, "adeyemee toby").first?.personID == "P-tobi")
        #expect(try match(store, "zee").first?.personID == "P-zoe")
        let born = try match(store, "14/3").map(\.personID)
        #expect(Set(born) == ["P-ava", "P-tobi"])
        #expect(
            try match(store, "ava 14 mar").first?.reasonText
                == "first name matches, date of birth matches day and month")
        #expect(try match(store, "dami 11/2014").first?.personID == "P-dami")
        #expect(Set(try match(store, "n19 3ab").map(\.personID)) == ["P-grace", "P-dami"])
        #expect(try match(store, "quil", limit: 2).count == 2)
        #expect(try match(store, "xylophone").isEmpty)
        #expect(try match(store, "   ").isEmpty)
        #expect(try match(store, "zoe", limit: 0).isEmpty)
    }

    @Test(
        "the matcher follows changes to people and to the family's name and postcode",
        arguments: StoreUnderTest.allCases)
    func followsChanges(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        var zoe = try #require(F.quillfeather().member("P-zoe"))
        zoe.givenName = "Zora"
        let nell = Person(
            id: "P-nell", role: .child, givenName: "Niamh", familyName: "Adeyemi", dateOfBirth: F.day("2024-06-01"))
        var details = FamilyDetails(of: F.okonkwo())
        details.address = Address(lines: ["1 Moved Road"], postcode: "E8 4ZZ")
        try store.apply(
            [
                .updatePerson(
                    family: "F-00017", zoe, relationships: [Relationship(from: "P-marta", kind: .parent, to: "P-zoe")]),
                .addPerson(family: "F-00019", nell, relationships: []),
                .updateFamilyDetails("F-00018", details),
            ], by: "jo")
        #expect(try match(store, "zora quillfeather").first?.personID == "P-zoe")
        // Zora is still found by her also-known-as (Zee sounds like Zoe), but not as a first name.
        let former = try match(store, "zoe quillfeather").first { $0.personID == "P-zoe" }
        #expect(former?.reasons.contains(.name(.firstName, .withoutAccents)) == false)
        #expect(former?.reasons.contains(.name(.alsoKnownAs, .soundsLike)) == true)
        #expect(try match(store, "neeve adeyemi").first?.personID == "P-nell")
        #expect(try match(store, "dami e8 4zz").first?.reasons.contains(.postcode(whole: true)) == true)
        #expect(try match(store, "n19 3ab").isEmpty)
    }

    @Test("a new person like an existing one is reported as a possible duplicate", arguments: StoreUnderTest.allCases)
    func duplicates(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        let again = Person(
            id: "P-new", role: .child, givenName: "Tobie", familyName: "Adeyemi", dateOfBirth: F.day("2022-03-14"))
        #expect(try store.possibleDuplicates(of: again).map(\.personID) == ["P-tobi"])
        // A twin shares the surname and the birthday, not the first name.
        var sibling = again
        sibling.givenName = "Kemi"
        #expect(try store.possibleDuplicates(of: sibling).isEmpty)
    }

    /// Families whose given names and surnames are each shared by more people than one index lookup used to read.
    ///
    /// 600 Ashdowns (none called Amir) come first, then 600 people called Amir (none an Ashdown), all born on
    /// 14/03/2015; the one Amir Ashdown is in the last family.
    private func crowdedStore(_ kind: StoreUnderTest) throws -> any CaseStore {
        let store = try kind.make()
        let born = F.day("2015-03-14")
        var families: [Family] = []
        for index in 0..<1200 {
            let id = FamilyID(String(format: "G-%05d", index))
            let isAshdown = index < 600
            let person = Person(
                id: PersonID("\(id)-1"), role: .child, givenName: isAshdown ? "Bea\(index)" : "Amir",
                familyName: isAshdown ? "Ashdown" : "Carow\(index)", dateOfBirth: born)
            families.append(Family(id: id, name: person.familyName, locality: .north, members: [person]))
        }
        let wanted = Person(
            id: "G-09999-1", role: .child, givenName: "Amir", familyName: "Ashdown", dateOfBirth: F.day("2015-03-15"))
        families.append(Family(id: "G-09999", name: "Ashdown", locality: .north, members: [wanted]))
        try store.apply(families.map(CaseChange.addFamily), by: "loader")
        return store
    }

    @Test(
        "an exact name, a surname and date of birth, or one letter wrong find the person however common each part is",
        arguments: StoreUnderTest.allCases)
    func commonPartsStillFindThePerson(kind: StoreUnderTest) throws {
        let store = try crowdedStore(kind)
        for query in ["amir ashdown", "Ashdown Amir", "amir ashdown 15/03/2015", "ashdown 15/3/2015", "amir ashdwn"] {
            let first = try match(store, query, limit: 5).first
            #expect(first?.personID == "G-09999-1", "\(query): \(String(describing: first))")
        }
    }

    @Test("both stores give the same matches, in the same order, on the fixture families")
    func storesAgree() throws {
        let families = try FixtureCatalog.families().map(\.family)
        var stores: [any CaseStore] = []
        for kind in StoreUnderTest.allCases {
            let store = try kind.make()
            try store.apply(families.map(CaseChange.addFamily), by: "loader")
            stores.append(store)
        }
        let queries = [
            "zoe", "siobhan", "shivawn marchbank", "oisin", "li na", "lina", "kofi 2024", "14/3", "n19", "n1 7zz",
            "EC1V", "noor 11/2020", "quil", "bilal eggleston", "percival moonpeny", "he", "2002",
        ]
        for query in queries {
            let results = try stores.map { try match($0, query, limit: 15) }
            #expect(results[0] == results[1], "\(query)")
            #expect(!results[0].isEmpty, "\(query)")
        }
    }

    @Test("both stores agree when common keys fill the per-lookup and candidate limits")
    func storesAgreeAtTheLimits() throws {
        let families = F.generated(count: 1500)
        var stores: [any CaseStore] = []
        for kind in StoreUnderTest.allCases {
            let store = try kind.make()
            try store.apply(families.map(CaseChange.addFamily), by: "loader")
            stores.append(store)
        }
        for query in ["amir", "amir ashdown", "n1", "bea 2015", "eve n1 1zz", "hana carow", "jude ashdown1 1/1"] {
            let results = try stores.map { try match($0, query, limit: 20) }
            #expect(results[0] == results[1], "\(query)")
            #expect(results[0].count == 20 || query == "jude ashdown1 1/1", "\(query): \(results[0].count)")
        }
    }
}
