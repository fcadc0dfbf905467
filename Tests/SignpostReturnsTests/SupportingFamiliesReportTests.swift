import Foundation
import GRDB
import SignpostDomain
import SignpostFixtures
import SignpostStore
import Testing

@testable import SignpostReturns

/// The Supporting Families report and return on the fixture families, worked out by hand, and on generated
/// needs the SQLite store's indexed figures agree with counts made directly in SQL and with the in-memory store.
///
/// The fixture families with needs (Fixtures/tools/make_fixtures.py):
/// - ZZ-F-0020: housing and money (identified 01/09/2025), education (06/10/2025): meets the criteria on
///   06/10/2025; outcomes 15/01, 10/02, 02/03/2026; all sustained, checked 20/07, 12/08, 07/09/2026: significant
///   and sustained progress on 07/09/2026.
/// - ZZ-F-0026: substance use and health (04/05/2026), education (15/06/2026): meets the criteria on
///   15/06/2026; the health outcome achieved 01/09/2026, its check not yet due.
/// - ZZ-F-0036: money (09/03/2026) and health (20/04/2026): two needs, never counted.
/// - ZZ-F-0005: domestic abuse and children safe (02/02/2026), relationships (16/02/2026), crime (01/03/2026):
///   meets the criteria on 16/02/2026; domestic abuse achieved 10/03/2026 and found NOT sustained on 15/09/2026;
///   relationships achieved 01/04/2026.
@Suite("Returns: Supporting Families")
struct SupportingFamiliesReportTests {
    static let first = ReturnsFixture.day("2026-04-01")
    static let last = ReturnsFixture.day("2026-09-30")

    static func fixtureStore(_ kind: ReturnsStore) throws -> (any CaseStore, URL?) {
        try kind.make(try FixtureCatalog.families().map(\.family))
    }

    @Test("April to September 2026 on the fixture families, worked out by hand", arguments: ReturnsStore.allCases)
    func halfYearByHand(_ kind: ReturnsStore) throws {
        let (store, _) = try Self.fixtureStore(kind)
        let figures = try store.supportingFamiliesFigures(from: Self.first, to: Self.last)
        // Met the criteria in the period: only ZZ-F-0026 (15/06/2026). Progress: only ZZ-F-0020 (07/09/2026).
        #expect(figures.eligibleFamilies == 1)
        #expect(figures.progressFamilies == 1)
        let output = try ManagerReport.supportingFamilies.run(
            on: store, from: Self.first, to: Self.last, today: Self.last)
        #expect(
            output.csv.rows == [
                // Eligible (0026), progress (0020), identified, achieved, sustained, not sustained.
                ["Getting a good education", "1", "1", "1", "0", "1", "0"],
                ["Good early years development", "0", "0", "0", "0", "0", "0"],
                // Identified by 0026 (04/05) and 0036 (20/04); achieved by 0026 (01/09).
                ["Improved mental and physical health", "1", "0", "2", "1", "0", "0"],
                ["Promoting recovery and reducing harm from substance use", "1", "0", "1", "0", "0", "0"],
                // 0005's relationships outcome, 01/04/2026.
                ["Improved family relationships", "0", "0", "0", "1", "0", "0"],
                ["Children safe from abuse and exploitation", "0", "0", "0", "0", "0", "0"],
                ["Crime prevention and tackling crime", "0", "0", "0", "0", "0", "0"],
                // 0005's check on 15/09/2026 found it had not lasted.
                ["Safe from domestic abuse", "0", "0", "0", "0", "0", "1"],
                ["Secure housing", "0", "1", "0", "0", "1", "0"],
                ["Financial stability", "0", "1", "0", "0", "1", "0"],
                ["All areas (families counted once)", "1", "1", "4", "2", "3", "1"],
            ])
        let text = output.text(width: 80)
        #expect(text.contains("1 family came to meet the criteria (3 or more needs identified)"))
        #expect(text.contains("1 family showed significant and sustained progress (all needs sustained)"))
        #expect(text.allSatisfy { $0.count <= 80 })
    }

    @Test("The financial year 2025 to 2026: two families met the criteria, none made progress yet")
    func financialYearByHand() throws {
        let (store, _) = try Self.fixtureStore(.sqlite)
        let figures = try store.supportingFamiliesFigures(
            from: ReturnsFixture.day("2025-04-01"), to: ReturnsFixture.day("2026-03-31"))
        // ZZ-F-0020 on 06/10/2025 and ZZ-F-0005 on 16/02/2026.
        #expect(figures.eligibleFamilies == 2)
        #expect(figures.progressFamilies == 0)
        #expect(figures[.domesticAbuse].eligibleFamilies == 1)
        #expect(figures[.secureHousing].eligibleFamilies == 1)
        #expect(figures[.domesticAbuse].achieved == 1)
    }

    @Test("The return lists each family counted in the period, a row each", arguments: ReturnsStore.allCases)
    func returnFiles(_ kind: ReturnsStore) throws {
        let (store, _) = try Self.fixtureStore(kind)
        let sf = try SupportingFamiliesReturn.build(from: store, from: Self.first, to: Self.last)
        #expect(
            sf.families.rows == [
                [
                    "ZZ-F-0020", "3", "Getting a good education; Secure housing; Financial stability", "06/10/2025",
                    "3",
                    "3", "07/09/2026",
                ],
                [
                    "ZZ-F-0026", "3",
                    "Getting a good education; Improved mental and physical health; Promoting recovery and reducing harm from substance use",
                    "15/06/2026", "1", "0", "",
                ],
            ])
        #expect(sf.areas.rows.count == 11)
        #expect(sf.files.map(\.name) == ["Supporting_Families_families.csv", "Supporting_Families_by_area.csv"])
    }

    /// Needs for generated families, a pattern per family number, so every rule is met somewhere.
    static func withNeeds(_ families: [Family]) -> [Family] {
        let areas = OutcomeArea.allCases
        let start = ReturnsFixture.day("2025-01-06")
        return families.enumerated().map { index, family in
            var family = family
            let count = index % 5
            family.supportingFamiliesNeeds = (0..<count).map { step in
                let identified = start.adding(days: (index * 7 + step * 11) % 500)
                let achieved = index % 3 == 0 ? nil : identified.adding(days: 20 + index % 90)
                let checked =
                    (index % 4 == 0 || achieved == nil) ? nil : achieved?.adding(months: 6).adding(days: index % 9)
                return SupportingFamiliesNeed(
                    area: areas[(index + step) % areas.count], identifiedOn: identified, identifiedBy: "generator",
                    achievement: achieved.map { OutcomeAchievement(on: $0, evidence: "seen", recordedBy: "g") },
                    check: checked.map { SustainCheck(on: $0, sustained: index % 7 != 1, note: "", recordedBy: "g") })
            }
            return family
        }
    }

    @Test("On generated needs the SQLite figures agree with counts made directly in SQL and with the in-memory store")
    func sqliteAgreesWithDirectSQL() throws {
        let generator = SyntheticFamilyGenerator(seed: 17)
        let families = Self.withNeeds(generator.families(0..<400, today: ReturnsFixture.day("2026-11-23")))
        let (sqlite, file) = try ReturnsStore.sqlite.make(families)
        let (memory, _) = try ReturnsStore.inMemory.make(families)
        let database = try DatabaseQueue(path: try #require(file).path)
        for (first, last) in [("2025-04-01", "2026-03-31"), ("2026-04-01", "2026-09-30"), ("2025-01-01", "2026-11-23")]
        {
            let from = ReturnsFixture.day(first)
            let to = ReturnsFixture.day(last)
            let figures = try sqlite.supportingFamiliesFigures(from: from, to: to)
            #expect(figures == (try memory.supportingFamiliesFigures(from: from, to: to)), "\(first) to \(last)")
            // Counted directly from the needs, without the family dates the store keeps: a family's third
            // need day is the smallest day with at least three needs on or before it.
            let eligible = try database.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (
                            SELECT n.family_id, min(n.identified_on) AS third FROM supporting_families_need n
                            WHERE (SELECT count(*) FROM supporting_families_need o
                                   WHERE o.family_id = n.family_id AND o.identified_on <= n.identified_on) >= 3
                            GROUP BY n.family_id)
                        WHERE third BETWEEN ? AND ?
                        """, arguments: [from.iso, to.iso])
            }
            #expect(figures.eligibleFamilies == eligible)
            let progress = try database.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (
                            SELECT family_id, max(checked_on) AS last_check FROM supporting_families_need
                            GROUP BY family_id
                            HAVING count(*) >= 3 AND sum(sustained IS 1) = count(*))
                        WHERE last_check BETWEEN ? AND ?
                        """, arguments: [from.iso, to.iso])
            }
            #expect(figures.progressFamilies == progress)
            let identified = try database.read { db in
                try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(
                        db,
                        sql: """
                            SELECT area, count(*) AS n FROM supporting_families_need
                            WHERE identified_on BETWEEN ? AND ? GROUP BY area
                            """, arguments: [from.iso, to.iso]
                    ).map { ($0["area"] as String, $0["n"] as Int) })
            }
            for area in OutcomeArea.allCases {
                #expect(figures[area].identified == identified[area.rawValue] ?? 0, "\(area)")
            }
            let notSustained = try database.read { db in
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM supporting_families_need WHERE sustained = 0 AND checked_on BETWEEN ? AND ?",
                    arguments: [from.iso, to.iso])
            }
            #expect(figures.areas.values.reduce(0) { $0 + $1.notSustained } == notSustained)
        }
        #expect(try sqlite.supportingFamiliesFigures(from: Self.first, to: Self.last).eligibleFamilies > 0)
        #expect(try sqlite.supportingFamiliesFigures(from: Self.first, to: Self.last).progressFamilies > 0)
    }

    @Test("The listing pages in id order and agrees with the in-memory store")
    func listingPages() throws {
        let families = Self.withNeeds(
            SyntheticFamilyGenerator(seed: 5).families(0..<200, today: ReturnsFixture.day("2026-11-23")))
        let (sqlite, _) = try ReturnsStore.sqlite.make(families)
        let (memory, _) = try ReturnsStore.inMemory.make(families)
        let from = ReturnsFixture.day("2025-01-01")
        let to = ReturnsFixture.day("2026-11-23")
        var pages: [SupportingFamiliesListing] = []
        var after: FamilyID?
        while case let page = try sqlite.supportingFamiliesListing(from: from, to: to, after: after, limit: 7),
            let lastListed = page.last
        {
            pages += page
            after = lastListed.family
        }
        #expect(pages.count > 7)
        #expect(pages == (try memory.supportingFamiliesListing(from: from, to: to, after: nil, limit: 10_000)))
        #expect(pages.map(\.family.rawValue) == pages.map(\.family.rawValue).sorted())
    }

    @Test("Each Supporting Families query reads an index, never the whole table")
    func plansUseIndexes() throws {
        let (_, file) = try ReturnsStore.sqlite.make([])
        let database = try DatabaseQueue(path: try #require(file).path)
        let queries = [
            "SELECT count(*) FROM supporting_families_family WHERE eligible_on IS NOT NULL AND eligible_on BETWEEN '2026-01-01' AND '2026-12-31'",
            "SELECT count(*) FROM supporting_families_family WHERE progress_on IS NOT NULL AND progress_on BETWEEN '2026-01-01' AND '2026-12-31'",
            "SELECT area, count(*) FROM supporting_families_need WHERE identified_on IS NOT NULL AND identified_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY area",
            "SELECT area, count(*) FROM supporting_families_need WHERE achieved_on IS NOT NULL AND achieved_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY area",
            "SELECT area, sustained, count(*) FROM supporting_families_need WHERE checked_on IS NOT NULL AND checked_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY area, sustained",
        ]
        for sql in queries {
            let plan = try database.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(
                    separator: "; ")
            }
            #expect(plan.contains("INDEX sf_"), "\(sql): \(plan)")
        }
    }
}
