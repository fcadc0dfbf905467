import Foundation

/// An entry in the family's chronology written by a practitioner.
public struct CaseNote: Identifiable, Hashable, Codable, Sendable {
    public var id: CaseNoteID
    public var writtenAt: Date
    public var author: String
    public var text: String
    /// Flagged as a significant event for the case-conference chronology.
    public var isSignificant: Bool
    /// The people the note is about; empty means the whole family.
    public var about: [PersonID]

    public init(
        id: CaseNoteID, writtenAt: Date, author: String, text: String, isSignificant: Bool = false,
        about: [PersonID] = []
    ) {
        self.id = id
        self.writtenAt = writtenAt
        self.author = author
        self.text = text
        self.isSignificant = isSignificant
        self.about = about
    }
}

/// A record that someone agreed (or refused) to information being shared or a service being involved.
public struct ConsentRecord: Identifiable, Hashable, Codable, Sendable {
    public var id: ConsentID
    /// The person who gave or refused consent, by name as they said it.
    public var givenBy: String
    public var givenOn: CalendarDate
    /// Given or refused.
    public var decision: ConsentStatus
    /// What it covers ("share with Bright Start and the school").
    public var scope: String
    /// When it was withdrawn, if it was.
    public var withdrawnOn: CalendarDate?
    public var recordedBy: String

    public init(
        id: ConsentID, givenBy: String, givenOn: CalendarDate, decision: ConsentStatus = .given, scope: String,
        withdrawnOn: CalendarDate? = nil, recordedBy: String
    ) {
        self.id = id
        self.givenBy = givenBy
        self.givenOn = givenOn
        self.decision = decision
        self.scope = scope
        self.withdrawnOn = withdrawnOn
        self.recordedBy = recordedBy
    }

    /// Given and not withdrawn by `date`.
    public func isInForce(on date: CalendarDate) -> Bool {
        decision == .given && givenOn <= date && (withdrawnOn.map { $0 > date } ?? true)
    }
}

/// A spell of early help work with a family, from opening to closure.
public struct EarlyHelpEpisode: Identifiable, Hashable, Codable, Sendable {
    public var id: EpisodeID
    /// The service holding the episode (`bright-start`, `bright-futures`, …).
    public var service: ServiceID
    public var openedOn: CalendarDate
    public var closedOn: CalendarDate?
    public var closureReason: ClosureReason?
    /// Why it was opened ("CAF identified parenting and housing needs"); nil on episodes recorded before it was asked.
    public var openedBecause: String?
    /// The lead professional named when it opened.
    public var leadProfessional: String?
    /// Why it was opened while another early-help episode was still open; nil when it was the only one.
    public var concurrentReason: String?
    /// The social-care history it was stepped down from (status and dates), when it came from social care.
    public var steppedDownFrom: String?
    /// Who opened it (the audit trail says who closed it).
    public var openedBy: String?

    public init(
        id: EpisodeID, service: ServiceID, openedOn: CalendarDate, closedOn: CalendarDate? = nil,
        closureReason: ClosureReason? = nil, openedBecause: String? = nil, leadProfessional: String? = nil,
        concurrentReason: String? = nil, steppedDownFrom: String? = nil, openedBy: String? = nil
    ) {
        self.id = id
        self.service = service
        self.openedOn = openedOn
        self.closedOn = closedOn
        self.closureReason = closureReason
        self.openedBecause = openedBecause
        self.leadProfessional = leadProfessional
        self.concurrentReason = concurrentReason
        self.steppedDownFrom = steppedDownFrom
        self.openedBy = openedBy
    }

    public var isOpen: Bool { closedOn == nil }
}

/// Why an early help episode or assessment was closed.
public enum ClosureReason: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case needsMet = "needs-met"
    case disengaged
    case movedAway = "moved-away"
    case steppedUpToSocialCare = "stepped-up"
    case steppedDown = "stepped-down"
    case consentWithdrawn = "consent-withdrawn"
    case transferred

    public var label: String {
        switch self {
        case .needsMet: return "Needs met"
        case .disengaged: return "Family disengaged"
        case .movedAway: return "Moved away"
        case .steppedUpToSocialCare: return "Stepped up to social care"
        case .steppedDown: return "Stepped down to universal services"
        case .consentWithdrawn: return "Consent withdrawn"
        case .transferred: return "Transferred to another team"
        }
    }

    public var description: String { rawValue }
}

/// One line of a family's chronology.
public enum ChronologyEntry: Hashable, Sendable {
    case contact(Contact)
    case referral(Referral)
    case note(CaseNote)
    case levelChange(person: PersonID, LevelEntry)
    /// An early-help episode opened (the episode as it stands now).
    case episodeOpened(EarlyHelpEpisode)
    /// An early-help episode closed, with its reason.
    case episodeClosed(EarlyHelpEpisode)
    /// A service's answer to a referral: accepted, declined, closed or withdrawn.
    case referralOutcome(Referral)
    /// The lead professional named, changed or removed.
    case leadProfessionalChange(LeadProfessionalChange)
    /// A team around the family meeting or review.
    case meeting(TeamMeeting)

    /// When it happened.
    public var at: Date {
        switch self {
        case .episodeOpened(let episode): return LondonTime.start(of: episode.openedOn)
        case .episodeClosed(let episode): return LondonTime.start(of: episode.closedOn ?? episode.openedOn)
        case .referralOutcome(let referral): return referral.outcomeOn.map(LondonTime.start(of:)) ?? referral.madeAt
        case .leadProfessionalChange(let change): return change.recordedAt
        case .meeting(let meeting): return LondonTime.start(of: meeting.heldOn)
        case .contact(let contact): return contact.receivedAt
        case .referral(let referral): return referral.madeAt
        case .note(let note): return note.writtenAt
        case .levelChange(_, let entry): return entry.setAt
        }
    }

    /// Who recorded it.
    public var author: String {
        switch self {
        case .episodeOpened(let episode): return episode.openedBy ?? ""
        case .episodeClosed: return ""
        case .referralOutcome(let referral): return referral.outcomeBy ?? ""
        case .leadProfessionalChange(let change): return change.recordedBy
        case .meeting(let meeting): return meeting.recordedBy
        case .contact(let contact): return contact.recordedBy
        case .referral(let referral): return referral.madeBy
        case .note(let note): return note.author
        case .levelChange(_, let entry): return entry.setBy
        }
    }

    /// Significant events: flagged notes, referrals and their outcomes, episodes opened and closed,
    /// safeguarding contacts and levels of 3 or 4.
    public var isSignificant: Bool {
        switch self {
        case .episodeOpened, .episodeClosed, .referralOutcome, .meeting: return true
        case .leadProfessionalChange: return false
        case .contact(let contact): return contact.concerns.contains(where: \.isSafeguarding)
        case .referral: return true
        case .note(let note): return note.isSignificant
        case .levelChange(_, let entry): return entry.level >= .complex
        }
    }

    /// Orders entries made at the same moment: contacts, then referrals, notes and levels.
    var sortKey: Int {
        switch self {
        case .meeting: return 7
        case .episodeClosed: return 6
        case .referralOutcome: return 5
        case .episodeOpened: return 4
        case .leadProfessionalChange: return 0
        case .contact: return 3
        case .referral: return 2
        case .levelChange: return 1
        case .note: return 0
        }
    }
}
