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
}

extension Family {
    /// The day the record comes up for review under `policy`, or nil while it is open or has no child
    /// with a date of birth (an unborn baby counts from its expected date).
    ///
    /// The youngest child is the one born last; a record with no children at all counts from its
    /// youngest member, so a household of adults is reviewed too.
    public func retentionReviewDate(under policy: RetentionPolicy) -> CalendarDate? {
        guard !isOpen else { return nil }
        let children = members.filter { !$0.role.isAdult }
        let counted = children.isEmpty ? members : children
        guard let youngest = counted.compactMap({ $0.dateOfBirth ?? $0.expectedDeliveryDate }).max() else {
            return nil
        }
        return youngest.adding(years: 18 + max(0, policy.yearsAfterEighteen))
    }

    /// Whether the record is due for review on `day` under `policy`.
    public func isDueForRetentionReview(on day: CalendarDate, under policy: RetentionPolicy) -> Bool {
        retentionReviewDate(under: policy).map { $0 <= day } ?? false
    }
}
