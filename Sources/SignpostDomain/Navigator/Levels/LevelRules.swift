/// One rule of the level table: what a concern or indicator points at, and the source that says so.
public struct LevelRule: Hashable, Sendable {
    /// The level it points at on its own.
    public var level: NeedLevel
    /// Where the rule comes from: `DOMAIN` (the team's domain brief, from Islington's Fairer Together
    /// glossary), `threshold guidance` (Kent, Bucks, East Sussex, Harrow), `Working Together 2023`, `Care Act 2014`.
    public var source: String

    public init(_ level: NeedLevel, _ source: String) {
        self.level = level
        self.source = source
    }
}

/// The one table of level rules: every concern and every indicator, each with the level it suggests and its source.
///
/// Concerns and indicators that mean the same thing point at the same level
/// (disability and "impairment or disability" are both level 3; money worries and
/// "debt or parental unemployment" are both level 2). Safeguarding concerns and
/// indicators are never below level 3.
///
/// ```swift
/// LevelRules.rule(for: Concern.disability).level     // .complex
/// LevelRules.rule(for: LevelIndicator.trafficking)   // level 4, "threshold guidance (level 4: trafficking)"
/// ```
public enum LevelRules {
    static let thresholds = "threshold guidance (Kent, Bucks, East Sussex, Harrow)"
    static let domainLevels = "DOMAIN levels of need (Fairer Together)"

    /// The rule for a concern.
    public static func rule(for concern: Concern) -> LevelRule {
        switch concern {
        case .immediateDanger:
            return LevelRule(.acute, "\(domainLevels): level 4, suffering or at high risk of significant harm")
        case .physicalAbuse, .emotionalAbuse, .sexualAbuse, .neglect:
            return LevelRule(
                .complex, "\(domainLevels): level 3, safeguarding concerns incl. signs of abuse or neglect")
        case .exploitation:
            return LevelRule(
                .complex, "Working Together 2023: exploitation is a safeguarding concern (level 3 or above)")
        case .missing:
            return LevelRule(.complex, "\(thresholds): level 3, regularly missing from home")
        case .domesticAbuse:
            return LevelRule(.complex, "\(thresholds): level 3, domestic abuse between carers")
        case .disability:
            return LevelRule(.complex, "\(domainLevels): level 3, mental or physical impairment; disability")
        case .adultCareNeeds:
            return LevelRule(.complex, "\(domainLevels): level 3, contact adult social care (Care Act 2014)")
        case .mentalHealth, .selfHarm:
            return LevelRule(.earlyHelp, "\(thresholds): level 2, low-level mental health issues or self-harm")
        case .financial, .employment:
            return LevelRule(.earlyHelp, "\(thresholds): level 2, debt or parental unemployment")
        case .isolation:
            return LevelRule(.earlyHelp, "\(domainLevels): level 2, loneliness, isolation")
        case .youngCarer:
            return LevelRule(.earlyHelp, "\(thresholds): level 2, young carer with some responsibilities")
        case .exclusion:
            return LevelRule(.earlyHelp, "\(thresholds): level 2, some fixed-term exclusions")
        case .substanceUse:
            return LevelRule(
                .earlyHelp,
                "\(domainLevels): level 2, adverse childhood experiences (substance misuse in the household)")
        case .housing:
            return LevelRule(
                .earlyHelp, "\(thresholds): level 2, between housing that meets needs (1) and eviction (3)")
        case .send, .schoolAttendance, .earlyDevelopment, .parenting, .familyRelationships, .offending:
            return LevelRule(.earlyHelp, "\(domainLevels): level 2, emerging or additional needs")
        case .physicalHealth:
            return LevelRule(.universal, "\(domainLevels): level 1, universal services (GP, health checks)")
        }
    }

    /// The rule for an indicator.
    public static func rule(for indicator: LevelIndicator) -> LevelRule {
        switch indicator {
        case .healthChecksUpToDate, .housingMeetsNeeds:
            return LevelRule(.universal, "\(thresholds): level 1")
        case .someFixedTermExclusions, .youngCarerSomeResponsibilities, .lowLevelMentalHealth, .debtOrUnemployment:
            return LevelRule(.earlyHelp, "\(thresholds): level 2")
        case .lonelinessOrIsolation, .adverseChildhoodExperience:
            return LevelRule(.earlyHelp, "\(domainLevels): level 2")
        case .persistentAbsence, .notInEducationOrWork, .riskOfPermanentExclusion, .regularlyMissing,
            .youngCarerHarmed, .domesticAbuseBetweenCarers, .rentArrearsRiskingEviction:
            return LevelRule(.complex, "\(thresholds): level 3")
        case .impairmentOrDisability, .signsOfAbuseOrNeglect:
            return LevelRule(.complex, "\(domainLevels): level 3")
        case .radicalisation:
            return LevelRule(.complex, "Working Together 2023 and the Prevent duty: a safeguarding concern, level 3")
        case .riskToChildren:
            return LevelRule(
                .complex, "\(domainLevels): think family, a risk posed by anyone in the household, level 3")
        case .domesticViolenceHeardAtMARAC, .sexOffenderJoiningHousehold, .trafficking, .homeUsedForDrugDealing:
            return LevelRule(.acute, "\(thresholds): level 4")
        case .riskOfSignificantHarm, .urgentCareNeeds:
            return LevelRule(.acute, "\(domainLevels): level 4")
        case .femaleGenitalMutilation:
            return LevelRule(.acute, "FGM mandatory reporting duty (Serious Crime Act 2015): level 4")
        case .forcedMarriage:
            return LevelRule(.acute, "Forced Marriage statutory guidance: level 4, act the same day")
        }
    }
}
