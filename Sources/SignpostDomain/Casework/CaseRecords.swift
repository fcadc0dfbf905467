import Foundation

/// An entry in the family's chronology written by a practitioner.
///
/// A note is never edited in place: ``amendments`` keeps each correction with who made it, when and
/// why, and ``text`` stays what was first written, so the original can always be read in full.
///
/// ```swift
/// var note = CaseNote(id: "N-1", writtenAt: now, author: "jo", text: "Visited at home.", kind: .homeVisit)
/// note.amendments.append(CaseNoteAmendment(amendedAt: later, by: "jo", text: "Visited at home with Ava.", reason: "left out Ava"))
/// note.currentText  // "Visited at home with Ava."
/// ```
public struct CaseNote: Identifiable, Hashable, Codable, Sendable {
    public var id: CaseNoteID
    public var writtenAt: Date
    public var author: String
    /// The text as first written; corrections are in ``amendments``.
    public var text: String
    /// Flagged as a significant event for the case-conference chronology.
    public var isSignificant: Bool
    /// The people the note is about; empty means the whole family.
    public var about: [PersonID]
    /// What the note records: a home visit, a phone call, a meeting or something else.
    public var kind: CaseNoteKind
    /// Corrections, oldest first; the last one's text is what the note now says.
    public var amendments: [CaseNoteAmendment]

    public init(
        id: CaseNoteID, writtenAt: Date, author: String, text: String, isSignificant: Bool = false,
        about: [PersonID] = [], kind: CaseNoteKind = .other, amendments: [CaseNoteAmendment] = []
    ) {
        self.id = id
        self.writtenAt = writtenAt
        self.author = author
        self.text = text
        self.isSignificant = isSignificant
        self.about = about
        self.kind = kind
        self.amendments = amendments
    }

    /// What the note says now: the latest amendment's text, or the original when it was never amended.
    public var currentText: String { amendments.last?.text ?? text }

    /// Whether the note was corrected after it was written.
    public var isAmended: Bool { !amendments.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case id, writtenAt, author, text, isSignificant, about, kind, amendments
    }

    /// Reads a note; one written before notes had a type or amendments is an "other" note, never amended.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(CaseNoteID.self, forKey: .id)
        writtenAt = try container.decode(Date.self, forKey: .writtenAt)
        author = try container.decode(String.self, forKey: .author)
        text = try container.decode(String.self, forKey: .text)
        isSignificant = try container.decodeIfPresent(Bool.self, forKey: .isSignificant) ?? false
        about = try container.decodeIfPresent([PersonID].self, forKey: .about) ?? []
        kind = try container.decodeIfPresent(CaseNoteKind.self, forKey: .kind) ?? .other
        amendments = try container.decodeIfPresent([CaseNoteAmendment].self, forKey: .amendments) ?? []
    }

    /// Writes a note; an "other" note never amended is written exactly as notes were before they had
    /// types, so exports and changes of such notes read the same to an older Signpost.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(writtenAt, forKey: .writtenAt)
        try container.encode(author, forKey: .author)
        try container.encode(text, forKey: .text)
        try container.encode(isSignificant, forKey: .isSignificant)
        try container.encode(about, forKey: .about)
        if kind != .other { try container.encode(kind, forKey: .kind) }
        if !amendments.isEmpty { try container.encode(amendments, forKey: .amendments) }
    }
}

/// What a case note records, chosen when it is written and shown on the chronology.
public enum CaseNoteKind: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case homeVisit = "home-visit"
    case phoneCall = "phone-call"
    case meeting
    case other

    public var label: String {
        switch self {
        case .homeVisit: return "Home visit"
        case .phoneCall: return "Phone call"
        case .meeting: return "Meeting"
        case .other: return "Other"
        }
    }

    public var description: String { rawValue }
}

/// A correction to a case note: the new text, who made it, when and why. The note's earlier text is kept.
public struct CaseNoteAmendment: Hashable, Codable, Sendable {
    public var amendedAt: Date
    public var by: String
    /// The note's whole text after the correction.
    public var text: String
    /// Why it was corrected ("wrong date of the visit").
    public var reason: String

    public init(amendedAt: Date, by: String, text: String, reason: String) {
        self.amendedAt = amendedAt
        self.by = by
        self.text = text
        self.reason = reason
    }
}

/// A record that someone agreed (or refused) to information being shared or a service being involved.
///
/// Consent is personal: each adult with parental responsibility gives or refuses
/// their own, and a young person may give their own for themselves
/// (``Family/consentGivers(on:)``). It covers something specific: to assess, to
/// share, and with which agencies.
///
/// ```swift
/// ConsentRecord(id: "CN-1", givenBy: "Marta Quillfeather", person: "P-1", givenOn: today, scope: "…",
///               purposes: [.assess, .share], agencies: ["Bright Start"], method: .verbal, recordedBy: "jo")
/// ```
public struct ConsentRecord: Identifiable, Hashable, Codable, Sendable {
    public var id: ConsentID
    /// The person who gave or refused consent, by name as they said it.
    public var givenBy: String
    /// The member of the family who gave it, when they are one (a caller may not be).
    public var person: PersonID?
    public var givenOn: CalendarDate
    /// Given or refused.
    public var decision: ConsentStatus
    /// What it covers, in words ("share with Bright Start and the school").
    public var scope: String
    /// What it is for; empty on records made before purposes were recorded (then the scope says).
    public var purposes: [ConsentPurpose]
    /// The agencies it allows sharing with; empty when it names none.
    public var agencies: [String]
    /// How it was given, when recorded.
    public var method: ConsentMethod?
    /// When it was withdrawn, if it was.
    public var withdrawnOn: CalendarDate?
    public var recordedBy: String

    public init(
        id: ConsentID, givenBy: String, person: PersonID? = nil, givenOn: CalendarDate,
        decision: ConsentStatus = .given, scope: String, purposes: [ConsentPurpose] = [], agencies: [String] = [],
        method: ConsentMethod? = nil, withdrawnOn: CalendarDate? = nil, recordedBy: String
    ) {
        self.id = id
        self.givenBy = givenBy
        self.person = person
        self.givenOn = givenOn
        self.decision = decision
        self.scope = scope
        self.purposes = purposes
        self.agencies = agencies
        self.method = method
        self.withdrawnOn = withdrawnOn
        self.recordedBy = recordedBy
    }

    private enum CodingKeys: String, CodingKey {
        case id, givenBy, person, givenOn, decision, scope, purposes, agencies, method, withdrawnOn, recordedBy
    }

    /// Reads a record, including one written before purposes, agencies and method were kept.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(ConsentID.self, forKey: .id),
            givenBy: try container.decode(String.self, forKey: .givenBy),
            person: try container.decodeIfPresent(PersonID.self, forKey: .person),
            givenOn: try container.decode(CalendarDate.self, forKey: .givenOn),
            decision: try container.decode(ConsentStatus.self, forKey: .decision),
            scope: try container.decode(String.self, forKey: .scope),
            purposes: try container.decodeIfPresent([ConsentPurpose].self, forKey: .purposes) ?? [],
            agencies: try container.decodeIfPresent([String].self, forKey: .agencies) ?? [],
            method: try container.decodeIfPresent(ConsentMethod.self, forKey: .method),
            withdrawnOn: try container.decodeIfPresent(CalendarDate.self, forKey: .withdrawnOn),
            recordedBy: try container.decode(String.self, forKey: .recordedBy))
    }

    /// Writes a record; purposes and agencies are left out when empty, as records made before them read.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(givenBy, forKey: .givenBy)
        try container.encodeIfPresent(person, forKey: .person)
        try container.encode(givenOn, forKey: .givenOn)
        try container.encode(decision, forKey: .decision)
        try container.encode(scope, forKey: .scope)
        if !purposes.isEmpty { try container.encode(purposes, forKey: .purposes) }
        if !agencies.isEmpty { try container.encode(agencies, forKey: .agencies) }
        try container.encodeIfPresent(method, forKey: .method)
        try container.encodeIfPresent(withdrawnOn, forKey: .withdrawnOn)
        try container.encode(recordedBy, forKey: .recordedBy)
    }

    /// Given and not withdrawn by `date`.
    public func isInForce(on date: CalendarDate) -> Bool {
        decision == .given && givenOn <= date && (withdrawnOn.map { $0 > date } ?? true)
    }

    /// Whether it is for `purpose`; a record made before purposes were kept counts for every purpose.
    public func covers(_ purpose: ConsentPurpose) -> Bool { purposes.isEmpty || purposes.contains(purpose) }
}

/// What a consent is for.
public enum ConsentPurpose: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// To carry out an early help assessment (the CAF) and early help work.
    case assess
    /// To share information with other agencies.
    case share

    public var label: String {
        switch self {
        case .assess: return "to assess"
        case .share: return "to share"
        }
    }

    public var description: String { rawValue }
}

/// How consent was given.
public enum ConsentMethod: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case verbal
    case written
    case electronic
    case throughInterpreter = "through-interpreter"

    public var label: String {
        switch self {
        case .verbal: return "verbal"
        case .written: return "written (signed form)"
        case .electronic: return "electronic (email or text)"
        case .throughInterpreter: return "verbal, through an interpreter"
        }
    }

    public var description: String { rawValue }
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
    /// The social-care statuses it was stepped down from (``Family/socialCareRecords``); nil when none.
    public var steppedDownFromRecords: [SocialCareRecordID]?
    /// Who opened it.
    public var openedBy: String?
    /// Who closed it: the login that recorded the closure (set by the store from the change's author).
    public var closedBy: String?
    /// Each time it was put on hold (``suspensionHistory``); nil when it never was.
    var suspensions: [EpisodeSuspension]?

    public init(
        id: EpisodeID, service: ServiceID, openedOn: CalendarDate, closedOn: CalendarDate? = nil,
        closureReason: ClosureReason? = nil, openedBecause: String? = nil, leadProfessional: String? = nil,
        concurrentReason: String? = nil, steppedDownFrom: String? = nil, openedBy: String? = nil,
        closedBy: String? = nil
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
        self.closedBy = closedBy
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
    /// Consent given or refused (the record as it stands, withdrawn or not).
    case consent(ConsentRecord)
    /// Consent withdrawn, on the record's ``ConsentRecord/withdrawnOn``.
    case consentWithdrawn(ConsentRecord)
    /// The family moved: the address they left, with its dates.
    case moved(PreviousAddress)
    case relationshipChange(RelationshipEvent)
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
    /// An early help assessment (CAF) started, on its ``EarlyHelpAssessment/startedOn``.
    case assessmentStarted(EarlyHelpAssessment)
    /// An early help assessment (CAF) completed, on its ``EarlyHelpAssessment/completedOn``.
    case assessmentCompleted(EarlyHelpAssessment)
    /// Social care's statuses, episodes on hold and resumed, and the team's members joining and leaving.
    case caseEvent(CaseEvent)

    /// When it happened.
    public var at: Date {
        switch self {
        case .consent(let consent): return LondonTime.start(of: consent.givenOn)
        case .consentWithdrawn(let consent): return LondonTime.start(of: consent.withdrawnOn ?? consent.givenOn)
        case .moved(let previous): return LondonTime.start(of: previous.until)
        case .relationshipChange(let event): return event.at
        case .episodeOpened(let episode): return LondonTime.start(of: episode.openedOn)
        case .episodeClosed(let episode): return LondonTime.start(of: episode.closedOn ?? episode.openedOn)
        case .referralOutcome(let referral): return referral.outcomeOn.map(LondonTime.start(of:)) ?? referral.madeAt
        case .leadProfessionalChange(let change): return change.recordedAt
        case .meeting(let meeting): return LondonTime.start(of: meeting.heldOn)
        case .assessmentStarted(let assessment): return LondonTime.start(of: assessment.startedOn)
        case .assessmentCompleted(let assessment):
            return LondonTime.start(of: assessment.completedOn ?? assessment.startedOn)
        case .contact(let contact): return contact.receivedAt
        case .referral(let referral): return referral.madeAt
        case .note(let note): return note.writtenAt
        case .levelChange(_, let entry): return entry.setAt
        case .caseEvent(let event): return event.at
        }
    }

    /// Who recorded it.
    public var author: String {
        switch self {
        case .episodeOpened(let episode): return episode.openedBy ?? ""
        case .episodeClosed(let episode): return episode.closedBy ?? ""
        case .referralOutcome(let referral): return referral.outcomeBy ?? ""
        case .leadProfessionalChange(let change): return change.recordedBy
        case .meeting(let meeting): return meeting.recordedBy
        case .assessmentStarted(let assessment), .assessmentCompleted(let assessment): return assessment.assessor.name
        case .contact(let contact): return contact.recordedBy
        case .referral(let referral): return referral.madeBy
        case .note(let note): return note.author
        case .levelChange(_, let entry): return entry.setBy
        case .consent(let consent), .consentWithdrawn(let consent): return consent.recordedBy
        case .moved(let previous): return previous.recordedBy
        case .relationshipChange(let event): return event.by
        case .caseEvent(let event): return event.author
        }
    }

    /// Significant events: flagged notes, referrals and their outcomes, episodes opened and closed,
    /// safeguarding contacts and levels of 3 or 4.
    public var isSignificant: Bool {
        switch self {
        case .episodeOpened, .episodeClosed, .referralOutcome, .meeting: return true
        case .assessmentStarted, .assessmentCompleted: return true
        case .leadProfessionalChange: return false
        case .contact(let contact): return contact.concerns.contains(where: \.isSafeguarding)
        case .referral: return true
        case .note(let note): return note.isSignificant
        case .levelChange(_, let entry): return entry.level >= .complex
        case .consentWithdrawn: return true
        case .consent, .moved, .relationshipChange: return false
        case .caseEvent(let event): return event.isSignificant
        }
    }

    /// Where it sorts in the chronology: ``at``, except that an entry kept by the day only sorts by when it was
    /// recorded, when that was the same day (a meeting recorded at 14:00 reads between that day's 09:00 and
    /// 16:00 notes), and otherwise at the start of its day (a meeting recorded later, or a record that keeps no
    /// time of recording: episodes, outcomes, consents, statuses). ``at`` itself stays the day, as the family's last activity and the lines show it.
    var sortMoment: Date {
        switch self {
        case .meeting(let meeting): return Self.moment(of: meeting.heldOn, recordedAt: meeting.recordedAt)
        default: return at
        }
    }

    /// `recordedAt` when it falls on `day` (London time), else the start of `day`.
    private static func moment(of day: CalendarDate, recordedAt: Date) -> Date {
        LondonTime.today(at: recordedAt) == day ? recordedAt : LondonTime.start(of: day)
    }

    /// Orders entries made at the same moment: contacts, then referrals, notes and levels.
    var sortKey: Int {
        switch self {
        case .assessmentCompleted: return 9
        case .assessmentStarted: return 8
        case .meeting: return 7
        case .episodeClosed: return 6
        case .referralOutcome: return 5
        case .episodeOpened: return 4
        case .leadProfessionalChange: return 0
        case .contact: return 3
        case .referral: return 2
        case .levelChange: return 1
        case .note: return 0
        case .relationshipChange: return -1
        case .moved: return -2
        case .consent: return -3
        case .consentWithdrawn: return -4
        case .caseEvent: return 6
        }
    }
}
