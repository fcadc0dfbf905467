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

    @Test(
        "closing an episode with needs met closes the accepted referral to its service: the family is no longer open",
        arguments: CaseworkStore.allCases)
    func closingTheEpisodeClosesItsReferral(kind: CaseworkStore) throws {
        var family = try Self.family()
        family.referrals.append(
            Referral(
                id: "R-BS", service: "bright-start", people: ["P-ava"], madeAt: Self.now.addingTimeInterval(-86_400),
                madeBy: "sam.okafor", consent: .given, urgency: .routine, reason: "speech delay"))
        let store = try kind.make(families: [family])
        let context = CaseworkContext(store: store, practitioner: "sam.okafor", clock: { Self.now })
        try Self.casework(store, context).recordOutcome(of: "R-BS", .accepted, on: Self.today, reason: "")
        try Self.casework(store, context).recordOutcome(of: "R-CSCT", .accepted, on: Self.today, reason: "")
        let episode = try Self.casework(store, context).openEpisode(
            service: "bright-start", on: Self.today, because: "speech delay", lead: "Priya Invented")
        #expect(try store.family("F-CW1")?.openServices == ["bright-start", "csct"])

        try Self.casework(store, context).closeEpisode(episode, on: Self.today, reason: .needsMet)
        let closed = try #require(try store.family("F-CW1"))
        #expect(closed.openServices == ["csct"], "Bright Start's work is over; CSCT's referral is not touched")
        let referral = try #require(closed.referrals.first { $0.id == "R-BS" })
        #expect(referral.status == .closed)
        #expect(referral.outcomeReason == "episode closed: Needs met")
        let audit = try store.auditTrail(family: "F-CW1", limit: 5).map(\.action)
        #expect(audit.contains("record-referral-outcome") && audit.contains("close-episode"), "\(audit)")
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
            accepting: "R-CSCT", on: Self.today, status: .childProtectionPlan)
        var family = try #require(try store.family("F-CW1"))
        #expect(family.referrals[0].status == .accepted)
        #expect(family.referrals[0].outcomeReason == "stepped up to social care: child protection plan")
        #expect(family.episodes[0].closureReason == .steppedUpToSocialCare)
        #expect(family.openServices == ["csct"])
        try Self.casework(store, context).stepDown(
            service: "bright-start", on: Self.today, because: "plan ended", lead: "Priya",
            history: "conference ended the plan")
        family = try #require(try store.family("F-CW1"))
        let plan = try #require(family.socialCareRecords.first)
        #expect(
            family.openEpisodes.first?.steppedDownFrom
                == "Ava: child protection plan from \(Self.today.british) to \(Self.today.british); conference ended the plan"
        )
        #expect(family.openEpisodes.first?.steppedDownFromRecords == [plan.id], "the intake links the history")
        // Stepping down ends social care's involvement: the accepted CSCT referral closes, so "open to" follows.
        #expect(family.openServices == ["bright-start"])
        let csct = try #require(family.referrals.first { $0.id == "R-CSCT" })
        #expect(csct.status == .closed)
        #expect(csct.outcomeReason?.contains("stepped down") == true)
    }

    @Test(
        "with no social-care status on record, a step-down needs the history typed", arguments: CaseworkStore.allCases)
    func stepDownWithoutRecordNeedsHistory(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        let refusal = #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).stepDown(
                service: "bright-start", on: Self.today, because: "plan ended", lead: "", history: " ")
        }
        #expect(refusal?.field == "history")
        try Self.casework(store, context).stepDown(
            service: "bright-start", on: Self.today, because: "plan ended", lead: "",
            history: "child in need plan in Camden ended 01/11/2026")
        #expect(
            try store.family("F-CW1")?.openEpisodes.first?.steppedDownFrom
                == "child in need plan in Camden ended 01/11/2026")
    }

    @Test(
        "a step-up records each child's social-care status as its own record, with history, changed and ended",
        arguments: CaseworkStore.allCases)
    func socialCareStatusIsItsOwnRecord(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        try Self.casework(store, context).stepUp(
            accepting: "R-CSCT", on: Self.today.adding(days: -5), status: .childInNeed)
        var family = try #require(try store.family("F-CW1"))
        let first = try #require(family.socialCareRecords.first)
        #expect(family.socialCareRecords.count == 1, "the referral is about Ava alone")
        #expect(first.person == "P-ava")
        #expect(first.status == .childInNeed)
        #expect(first.from == Self.today.adding(days: -5))
        #expect(first.recordedBy == "sam.okafor")
        #expect(first.sourceReferral == "R-CSCT")
        #expect(first.isCurrent)

        try Self.casework(store, context).changeSocialCare(
            first.id, to: .childProtectionPlan, on: Self.today.adding(days: -3))
        family = try #require(try store.family("F-CW1"))
        #expect(family.socialCareHistory(of: "P-ava").map(\.status) == [.childInNeed, .childProtectionPlan])
        #expect(family.socialCareRecords[0].endedOn == Self.today.adding(days: -3))
        #expect(family.socialCareRecords[0].endReason == "became child protection plan")
        #expect(family.currentSocialCare.map(\.sourceReferral) == ["R-CSCT"], "the new status keeps its referral")

        let plan = family.socialCareRecords[1]
        let noReason = #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).endSocialCare(plan.id, on: Self.today, reason: "")
        }
        #expect(noReason?.field == "reason")
        #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).endSocialCare(plan.id, on: Self.today.adding(days: -4), reason: "x")
        }
        try Self.casework(store, context).endSocialCare(plan.id, on: Self.today, reason: "plan ended at conference")
        family = try #require(try store.family("F-CW1"))
        #expect(family.currentSocialCare.isEmpty)
        #expect(family.socialCareRecords[1].endedBy == "sam.okafor")
        let events = family.chronology().compactMap { entry -> CaseEvent? in
            if case .caseEvent(let event) = entry { return event } else { return nil }
        }
        #expect(events.filter { if case .socialCareBegan = $0 { true } else { false } }.count == 2)
        #expect(events.filter { if case .socialCareEnded = $0 { true } else { false } }.count == 2)
        #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).recordSocialCare(for: "P-marta", .childInNeed, from: Self.today)
        }
        try Self.casework(store, context).recordSocialCare(for: "P-ava", .lookedAfter, from: Self.today)
        #expect(try store.family("F-CW1")?.currentSocialCare.map(\.status) == [.lookedAfter])
        #expect(try store.auditTrail(family: "F-CW1", limit: 1).first?.action == "record-social-care-status")
    }

    @Test(
        "a step-up can put the episode on hold instead of closing it; it resumes, or a step-down resumes it",
        arguments: CaseworkStore.allCases)
    func stepUpSuspends(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        let episode = try Self.casework(store, context).openEpisode(
            service: "bright-start", on: Self.today.adding(days: -20), because: "speech", lead: "Priya")
        try Self.casework(store, context).stepUp(
            accepting: "R-CSCT", on: Self.today.adding(days: -5), status: .childInNeed, episodes: .suspend)
        var family = try #require(try store.family("F-CW1"))
        #expect(family.episodes[0].isOpen)
        #expect(family.episodes[0].isSuspended)
        #expect(family.episodes[0].suspensionHistory.first?.suspendedBy == "sam.okafor")
        #expect(family.openServices == ["csct"], "an episode on hold does not make the family open to its service")
        let second = #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).openEpisode(
                service: "bright-futures", on: Self.today, because: "school", lead: "")
        }
        #expect(second?.description.contains("on hold") == true)
        #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).resumeEpisode(episode, on: Self.today, reason: " ")
        }
        try Self.casework(store, context).resumeEpisode(episode, on: Self.today, reason: "CSCT closed: no role")
        family = try #require(try store.family("F-CW1"))
        #expect(family.episodes[0].isActive)
        #expect(family.episodes[0].suspensionHistory.first?.resumeReason == "CSCT closed: no role")
        #expect(family.openServices == ["bright-start", "csct"])
        #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).resumeEpisode(episode, on: Self.today, reason: "again")
        }
        let chronology = family.chronology()
        #expect(chronology.contains { if case .caseEvent(.episodeSuspended) = $0 { true } else { false } })
        #expect(chronology.contains { if case .caseEvent(.episodeResumed) = $0 { true } else { false } })
    }

    @Test("a step-down resumes the episode put on hold rather than open another", arguments: CaseworkStore.allCases)
    func stepDownResumesTheEpisodeOnHold(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        let episode = try Self.casework(store, context).openEpisode(
            service: "bright-start", on: Self.today.adding(days: -20), because: "speech", lead: "Priya")
        try Self.casework(store, context).stepUp(
            accepting: "R-CSCT", on: Self.today.adding(days: -5), status: .childInNeed, episodes: .suspend)
        let resumed = try Self.casework(store, context).stepDown(
            service: "bright-start", on: Self.today, because: "plan ended", lead: "")
        let family = try #require(try store.family("F-CW1"))
        #expect(resumed == episode)
        #expect(family.episodes.count == 1)
        #expect(family.episodes[0].isActive)
        #expect(family.episodes[0].suspensionHistory[0].resumeReason?.contains("child in need") == true)
        #expect(family.currentSocialCare.isEmpty)
        #expect(family.openServices == ["bright-start"])
    }

    @Test(
        "the chronology shows team members joining and leaving and who closed an episode",
        arguments: CaseworkStore.allCases)
    func teamChangesAndCloserOnChronology(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        let nurse = Professional(name: "Dee Example", role: "School nurse", organisation: "Whittington Health")
        try Self.casework(store, context).addTeamMember(nurse, on: Self.today.adding(days: -2))
        try Self.casework(store, context).removeTeamMember(at: 0)
        let episode = try Self.casework(store, context).openEpisode(
            service: "bright-start", on: Self.today.adding(days: -1), because: "speech", lead: "")
        let closer = CaseworkContext(store: store, practitioner: "kim.closer", clock: { Self.now })
        try Self.casework(store, closer).closeEpisode(episode, on: Self.today, reason: .needsMet)
        let family = try #require(try store.family("F-CW1"))
        #expect(family.teamHistory.map(\.kind) == [.added, .removed])
        #expect(family.teamHistory.map(\.professional) == [nurse, nurse])
        #expect(family.teamHistory.map(\.recordedBy) == ["sam.okafor", "sam.okafor"])
        #expect(family.teamHistory.first?.on == Self.today.adding(days: -2))
        #expect(family.episodes[0].closedBy == "kim.closer")
        let chronology = family.chronology()
        let team = chronology.filter { if case .caseEvent(.teamChange) = $0 { true } else { false } }
        #expect(team.map(\.author) == ["sam.okafor", "sam.okafor"])
        let closed = try #require(chronology.first { if case .episodeClosed = $0 { true } else { false } })
        #expect(closed.author == "kim.closer")
        #expect(try store.auditTrail(family: "F-CW1", limit: 5).map(\.action).contains("remove-team-member"))
    }

    @Test(
        "a review held moves the next review and counts as held; an ad-hoc meeting leaves the date",
        arguments: CaseworkStore.allCases)
    func reviewHeldIsNotJustAnotherMeeting(kind: CaseworkStore) throws {
        let (store, context) = try Self.setUp(kind)
        let first = Self.today.adding(days: -60)
        let due = first.adding(days: 42)
        #expect(throws: CaseworkRefusal.self) {
            try Self.casework(store, context).recordMeeting(
                heldOn: first, attendees: ["Marta"], familyViews: "", childViews: "", actions: [], nextReview: due,
                kind: .review)
        }
        try Self.casework(store, context).recordMeeting(
            heldOn: first, attendees: ["Marta", "Priya"], familyViews: "", childViews: "", actions: [], nextReview: due)
        #expect(try store.reviewsDue(by: Self.today, leadProfessional: nil, limit: 10).map(\.nextReview) == [due])
        // An ad-hoc meeting after the review fell due: still overdue, the date as it was.
        try Self.casework(store, context).recordMeeting(
            heldOn: Self.today.adding(days: -5), attendees: ["Priya"], familyViews: "", childViews: "",
            actions: [], nextReview: Self.today.adding(days: 40), kind: .adHoc)
        var family = try #require(try store.family("F-CW1"))
        #expect(family.nextReviewDue == due)
        #expect(try store.reviewsDue(by: Self.today, leadProfessional: nil, limit: 10).map(\.nextReview) == [due])
        try Self.casework(store, context).recordMeeting(
            heldOn: Self.today.adding(days: -1), attendees: ["Marta", "Priya"], familyViews: "", childViews: "",
            actions: [], nextReview: Self.today.adding(days: 41), kind: .review)
        family = try #require(try store.family("F-CW1"))
        #expect(family.nextReviewDue == Self.today.adding(days: 41))
        #expect(family.latestReviewHeld?.heldOn == Self.today.adding(days: -1))
        #expect(try store.reviewsDue(by: Self.today, leadProfessional: nil, limit: 10).isEmpty, "the review was held")
        #expect(family.meetings.map(\.kind) == [.meeting, .adHoc, .review])
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
