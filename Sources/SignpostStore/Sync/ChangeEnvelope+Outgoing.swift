import Foundation
import SignpostDomain

extension CaseChange {
    /// Whether the change adds a record (or appends to one), so it is based on no earlier version.
    package var addsRecord: Bool {
        switch self {
        case .addFamily, .addPerson, .recordLevel, .addCaseNote, .addContact, .addReferral, .recordConsent,
            .openEpisode, .addRelationship, .changeLeadProfessional, .recordMeeting, .amendCaseNote, .mergeFamilies,
            .mergePeople, .undoMerge, .erasePerson, .decideRetention, .supportingFamilies, .eraseFamily:
            return true
        // A referral's outcome sets its status, based on the version this store held: a different outcome
        // recorded meanwhile on another laptop is a conflict, not a silent second answer.
        case .updateFamilyFields, .updatePersonFields, .updateReferralStatus, .withdrawConsent, .closeEpisode,
            .saveAssessmentFields, .changeAddress, .changeRelationship, .removeRelationship, .resolveConflict,
            .recordReferralOutcome:
            return false
        case .lifecycle(_, let change):
            return change.addsRecord
        }
    }
}

extension ChangeEnvelope {
    /// What a store writes to its outbox for a change it has just applied, or nil when the change set nothing new.
    ///
    /// Field changes keep only the fields whose values differ from the stored
    /// record (``CaseChange/trimmed(against:)``); one that differs in nothing
    /// (a form saved unchanged) has nothing to send. A new assessment travels
    /// whole, with no `fields` and no `base`, as every other new record does.
    ///
    /// - Parameters:
    ///   - change: The change as applied.
    ///   - before: The family before the change; nil when the change added it.
    ///   - after: The family after it.
    ///   - base: The server seq of the record's state as the store holds it; ignored for new records.
    package static func outgoing(
        _ change: CaseChange, before: Family?, after: Family, device: DeviceID, hlc: HybridTimestamp, base: Int64?
    ) -> ChangeEnvelope? {
        var isNewRecord = change.addsRecord
        if case .saveAssessmentFields(_, let id, _) = change,
            before?.assessments.contains(where: { $0.id == id }) != true
        {
            isNewRecord = true
        }
        if case .updateReferralStatus(_, let id, let status) = change,
            before?.referrals.first(where: { $0.id == id })?.status == status
        {
            return nil
        }
        let sent = isNewRecord ? change : change.trimmed(against: before)
        let fields = isNewRecord ? nil : sent.fieldValues
        if let fields, fields.isEmpty { return nil }
        var scope: ChangeScope?
        switch sent {
        case .addFamily(let family):
            scope = ChangeScope(locality: family.locality)
        case .updateFamilyFields(_, let fields) where fields[.locality] != nil:
            scope = ChangeScope(locality: after.locality)
        default:
            scope = nil
        }
        return ChangeEnvelope(
            device: device, hlc: hlc, base: isNewRecord ? nil : base, fields: fields, scope: scope, change: sent)
    }

    /// The change a store applies for a pulled envelope: for a field kind, only the fields the envelope names.
    ///
    /// The server may leave out of `fields` a field it did not apply (a
    /// conflict); the fields named there are what the server holds.
    package var changeToApply: CaseChange {
        guard let fields, CaseChange.fieldKinds.contains(kind) else { return change }
        return change.keepingFields(Set(fields.keys))
    }
}
