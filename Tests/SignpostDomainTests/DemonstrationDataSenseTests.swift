import Foundation
import SignpostDomain
import SignpostFixtures
import Testing

/// Demonstration data that makes sense (issue #16): nobody born in the future, no level before a birth.
@Suite("Demonstration data makes sense")
struct DemonstrationDataSenseTests {
    static let today = try! CalendarDate(iso: "2026-11-23")

    @Test("the check finds a birth after today, a level before a birth and an unborn baby with a date of birth")
    func checkFindsNonsense() throws {
        let born = try CalendarDate(iso: "2024-05-01")
        let beforeBirth = Date(timeIntervalSince1970: 1_700_000_000)  // 14 November 2023
        let early = Person(
            id: "P-1", role: .child, givenName: "Ava", familyName: "Nonsense", dateOfBirth: born,
            levelHistory: [LevelEntry(level: .earlyHelp, setBy: "t", setAt: beforeBirth, reason: "r")])
        let future = Person(
            id: "P-2", role: .child, givenName: "Ben", familyName: "Nonsense",
            dateOfBirth: Self.today.adding(days: 1))
        var unborn = Person(id: "P-3", role: .unbornChild, givenName: "Baby", familyName: "Nonsense")
        unborn.dateOfBirth = born
        unborn.levelHistory = [LevelEntry(level: .earlyHelp, setBy: "t", setAt: beforeBirth, reason: "pre-birth")]
        let family = Family(id: "F-1", name: "Nonsense", locality: .north, members: [early, future, unborn])
        let found = family.implausibleRecords(today: Self.today)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.contains("P-1") && $0.contains("before they were born (01/05/2024)") })
        #expect(found.contains { $0.contains("P-2") && $0.contains("after today") })
        #expect(found.contains { $0.contains("P-3") && $0.contains("unborn, yet has a date of birth") })
        var sensible = family
        sensible.members = [
            Person(
                id: "P-4", role: .child, givenName: "Cal", familyName: "Nonsense", dateOfBirth: born,
                levelHistory: [
                    LevelEntry(
                        level: .earlyHelp, setBy: "t", setAt: Date(timeIntervalSince1970: 1_780_000_000), reason: "r")
                ]),
            Person(
                id: "P-5", role: .unbornChild, givenName: "Baby", familyName: "Nonsense",
                expectedDeliveryDate: Self.today.adding(days: 60),
                levelHistory: [LevelEntry(level: .earlyHelp, setBy: "t", setAt: beforeBirth, reason: "pre-birth")]),
        ]
        #expect(sensible.implausibleRecords(today: Self.today).isEmpty, "a level before an unborn baby's birth is fine")
    }

    @Test("every fixture family makes sense on the day the fixtures describe")
    func fixtures() throws {
        for document in try FixtureCatalog.families() {
            #expect(document.family.implausibleRecords(today: Self.today) == [], "\(document.family.id)")
        }
    }

    @Test(
        "the generator's families make sense for several seeds and sizes",
        arguments: [(UInt64(1), 50), (7, 400), (42, 1500), (20261125, 3000)])
    func generator(seed: UInt64, size: Int) throws {
        let generator = SyntheticFamilyGenerator(seed: seed)
        var problems: [String] = []
        for number in 0..<size {
            problems += generator.family(number: number, today: Self.today).implausibleRecords(today: Self.today)
        }
        problems += generator.family(number: size, today: Self.today, chronologyEntries: 200)
            .implausibleRecords(today: Self.today)
        #expect(problems == [], "seed \(seed), \(size) families: \(problems.prefix(5))")
    }

    @Test("every training scenario's people are born by the time of the call, and its family makes sense then")
    func trainingScenarios() throws {
        let scenarios = try TrainingCatalog.scenarios(directory: Pathways.islington.directory)
        let families = Dictionary(uniqueKeysWithValues: try FixtureCatalog.families().map { ($0.family.id, $0.family) })
        #expect(!scenarios.isEmpty)
        for scenario in scenarios {
            let day = LondonTime.today(at: scenario.at)
            for person in scenario.situation.people {
                if let born = person.dateOfBirth {
                    #expect(
                        born <= day,
                        "\(scenario.id): \(person.id) born \(born.british), after the call on \(day.british)")
                    #expect(!person.unborn, "\(scenario.id): \(person.id) is unborn with a date of birth")
                }
            }
            let family = try #require(families[scenario.family], "\(scenario.id)")
            #expect(family.implausibleRecords(today: day) == [], "\(scenario.id) on \(day.british)")
        }
    }
}
