import Foundation

/// Where a situation leads: the services to contact and for whom, each person's level, and what to watch.
///
/// This is what `signpost navigate` prints as JSON:
/// `destinations[].service/people/urgency/consentRequired/contact/why`,
/// `levels`, `path` and `warnings`. ``text`` renders it for a terminal.
public struct NavigationResult: Hashable, Codable, Sendable {
    /// One entry per service, most urgent first; each names the people it is for.
    public var destinations: [NavigationDestination]
    /// The level used for each person, in the situation's order.
    public var levels: [PersonLevel]
    /// The node ids visited, in order (each person's walk after the one before).
    public var path: [String]
    /// Things the practitioner should know: a level below the suggestion, consent not asked, a service closed now.
    public var warnings: [String]
    /// The instant the result was worked out for, as ISO 8601 UTC text (opening hours depend on it).
    public var at: String

    public init(
        destinations: [NavigationDestination], levels: [PersonLevel], path: [String], warnings: [String], at: String
    ) {
        self.destinations = destinations
        self.levels = levels
        self.path = path
        self.warnings = warnings
        self.at = at
    }

    /// The destination at this service, if the walk reached it.
    public func destination(_ service: ServiceID) -> NavigationDestination? {
        destinations.first { $0.service == service }
    }
}

/// One service to contact, for whom, how soon, and why.
public struct NavigationDestination: Hashable, Codable, Sendable {
    public var service: ServiceID
    /// The service's name, for display.
    public var name: String
    /// The people it is for, in the situation's order.
    public var people: [PersonID]
    /// The highest urgency any path to this service gave.
    public var urgency: Urgency
    /// Whether the family must agree first: false when any path to it needs no consent (safeguarding, urgency).
    public var consentRequired: Bool
    /// A referral, or a signpost the family uses themselves (a referral if any path made one).
    public var kind: DestinationKind
    public var contact: ServiceContact
    /// What to do next, without repeats.
    public var actions: [String]
    /// For each person, the questions and answers that led here.
    public var why: [DestinationReason]
    /// When this is a follow-up for the next working day (CSCT after the Emergency Duty Team): when the service
    /// next opens, in words ("next working day, Mon 29/12/2025 09:00"); nil for a contact to make now.
    public var followUp: String?

    public init(
        service: ServiceID, name: String, people: [PersonID], urgency: Urgency, consentRequired: Bool,
        kind: DestinationKind, contact: ServiceContact, actions: [String], why: [DestinationReason],
        followUp: String? = nil
    ) {
        self.followUp = followUp
        self.service = service
        self.name = name
        self.people = people
        self.urgency = urgency
        self.consentRequired = consentRequired
        self.kind = kind
        self.contact = contact
        self.actions = actions
        self.why = why
    }
}

/// The path of questions and answers that led one person to a destination.
public struct DestinationReason: Hashable, Codable, Sendable {
    public var person: PersonID
    /// "Question? Answer" lines, in the order they were answered.
    public var path: [String]

    public init(person: PersonID, path: [String]) {
        self.person = person
        self.path = path
    }
}

/// How to reach a service, and whether it is open at the time of the result.
public struct ServiceContact: Hashable, Codable, Sendable {
    public var name: String
    public var phones: [ServicePhone]
    public var email: String?
    public var url: String?
    public var openNow: Bool
    /// "Open until Mon 23/11/2026 17:00", "Closed: opens …", "Open at all times".
    public var status: String
    /// When it closes, if open (ISO 8601 UTC).
    public var openUntil: String?
    /// When it next opens, if closed (ISO 8601 UTC).
    public var opensAt: String?
    /// The service to use while it is closed.
    public var alternative: ServiceID?
    /// The alternative's name, for display.
    public var alternativeName: String?
    /// Drop-in sessions, in words ("Family support surgeries: Mon, Wed, Fri 09:00-12:00"), apart from office hours.
    public var sessions: [String]
    /// The alternative's first phone number.
    public var alternativePhone: String?

    public init(
        name: String, phones: [ServicePhone], email: String?, url: String?, openNow: Bool, status: String,
        openUntil: String?, opensAt: String?, alternative: ServiceID?, alternativePhone: String?,
        alternativeName: String? = nil, sessions: [String] = []
    ) {
        self.alternativeName = alternativeName
        self.sessions = sessions
        self.name = name
        self.phones = phones
        self.email = email
        self.url = url
        self.openNow = openNow
        self.status = status
        self.openUntil = openUntil
        self.opensAt = opensAt
        self.alternative = alternative
        self.alternativePhone = alternativePhone
    }
}

/// The level used for one person, and whether it was the practitioner's or the suggestion.
public struct PersonLevel: Hashable, Codable, Sendable {
    public var person: PersonID
    /// The person's name for display (their id when the situation gives no name).
    public var name: String
    /// The level used; nil when neither given nor suggestible (concerns unknown).
    public var level: NeedLevel?
    /// True when no level was given and the suggestion was used.
    public var suggested: Bool
    /// What the concerns and indicators suggest, when known.
    public var suggestedLevel: NeedLevel?
    /// Why the suggestion is what it is.
    public var reasons: [String]

    public init(
        person: PersonID, name: String, level: NeedLevel?, suggested: Bool, suggestedLevel: NeedLevel?,
        reasons: [String]
    ) {
        self.person = person
        self.name = name
        self.level = level
        self.suggested = suggested
        self.suggestedLevel = suggestedLevel
        self.reasons = reasons
    }
}
