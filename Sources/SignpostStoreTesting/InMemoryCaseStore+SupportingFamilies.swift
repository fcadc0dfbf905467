import Foundation
import SignpostDomain
import SignpostStore

/// The Supporting Families report counted over whole families in memory: the answer the SQLite store's
/// indexed queries must agree with.
extension InMemoryCaseStore {
    public func supportingFamiliesFigures(from first: CalendarDate, to last: CalendarDate) throws
        -> SupportingFamiliesFigures
    {
        SupportingFamiliesFigures.counting(withState { Array($0.families.values) }, from: first, to: last)
    }

    public func supportingFamiliesListing(
        from first: CalendarDate, to last: CalendarDate, after: FamilyID?, limit: Int
    ) throws -> [SupportingFamiliesListing] {
        let period = first...last
        let families = withState { Array($0.families.values) }
        return
            families
            .filter { family in after.map { family.id.rawValue > $0.rawValue } ?? true }
            .compactMap { family -> SupportingFamiliesListing? in
                let needs = family.supportingFamiliesNeeds
                let eligible = SupportingFamiliesRule.eligibleOn(needs)
                let progress = SupportingFamiliesRule.progressOn(needs)
                guard eligible.map(period.contains) == true || progress.map(period.contains) == true else { return nil }
                return SupportingFamiliesListing(family: family.id, eligibleOn: eligible, progressOn: progress)
            }
            .sorted { $0.family.rawValue < $1.family.rawValue }
            .prefix(max(limit, 0)).map { $0 }
    }
}
