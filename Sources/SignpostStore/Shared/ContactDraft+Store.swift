import Foundation
import SignpostDomain

/// What every store does alike with contact drafts, so that their audit trails and orders agree.
extension ContactDraft {
    /// The audit entry for a draft's first save.
    package func startedAuditEntry(at instant: Date) -> AuditEntry {
        AuditEntry(
            at: instant, actor: practitioner, action: "start-contact-draft", family: family, recordID: id.rawValue,
            summary: "started taking a front-door contact")
    }

    /// The audit entry for removing the draft (its contact recorded, or discarded).
    package func discardedAuditEntry(at instant: Date, by actor: String) -> AuditEntry {
        AuditEntry(
            at: instant, actor: actor, action: "discard-contact-draft", family: family, recordID: id.rawValue,
            summary: "removed the front-door contact draft (\(summary))")
    }

    /// Newest change first, then by id, so drafts saved in the same instant keep one order.
    package static func newestFirst(_ lhs: ContactDraft, _ rhs: ContactDraft) -> Bool {
        if lhs.updatedAt != rhs.updatedAt { return lhs.updatedAt > rhs.updatedAt }
        return lhs.id < rhs.id
    }

    /// Why the draft cannot be saved as it is, or nil if it can.
    package var saveProblem: StoreError? {
        practitioner.trimmingCharacters(in: .whitespaces).isEmpty
            ? .invalidChange("contact draft \(id) names no practitioner; it was not saved") : nil
    }
}

extension StoreError {
    /// A draft id already used by another practitioner's draft.
    package static func draftBelongsToAnother(_ id: ContactDraftID, doing what: String) -> StoreError {
        .invalidChange("contact draft \(id) belongs to another practitioner; it was not \(what)")
    }
}

extension ContactListing {
    /// Newest first, then by family and contact id, so contacts received in the same instant keep one order.
    package static func newestFirst(_ lhs: ContactListing, _ rhs: ContactListing) -> Bool {
        if lhs.contact.receivedAt != rhs.contact.receivedAt { return lhs.contact.receivedAt > rhs.contact.receivedAt }
        if lhs.familyID != rhs.familyID { return lhs.familyID < rhs.familyID }
        return lhs.contact.id < rhs.contact.id
    }
}
