import Foundation

/// The ten headline outcomes of the National Supporting Families Outcome Framework (DLUHC, "Supporting
/// Families programme guidance 2022 to 2025", chapter 3), under their framework names.
///
/// A family's needs are identified against these areas; a family joins the programme's count when three
/// or more are identified (``SupportingFamiliesRule/minimumNeeds``).
///
/// ```swift
/// OutcomeArea.secureHousing.title   // "Secure housing"
/// OutcomeArea.allCases.count        // 10
/// ```
public enum OutcomeArea: String, CaseIterable, Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    case goodEducation = "good-education"
    case earlyYears = "early-years"
    case health = "mental-physical-health"
    case substanceUse = "substance-use"
    case familyRelationships = "family-relationships"
    case childrenSafe = "children-safe"
    case crime = "crime"
    case domesticAbuse = "domestic-abuse"
    case secureHousing = "secure-housing"
    case financialStability = "financial-stability"

    /// The headline outcome's name in the framework.
    public var title: String {
        switch self {
        case .goodEducation: return "Getting a good education"
        case .earlyYears: return "Good early years development"
        case .health: return "Improved mental and physical health"
        case .substanceUse: return "Promoting recovery and reducing harm from substance use"
        case .familyRelationships: return "Improved family relationships"
        case .childrenSafe: return "Children safe from abuse and exploitation"
        case .crime: return "Crime prevention and tackling crime"
        case .domesticAbuse: return "Safe from domestic abuse"
        case .secureHousing: return "Secure housing"
        case .financialStability: return "Financial stability"
        }
    }

    /// A name of at most 24 characters, for tables at 80 columns.
    public var shortTitle: String {
        switch self {
        case .goodEducation: return "Good education"
        case .earlyYears: return "Early years development"
        case .health: return "Mental & physical health"
        case .substanceUse: return "Substance use"
        case .familyRelationships: return "Family relationships"
        case .childrenSafe: return "Children safe"
        case .crime: return "Crime"
        case .domesticAbuse: return "Domestic abuse"
        case .secureHousing: return "Secure housing"
        case .financialStability: return "Financial stability"
        }
    }

    /// The area's place in the framework's list, from 1.
    public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    public var description: String { rawValue }

    public static func < (lhs: OutcomeArea, rhs: OutcomeArea) -> Bool { lhs.number < rhs.number }
}

/// An outcome achieved against an identified need: when, the evidence, and who recorded it.
public struct OutcomeAchievement: Hashable, Codable, Sendable {
    public var on: CalendarDate
    /// What shows the outcome was achieved ("tenancy sustained, arrears cleared: rent account 14/02").
    public var evidence: String
    public var recordedBy: String

    public init(on: CalendarDate, evidence: String, recordedBy: String) {
        self.on = on
        self.evidence = evidence
        self.recordedBy = recordedBy
    }
}

/// The check, six months or more after an outcome was achieved, of whether it has lasted.
public struct SustainCheck: Hashable, Codable, Sendable {
    public var on: CalendarDate
    public var sustained: Bool
    /// What was looked at, and why it has or has not lasted.
    public var note: String
    public var recordedBy: String

    public init(on: CalendarDate, sustained: Bool, note: String, recordedBy: String) {
        self.on = on
        self.sustained = sustained
        self.note = note
        self.recordedBy = recordedBy
    }
}

/// One need identified for a family against a headline outcome area, and what has come of it.
///
/// A need is identified once per area; its outcome, once achieved, is checked six months on. An outcome
/// found not to have lasted can be achieved again (the new achievement replaces it, and its check starts
/// again), so a need always holds the latest attempt.
public struct SupportingFamiliesNeed: Hashable, Codable, Sendable {
    public var area: OutcomeArea
    public var identifiedOn: CalendarDate
    /// Who identified the need (a practitioner or the agency that assessed it).
    public var identifiedBy: String
    /// Why it is a need for this family; may be empty.
    public var note: String
    public var achievement: OutcomeAchievement?
    public var check: SustainCheck?

    public init(
        area: OutcomeArea, identifiedOn: CalendarDate, identifiedBy: String, note: String = "",
        achievement: OutcomeAchievement? = nil, check: SustainCheck? = nil
    ) {
        self.area = area
        self.identifiedOn = identifiedOn
        self.identifiedBy = identifiedBy
        self.note = note
        self.achievement = achievement
        self.check = check
    }

    /// The day the six-month check falls due: six calendar months after the outcome was achieved.
    public var checkDueOn: CalendarDate? {
        achievement.map { $0.on.adding(months: SupportingFamiliesRule.sustainMonths) }
    }

    /// Where the need stands.
    public var status: OutcomeStatus {
        guard let achievement else { return .identified }
        guard let check else {
            return .achieved(checkDue: achievement.on.adding(months: SupportingFamiliesRule.sustainMonths))
        }
        return check.sustained ? .sustained(on: check.on) : .notSustained(on: check.on)
    }
}

/// Where one area stands for a family, as the outcomes screen marks it in words (colour never carries it).
public enum OutcomeStatus: Hashable, Sendable {
    case notIdentified
    case identified
    case achieved(checkDue: CalendarDate)
    case sustained(on: CalendarDate)
    case notSustained(on: CalendarDate)

    /// A marker that reads without colour: `[ ]`, `[N]`, `[A]`, `[S]`, `[!]`.
    public var marker: String {
        switch self {
        case .notIdentified: return "[ ]"
        case .identified: return "[N]"
        case .achieved: return "[A]"
        case .sustained: return "[S]"
        case .notSustained: return "[!]"
        }
    }

    /// The status in words.
    public var label: String {
        switch self {
        case .notIdentified: return "no need identified"
        case .identified: return "need identified"
        case .achieved(let due): return "achieved; 6-month check due \(due.british)"
        case .sustained(let on): return "sustained (checked \(on.british))"
        case .notSustained(let on): return "not sustained (checked \(on.british))"
        }
    }
}

/// The programme's rules, as the guidance words them.
///
/// - A family counts for the programme (is "eligible") when a minimum of **three** of the ten headline
///   outcomes are identified as needs ("A minimum of three family needs identified", chapter 5).
/// - A successful family outcome, **significant and sustained progress**, is claimed when every need
///   identified has its outcome achieved and that outcome has been sustained: here, a check on or after
///   the day six months from its achievement found it had lasted. A need whose outcome was found not to
///   have lasted holds the family back until it is achieved again and sustained.
///
/// ```swift
/// SupportingFamiliesRule.eligibleOn(needs)       // the day the third need was identified
/// SupportingFamiliesRule.progressOn(needs)       // the day the last outcome was found sustained
/// ```
public enum SupportingFamiliesRule {
    /// Needs a family must have identified to count.
    public static let minimumNeeds = 3
    /// Months an outcome must last before a check can find it sustained.
    public static let sustainMonths = 6

    /// The day the family came to meet the criteria: the day its third need was identified; nil with fewer.
    public static func eligibleOn(_ needs: [SupportingFamiliesNeed]) -> CalendarDate? {
        let days = needs.map(\.identifiedOn).sorted()
        return days.count >= minimumNeeds ? days[minimumNeeds - 1] : nil
    }

    /// The day the family showed significant and sustained progress: the last of its needs' checks, when
    /// it counts and every need is achieved and sustained; nil otherwise.
    public static func progressOn(_ needs: [SupportingFamiliesNeed]) -> CalendarDate? {
        guard eligibleOn(needs) != nil else { return nil }
        var latest: CalendarDate?
        for need in needs {
            guard case .sustained(let on) = need.status else { return nil }
            latest = max(latest ?? on, on)
        }
        return latest
    }
}

extension Family {
    /// The family's Supporting Families needs, one per outcome area, in the framework's order.
    public var supportingFamiliesNeeds: [SupportingFamiliesNeed] {
        // Sorted on reading too: a document written elsewhere may list them in any order.
        get { (supportingFamiliesRecords ?? []).sorted { $0.area < $1.area } }
        set { supportingFamiliesRecords = newValue.isEmpty ? nil : newValue.sorted { $0.area < $1.area } }
    }

    /// The need identified against `area`, if any.
    public func supportingFamiliesNeed(_ area: OutcomeArea) -> SupportingFamiliesNeed? {
        supportingFamiliesNeeds.first { $0.area == area }
    }

    /// Where `area` stands for the family.
    public func outcomeStatus(_ area: OutcomeArea) -> OutcomeStatus {
        supportingFamiliesNeed(area)?.status ?? .notIdentified
    }

    /// Whether the family has the three needs the programme asks for.
    public var meetsSupportingFamiliesCriteria: Bool {
        SupportingFamiliesRule.eligibleOn(supportingFamiliesNeeds) != nil
    }

    /// The day the family showed significant and sustained progress, if it has.
    public var significantAndSustainedProgressOn: CalendarDate? {
        SupportingFamiliesRule.progressOn(supportingFamiliesNeeds)
    }
}
