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
    case femaleGenitalMutilation = "fgm"
    case forcedMarriage = "forced-marriage"
    case radicalisation
    case riskToChildren = "risk-to-children"

    /// The level the indicator points at, from ``LevelRules``.
    public var level: NeedLevel { LevelRules.rule(for: self).level }

    /// Whether the indicator is a safeguarding one: abuse, exploitation, trafficking, FGM, forced marriage,
    /// radicalisation, or a risk from someone in the household. It goes to a safeguarding service whatever
    /// level was typed and whether or not there is consent.
    public var isSafeguarding: Bool {
        switch self {
        case .regularlyMissing, .domesticAbuseBetweenCarers, .signsOfAbuseOrNeglect, .domesticViolenceHeardAtMARAC,
            .sexOffenderJoiningHousehold, .trafficking, .homeUsedForDrugDealing, .riskOfSignificantHarm,
            .femaleGenitalMutilation, .forcedMarriage, .radicalisation, .riskToChildren:
            return true
        default:
            return false
        }
    }

    /// Whether the indicator, recorded on an adult, is a risk to every child of the household ("think family"):
    /// domestic abuse, a known sex offender joining, the home used for drug dealing, a risk to children.
    public var isRiskToHouseholdChildren: Bool {
        switch self {
        case .domesticAbuseBetweenCarers, .domesticViolenceHeardAtMARAC, .sexOffenderJoiningHousehold,
            .homeUsedForDrugDealing, .riskToChildren:
            return true
        default:
            return false
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
        case .femaleGenitalMutilation: return "Female genital mutilation (FGM), done or at risk"
        case .forcedMarriage: return "Forced marriage, or at risk of it"
        case .radicalisation: return "Radicalisation"
        case .riskToChildren: return "Poses a risk to children, or a risk from someone in the household"
        }
    }

    public var description: String { rawValue }
}

extension Concern {
    /// The lowest level this concern on its own suggests, from ``LevelRules`` (each rule cites its source).
    public var suggestedLevel: NeedLevel { LevelRules.rule(for: self).level }
}
