import Foundation
import SignpostDomain

/// The changes of a case's life (#15): a referral's outcome and the lead professional's history.
///
/// Kept apart from the older kinds so that their kind names, JSON, validation and audit wording
/// read together. Both are appends in the sense of the team server: each is a new fact about the
/// family (an outcome recorded, a change of lead), travelling whole with no field-level base.
extension CaseChange {
    /// The family a casework change is about.
    var caseworkFamily: FamilyID {
        switch self {
        case .recordReferralOutcome(let family, _, _), .changeLeadProfessional(let family, _),
            .recordMeeting(let family, _):
            return family
        default: return family
        }
    }

    /// `record-referral-outcome`, `change-lead-professional`.
    var caseworkAction: String {
        switch self {
        case .recordReferralOutcome: return "record-referral-outcome"
        case .changeLeadProfessional: return "change-lead-professional"
        case .recordMeeting: return "record-meeting"
        default: return action
        }
    }

    /// The referral answered, or the family whose lead professional changed.
    var caseworkRecordID: String {
        switch self {
        case .recordReferralOutcome(_, let referral, _): return referral.rawValue
        case .changeLeadProfessional(let family, _): return family.rawValue
        case .recordMeeting(_, let meeting): return meeting.id.rawValue
        default: return recordID
        }
    }

    /// The family after a casework change.
    ///
    /// The store checks only what keeps the record whole (the referral exists, the outcome is a
    /// real answer, a reason is given where one is needed); which moves a practitioner may make
    /// is the casework layer's rule, so a change made offline on another laptop and pulled later
    /// is never refused for having been overtaken.
    func applyingCasework(to family: Family) throws -> Family {
        var family = family
        switch self {
        case .recordReferralOutcome(_, let referralID, let outcome):
            guard let index = family.referrals.firstIndex(where: { $0.id == referralID }) else {
                throw StoreError.recordNotFound(family.id, referralID.rawValue)
            }
            guard outcome.status != .sent else {
                throw StoreError.invalidChange("an outcome must accept, decline, close or withdraw the referral")
            }
            if outcome.needsReason, outcome.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw StoreError.invalidChange(
                    "referral \(referralID) cannot be \(outcome.status.label.lowercased()) without a reason")
            }
            family.referrals[index].status = outcome.status
            family.referrals[index].outcomeOn = outcome.on
            family.referrals[index].outcomeReason = outcome.reason
            family.referrals[index].outcomeBy = outcome.recordedBy
        case .changeLeadProfessional(_, let change):
            if change.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw StoreError.invalidChange("a change of lead professional needs a reason")
            }
            if let professional = change.professional,
                professional.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            {
                throw StoreError.invalidChange("the lead professional needs a name")
            }
            family.leadProfessional = change.professional
            family.leadProfessionalHistory.append(change)
        case .recordMeeting(_, let meeting):
            guard !family.meetings.contains(where: { $0.id == meeting.id }) else {
                throw StoreError.duplicateRecord(meeting.id.rawValue)
            }
            // An ad-hoc meeting carries the review date as it stood, which may already have passed.
            guard meeting.kind == .adHoc || meeting.nextReview > meeting.heldOn else {
                throw StoreError.invalidChange("the next review must come after the meeting")
            }
            family.meetings.append(meeting)
        default:
            break
        }
        return family
    }

    /// What a casework change did, in plain words for the audit trail.
    func caseworkAuditSummary(before: Family?, after: Family) -> String {
        switch self {
        case .recordReferralOutcome(_, let referralID, let outcome):
            let old = before?.referrals.first { $0.id == referralID }
            let service = old.map { " to \($0.service.displayName)" } ?? ""
            let from = old.map { "\($0.status) → " } ?? ""
            let reason = outcome.reason.isEmpty ? "" : ": \(outcome.reason)"
            return "referral\(service) \(from)\(outcome.status) on \(outcome.on.british)\(reason)"
        case .changeLeadProfessional(_, let change):
            let old = before?.leadProfessional?.name ?? "none"
            let new = change.professional?.name ?? "none"
            return "lead professional \(old) → \(new) from \(change.on.british): \(change.reason)"
        case .recordMeeting(_, let meeting):
            let actions = meeting.actions.count == 1 ? "1 action" : "\(meeting.actions.count) actions"
            switch meeting.kind {
            case .meeting:
                return
                    "recorded a team around the family meeting on \(meeting.heldOn.british) (\(meeting.attendees.count) attending, \(actions)); next review \(meeting.nextReview.british)"
            case .review:
                return
                    "recorded a review held on \(meeting.heldOn.british) (\(meeting.attendees.count) attending, \(actions)); next review \(meeting.nextReview.british)"
            case .adHoc:
                return
                    "recorded an ad-hoc meeting on \(meeting.heldOn.british) (\(meeting.attendees.count) attending, \(actions)); review date unchanged"
            }
        default:
            return ""
        }
    }

    /// Reads a casework change from its JSON form, or nil when `kind` is not one of them.
    static func decodeCasework(
        kind: String, family: FamilyID, from container: KeyedDecodingContainer<CodingKeys>
    ) throws -> CaseChange? {
        switch kind {
        case "record-referral-outcome":
            return .recordReferralOutcome(
                family: family, referral: try container.decode(ReferralID.self, forKey: .referral),
                try container.decode(ReferralOutcome.self, forKey: .record))
        case "record-meeting":
            return .recordMeeting(family: family, try container.decode(TeamMeeting.self, forKey: .record))
        case "change-lead-professional":
            return .changeLeadProfessional(
                family: family, try container.decode(LeadProfessionalChange.self, forKey: .record))
        default:
            return nil
        }
    }

    /// Writes a casework change's own keys (the version, kind and family are already written).
    func encodeCasework(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        switch self {
        case .recordReferralOutcome(_, let referral, let outcome):
            try container.encode(referral, forKey: .referral)
            try container.encode(outcome, forKey: .record)
        case .changeLeadProfessional(_, let change):
            try container.encode(change, forKey: .record)
        case .recordMeeting(_, let meeting):
            try container.encode(meeting, forKey: .record)
        default:
            break
        }
    }
}
