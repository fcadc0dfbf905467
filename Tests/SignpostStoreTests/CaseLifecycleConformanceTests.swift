import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// The changes of a case's life (#15), in every store: referral outcomes, lead professional changes,
/// episodes with their details, and "open to" derived from accepted referrals and open episodes.
@Suite("CaseStore conformance: a case's life")
struct CaseLifecycleConformanceTests {
    typealias F = TestFamilies

    /// Adeyemi (nothing open) with one safeguarding referral to CSCT, only sent.
    static func adeyemiReferredToCSCT() -> Family {
        var family = F.adeyemi()
        family.referrals = [
            Referral(
                id: "R-csct", service: "csct", people: ["P-tobi"], madeAt: F.at("2026-03-02T10:00:00Z"),
                madeBy: "csct.duty", consent: .notRequired, urgency: .sameDay, reason: "bruise seen at nursery")
        ]
        return family
    }

    /// A TAF meeting (or review, or ad-hoc meeting) Jo recorded, held on `held`, the next review on `review`.
    static func meeting(_ id: MeetingID, held: String, review: String, kind: MeetingKind = .meeting) -> TeamMeeting {
        TeamMeeting(
            id: id, heldOn: F.day(held), attendees: ["Marta"], familyViews: "", childViews: "", actions: [],
            nextReview: F.day(review), recordedBy: "jo", recordedAt: F.at("2026-01-01T09:00:00Z"), kind: kind)
    }

    @Test("a referral only sent does not make the family open to the service", arguments: StoreUnderTest.allCases)
    func sentIsNotOpen(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(Self.adeyemiReferredToCSCT())], by: "loader")
        #expect(try store.family("F-00019")?.openServices == [])
        #expect(try store.families(FamilyListQuery(service: "csct", limit: 10)).summaries.isEmpty)
        #expect(try store.families(FamilyListQuery(isOpen: false, limit: 10)).summaries.map(\.id) == ["F-00019"])
    }

    @Test(
        "an outcome is saved, audited, and decides \"open to\" and the service filter",
        arguments: StoreUnderTest.allCases)
    func outcomeDecidesOpenTo(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(Self.adeyemiReferredToCSCT())], by: "loader")
        let accepted = ReferralOutcome(status: .accepted, on: F.day("2026-03-03"), reason: "", recordedBy: "jo")
        try store.apply([.recordReferralOutcome(family: "F-00019", referral: "R-csct", accepted)], by: "jo")
        var family = try #require(try store.family("F-00019"))
        #expect(family.referrals[0].status == .accepted)
        #expect(family.referrals[0].outcomeOn == F.day("2026-03-03"))
        #expect(family.referrals[0].outcomeBy == "jo")
        #expect(family.openServices == ["csct"])
        #expect(try store.families(FamilyListQuery(service: "csct", limit: 10)).summaries.map(\.id) == ["F-00019"])
        let audit = try #require(try store.auditTrail(family: "F-00019", limit: 1).first)
        #expect(audit.action == "record-referral-outcome")
        #expect(audit.recordID == "R-csct")
        #expect(audit.summary.contains("sent → accepted on 03/03/2026"))

        let closed = ReferralOutcome(
            status: .closed, on: F.day("2026-04-01"), reason: "assessment done: no further action", recordedBy: "jo")
        try store.apply([.recordReferralOutcome(family: "F-00019", referral: "R-csct", closed)], by: "jo")
        family = try #require(try store.family("F-00019"))
        #expect(family.openServices == [])
        #expect(family.referrals[0].outcomeReason == "assessment done: no further action")
        #expect(try store.families(FamilyListQuery(service: "csct", limit: 10)).summaries.isEmpty)
        #expect(family.chronology().contains { if case .referralOutcome = $0 { return true } else { return false } })
        #expect(try store.check().problems.isEmpty)
    }

    @Test("a decline without a reason is refused and nothing is saved", arguments: StoreUnderTest.allCases)
    func declineNeedsReason(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(Self.adeyemiReferredToCSCT())], by: "loader")
        let declined = ReferralOutcome(status: .declined, on: F.day("2026-03-03"), reason: " ", recordedBy: "jo")
        #expect(throws: StoreError.self) {
            try store.apply([.recordReferralOutcome(family: "F-00019", referral: "R-csct", declined)], by: "jo")
        }
        #expect(try store.family("F-00019")?.referrals[0].status == .sent)
    }

    @Test(
        "a change of lead professional sets the lead, keeps the history and the filter follows",
        arguments: StoreUnderTest.allCases)
    func leadProfessionalHistory(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        let change = LeadProfessionalChange(
            professional: F.sam, previous: F.jo, on: F.day("2026-02-01"), reason: "Jo moved to the south team",
            recordedBy: "manager", recordedAt: F.at("2026-02-01T09:00:00Z"))
        try store.apply([.changeLeadProfessional(family: "F-00017", change)], by: "manager")
        let family = try #require(try store.family("F-00017"))
        #expect(family.leadProfessional == F.sam)
        #expect(family.leadProfessionalHistory == [change])
        let samFamilies = try store.families(FamilyListQuery(leadProfessional: "sam", limit: 10)).summaries.map(\.id)
        #expect(samFamilies.contains("F-00017"))
        #expect(try store.families(FamilyListQuery(leadProfessional: "jo okafor", limit: 10)).summaries.isEmpty)
        let audit = try #require(try store.auditTrail(family: "F-00017", limit: 1).first)
        #expect(audit.action == "change-lead-professional")
        #expect(audit.summary == "lead professional Jo Okafor → Sam Pátel from 01/02/2026: Jo moved to the south team")
        #expect(family.chronology().contains(.leadProfessionalChange(change)))
        #expect(try store.check().problems.isEmpty)
    }

    @Test(
        "an episode's details are kept, and opening and closing it show in the chronology",
        arguments: StoreUnderTest.allCases)
    func episodeDetails(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply([.addFamily(F.adeyemi())], by: "loader")
        let episode = EarlyHelpEpisode(
            id: "E-new", service: "bright-start", openedOn: F.day("2026-03-10"), openedBecause: "speech and sleep",
            leadProfessional: "Jo Okafor", steppedDownFrom: "child in need plan ended 01/03/2026", openedBy: "jo")
        try store.apply([.openEpisode(family: "F-00019", episode)], by: "jo")
        #expect(try store.family("F-00019")?.episodes == [episode])
        #expect(try store.family("F-00019")?.openServices == ["bright-start"])
        try store.apply(
            [.closeEpisode(family: "F-00019", episode: "E-new", on: F.day("2026-06-01"), reason: .consentWithdrawn)],
            by: "jo")
        let family = try #require(try store.family("F-00019"))
        #expect(family.openServices == [])
        #expect(family.episodes[0].closureReason == .consentWithdrawn)
        let kinds = family.chronology().map { entry -> String in
            switch entry {
            case .episodeOpened: return "opened"
            case .episodeClosed: return "closed"
            default: return "other"
            }
        }
        #expect(kinds.filter { $0 != "other" } == ["closed", "opened"])
        #expect(try store.check().problems.isEmpty)
    }

    @Test("a family with the new records exports and reads back equal", arguments: StoreUnderTest.allCases)
    func roundTrip(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        var family = Self.adeyemiReferredToCSCT()
        family.referrals[0].status = .declined
        family.referrals[0].outcomeOn = F.day("2026-03-04")
        family.referrals[0].outcomeReason = "below threshold"
        family.referrals[0].outcomeBy = "csct.duty"
        family.leadProfessionalHistory = [
            LeadProfessionalChange(
                professional: F.jo, on: F.day("2026-03-05"), reason: "allocated", recordedBy: "manager",
                recordedAt: F.at("2026-03-05T09:00:00Z"))
        ]
        family.leadProfessional = F.jo
        try store.apply([.addFamily(family)], by: "loader")
        #expect(try store.family(family.id) == family)
        let data = try FamilyDocument(family: family, isFictional: false).encoded()
        #expect(try FamilyDocument(decoding: data).family == family)
    }

    @Test(
        "the reviews list: latest meeting's next review on or before the day, soonest first, by lead",
        arguments: StoreUnderTest.allCases)
    func reviewsDue(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        try store.apply(
            [
                .recordMeeting(family: "F-00017", Self.meeting("M-1", held: "2026-01-05", review: "2026-02-16")),
                .recordMeeting(family: "F-00017", Self.meeting("M-2", held: "2026-02-16", review: "2026-04-13")),
                .recordMeeting(family: "F-00018", Self.meeting("M-3", held: "2026-01-10", review: "2026-03-01")),
            ], by: "jo")
        #expect(try store.family("F-00017")?.meetings.map(\.id) == ["M-1", "M-2"])
        let byMarch = try store.reviewsDue(by: F.day("2026-03-15"), leadProfessional: nil, limit: 10)
        #expect(byMarch.map(\.familyID) == ["F-00018"], "F-00017's latest meeting moved its review to April")
        let byMay = try store.reviewsDue(by: F.day("2026-05-01"), leadProfessional: nil, limit: 10)
        #expect(byMay.map(\.familyID) == ["F-00018", "F-00017"])
        #expect(byMay.map(\.nextReview) == [F.day("2026-03-01"), F.day("2026-04-13")])
        let jos = try store.reviewsDue(by: F.day("2026-05-01"), leadProfessional: "jo okafor", limit: 10)
        #expect(jos.map(\.familyID) == ["F-00017"])
        #expect(jos.first?.leadProfessional == "Jo Okafor")
        #expect(try store.check().problems.isEmpty)
    }

    @Test(
        "a case closed after its latest meeting has no review due: not in the list, the counts or on the family",
        arguments: StoreUnderTest.allCases)
    func closedCaseHasNoReviewDue(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        try store.apply(
            [
                .recordMeeting(family: "F-00017", Self.meeting("M-1", held: "2026-01-05", review: "2026-02-16")),
                // F-00018's only episode closed (stepped up) in 2025, before its meeting: its review stands.
                .recordMeeting(family: "F-00018", Self.meeting("M-2", held: "2026-01-10", review: "2026-03-01")),
                // An ad-hoc meeting after the TAF meeting leaves the schedule as it was, in the counts too.
                .recordMeeting(
                    family: "F-00018", Self.meeting("M-3", held: "2026-01-20", review: "2026-01-20", kind: .adHoc)),
                .closeEpisode(family: "F-00017", episode: "E-1", on: F.day("2026-02-01"), reason: .needsMet),
            ], by: "jo")
        let day = F.day("2026-05-01")
        #expect(try store.family("F-00017")?.nextReviewDue == nil, "closed with needs met: no review is due")
        #expect(try store.family("F-00018")?.nextReviewDue == F.day("2026-03-01"))
        #expect(try store.reviewsDue(by: day, leadProfessional: nil, limit: 10).map(\.familyID) == ["F-00018"])
        #expect(try store.reviewsDue(by: day, leadLogin: "jo.okafor", limit: 10).isEmpty, "Jo leads only F-00017")
        let counts = try store.reviewCounts(today: F.day("2026-04-01"), horizon: day)
        #expect(counts.map(\.overdue).reduce(0, +) == 1 && counts.map(\.dueSoon).reduce(0, +) == 0)
    }

    @Test(
        "my reviews: the families led by the worker logged in, by the lead's login or their name as a login reads",
        arguments: StoreUnderTest.allCases)
    func myReviewsByLogin(kind: StoreUnderTest) throws {
        let store = try kind.make(kind: .live)
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        let meeting = { (id: MeetingID) in
            TeamMeeting(
                id: id, heldOn: F.day("2026-01-05"), attendees: ["Marta"], familyViews: "", childViews: "",
                actions: [], nextReview: F.day("2026-02-16"), recordedBy: "jo", recordedAt: F.at("2026-01-05T09:00:00Z")
            )
        }
        var sam = F.sam
        sam.login = "spatel"
        var details = FamilyDetails(of: try #require(try store.family("F-00018")))
        details.leadProfessional = sam
        try store.apply(
            [
                .recordMeeting(family: "F-00017", meeting("M-1")), .recordMeeting(family: "F-00018", meeting("M-2")),
                .updateFamilyDetails("F-00018", details),
            ], by: "jo")
        let day = F.day("2026-03-01")
        #expect(try store.reviewsDue(by: day, leadLogin: "jo.okafor", limit: 10).map(\.familyID) == ["F-00017"])
        #expect(try store.reviewsDue(by: day, leadLogin: "spatel", limit: 10).map(\.familyID) == ["F-00018"])
        #expect(
            try store.reviewsDue(by: day, leadLogin: "sam.patel", limit: 10).isEmpty,
            "a lead with a login recorded is found by that login only")
        #expect(try store.reviewsDue(by: day, leadLogin: "jo", limit: 10).isEmpty)
        #expect(try store.family("F-00018")?.leadProfessional?.login == "spatel")
    }
}
