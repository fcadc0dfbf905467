import Foundation
import GRDB
import SignpostDomain
import SignpostFixtures
import SignpostStore
import Testing

@testable import SignpostReturns

/// The managers' reports: figures worked out by hand on the fixture, and on generated families the SQLite
/// store's aggregate queries agree with counts made directly in SQL and with the in-memory store.
@Suite("Returns: managers' reports")
struct ManagerReportTests {
    static let today = ReturnsFixture.day("2026-10-01")
    static let meeting = TeamMeeting(
        id: "ZZ-M-0101-1", heldOn: ReturnsFixture.day("2026-09-01"), attendees: ["Marta"], familyViews: "",
        childViews: "", actions: [], nextReview: ReturnsFixture.day("2026-09-20"), recordedBy: "sam.okafor",
        recordedAt: ReturnsFixture.at("2026-09-01", 12))

    static func fixtureStore(_ kind: ReturnsStore) throws -> any CaseStore {
        try kind.make(ReturnsFixture.families, meetings: [("ZZ-F-0101", meeting)]).0
    }

    static func run(_ report: ManagerReport, _ store: any CaseStore) throws -> ReportOutput {
        try report.run(on: store, from: ReturnsFixture.first, to: ReturnsFixture.last, today: today)
    }

    @Test("Each report's figures on the fixture, worked out by hand", arguments: ReturnsStore.allCases)
    func figuresByHand(_ kind: ReturnsStore) throws {
        let store = try Self.fixtureStore(kind)
        #expect(
            try Self.run(.caseload, store).csv.rows == [["", "South", "1"], ["Sam Okafor", "North", "1"]])
        #expect(
            try Self.run(.contacts, store).csv.rows == [
                ["10/05/2026", "Referred", "Health (GP, health visitor, hospital)", "1"],
                ["02/06/2026", "Referred", "Individual (family, friend, neighbour)", "1"],
                ["01/07/2026", "Advice given / no further action", "Health (GP, health visitor, hospital)", "1"],
                ["03/08/2026", "Safeguarding referral", "Police", "1"],
            ])
        #expect(
            try Self.run(.decisions, store).csv.rows == [
                ["10/05/2026", "0", "1"], ["10/05/2026", "2", "1"], ["02/06/2026", "", "1"], ["03/08/2026", "1", "1"],
            ])
        #expect(
            try Self.run(.assessments, store).csv.rows == [
                ["01/03/2026", "05/04/2026", "35", "1"], ["20/04/2026", "20/05/2026", "30", "1"],
            ])
        #expect(try Self.run(.reviews, store).csv.rows == [["Sam Okafor", "1", "0"]])
        #expect(
            try Self.run(.steps, store).csv.rows == [
                ["11/05/2026", "Step-ups", "1"], ["03/08/2026", "Step-downs", "1"],
            ])
        let decisions = try Self.run(.decisions, store).text(width: 80)
        #expect(decisions.contains("4 referrals from contacts; 3 decided, 1 awaiting a decision"))
        #expect(decisions.contains("Median 1 day, mean 1.0 days"))
        #expect(try Self.run(.assessments, store).text(width: 80).contains("1 started and 2 completed in the period"))
    }

    @Test(
        "On generated families the SQLite figures agree with counts made directly in SQL, and with the in-memory store")
    func sqliteAgreesWithDirectSQL() throws {
        let generator = SyntheticFamilyGenerator(seed: 11)
        let families = generator.families(0..<300, today: ReturnsFixture.day("2026-11-23"))
        let (sqlite, file) = try ReturnsStore.sqlite.make(families)
        let (memory, _) = try ReturnsStore.inMemory.make(families)
        let first = ReturnsFixture.day("2025-11-24")
        let last = ReturnsFixture.day("2026-11-23")
        let days = ReportDay.days(from: first, to: last)
        let database = try DatabaseQueue(path: try #require(file).path)
        let start = LondonTime.start(of: first).timeIntervalSinceReferenceDate
        let end = LondonTime.start(of: last.adding(days: 1)).timeIntervalSinceReferenceDate

        let contacts = try sqlite.contactCounts(on: days)
        let byOutcome = try database.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(
                    db,
                    sql:
                        "SELECT outcome, count(*) AS n FROM contact WHERE received_at >= ? AND received_at < ? GROUP BY outcome",
                    arguments: [start, end]
                ).map { ($0["outcome"] as String, $0["n"] as Int) })
        }
        #expect(byOutcome.values.reduce(0, +) > 0)
        for (outcome, count) in byOutcome {
            #expect(contacts.filter { $0.outcome.rawValue == outcome }.reduce(0) { $0 + $1.contacts } == count)
        }
        #expect(Set(contacts) == Set(try memory.contactCounts(on: days)))

        let open = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM family WHERE is_open = 1")!
        }
        let caseload = try sqlite.openCaseload()
        #expect(caseload.reduce(0) { $0 + $1.families } == open)
        #expect(Set(caseload) == Set(try memory.openCaseload()))

        let fromContacts = try database.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM referral r JOIN contact c ON c.family_id = r.family_id AND c.id = r.contact_id
                    WHERE c.received_at >= ? AND c.received_at < ?
                    """, arguments: [start, end])!
        }
        let decisions = try sqlite.decisionTimes(on: days)
        #expect(decisions.reduce(0) { $0 + $1.referrals } == fromContacts)
        #expect(Set(decisions) == Set(try memory.decisionTimes(on: days)))

        let assessments = try database.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM assessment WHERE json_extract(document, '$.startedOn') BETWEEN ? AND ?
                        OR json_extract(document, '$.completedOn') BETWEEN ? AND ?
                    """, arguments: [first.iso, last.iso, first.iso, last.iso])!
        }
        let spans = try sqlite.assessmentSpans(from: first, to: last)
        #expect(spans.reduce(0) { $0 + $1.assessments } == assessments)
        #expect(Set(spans) == Set(try memory.assessmentSpans(from: first, to: last)))

        let stepsUp = try database.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM episode WHERE closure_reason = 'stepped-up' AND closed_on BETWEEN ? AND ?",
                arguments: [first.iso, last.iso])!
        }
        let steps = try sqlite.stepCounts(from: first, to: last)
        #expect(steps.filter { $0.direction == .up }.reduce(0) { $0 + $1.episodes } == stepsUp)
        #expect(Set(steps) == Set(try memory.stepCounts(from: first, to: last)))

        let active = try database.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(DISTINCT family_id) FROM (
                        SELECT family_id FROM contact WHERE received_at >= ? AND received_at < ?
                        UNION ALL SELECT family_id FROM referral WHERE made_at >= ? AND made_at < ?
                        UNION ALL SELECT family_id FROM assessment
                            WHERE json_extract(document, '$.startedOn') BETWEEN ? AND ?
                                OR json_extract(document, '$.completedOn') BETWEEN ? AND ?)
                    """, arguments: [start, end, start, end, first.iso, last.iso, first.iso, last.iso])!
        }
        var paged: [FamilyID] = []
        while true {
            let page = try sqlite.familiesWithActivity(from: first, to: last, after: paged.last, limit: 50)
            if page.isEmpty { break }
            paged += page
        }
        #expect(paged.count == active)
        #expect(paged == (try memory.familiesWithActivity(from: first, to: last, after: nil, limit: 10_000)))
    }

    @Test("The report queries read indexes, never a whole table")
    func queriesUseIndexes() throws {
        let (_, file) = try ReturnsStore.sqlite.make(ReturnsFixture.families)
        let database = try DatabaseQueue(path: try #require(file).path)
        let plans: [String: String] = [
            "contacts":
                "SELECT outcome, source, count(*) FROM contact WHERE received_at >= 0 AND received_at < 1 GROUP BY outcome, source",
            "started":
                "SELECT count(*) FROM assessment WHERE json_extract(document, '$.startedOn') BETWEEN '2026-01-01' AND '2026-02-01'",
            "steps up":
                "SELECT closed_on, count(*) FROM episode WHERE closure_reason = 'stepped-up' AND closed_on BETWEEN '2026-01-01' AND '2026-02-01' GROUP BY closed_on",
            "steps down":
                "SELECT opened_on, count(*) FROM episode WHERE stepped_down_from IS NOT NULL AND opened_on BETWEEN '2026-01-01' AND '2026-02-01' GROUP BY opened_on",
            "caseload":
                "SELECT lead_professional, locality, count(*) FROM family WHERE is_open = 1 GROUP BY lead_professional, locality",
        ]
        for (name, sql) in plans {
            let plan = try database.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(
                    separator: "; ")
            }
            #expect(plan.contains("USING") && plan.contains("INDEX"), "\(name): \(plan)")
            #expect(
                !plan.contains("SCAN contact") && !plan.contains("SCAN assessment ")
                    && !plan.hasSuffix("SCAN assessment"), "\(name): \(plan)")
        }
    }

    @Test("Every report's text fits 80 columns and says its period", arguments: ManagerReport.allCases)
    func textFitsEightyColumns(_ report: ManagerReport) throws {
        let store = try Self.fixtureStore(.inMemory)
        let lines = try Self.run(report, store).text(width: 80)
        #expect(lines.first == report.title)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        #expect(lines[1].hasPrefix("Period: "))
    }

    @Test("Bars and sparklines read without colour")
    func chartsAreCharacters() {
        #expect(TextChart.bar(5, of: 10, width: 10) == "█████")
        #expect(TextChart.bar(1, of: 1000, width: 10) == "█")
        #expect(TextChart.bar(0, of: 10, width: 10) == "")
        #expect(TextChart.sparkline([0, 1, 4, 8]) == "▁▂▅█")
        #expect(TextChart.folded(Array(repeating: 1, count: 10), into: 4).values == [3, 3, 3, 1])
        #expect(TextChart.fit("Bright Start Central", 12) == "Bright Star…")
    }
}

/// A report's tables at 80 columns: a label is read whole, wrapped at a word when it is longer than its column.
@Suite("Returns: report tables fit their labels")
struct ReportLabelTests {
    static let rows = [("Individual (family, friend, neighbour)", 4), ("School or education", 1)]

    @Test("at 80 columns the contacts' source reads whole")
    func wholeAt80() {
        let lines = ReportBlock.bars(title: "By source", rows: Self.rows).lines(width: 78)
        #expect(lines.contains { $0.hasPrefix("  Individual (family, friend, neighbour)   4  █") }, "\(lines)")
        #expect(!lines.joined().contains("…"))
        #expect(lines.allSatisfy { $0.count <= 78 })
    }

    @Test("narrower, a long label wraps at a word and its count and bar stay on its last line")
    func wrapsWhenNarrow() {
        let lines = ReportBlock.bars(title: "By source", rows: Self.rows).lines(width: 40)
        #expect(!lines.joined().contains("…"), "\(lines)")
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        let words = lines.dropFirst().joined(separator: " ").split(separator: " ")
        #expect(words.contains("neighbour)"), "no word is cut: \(lines)")
        #expect(lines.contains { $0.contains("neighbour)") && $0.contains("4") && $0.contains("█") })
    }
}
