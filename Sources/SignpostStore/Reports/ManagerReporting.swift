import Foundation
import SignpostDomain

/// One London calendar day and the instants it runs between, for reports that count by day.
///
/// A London day is 23 or 25 hours long when the clocks change, so a report never
/// buckets by fixed 24-hour steps from UTC midnight: the caller works out each day's
/// bounds once (``days(from:to:)``) and every store counts within them.
///
/// ```swift
/// let days = ReportDay.days(from: try CalendarDate(iso: "2026-03-28"), to: try CalendarDate(iso: "2026-03-30"))
/// days[1].end.timeIntervalSince(days[1].start)  // 82,800: the day the clocks go forward
/// ```
public struct ReportDay: Hashable, Sendable {
    public var day: CalendarDate
    /// London midnight at the start of the day.
    public var start: Date
    /// London midnight at the start of the next day (not part of this day).
    public var end: Date

    public init(day: CalendarDate) {
        self.day = day
        start = LondonTime.start(of: day)
        end = LondonTime.start(of: day.adding(days: 1))
    }

    /// Every day from `first` to `last`, both included; empty when `last` is before `first`.
    public static func days(from first: CalendarDate, to last: CalendarDate) -> [ReportDay] {
        guard first <= last else { return [] }
        return (0...first.days(to: last)).map { ReportDay(day: first.adding(days: $0)) }
    }
}

/// Open families held by one lead professional in one locality.
public struct CaseloadCount: Hashable, Sendable {
    /// The lead professional's name; nil when the family has none.
    public var leadProfessional: String?
    public var locality: Locality
    public var families: Int

    public init(leadProfessional: String?, locality: Locality, families: Int) {
        self.leadProfessional = leadProfessional
        self.locality = locality
        self.families = families
    }
}

/// Contacts received on one day with one outcome from one kind of source.
public struct ContactCount: Hashable, Sendable {
    public var day: CalendarDate
    public var outcome: ContactOutcome
    public var source: ContactSource
    public var contacts: Int

    public init(day: CalendarDate, outcome: ContactOutcome, source: ContactSource, contacts: Int) {
        self.day = day
        self.outcome = outcome
        self.source = source
        self.contacts = contacts
    }
}

/// Referrals made from contacts received on one day, by the whole days their service took to decide.
public struct DecisionTime: Hashable, Sendable {
    /// The London day the contact was received.
    public var contactDay: CalendarDate
    /// Days from the contact's day to the day the outcome was recorded; nil while the referral awaits a decision.
    public var daysToDecision: Int?
    public var referrals: Int

    public init(contactDay: CalendarDate, daysToDecision: Int?, referrals: Int) {
        self.contactDay = contactDay
        self.daysToDecision = daysToDecision
        self.referrals = referrals
    }
}

/// Early help assessments (CAFs) started on one day and completed on another (or not yet).
public struct AssessmentSpan: Hashable, Sendable {
    public var startedOn: CalendarDate
    public var completedOn: CalendarDate?
    public var assessments: Int

    public init(startedOn: CalendarDate, completedOn: CalendarDate?, assessments: Int) {
        self.startedOn = startedOn
        self.completedOn = completedOn
        self.assessments = assessments
    }

    /// Whole days from start to completion; nil while the assessment is not complete.
    public var daysTaken: Int? { completedOn.map { startedOn.days(to: $0) } }
}

/// Team around the family reviews of one lead professional's families: overdue, and due soon.
public struct ReviewCount: Hashable, Sendable {
    public var leadProfessional: String?
    /// Next review before today.
    public var overdue: Int
    /// Next review from today up to the horizon.
    public var dueSoon: Int

    public init(leadProfessional: String?, overdue: Int, dueSoon: Int) {
        self.leadProfessional = leadProfessional
        self.overdue = overdue
        self.dueSoon = dueSoon
    }
}

/// A move between early help and children's social care.
public enum StepDirection: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// An early help episode closed because the case stepped up to social care.
    case up
    /// An early help episode opened as a step down from social care.
    case down

    public var label: String { self == .up ? "Step-ups" : "Step-downs" }
    public var description: String { rawValue }
}

/// Steps up or down on one day.
public struct StepCount: Hashable, Sendable {
    public var day: CalendarDate
    public var direction: StepDirection
    public var episodes: Int

    public init(day: CalendarDate, direction: StepDirection, episodes: Int) {
        self.day = day
        self.direction = direction
        self.episodes = episodes
    }
}

/// The aggregate queries behind the managers' reports and the returns, read by every store the same way.
///
/// Each answer is already counted by the store (in SQLite, one `GROUP BY` over an
/// index), so a report over a year at 100,000 families reads counts, not families.
/// Dates are London days; a range includes both ends.
///
/// ```swift
/// let days = ReportDay.days(from: start, to: end)
/// let counts = try store.contactCounts(on: days)
/// counts.reduce(0) { $0 + $1.contacts }  // every contact received in the range
/// ```
public protocol ManagerReporting {
    /// Open families (``Family/isOpen``) by lead professional and locality, as the case list holds them now.
    func openCaseload() throws -> [CaseloadCount]

    /// Contacts received on each of `days`, by outcome and source; days with none are absent.
    func contactCounts(on days: [ReportDay]) throws -> [ContactCount]

    /// Referrals made from contacts received on each of `days`, by days until the service's decision.
    func decisionTimes(on days: [ReportDay]) throws -> [DecisionTime]

    /// Assessments started, or completed, between `first` and `last`.
    func assessmentSpans(from first: CalendarDate, to last: CalendarDate) throws -> [AssessmentSpan]

    /// Families whose latest team meeting set a review on or before `horizon`, by lead professional.
    func reviewCounts(today: CalendarDate, horizon: CalendarDate) throws -> [ReviewCount]

    /// Steps up (episodes closed as stepped up) and down (episodes opened from social care) on each day in range.
    func stepCounts(from first: CalendarDate, to last: CalendarDate) throws -> [StepCount]

    /// Families with a contact, referral or assessment between `first` and `last`, a page at a time in id order:
    /// the families a return over that range has to read.
    func familiesWithActivity(from first: CalendarDate, to last: CalendarDate, after: FamilyID?, limit: Int) throws
        -> [FamilyID]
}
