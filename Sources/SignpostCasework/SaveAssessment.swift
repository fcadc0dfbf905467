import Foundation
import SignpostDomain
import SignpostStore

/// Saves an early help assessment (the CAF), writing the consent recorded on it back to the family's
/// consent records in the same change.
///
/// The CAF's consent section and the family's Consent tab are one set of records: consent given or
/// refused on the form becomes a ``SignpostDomain/ConsentRecord`` (to assess and to share) when the
/// section is first complete (a decision, who gave it, and when) or changes, and never twice for
/// the same person, day and decision.
///
/// ```swift
/// try SaveAssessment(family: family, context: context).run(updated, previous: assessment)
/// ```
public struct SaveAssessment: Sendable {
    public let family: Family
    public let context: CaseworkContext

    public init(family: Family, context: CaseworkContext) {
        self.family = family
        self.context = context
    }

    /// The changes saving `assessment` makes: the assessment, and a consent record when its consent
    /// section newly says who gave or refused consent and when.
    public func changes(_ assessment: EarlyHelpAssessment, previous: EarlyHelpAssessment?) -> [CaseChange] {
        var changes: [CaseChange] = [.saveAssessment(family: family.id, assessment)]
        if previous?.consentToShare != assessment.consentToShare, let record = consentRecord(for: assessment) {
            changes.append(.recordConsent(family: family.id, record))
        }
        if let assess = assessment.consentToAssess, previous?.consentToAssess != assess,
            let record = consentRecord(assess, purposes: [.assess])
        {
            changes.append(.recordConsent(family: family.id, record))
        }
        return changes
    }

    /// Saves `assessment` (and any consent it records) in one transaction.
    ///
    /// - Throws: the store's error; nothing is saved then.
    public func run(_ assessment: EarlyHelpAssessment, previous: EarlyHelpAssessment?) throws {
        try context.store.apply(changes(assessment, previous: previous), by: context.practitioner)
    }

    /// The consent record the CAF's consent section makes, or nil while it is incomplete, not a decision,
    /// or already on the family's record.
    public func consentRecord(for assessment: EarlyHelpAssessment) -> ConsentRecord? {
        // Before consent to assess was asked apart, the share section's consent covered both.
        consentRecord(
            assessment.consentToShare, purposes: assessment.consentToAssess == nil ? [.assess, .share] : [.share])
    }

    /// The consent record one of the CAF's consent sections makes for `purposes`, or nil while it is incomplete,
    /// not a decision, or already on the family's record for those purposes.
    func consentRecord(_ consent: ConsentToShare, purposes: [ConsentPurpose]) -> ConsentRecord? {
        let givenBy = consent.givenBy.trimmingCharacters(in: .whitespacesAndNewlines)
        guard consent.decision == .given || consent.decision == .refused, !givenBy.isEmpty,
            let givenOn = consent.givenOn
        else { return nil }
        let alreadyRecorded = family.consents.contains { record in
            record.givenOn == givenOn && record.decision == consent.decision
                && record.givenBy.lowercased().hasPrefix(givenBy.lowercased())
                && purposes.allSatisfy(record.covers)
        }
        guard !alreadyRecorded else { return nil }
        let person = family.members.first { $0.fullName.lowercased() == givenBy.lowercased() }
        let agencies = consent.agencies ?? []
        return ConsentRecord(
            id: EntityID.generate(prefix: "CN"), givenBy: givenBy, person: person?.id, givenOn: givenOn,
            decision: consent.decision,
            scope: RecordConsent.scope(purposes: purposes, agencies: agencies) + " (on the early help assessment)",
            purposes: purposes, agencies: agencies, method: .written, recordedBy: context.practitioner)
    }
}
