import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import Testing

/// A case's life (#15) without a terminal: referral outcomes, episodes, the lead professional and the team.
@Suite("Casework: a case's life")
struct CaseLifecycleTests {
    static let now = RecordContactTests.now
    static var today: CalendarDate { RecordContactTests.today }
    static let priya = Professional(
        name: "Priya Invented", role: "Family support worker", organisation: "Bright Start North",
        phone: "020 7000 0002")

    /// The Wrenfolds with one safeguarding referral to CSCT, sent a week ago and not yet answered.
    static func family() throws -> Family {
        var family = try RecordContactTests.family()
        family.referrals = [
            Referral(
                id: "R-CSCT", service: "csct", people: ["P-ava"], madeAt: now.addingTimeInterval(-7 * 86_400),
                madeBy: "csct.duty", consent: .notRequired, urgency: .sameDay, reason: "bruise seen at nursery")
        ]
        return family
    }

    static func setUp(_ kind: CaseworkStore) throws -> (any CaseStore, CaseworkContext) {
        let store = try kind.make(families: [try family()])
        return (store, CaseworkContext(store: store, practitioner: "sam.okafor", clock: { now }))
    }

    static func casework(_ store: any CaseStore, _ context: CaseworkContext) throws -> CaseLifecycle {
        CaseLifecycle(family: try #require(try store.family("F-CW1")), context: context)
    }

    @Test(
        "an accepted referral opens the family to the service; closing it closes it", arguments: CaseworkStore.allCases)
    func outcomesDecideOpenTo(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        #expect(try store.family("F-CW1")?.openServices == [], "a referral only sent does not open the family")
        try Self.casework(store, context).recordOutcome(of: "R-CSCT", .accepted, on: Self.today, reason: "")
        #expect(try store.family("F-CW1")?.openServices == ["csct"])
        #expect(try Self.casework(store, context).secondReferralWarning(to: "csct")?.contains("already open") == true)
        try Self.casework(store, context).recordOutcome(
            of: "R-CSCT", .closed, on: Self.today, reason: "section 47 enquiry: no further action")
        let family = try #require(try store.family("F-CW1"))
        #expect(family.openServices == [])
        #expect(family.isOpen == false)
        #expect(family.referrals[0].outcomeBy == "sam.okafor")
    }

    @Test("a referral cannot move backwards, and a decline needs a reason", arguments: CaseworkStore.allCases)
    func outcomeRules(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        let refusal = #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).recordOutcome(of: "R-CSCT", .declined, on: Self.today, reason: "")
        }
        #expect(refusal?.description.contains("say why") == true)
        try Self.casework(store, context).recordOutcome(
            of: "R-CSCT", .declined, on: Self.today, reason: "below threshold: early help instead")
        let again = #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).recordOutcome(of: "R-CSCT", .accepted, on: Self.today, reason: "")
        }
        #expect(again?.description.contains("already declined") == true)
        #expect(try store.family("F-CW1")?.referrals[0].status == .declined)
        let early = #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).recordOutcome(
                of: "R-CSCT", .withdrawn, on: try CalendarDate(iso: "2026-01-01"), reason: "x")
        }
        #expect(early != nil)
    }

    @Test("one open early-help episode at a time unless a reason is given", arguments: CaseworkStore.allCases)
    func oneOpenEpisode(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        let first = try Self.casework(store, context).openEpisode(
            service: "bright-start", on: Self.today, because: "speech delay and sleep", lead: "Priya Invented")
        var family = try #require(try store.family("F-CW1"))
        #expect(family.openServices == ["bright-start"])
        #expect(family.episodes[0].openedBy == "sam.okafor")
        #expect(family.episodes[0].leadProfessional == "Priya Invented")
        let refusal = #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).openEpisode(
                service: "bright-futures", on: Self.today, because: "school attendance", lead: "")
        }
        #expect(refusal?.description.contains("already open") == true)
        #expect(try store.family("F-CW1")?.episodes.count == 1, "nothing saved")
        try Self.casework(store, context).openEpisode(
            service: "bright-futures", on: Self.today, because: "school attendance", lead: "",
            concurrentReason: "Ava's brother starts school: Bright Futures holds his plan")
        family = try #require(try store.family("F-CW1"))
        #expect(family.openEpisodes.count == 2)
        #expect(family.episodes[1].concurrentReason == "Ava's brother starts school: Bright Futures holds his plan")

        try Self.casework(store, context).closeEpisode(first, on: Self.today, reason: .needsMet)
        let closedTwice = #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).closeEpisode(first, on: Self.today, reason: .needsMet)
        }
        #expect(closedTwice?.description.contains("already closed") == true)
        family = try #require(try store.family("F-CW1"))
        #expect(family.openServices == ["bright-futures"])
        let audit = try store.auditTrail(family: "F-CW1", limit: 1)
        #expect(audit.first?.summary.contains("Needs met") == true)
    }

    @Test("an episode needs a reason and cannot open in the future", arguments: CaseworkStore.allCases)
    func episodeRules(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).openEpisode(
                service: "bright-start", on: Self.today, because: " ", lead: "")
        }
        #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).openEpisode(
                service: "bright-start", on: Self.today.adding(days: 1), because: "x", lead: "")
        }
        #expect(try store.family("F-CW1")?.episodes == [])
    }

    @Test(
        "the lead professional is named and changed with reasons, the history kept", arguments: CaseworkStore.allCases)
    func leadProfessional(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        try Self.casework(store, context).changeLead(to: Self.priya, on: Self.today, reason: "allocated at the TAF")
        let sam = Professional(name: "Sam Okafor", role: "Early help practitioner", organisation: "Bright Futures")
        let unchanged = #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).changeLead(to: Self.priya, on: Self.today, reason: "again")
        }
        #expect(unchanged?.description.contains("already the lead") == true)
        #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).changeLead(to: sam, on: Self.today, reason: "")
        }
        try Self.casework(store, context).changeLead(to: sam, on: Self.today, reason: "Priya on leave for 6 months")
        let family = try #require(try store.family("F-CW1"))
        #expect(family.leadProfessional == sam)
        #expect(family.leadProfessionalHistory.map(\.professional) == [Self.priya, sam])
        #expect(family.leadProfessionalHistory[1].previous == Self.priya)
        #expect(family.leadProfessionalHistory[1].recordedBy == "sam.okafor")
    }

    @Test(
        "a meeting is recorded with its plan; reviews every 4 to 12 weeks; overdue actions show",
        arguments: CaseworkStore.allCases)
    func meetingAndReviewCadence(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        let held = Self.today.adding(days: -30)
        let actions = try CaseLifecycle.actions(
            from:
                "Marta: book the GP by \(Self.today.adding(days: -2).british); Priya: nursery place by \(Self.today.adding(days: 10).british)"
        )
        #expect(actions.map(\.who) == ["Marta", "Priya"])
        let tooSoon = #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).recordMeeting(
                heldOn: held, attendees: ["Marta", "Priya"], familyViews: "", childViews: "", actions: actions,
                nextReview: held.adding(days: 14))
        }
        #expect(tooSoon?.description.contains("every 4 to 12 weeks") == true)
        #expect(tooSoon?.description.contains(held.adding(days: 28).british) == true)
        #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).recordMeeting(
                heldOn: held, attendees: [" "], familyViews: "", childViews: "", actions: [],
                nextReview: held.adding(days: 42))
        }
        #expect(throws: CaseworkRefusal.self) { try CaseLifecycle.actions(from: "book the GP soon") }
        try Self.casework(store, context).recordMeeting(
            heldOn: held, attendees: ["Marta", "Priya"], familyViews: "things are calmer",
            childViews: "Ava likes nursery", actions: actions, nextReview: held.adding(days: 84))
        let family = try #require(try store.family("F-CW1"))
        #expect(family.meetings.count == 1)
        #expect(family.nextReviewDue == held.adding(days: 84))
        #expect(family.overdueActions(on: Self.today).map(\.who) == ["Marta"])
        #expect(family.chronology().contains { if case .meeting = $0 { return true } else { return false } })
        #expect(try store.auditTrail(family: "F-CW1", limit: 1).first?.action == "record-meeting")
    }

    @Test(
        "step up closes the open episodes as stepped up; step down opens one with the history",
        arguments: CaseworkStore.allCases)
    func stepUpAndDown(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        try Self.casework(store, context).openEpisode(
            service: "bright-start", on: Self.today.adding(days: -20), because: "speech", lead: "Priya")
        try Self.casework(store, context).stepUp(
            accepting: "R-CSCT", on: Self.today, status: "child protection plan")
        var family = try #require(try store.family("F-CW1"))
        #expect(family.referrals[0].status == .accepted)
        #expect(family.referrals[0].outcomeReason == "stepped up to social care: child protection plan")
        #expect(family.episodes[0].closureReason == .steppedUpToSocialCare)
        #expect(family.openServices == ["csct"])
        #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).stepDown(
                service: "bright-start", on: Self.today, because: "plan ended", lead: "", history: " ")
        }
        try Self.casework(store, context).stepDown(
            service: "bright-start", on: Self.today, because: "plan ended", lead: "Priya",
            history: "child protection plan ended \(Self.today.british)")
        family = try #require(try store.family("F-CW1"))
        #expect(family.openEpisodes.first?.steppedDownFrom == "child protection plan ended \(Self.today.british)")
        // Stepping down ends social care's involvement: the accepted CSCT referral closes, so "open to" follows.
        #expect(family.openServices == ["bright-start"])
        let csct = try #require(family.referrals.first { $0.id == "R-CSCT" })
        #expect(csct.status == .closed)
        #expect(csct.outcomeReason?.contains("stepped down") == true)
    }

    @Test("team members are added and removed, a duplicate refused", arguments: CaseworkStore.allCases)
    func team(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        let nurse = Professional(name: "Dee Example", role: "School nurse", organisation: "Whittington Health")
        try Self.casework(store, context).addTeamMember(nurse)
        try Self.casework(store, context).addTeamMember(Self.priya)
        #expect(throws: CaseworkRefusal.self) { try Self.casework(store, context).addTeamMember(nurse) }
        #expect(try store.family("F-CW1")?.teamAroundFamily == [nurse, Self.priya])
        try Self.casework(store, context).removeTeamMember(at: 0)
        #expect(try store.family("F-CW1")?.teamAroundFamily == [Self.priya])
        #expect(
            try store.auditTrail(family: "F-CW1", limit: 1).first?.summary.contains("team around the family") == true)
    }
}
