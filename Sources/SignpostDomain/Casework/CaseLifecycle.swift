import Foundation

/// The lead professional named, changed or removed on a family: who, from when, why, and who recorded it.
///
/// The family keeps every change (``Family/leadProfessionalHistory``), so the record
/// shows who led the work at any time, not only who leads it now.
///
/// ```swift
/// let change = LeadProfessionalChange(
///     professional: Professional(name: "Priya Invented", role: "Family support worker", organisation: "Bright Start"),
///     on: today, reason: "Allocated at the TAF", recordedBy: "sam.okafor", recordedAt: Date())
/// ```
public struct LeadProfessionalChange: Hashable, Codable, Sendable {
    /// The new lead professional; nil when the family is left without one.
    public var professional: Professional?
    /// The one before, as the record held it; nil when there was none.
    public var previous: Professional?
    /// The day the change takes effect.
    public var on: CalendarDate
    public var reason: String
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        professional: Professional?, previous: Professional? = nil, on: CalendarDate, reason: String,
        recordedBy: String, recordedAt: Date
    ) {
        self.professional = professional
        self.previous = previous
        self.on = on
        self.reason = reason
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// A service's answer to a referral, or the referrer withdrawing it.
///
/// ```swift
/// let outcome = ReferralOutcome(status: .declined, on: today, reason: "below threshold: early help instead", recordedBy: "jo")
/// ReferralOutcome.next(after: .sent)   // [.accepted, .declined, .closed, .withdrawn]
/// ```
public struct ReferralOutcome: Hashable, Codable, Sendable {
    public var status: ReferralStatus
    public var on: CalendarDate
    /// Why it was declined, closed or withdrawn (required for those); may say more for an acceptance.
    public var reason: String
    public var recordedBy: String

    public init(status: ReferralStatus, on: CalendarDate, reason: String, recordedBy: String) {
        self.status = status
        self.on = on
        self.reason = reason
        self.recordedBy = recordedBy
    }

    /// The statuses a referral can move to from `status`: sent → accepted, declined, closed, withdrawn;
    /// accepted → closed, withdrawn; declined, closed and withdrawn are final.
    public static func next(after status: ReferralStatus) -> [ReferralStatus] {
        switch status {
        case .sent: return [.accepted, .declined, .closed, .withdrawn]
        case .accepted: return [.closed, .withdrawn]
        case .declined, .closed, .withdrawn: return []
        }
    }

    /// Whether this outcome needs a reason written: every one but an acceptance.
    public var needsReason: Bool { status != .accepted }
}

extension Family {
    /// Every lead professional change, oldest first.
    public var leadProfessionalHistory: [LeadProfessionalChange] {
        get { leadProfessionalChanges ?? [] }
        set { leadProfessionalChanges = newValue.isEmpty ? nil : newValue }
    }

    /// Early-help episodes still open.
    public var openEpisodes: [EarlyHelpEpisode] { episodes.filter(\.isOpen) }

    /// The referrals sent and not yet answered.
    public var referralsAwaitingDecision: [Referral] { referrals.filter(\.status.isAwaitingDecision) }

    /// Whether the family is already open to `service` (an open episode or an accepted referral), so a new
    /// referral to it should be questioned first.
    public func isOpen(to service: ServiceID) -> Bool { openServices.contains(service) }
}

/// A team around the family meeting (or review): who came, what the family and the child said, the plan's
/// actions and when the next review is.
///
/// Reviews are held every 4 to 12 weeks (``TeamMeeting/reviewWindow(after:)``).
///
/// ```swift
/// let meeting = TeamMeeting(id: "M-1", heldOn: today, attendees: ["Marta", "Priya (Bright Start)"],
///                           familyViews: "…", childViews: "…", actions: [], nextReview: today.adding(days: 42),
///                           recordedBy: "priya", recordedAt: Date())
/// ```
public struct TeamMeeting: Identifiable, Hashable, Codable, Sendable {
    public var id: MeetingID
    public var heldOn: CalendarDate
    public var attendees: [String]
    public var familyViews: String
    public var childViews: String
    public var actions: [MeetingAction]
    public var nextReview: CalendarDate
    public var recordedBy: String
    public var recordedAt: Date
    /// What kind of meeting it was (``kind``); nil on meetings recorded before kinds were kept (TAF meetings).
    var kindRecorded: MeetingKind?

    public init(
        id: MeetingID, heldOn: CalendarDate, attendees: [String], familyViews: String, childViews: String,
        actions: [MeetingAction], nextReview: CalendarDate, recordedBy: String, recordedAt: Date,
        kind: MeetingKind = .meeting
    ) {
        self.id = id
        self.heldOn = heldOn
        self.attendees = attendees
        self.familyViews = familyViews
        self.childViews = childViews
        self.actions = actions
        self.nextReview = nextReview
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.kindRecorded = kind == .meeting ? nil : kind
    }

    /// A TAF meeting, a review held, or an ad-hoc meeting.
    public var kind: MeetingKind {
        get { kindRecorded ?? .meeting }
        set { kindRecorded = newValue == .meeting ? nil : newValue }
    }

    private enum CodingKeys: String, CodingKey {
        case id, heldOn, attendees, familyViews, childViews, actions, nextReview, recordedBy, recordedAt
        case kindRecorded = "kind"
    }

    /// The days the next review may fall on after a meeting held on `day`: 4 to 12 weeks later.
    public static func reviewWindow(after day: CalendarDate) -> ClosedRange<CalendarDate> {
        day.adding(days: 28)...day.adding(days: 84)
    }
}

/// What a team around the family meeting was.
public enum MeetingKind: String, CaseIterable, Codable, Sendable {
    /// A TAF meeting that sets the plan and the date of the next review (the first, or a re-planning).
    case meeting
    /// The review that was due, held: it counts as held and sets the next one.
    case review
    /// A meeting called between reviews: its views and actions are kept; the review date stays as it was.
    case adHoc = "ad-hoc"

    public var label: String {
        switch self {
        case .meeting: return "TAF meeting"
        case .review: return "Review held"
        case .adHoc: return "Ad-hoc meeting"
        }
    }
}

/// One action of a meeting's plan: who does what by when.
public struct MeetingAction: Hashable, Codable, Sendable {
    public var who: String
    public var what: String
    public var byWhen: CalendarDate

    public init(who: String, what: String, byWhen: CalendarDate) {
        self.who = who
        self.what = what
        self.byWhen = byWhen
    }
}

public typealias MeetingID = EntityID<TeamMeeting>

extension Family {
    /// Team around the family meetings and reviews, oldest first.
    public var meetings: [TeamMeeting] {
        get { meetingRecords ?? [] }
        set { meetingRecords = newValue.isEmpty ? nil : newValue }
    }

    /// The TAF meeting or review held last (of two on one day, the one recorded last); nil when none is
    /// recorded. Ad-hoc meetings do not count: they leave the review schedule as it was.
    public var latestMeeting: TeamMeeting? {
        meetings.enumerated().filter { $0.element.kind != .adHoc }
            .max { ($0.element.heldOn, $0.offset) < ($1.element.heldOn, $1.offset) }?.element
    }

    /// The review held last; nil when none is.
    public var latestReviewHeld: TeamMeeting? {
        meetings.enumerated().filter { $0.element.kind == .review }
            .max { ($0.element.heldOn, $0.offset) < ($1.element.heldOn, $1.offset) }?.element
    }

    /// When the next review is due: the latest TAF meeting's or review's next review date; nil when none is
    /// recorded, or when the case was closed since.
    ///
    /// A case whose early-help episodes are all closed, the last of them on or after the latest meeting, has
    /// no review to hold: "needs met" ends the plan, and keeping it on the reviews-due list would have a worker
    /// chase a review that will never happen. Reopening an episode brings the schedule back.
    public var nextReviewDue: CalendarDate? {
        guard let latest = latestMeeting, !caseClosed(onOrAfter: latest.heldOn) else { return nil }
        return latest.nextReview
    }

    /// True when the family's early-help episodes are all closed, the last of them on or after `day`.
    ///
    /// A family that never had an episode is not closed in this sense: its meetings keep their schedule.
    ///
    /// ```swift
    /// if family.caseClosed(onOrAfter: meeting.heldOn) { /* no review is due */ }
    /// ```
    public func caseClosed(onOrAfter day: CalendarDate) -> Bool {
        guard !episodes.isEmpty, !episodes.contains(where: \.isOpen),
            let lastClosed = episodes.compactMap(\.closedOn).max()
        else { return false }
        return lastClosed >= day
    }

    /// The plan's actions whose date has passed on `day`: the latest TAF meeting's or review's, and those of
    /// ad-hoc meetings held since.
    public func overdueActions(on day: CalendarDate) -> [MeetingAction] {
        guard let latest = latestMeeting else {
            return meetings.flatMap(\.actions).filter { $0.byWhen < day }
        }
        let since = meetings.filter { $0.kind == .adHoc && $0.heldOn >= latest.heldOn }
        return (latest.actions + since.flatMap(\.actions)).filter { $0.byWhen < day }
    }
}
