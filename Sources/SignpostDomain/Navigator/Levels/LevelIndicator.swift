/// A threshold-guidance indicator a practitioner can tick for one person, each pointing at a level of need.
///
/// The vocabulary follows the examples in published threshold documents (Kent,
/// Bucks, East Sussex, Harrow). Ticking one is evidence, not a decision: the
/// practitioner still sets the level.
public enum LevelIndicator: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    // Level 1
    case healthChecksUpToDate = "health-checks-up-to-date"
    case housingMeetsNeeds = "housing-meets-needs"
    // Level 2
    case someFixedTermExclusions = "some-fixed-term-exclusions"
    case youngCarerSomeResponsibilities = "young-carer-some-responsibilities"
    case lowLevelMentalHealth = "low-level-mental-health"
    case debtOrUnemployment = "debt-or-unemployment"
    case lonelinessOrIsolation = "loneliness-or-isolation"
    case adverseChildhoodExperience = "adverse-childhood-experience"
    // Level 3
    case persistentAbsence = "persistent-absence"
    case notInEducationOrWork = "neet"
    case riskOfPermanentExclusion = "risk-of-permanent-exclusion"
    case regularlyMissing = "regularly-missing"
    case youngCarerHarmed = "young-carer-harmed"
    case domesticAbuseBetweenCarers = "domestic-abuse-between-carers"
    case rentArrearsRiskingEviction = "rent-arrears-risking-eviction"
    case impairmentOrDisability = "impairment-or-disability"
    case signsOfAbuseOrNeglect = "signs-of-abuse-or-neglect"
    // Level 4
    case domesticViolenceHeardAtMARAC = "domestic-violence-at-marac"
    case sexOffenderJoiningHousehold = "sex-offender-joining-household"
    case trafficking
    case homeUsedForDrugDealing = "home-used-for-drug-dealing"
    case riskOfSignificantHarm = "risk-of-significant-harm"
    case urgentCareNeeds = "urgent-care-needs"

    /// The level the indicator points at.
    public var level: NeedLevel {
        switch self {
        case .healthChecksUpToDate, .housingMeetsNeeds:
            return .universal
        case .someFixedTermExclusions, .youngCarerSomeResponsibilities, .lowLevelMentalHealth, .debtOrUnemployment,
            .lonelinessOrIsolation, .adverseChildhoodExperience:
            return .earlyHelp
        case .persistentAbsence, .notInEducationOrWork, .riskOfPermanentExclusion, .regularlyMissing,
            .youngCarerHarmed, .domesticAbuseBetweenCarers, .rentArrearsRiskingEviction, .impairmentOrDisability,
            .signsOfAbuseOrNeglect:
            return .complex
        case .domesticViolenceHeardAtMARAC, .sexOffenderJoiningHousehold, .trafficking, .homeUsedForDrugDealing,
            .riskOfSignificantHarm, .urgentCareNeeds:
            return .acute
        }
    }

    /// A short label for checklists.
    public var label: String {
        switch self {
        case .healthChecksUpToDate: return "Health checks and immunisations up to date"
        case .housingMeetsNeeds: return "Housing meets the family's needs"
        case .someFixedTermExclusions: return "Some fixed-term exclusions"
        case .youngCarerSomeResponsibilities: return "Young carer with some caring responsibilities"
        case .lowLevelMentalHealth: return "Low-level mental health issues or self-harm"
        case .debtOrUnemployment: return "Debt or parental unemployment"
        case .lonelinessOrIsolation: return "Loneliness or isolation"
        case .adverseChildhoodExperience: return "Adverse childhood experiences"
        case .persistentAbsence: return "Persistent absence from school"
        case .notInEducationOrWork: return "Not in education, employment or training (NEET)"
        case .riskOfPermanentExclusion: return "At risk of permanent exclusion"
        case .regularlyMissing: return "Regularly missing from home"
        case .youngCarerHarmed: return "Young carer whose caring harms their outcomes"
        case .domesticAbuseBetweenCarers: return "Domestic abuse between carers"
        case .rentArrearsRiskingEviction: return "Rent arrears risking eviction"
        case .impairmentOrDisability: return "Mental or physical impairment or disability"
        case .signsOfAbuseOrNeglect: return "Signs of abuse or neglect"
        case .domesticViolenceHeardAtMARAC: return "Child witnessed domestic violence heard at MARAC"
        case .sexOffenderJoiningHousehold: return "Known sex offender joining the household"
        case .trafficking: return "Trafficking"
        case .homeUsedForDrugDealing: return "Home used for drug dealing"
        case .riskOfSignificantHarm: return "Suffering or at high risk of significant harm"
        case .urgentCareNeeds: return "Urgent care needs or crisis"
        }
    }

    public var description: String { rawValue }
}

extension Concern {
    /// The lowest level this concern on its own suggests, and why, for ``LevelSuggestion``.
    ///
    /// Safeguarding concerns start at level 3 (Level 3–4 is where CSCT
    /// decides); immediate danger is level 4; needs a universal service meets
    /// (work, a GP) stay at level 1; everything else is an emerging need, level 2.
    public var suggestedLevel: NeedLevel {
        switch self {
        case .immediateDanger: return .acute
        case .physicalAbuse, .emotionalAbuse, .sexualAbuse, .neglect, .exploitation, .missing, .domesticAbuse,
            .adultCareNeeds:
            return .complex
        case .employment, .physicalHealth: return .universal
        default: return .earlyHelp
        }
    }
}
