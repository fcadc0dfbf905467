import Foundation
import SignpostDomain

/// A family whose team around the family review is due or overdue: one row of the reviews list.
///
/// ```swift
/// let due = try store.reviewsDue(by: today.adding(days: 14), leadProfessional: nil, limit: 200)
/// due.first?.nextReview   // the most overdue first
/// ```
public struct ReviewDue: Hashable, Sendable {
    public var familyID: FamilyID
    public var familyName: String
    public var leadProfessional: String?
    /// The next review set at the family's latest meeting.
    public var nextReview: CalendarDate

    public init(familyID: FamilyID, familyName: String, leadProfessional: String?, nextReview: CalendarDate) {
        self.familyID = familyID
        self.familyName = familyName
        self.leadProfessional = leadProfessional
        self.nextReview = nextReview
    }

    /// Earliest review first, then by family id.
    public static func soonestFirst(_ lhs: ReviewDue, _ rhs: ReviewDue) -> Bool {
        (lhs.nextReview, lhs.familyID.rawValue) < (rhs.nextReview, rhs.familyID.rawValue)
    }
}

/// The reviews list, read by every store the same way.
public protocol ReviewListing {
    /// Families whose latest meeting set a next review on or before `day`, the earliest first; only those whose
    /// lead professional's name contains `leadProfessional` when given (case and accents ignored).
    func reviewsDue(by day: CalendarDate, leadProfessional: String?, limit: Int) throws -> [ReviewDue]

    /// Families whose latest TAF meeting or review set a next review on or before `day` and whose lead
    /// professional is the practitioner logged in as `login` (``Professional/isWorker(loggedInAs:)``), the
    /// earliest first: "my reviews".
    func reviewsDue(by day: CalendarDate, leadLogin login: String, limit: Int) throws -> [ReviewDue]
}
