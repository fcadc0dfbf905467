import Foundation

/// How long a closed early-help record is kept before it is listed for review (#16).
///
/// A record is kept while any episode or referral is open; once closed, it is kept until
/// ``yearsAfterEighteen`` years after the youngest child's 18th birthday, then listed for review
/// (and erased after review, person by person). A council sets the years in its own policy; six is
/// a common figure for early-help records.
///
/// ```swift
/// let due = family.retentionReviewDate(under: RetentionPolicy(yearsAfterEighteen: 6))
/// ```
public struct RetentionPolicy: Hashable, Sendable {
    public var yearsAfterEighteen: Int

    public init(yearsAfterEighteen: Int = 6) {
        self.yearsAfterEighteen = yearsAfterEighteen
    }

    /// The years a council may set: none to a hundred.
    public static let allowedYears = 0...100
}

/// A retention review's decision to keep a record longer: until a day, why, who decided and when.
///
/// The record leaves the list of records due for review until ``keptUntil``, then comes back. Each
/// decision is kept (the latest one counts), so the record shows every review it has had.
///
/// ```swift
/// let decision = RetentionDecision(keptUntil: day, reason: "sibling's case still open", by: "sam.okafor", at: now)
/// ```
public struct RetentionDecision: Hashable, Codable, Sendable {
    /// The day the record is listed for review again.
    public var keptUntil: CalendarDate
    /// Why the record is kept past its review date; required.
    public var reason: String
    /// The reviewer's login.
    public var by: String
    public var at: Date

    public init(keptUntil: CalendarDate, reason: String, by: String, at: Date) {
        self.keptUntil = keptUntil
        self.reason = reason
        self.by = by
        self.at = at
    }
}

/// Why a closed record is due for review, as the retention screen and `signpost retention` say it.
///
/// ```swift
/// if let standing = family.retentionStanding(under: policy), standing.isDue(on: today) { print(standing.dueOn) }
/// ```
public struct RetentionStanding: Hashable, Sendable {
    /// The day the last episode or referral closed; nil when the record never had one.
    public var closedOn: CalendarDate?
    /// The day the youngest child turns (or turned) 18: the youngest member when there are no children.
    public var youngestTurnsEighteenOn: CalendarDate
    /// Whether ``youngestTurnsEighteenOn`` is a child's (false: the household has no children, so its youngest member's).
    public var countsFromChild: Bool
    /// The years the policy keeps a closed record after that birthday.
    public var keptYears: Int
    /// The day the policy lists it for review.
    public var policyReviewOn: CalendarDate
    /// The latest review's decision to keep it longer, if any.
    public var decision: RetentionDecision?

    /// The day it is (or was) listed for review: the policy's day, or a later day a review kept it until.
    public var dueOn: CalendarDate {
        guard let decision, decision.keptUntil > policyReviewOn else { return policyReviewOn }
        return decision.keptUntil
    }

    /// Whether it is listed for review on `day`.
    public func isDue(on day: CalendarDate) -> Bool { dueOn <= day }
}

extension Family {
    /// Every retention review decision to keep the record, oldest first (the last one counts).
    public var retentionDecisions: [RetentionDecision] {
        get { retentionDecisionRecords ?? [] }
        set { retentionDecisionRecords = newValue.isEmpty ? nil : newValue }
    }

    /// The day the record comes up for review under `policy`, or nil while it is open or has no child
    /// with a date of birth (an unborn baby counts from its expected date).
    ///
    /// The youngest child is the one born last; a record with no children at all counts from its
    /// youngest member, so a household of adults is reviewed too. A review's decision to keep the
    /// record is not counted here: ``retentionStanding(under:)`` counts it.
    public func retentionReviewDate(under policy: RetentionPolicy) -> CalendarDate? {
        youngestCounted.map { $0.birth.adding(years: 18 + max(0, policy.yearsAfterEighteen)) }
    }

    /// Why and from when the closed record is due for review under `policy`, counting the latest review's
    /// decision; nil while it is open or has no date of birth to count from.
    public func retentionStanding(under policy: RetentionPolicy) -> RetentionStanding? {
        guard let youngest = youngestCounted else { return nil }
        let years = max(0, policy.yearsAfterEighteen)
        let closings = episodes.compactMap(\.closedOn) + referrals.compactMap(\.outcomeOn)
        return RetentionStanding(
            closedOn: closings.max(), youngestTurnsEighteenOn: youngest.birth.adding(years: 18),
            countsFromChild: youngest.isChild, keptYears: years,
            policyReviewOn: youngest.birth.adding(years: 18 + years), decision: retentionDecisions.last)
    }

    /// Whether the record is due for review on `day` under `policy`, counting a review's decision to keep it.
    public func isDueForRetentionReview(on day: CalendarDate, under policy: RetentionPolicy) -> Bool {
        retentionStanding(under: policy)?.isDue(on: day) ?? false
    }

    /// The latest birth (or expected delivery) the policy counts from, while the record is closed.
    private var youngestCounted: (birth: CalendarDate, isChild: Bool)? {
        guard !isOpen else { return nil }
        let children = members.filter { !$0.role.isAdult }
        let counted = children.isEmpty ? members : children
        guard let youngest = counted.compactMap({ $0.dateOfBirth ?? $0.expectedDeliveryDate }).max() else {
            return nil
        }
        return (youngest, !children.isEmpty)
    }
}
