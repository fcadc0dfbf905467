/// A kind of concern a caller raises, from the closed vocabulary the navigator routes on.
///
/// The ids are stable and published (`signpost navigate --list-concerns`);
/// they appear in saved contacts and in councils' pathway files.
public enum Concern: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case immediateDanger = "immediate-danger"
    case physicalAbuse = "physical-abuse"
    case emotionalAbuse = "emotional-abuse"
    case sexualAbuse = "sexual-abuse"
    case neglect
    case exploitation
    case missing
    case domesticAbuse = "domestic-abuse"
    case mentalHealth = "mental-health"
    case selfHarm = "self-harm"
    case substanceUse = "substance-use"
    case disability
    case send
    case schoolAttendance = "school-attendance"
    case exclusion
    case earlyDevelopment = "early-development"
    case parenting
    case familyRelationships = "family-relationships"
    case youngCarer = "young-carer"
    case offending
    case housing
    case financial
    case employment
    case isolation
    case physicalHealth = "physical-health"
    case adultCareNeeds = "adult-care-needs"

    /// A short label for checklists.
    public var label: String {
        switch self {
        case .immediateDanger: return "Immediate danger"
        case .physicalAbuse: return "Physical abuse"
        case .emotionalAbuse: return "Emotional abuse"
        case .sexualAbuse: return "Sexual abuse"
        case .neglect: return "Neglect"
        case .exploitation: return "Exploitation (sexual or criminal)"
        case .missing: return "Missing from home or care"
        case .domesticAbuse: return "Domestic abuse"
        case .mentalHealth: return "Mental health"
        case .selfHarm: return "Self-harm"
        case .substanceUse: return "Substance use"
        case .disability: return "Disability"
        case .send: return "Special educational needs"
        case .schoolAttendance: return "School attendance"
        case .exclusion: return "Exclusion from school"
        case .earlyDevelopment: return "Early development"
        case .parenting: return "Parenting support"
        case .familyRelationships: return "Family relationships"
        case .youngCarer: return "Young carer"
        case .offending: return "Offending or anti-social behaviour"
        case .housing: return "Housing"
        case .financial: return "Money and debt"
        case .employment: return "Employment"
        case .isolation: return "Loneliness or isolation"
        case .physicalHealth: return "Physical health"
        case .adultCareNeeds: return "Adult care and support needs"
        }
    }

    /// Whether the concern is about abuse, neglect or harm: safeguarding, which goes to
    /// the contact team whether or not there is consent.
    public var isSafeguarding: Bool {
        switch self {
        case .immediateDanger, .physicalAbuse, .emotionalAbuse, .sexualAbuse, .neglect, .exploitation, .missing:
            return true
        default:
            return false
        }
    }

    public var description: String { rawValue }
}
