import Foundation

/// What children's social care is doing for a child: the statuses a step-up records.
public enum SocialCareStatus: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// Section 17: a child in need plan.
    case childInNeed = "child-in-need"
    /// Section 47 led to a child protection plan.
    case childProtectionPlan = "child-protection-plan"
    /// In the local authority's care.
    case lookedAfter = "looked-after"

    /// The words practitioners use: "child in need".
    public var label: String {
        switch self {
        case .childInNeed: return "child in need"
        case .childProtectionPlan: return "child protection plan"
        case .lookedAfter: return "looked after"
        }
    }

    public var description: String { rawValue }
}

/// One spell of a child's social-care status, from the day it began to the day it ended.
///
/// A child's history is every such record, oldest first (``Family/socialCareHistory(of:)``): a child in
/// need plan that became a child protection plan is two records, the first ended the day the second began.
/// A step-up records one for each child on the referral social care accepted, and names that referral.
///
/// ```swift
/// let plan = SocialCareRecord(id: "SC-1", person: "P-ava", status: .childProtectionPlan, from: today,
///                             recordedBy: "sam.okafor", sourceReferral: "R-CSCT")
/// plan.isCurrent  // true until it is ended
/// ```
public struct SocialCareRecord: Identifiable, Hashable, Codable, Sendable {
    public var id: SocialCareRecordID
    /// The child the status is about.
    public var person: PersonID
    public var status: SocialCareStatus
    /// The day it began.
    public var from: CalendarDate
    /// The day it ended; nil while it stands.
    public var endedOn: CalendarDate?
    /// Why it ended ("plan ended at review: stepped down to early help").
    public var endReason: String?
    public var recordedBy: String
    /// Who recorded its end.
    public var endedBy: String?
    /// The referral to the front door whose acceptance began it, when a step-up did.
    public var sourceReferral: ReferralID?

    public init(
        id: SocialCareRecordID, person: PersonID, status: SocialCareStatus, from: CalendarDate,
        endedOn: CalendarDate? = nil, endReason: String? = nil, recordedBy: String, endedBy: String? = nil,
        sourceReferral: ReferralID? = nil
    ) {
        self.id = id
        self.person = person
        self.status = status
        self.from = from
        self.endedOn = endedOn
        self.endReason = endReason
        self.recordedBy = recordedBy
        self.endedBy = endedBy
        self.sourceReferral = sourceReferral
    }

    /// Whether it still stands (not ended).
    public var isCurrent: Bool { endedOn == nil }

    /// "child protection plan from 03/11/2026 to 20/12/2026", or "… from 03/11/2026" while it stands.
    public var span: String {
        "\(status.label) from \(from.british)" + (endedOn.map { " to \($0.british)" } ?? "")
    }
}

public typealias SocialCareRecordID = EntityID<SocialCareRecord>

/// An early-help episode put on hold while social care leads ("stepped up"), and its resumption.
///
/// ```swift
/// let hold = EpisodeSuspension(from: today, reason: "stepped up to social care", suspendedBy: "sam.okafor")
/// ```
public struct EpisodeSuspension: Hashable, Codable, Sendable {
    public var from: CalendarDate
    public var reason: String
    public var suspendedBy: String
    /// The day it was resumed; nil while it is on hold.
    public var resumedOn: CalendarDate?
    public var resumeReason: String?
    public var resumedBy: String?

    public init(
        from: CalendarDate, reason: String, suspendedBy: String, resumedOn: CalendarDate? = nil,
        resumeReason: String? = nil, resumedBy: String? = nil
    ) {
        self.from = from
        self.reason = reason
        self.suspendedBy = suspendedBy
        self.resumedOn = resumedOn
        self.resumeReason = resumeReason
        self.resumedBy = resumedBy
    }
}

/// A member joining or leaving the team around the family: who, and who recorded it when.
///
/// ```swift
/// TeamMemberChange(kind: .added, professional: nurse, on: today, recordedBy: "sam.okafor", recordedAt: Date())
/// ```
public struct TeamMemberChange: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case added
        case removed
    }

    public var kind: Kind
    public var professional: Professional
    /// The day it took effect.
    public var on: CalendarDate
    public var recordedBy: String
    public var recordedAt: Date

    public init(kind: Kind, professional: Professional, on: CalendarDate, recordedBy: String, recordedAt: Date) {
        self.kind = kind
        self.professional = professional
        self.on = on
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

extension EarlyHelpEpisode {
    /// Every time the episode was put on hold, oldest first.
    public var suspensionHistory: [EpisodeSuspension] {
        get { suspensions ?? [] }
        set { suspensions = newValue.isEmpty ? nil : newValue }
    }

    /// Open but on hold (stepped up to social care, not yet resumed).
    public var isSuspended: Bool { isOpen && suspensionHistory.last.map { $0.resumedOn == nil } == true }

    /// Open and not on hold: the family is open to its service.
    public var isActive: Bool { isOpen && !isSuspended }
}

extension Family {
    /// Every social-care status recorded for any member, oldest first.
    public var socialCareRecords: [SocialCareRecord] {
        get { socialCareHistoryRecords ?? [] }
        set { socialCareHistoryRecords = newValue.isEmpty ? nil : newValue }
    }

    /// One child's social-care history, oldest first.
    public func socialCareHistory(of person: PersonID) -> [SocialCareRecord] {
        socialCareRecords.filter { $0.person == person }
    }

    /// The statuses that stand now, in the order they were recorded.
    public var currentSocialCare: [SocialCareRecord] { socialCareRecords.filter(\.isCurrent) }

    /// Every member who joined or left the team around the family, oldest first.
    public var teamHistory: [TeamMemberChange] {
        get { teamMemberChanges ?? [] }
        set { teamMemberChanges = newValue.isEmpty ? nil : newValue }
    }

    /// Early-help episodes on hold.
    public var suspendedEpisodes: [EarlyHelpEpisode] { episodes.filter(\.isSuspended) }
}

/// What the chronology shows of a case's later life: social-care statuses begun and ended, episodes put on
/// hold and resumed, and the team around the family's members joining and leaving.
public enum CaseEvent: Hashable, Sendable {
    case socialCareBegan(SocialCareRecord)
    case socialCareEnded(SocialCareRecord)
    case episodeSuspended(EarlyHelpEpisode, EpisodeSuspension)
    case episodeResumed(EarlyHelpEpisode, EpisodeSuspension)
    case teamChange(TeamMemberChange)

    /// When it happened.
    public var at: Date {
        switch self {
        case .socialCareBegan(let record): return LondonTime.start(of: record.from)
        case .socialCareEnded(let record): return LondonTime.start(of: record.endedOn ?? record.from)
        case .episodeSuspended(_, let hold): return LondonTime.start(of: hold.from)
        case .episodeResumed(_, let hold): return LondonTime.start(of: hold.resumedOn ?? hold.from)
        case .teamChange(let change): return change.recordedAt
        }
    }

    /// Who recorded it.
    public var author: String {
        switch self {
        case .socialCareBegan(let record): return record.recordedBy
        case .socialCareEnded(let record): return record.endedBy ?? record.recordedBy
        case .episodeSuspended(_, let hold): return hold.suspendedBy
        case .episodeResumed(_, let hold): return hold.resumedBy ?? hold.suspendedBy
        case .teamChange(let change): return change.recordedBy
        }
    }

    /// Social care beginning or ending and an episode on hold or resumed are significant; team changes are not.
    public var isSignificant: Bool {
        if case .teamChange = self { return false }
        return true
    }
}

extension Family {
    /// The case events of the chronology (``CaseEvent``), in no particular order.
    func caseEvents() -> [CaseEvent] {
        var events: [CaseEvent] = socialCareRecords.map { .socialCareBegan($0) }
        events += socialCareRecords.filter { !$0.isCurrent }.map { .socialCareEnded($0) }
        for episode in episodes {
            for hold in episode.suspensionHistory {
                events.append(.episodeSuspended(episode, hold))
                if hold.resumedOn != nil { events.append(.episodeResumed(episode, hold)) }
            }
        }
        events += teamHistory.map { .teamChange($0) }
        return events
    }
}
