/// Who made a contact, in the national referral source categories (Children in Need census, Annex A).
public enum ContactSource: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case individual
    case school
    case health
    case police
    case localAuthority = "local-authority"
    case earlyHelp = "early-help"
    case other
    case anonymous
    case unknown

    public var label: String {
        switch self {
        case .individual: return "Individual (family, friend, neighbour)"
        case .school: return "School or education"
        case .health: return "Health (GP, health visitor, hospital)"
        case .police: return "Police"
        case .localAuthority: return "Local authority services"
        case .earlyHelp: return "Early help"
        case .other: return "Other"
        case .anonymous: return "Anonymous"
        case .unknown: return "Unknown"
        }
    }

    public var description: String { rawValue }
}

/// The door a contact came in through: "no wrong door" means every one of these leads to the right help.
public enum ContactDoor: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case csct
    case accessIslington = "access-islington"
    case school
    case gp
    case healthVisitor = "health-visitor"
    case childrenCentre = "children-centre"
    case hub
    case police
    case selfReferral = "self"
    case vcs
    case other

    public var label: String {
        switch self {
        case .csct: return "Children's Services Contact Team"
        case .accessIslington: return "Access Islington"
        case .school: return "School"
        case .gp: return "GP"
        case .healthVisitor: return "Health visitor"
        case .childrenCentre: return "Children's centre"
        case .hub: return "Fairer Together hub"
        case .police: return "Police"
        case .selfReferral: return "Self-referral"
        case .vcs: return "Voluntary or community sector"
        case .other: return "Other"
        }
    }

    public var description: String { rawValue }
}

/// How a contact ended at the front door.
public enum ContactOutcome: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// Referred on to one or more services.
    case referred
    /// Information or advice given; no further action.
    case adviceGiven = "advice-given"
    /// Pointed to universal services or the directory; no referral.
    case signposted
    /// Passed to emergency services or the contact team as a safeguarding matter.
    case safeguarding
    /// Still being worked on (a draft recorded without an outcome).
    case pending

    public var label: String {
        switch self {
        case .referred: return "Referred"
        case .adviceGiven: return "Advice given / no further action"
        case .signposted: return "Signposted"
        case .safeguarding: return "Safeguarding referral"
        case .pending: return "Pending"
        }
    }

    public var description: String { rawValue }
}
