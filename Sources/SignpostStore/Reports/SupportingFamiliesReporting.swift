import Foundation
import SignpostDomain

/// One headline outcome area's figures over a period.
public struct SupportingFamiliesAreaFigures: Hashable, Sendable {
    /// Families that came to meet the criteria in the period with a need in this area.
    public var eligibleFamilies = 0
    /// Families with significant and sustained progress in the period that had a need in this area.
    public var progressFamilies = 0
    /// Needs in this area identified in the period.
    public var identified = 0
    /// Outcomes in this area achieved in the period.
    public var achieved = 0
    /// Six-month checks in the period that found the outcome sustained.
    public var sustained = 0
    /// Checks in the period that found it had not lasted.
    public var notSustained = 0

    public init() {}
}

/// The Supporting Families figures for a period (London days, both ends included).
///
/// A family is counted once for the period in which it came to meet the criteria (its third need
/// identified; ``SupportingFamiliesRule/eligibleOn(_:)``), and once for the period in which it showed
/// significant and sustained progress (its last outcome found sustained; ``SupportingFamiliesRule/progressOn(_:)``),
/// so consecutive quarters never count a family twice.
public struct SupportingFamiliesFigures: Hashable, Sendable {
    public var eligibleFamilies = 0
    public var progressFamilies = 0
    public var areas: [OutcomeArea: SupportingFamiliesAreaFigures] = [:]

    public init() {}

    /// The figures for `area` (zeros when nothing was counted).
    public subscript(area: OutcomeArea) -> SupportingFamiliesAreaFigures {
        get { areas[area] ?? SupportingFamiliesAreaFigures() }
        set { areas[area] = newValue }
    }
}

/// A family the Supporting Families return lists: met the criteria, or made its progress, in the period.
public struct SupportingFamiliesListing: Hashable, Sendable {
    public var family: FamilyID
    public var eligibleOn: CalendarDate?
    public var progressOn: CalendarDate?

    public init(family: FamilyID, eligibleOn: CalendarDate?, progressOn: CalendarDate?) {
        self.family = family
        self.eligibleOn = eligibleOn
        self.progressOn = progressOn
    }
}

/// The Supporting Families report's queries (#17), read by every store the same way.
///
/// In SQLite each figure is one `GROUP BY` over an index of the needs' dates or the families' criteria and
/// progress dates (schema 21), so a year's report reads index entries, not families.
///
/// ```swift
/// let figures = try store.supportingFamiliesFigures(from: april, to: march)
/// figures.eligibleFamilies       // families whose third need was identified in the year
/// figures[.secureHousing].achieved
/// ```
public protocol SupportingFamiliesReporting {
    /// The period's figures: families meeting the criteria, families with significant and sustained progress,
    /// and per area the needs identified, outcomes achieved and checks made.
    func supportingFamiliesFigures(from first: CalendarDate, to last: CalendarDate) throws
        -> SupportingFamiliesFigures

    /// Families that met the criteria or made significant and sustained progress in the period, a page at a
    /// time in id order after `after`.
    func supportingFamiliesListing(from first: CalendarDate, to last: CalendarDate, after: FamilyID?, limit: Int)
        throws -> [SupportingFamiliesListing]
}

extension SupportingFamiliesFigures {
    /// The figures counted from whole families: what every store's answer must equal.
    ///
    /// The in-memory store answers with it, and tests compare the SQLite store's indexed answer against it.
    public static func counting(_ families: [Family], from first: CalendarDate, to last: CalendarDate) -> Self {
        let period = first...last
        var figures = SupportingFamiliesFigures()
        for family in families {
            let needs = family.supportingFamiliesNeeds
            let eligible = SupportingFamiliesRule.eligibleOn(needs).map(period.contains) ?? false
            let progress = SupportingFamiliesRule.progressOn(needs).map(period.contains) ?? false
            if eligible { figures.eligibleFamilies += 1 }
            if progress { figures.progressFamilies += 1 }
            for need in needs {
                var area = figures[need.area]
                if eligible { area.eligibleFamilies += 1 }
                if progress { area.progressFamilies += 1 }
                if period.contains(need.identifiedOn) { area.identified += 1 }
                if let achieved = need.achievement, period.contains(achieved.on) { area.achieved += 1 }
                if let check = need.check, period.contains(check.on) {
                    if check.sustained { area.sustained += 1 } else { area.notSustained += 1 }
                }
                figures[need.area] = area
            }
        }
        // An area with nothing in the period is absent, as a store's GROUP BY leaves it.
        figures.areas = figures.areas.filter { $0.value != SupportingFamiliesAreaFigures() }
        return figures
    }
}
