import Foundation
import SignpostDomain

/// The later stages of a case's life (#15), carried by ``CaseChange/lifecycle(family:_:)``: a child's
/// social-care status begun or ended, an early-help episode put on hold when social care takes the lead and
/// resumed after, and members joining or leaving the team around the family.
///
/// Each is a new fact about the family that travels whole (no field-level base): an ended status or a
/// resumed episode is never refused for having been overtaken on another laptop, only for naming a record
/// the family does not hold.
///
/// ```swift
/// try store.apply([.lifecycle(family: id, .recordSocialCare(plan))], by: "sam.okafor")
/// ```
public enum LifecycleChange: Hashable, Sendable {
    /// A child's social-care status begins.
    case recordSocialCare(SocialCareRecord)
    /// A child's social-care status ends on a day, with why, and who recorded it.
    case endSocialCare(SocialCareRecordID, on: CalendarDate, reason: String, by: String)
    /// An open episode goes on hold (stepped up to social care).
    case suspendEpisode(EpisodeID, EpisodeSuspension)
    /// An episode on hold is resumed.
    case resumeEpisode(EpisodeID, on: CalendarDate, reason: String, by: String)
    /// A member joins or leaves the team around the family.
    case changeTeam(TeamMemberChange)
    /// A referral outcome recorded on another laptop that the team server did not apply, because a
    /// different outcome had been recorded first (a conflict): kept in the audit, the referral left as it is.
    case setAsideReferralOutcome(ReferralID, ReferralOutcome)

    /// The audit action and kind on the wire.
    public var action: String {
        switch self {
        case .recordSocialCare: return "record-social-care-status"
        case .endSocialCare: return "end-social-care-status"
        case .suspendEpisode: return "suspend-episode"
        case .resumeEpisode: return "resume-episode"
        case .changeTeam(let change): return change.kind == .added ? "add-team-member" : "remove-team-member"
        case .setAsideReferralOutcome: return "set-aside-referral-outcome"
        }
    }

    /// Every kind this enum writes.
    static let kinds: Set<String> = [
        "record-social-care-status", "end-social-care-status", "suspend-episode", "resume-episode",
        "add-team-member", "remove-team-member", "set-aside-referral-outcome",
    ]

    /// The id of the record changed (the family's own for the team).
    func recordID(in family: FamilyID) -> String {
        switch self {
        case .recordSocialCare(let record): return record.id.rawValue
        case .endSocialCare(let id, _, _, _): return id.rawValue
        case .suspendEpisode(let id, _), .resumeEpisode(let id, _, _, _): return id.rawValue
        case .changeTeam: return family.rawValue
        case .setAsideReferralOutcome(let referral, _): return referral.rawValue
        }
    }

    /// Whether it adds a record, so it is based on no earlier version of one.
    var addsRecord: Bool {
        switch self {
        case .recordSocialCare, .changeTeam, .setAsideReferralOutcome: return true
        case .endSocialCare, .suspendEpisode, .resumeEpisode: return false
        }
    }

    /// The family after the change; throws ``StoreError`` for a record it does not hold or a change not valid.
    func applying(to family: Family) throws -> Family {
        var family = family
        switch self {
        case .recordSocialCare(let record):
            guard !family.socialCareRecords.contains(where: { $0.id == record.id }) else {
                throw StoreError.duplicateRecord(record.id.rawValue)
            }
            try family.checkMembers([record.person])
            if let referral = record.sourceReferral, !family.referrals.contains(where: { $0.id == referral }) {
                throw StoreError.recordNotFound(family.id, referral.rawValue)
            }
            family.socialCareRecords.append(record)
        case .endSocialCare(let id, let date, let reason, let by):
            guard let index = family.socialCareRecords.firstIndex(where: { $0.id == id }) else {
                throw StoreError.recordNotFound(family.id, id.rawValue)
            }
            guard date >= family.socialCareRecords[index].from else {
                throw StoreError.invalidChange(
                    "\(id) cannot end on \(date.british), before it began on \(family.socialCareRecords[index].from.british)"
                )
            }
            // Ended already on another laptop: the first end stands.
            guard family.socialCareRecords[index].isCurrent else { break }
            family.socialCareRecords[index].endedOn = date
            family.socialCareRecords[index].endReason = reason
            family.socialCareRecords[index].endedBy = by
        case .suspendEpisode(let id, let hold):
            guard let index = family.episodes.firstIndex(where: { $0.id == id }) else {
                throw StoreError.recordNotFound(family.id, id.rawValue)
            }
            guard hold.from >= family.episodes[index].openedOn else {
                throw StoreError.invalidChange("episode \(id) cannot be put on hold before it opened")
            }
            guard family.episodes[index].isActive else { break }
            family.episodes[index].suspensionHistory.append(hold)
        case .resumeEpisode(let id, let date, let reason, let by):
            guard let index = family.episodes.firstIndex(where: { $0.id == id }) else {
                throw StoreError.recordNotFound(family.id, id.rawValue)
            }
            guard family.episodes[index].isSuspended, let last = family.episodes[index].suspensionHistory.indices.last
            else { break }
            guard date >= family.episodes[index].suspensionHistory[last].from else {
                throw StoreError.invalidChange("episode \(id) cannot be resumed before it was put on hold")
            }
            family.episodes[index].suspensionHistory[last].resumedOn = date
            family.episodes[index].suspensionHistory[last].resumeReason = reason
            family.episodes[index].suspensionHistory[last].resumedBy = by
        case .changeTeam(let change):
            guard !change.professional.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw StoreError.invalidChange("a team member needs a name")
            }
            switch change.kind {
            case .added:
                if !family.teamAroundFamily.contains(change.professional) {
                    family.teamAroundFamily.append(change.professional)
                }
            case .removed:
                family.teamAroundFamily.removeAll { $0 == change.professional }
            }
            family.teamHistory.append(change)
        case .setAsideReferralOutcome(let referral, _):
            guard family.referrals.contains(where: { $0.id == referral }) else {
                throw StoreError.recordNotFound(family.id, referral.rawValue)
            }
        }
        return family
    }

    /// What it did, in plain words for the audit trail.
    func auditSummary(before: Family?, after: Family) -> String {
        func name(_ person: PersonID) -> String { after.member(person)?.fullName ?? person.rawValue }
        func service(_ episode: EpisodeID) -> String {
            after.episodes.first { $0.id == episode }.map { " \($0.service)" } ?? ""
        }
        switch self {
        case .recordSocialCare(let record):
            let source = record.sourceReferral.map { " (referral \($0) accepted)" } ?? ""
            return
                "social-care status for \(name(record.person)): \(record.status.label) from \(record.from.british)\(source)"
        case .endSocialCare(let id, let date, let reason, _):
            let record = after.socialCareRecords.first { $0.id == id }
            let what = record.map { "\($0.status.label) for \(name($0.person))" } ?? id.rawValue
            return "social-care status \(what) ended on \(date.british): \(reason)"
        case .suspendEpisode(let id, let hold):
            return "put the\(service(id)) episode on hold on \(hold.from.british): \(hold.reason)"
        case .resumeEpisode(let id, let date, let reason, _):
            return "resumed the\(service(id)) episode on \(date.british): \(reason)"
        case .changeTeam(let change):
            let verb = change.kind == .added ? "added" : "removed"
            let side = change.kind == .added ? "to" : "from"
            return "\(verb) \(change.professional.summary) \(side) the team around the family from \(change.on.british)"
        case .setAsideReferralOutcome(let referral, let outcome):
            let now = after.referrals.first { $0.id == referral }.map { $0.status.rawValue } ?? "?"
            return
                "referral \(referral): \(outcome.status) by \(outcome.recordedBy) on \(outcome.on.british) set aside; another outcome was recorded first and stands (\(now))"
        }
    }

    /// Reads one from a change's JSON form, or nil when `kind` is not one of these.
    static func decode(
        kind: String, from container: KeyedDecodingContainer<CaseChange.CodingKeys>
    ) throws -> LifecycleChange? {
        switch kind {
        case "record-social-care-status":
            return .recordSocialCare(try container.decode(SocialCareRecord.self, forKey: .record))
        case "end-social-care-status":
            return .endSocialCare(
                try container.decode(SocialCareRecordID.self, forKey: .record),
                on: try container.decode(CalendarDate.self, forKey: .on),
                reason: try container.decode(String.self, forKey: .reason),
                by: try container.decode(String.self, forKey: .by))
        case "suspend-episode":
            return .suspendEpisode(
                try container.decode(EpisodeID.self, forKey: .episode),
                try container.decode(EpisodeSuspension.self, forKey: .record))
        case "resume-episode":
            return .resumeEpisode(
                try container.decode(EpisodeID.self, forKey: .episode),
                on: try container.decode(CalendarDate.self, forKey: .on),
                reason: try container.decode(String.self, forKey: .reason),
                by: try container.decode(String.self, forKey: .by))
        case "add-team-member", "remove-team-member":
            let change = try container.decode(TeamMemberChange.self, forKey: .record)
            guard (change.kind == .added) == (kind == "add-team-member") else {
                throw DecodingError.dataCorruptedError(
                    forKey: .record, in: container, debugDescription: "a \(kind) change holds a \(change.kind) member")
            }
            return .changeTeam(change)
        case "set-aside-referral-outcome":
            return .setAsideReferralOutcome(
                try container.decode(ReferralID.self, forKey: .referral),
                try container.decode(ReferralOutcome.self, forKey: .record))
        default:
            return nil
        }
    }

    /// Writes its own keys (the version, kind and family are already written).
    func encode(into container: inout KeyedEncodingContainer<CaseChange.CodingKeys>) throws {
        switch self {
        case .recordSocialCare(let record):
            try container.encode(record, forKey: .record)
        case .endSocialCare(let id, let date, let reason, let by):
            try container.encode(id, forKey: .record)
            try container.encode(date, forKey: .on)
            try container.encode(reason, forKey: .reason)
            try container.encode(by, forKey: .by)
        case .suspendEpisode(let id, let hold):
            try container.encode(id, forKey: .episode)
            try container.encode(hold, forKey: .record)
        case .resumeEpisode(let id, let date, let reason, let by):
            try container.encode(id, forKey: .episode)
            try container.encode(date, forKey: .on)
            try container.encode(reason, forKey: .reason)
            try container.encode(by, forKey: .by)
        case .changeTeam(let change):
            try container.encode(change, forKey: .record)
        case .setAsideReferralOutcome(let referral, let outcome):
            try container.encode(referral, forKey: .referral)
            try container.encode(outcome, forKey: .record)
        }
    }
}

extension CaseChange {
    /// The family after this change, stamped with what only the store knows: who made it.
    ///
    /// An episode's closure records its closer (``EarlyHelpEpisode/closedBy``): the practitioner here, or the
    /// team server's author for a change pulled from a colleague.
    ///
    /// - Throws: what ``applying(to:in:)`` throws.
    package func applying(to current: Family?, in kind: StoreKind, by actor: String) throws -> Family {
        var family = try applying(to: current, in: kind)
        if case .closeEpisode(_, let id, _, _) = self, let index = family.episodes.firstIndex(where: { $0.id == id }),
            family.episodes[index].closedBy == nil
        {
            family.episodes[index].closedBy = actor
        }
        return family
    }
}
