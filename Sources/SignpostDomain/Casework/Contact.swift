import Foundation

/// A call or message to the front door about one or more people in a family.
public struct Contact: Identifiable, Hashable, Codable, Sendable {
    public var id: ContactID
    public var receivedAt: Date
    public var caller: Caller
    public var source: ContactSource
    /// Where the contact came in.
    public var door: ContactDoor?
    /// The people the contact is about.
    public var about: [PersonID]
    /// The concern in the caller's own words.
    public var concernInCallersWords: String
    /// The concerns ticked from the navigator's checklist.
    public var concerns: [Concern]
    public var outcome: ContactOutcome
    /// Why the outcome was chosen (required for "advice given / no further action").
    public var outcomeReason: String
    /// The practitioner who took the contact.
    public var recordedBy: String

    public init(
        id: ContactID, receivedAt: Date, caller: Caller, source: ContactSource, door: ContactDoor? = nil,
        about: [PersonID], concernInCallersWords: String, concerns: [Concern] = [], outcome: ContactOutcome,
        outcomeReason: String = "", recordedBy: String
    ) {
        self.id = id
        self.receivedAt = receivedAt
        self.caller = caller
        self.source = source
        self.door = door
        self.about = about
        self.concernInCallersWords = concernInCallersWords
        self.concerns = concerns
        self.outcome = outcome
        self.outcomeReason = outcomeReason
        self.recordedBy = recordedBy
    }
}

/// Who made a contact.
public struct Caller: Hashable, Codable, Sendable {
    public var name: String
    /// The caller's organisation, if any ("Hornsey Road Primary").
    public var agency: String
    /// The caller's relationship to the family ("class teacher", "neighbour").
    public var relationship: String
    public var phone: String

    public init(name: String, agency: String = "", relationship: String = "", phone: String = "") {
        self.name = name
        self.agency = agency
        self.relationship = relationship
        self.phone = phone
    }

    /// "Name, relationship, agency".
    public var summary: String {
        [name, relationship, agency].filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

/// A request to a service to work with some members of a family.
public struct Referral: Identifiable, Hashable, Codable, Sendable {
    public var id: ReferralID
    public var service: ServiceID
    public var people: [PersonID]
    public var madeAt: Date
    public var madeBy: String
    public var consent: ConsentStatus
    public var urgency: Urgency
    public var status: ReferralStatus
    /// The contact this referral came from, if any.
    public var contact: ContactID?
    /// What was asked of the service, and why.
    public var reason: String
    /// When the service's answer (accepted, declined, closed, withdrawn) was recorded; nil while it is sent.
    public var outcomeOn: CalendarDate?
    /// Why it was declined, closed or withdrawn; nil while it is sent.
    public var outcomeReason: String?
    /// Who recorded the outcome; nil while it is sent.
    public var outcomeBy: String?

    public init(
        id: ReferralID, service: ServiceID, people: [PersonID], madeAt: Date, madeBy: String,
        consent: ConsentStatus, urgency: Urgency, status: ReferralStatus = .sent, contact: ContactID? = nil,
        reason: String = "", outcomeOn: CalendarDate? = nil, outcomeReason: String? = nil, outcomeBy: String? = nil
    ) {
        self.id = id
        self.service = service
        self.people = people
        self.madeAt = madeAt
        self.madeBy = madeBy
        self.consent = consent
        self.urgency = urgency
        self.status = status
        self.contact = contact
        self.reason = reason
        self.outcomeOn = outcomeOn
        self.outcomeReason = outcomeReason
        self.outcomeBy = outcomeBy
    }
}

/// Whether the family agreed to a referral or to information being shared.
public enum ConsentStatus: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case given
    case refused
    case notAsked = "not-asked"
    /// Safeguarding referrals do not wait on consent.
    case notRequired = "not-required"

    public var label: String {
        switch self {
        case .given: return "Consent given"
        case .refused: return "Consent refused"
        case .notAsked: return "Consent not asked"
        case .notRequired: return "Consent not required (safeguarding)"
        }
    }

    public var description: String { rawValue }
}

/// How soon a service must act.
public enum Urgency: String, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    case routine
    case sameDay = "same-day"
    case immediate

    public var label: String {
        switch self {
        case .routine: return "Routine"
        case .sameDay: return "Same day"
        case .immediate: return "Immediate"
        }
    }

    public var description: String { rawValue }

    public static func < (lhs: Urgency, rhs: Urgency) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a referral has got to: sent, then accepted, declined, closed or withdrawn.
public enum ReferralStatus: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case sent
    case accepted
    case declined
    case closed
    /// The referrer took it back before the service decided (or the family no longer wanted it).
    case withdrawn

    /// Accepted: the service is working with the family, so the family is open to it.
    ///
    /// A referral only sent is awaiting the service's decision: the family is not
    /// open to the service on its strength (one safeguarding referral must not
    /// leave a family "open to CSCT" for ever).
    public var isOpen: Bool { self == .accepted }

    /// Sent and not yet answered.
    public var isAwaitingDecision: Bool { self == .sent }

    public var label: String { rawValue.capitalized }

    public var description: String { rawValue }
}
