import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import Testing

/// The retention review (#16) without a terminal: which closed records are due, and keeping one longer.
@Suite("Casework: retention review")
struct RetentionReviewTests {
    static let now = RecordContactTests.now
    static var today: CalendarDate { RecordContactTests.today }
    static func day(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }

    /// A household whose youngest child was born on `youngest`, its one episode closed (or open).
    static func family(_ id: FamilyID, _ name: String, youngest: String, closed: Bool = true) -> Family {
        let parent = Person(
            id: PersonID("\(id)-P1"), role: .parentOrCarer, givenName: "Ada", familyName: name,
            dateOfBirth: day("1975-01-01"))
        let child = Person(
            id: PersonID("\(id)-P2"), role: .child, givenName: "Ben", familyName: name, dateOfBirth: day(youngest))
        return Family(
            id: id, name: name, locality: .north, members: [parent, child],
            episodes: [
                EarlyHelpEpisode(
                    id: EpisodeID("\(id)-E1"), service: "bright-start", openedOn: day("2010-01-01"),
                    closedOn: closed ? day("2012-06-30") : nil, closureReason: closed ? .needsMet : nil)
            ],
            createdAt: Date(timeIntervalSince1970: 1_262_304_000))
    }

    /// Three closed records due (youngest born 1999, 2000, 2001), one closed but not yet due, one open.
    static func families() -> [Family] {
        [
            family("F-RT1", "Ashdown", youngest: "1999-02-01"),
            family("F-RT2", "Birchley", youngest: "2000-03-01"),
            family("F-RT3", "Coldharbour", youngest: "2001-04-01"),
            family("F-RT4", "Dunmore", youngest: "2015-05-01"),
            family("F-RT5", "Elmsted", youngest: "1998-06-01", closed: false),
        ]
    }

    static func setUp(_ kind: CaseworkStore) throws -> (any CaseStore, RetentionReview) {
        let store = try kind.make(families: families())
        let context = CaseworkContext(store: store, practitioner: "sam.okafor", clock: { now })
        return (store, RetentionReview(policy: RetentionPolicy(yearsAfterEighteen: 6), context: context))
    }

    @Test(
        "closed records past the policy's day are listed with why; open and not-yet-due ones are not",
        arguments: CaseworkStore.allCases)
    func dueRecords(kind: CaseworkStore) throws {
        let (_, review) = try Self.setUp(kind)
        let page = try review.due(on: Self.today, after: nil, limit: 50)
        #expect(page.records.map(\.familyID) == ["F-RT1", "F-RT2", "F-RT3"])
        #expect(page.nextAfter == nil)
        let first = try #require(page.records.first)
        #expect(first.standing.closedOn == Self.day("2012-06-30"))
        #expect(first.standing.youngestTurnsEighteenOn == Self.day("2017-02-01"))
        #expect(first.standing.keptYears == 6)
        #expect(first.standing.dueOn == Self.day("2023-02-01"))
        #expect(first.standing.countsFromChild)
        #expect(first.memberCount == 2)
    }

    @Test("the list comes a page at a time, each page reading on from the last", arguments: CaseworkStore.allCases)
    func pages(kind: CaseworkStore) throws {
        let (_, review) = try Self.setUp(kind)
        let first = try review.due(on: Self.today, after: nil, limit: 2)
        #expect(first.records.map(\.familyID) == ["F-RT1", "F-RT2"])
        let next = try #require(first.nextAfter)
        let second = try review.due(on: Self.today, after: next, limit: 2)
        #expect(second.records.map(\.familyID) == ["F-RT3"])
        #expect(second.nextAfter == nil)
    }

    @Test(
        "keeping a record takes it off the list until the day, audited; it comes back on that day",
        arguments: CaseworkStore.allCases)
    func keepUntil(kind: CaseworkStore) throws {
        let (store, review) = try Self.setUp(kind)
        let until = Self.day("2027-11-23")
        try review.keep("F-RT2", until: until, reason: "a sibling's case is open at Bright Futures")
        #expect(try review.due(on: Self.today, after: nil, limit: 50).records.map(\.familyID) == ["F-RT1", "F-RT3"])
        let family = try #require(try store.family("F-RT2"))
        #expect(
            family.retentionDecisions == [
                RetentionDecision(
                    keptUntil: until, reason: "a sibling's case is open at Bright Futures", by: "sam.okafor",
                    at: Self.now)
            ])
        let back = try review.due(on: until, after: nil, limit: 50).records
        #expect(back.map(\.familyID) == ["F-RT1", "F-RT2", "F-RT3"])
        #expect(back[1].standing.dueOn == until)
        #expect(back[1].standing.decision?.reason == "a sibling's case is open at Bright Futures")
        let audit = try store.auditTrail(family: "F-RT2", limit: 5)
        #expect(
            audit.first?.summary
                == "retention review: kept until 23/11/2027: a sibling's case is open at Bright Futures")
        #expect(audit.first?.action == "decide-retention")
        #expect(audit.first?.actor == "sam.okafor")
    }

    @Test(
        "keeping needs a reason and a day after today, and an open record is not reviewed",
        arguments: CaseworkStore.allCases)
    func keepRefusals(kind: CaseworkStore) throws {
        let (store, review) = try Self.setUp(kind)
        let noReason = #expect(throws: CaseworkRefusal.self) {
            try review.keep("F-RT1", until: Self.day("2027-01-01"), reason: "  ")
        }
        #expect(noReason?.field == "reason")
        let past = #expect(throws: CaseworkRefusal.self) {
            try review.keep("F-RT1", until: Self.today, reason: "still needed")
        }
        #expect(past?.field == "until")
        #expect(throws: CaseworkRefusal.self) {
            try review.keep("F-RT5", until: Self.day("2027-01-01"), reason: "still needed")
        }
        #expect(try store.family("F-RT1")?.retentionDecisions == [])
        #expect(try store.family("F-RT5")?.retentionDecisions == [])
    }

    @Test("the decision travels as a change of its own kind and reads back the same")
    func decisionCoding() throws {
        let change = CaseChange.decideRetention(
            family: "F-RT1",
            RetentionDecision(keptUntil: Self.day("2027-01-01"), reason: "court order", by: "jo", at: Self.now))
        let json = try JSONEncoder().encode(change)
        #expect(String(decoding: json, as: UTF8.self).contains("\"kind\":\"decide-retention\""))
        #expect(try JSONDecoder().decode(CaseChange.self, from: json) == change)
    }
}
