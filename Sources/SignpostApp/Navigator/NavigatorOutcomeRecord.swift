import Foundation
import SignpostDomain
import SignpostStore

/// Turns a navigator outcome into changes to a family's record: a referral for each service referred to, and a case note.
///
/// Only destinations the practitioner refers to become referrals; signposts (the
/// family contacts the service themselves) are named in the note only. Referrals
/// are only for the family's own members: people the walk added (a new baby
/// typed in) are named in the note. The note carries the path that led to each
/// destination, so the chronology says why, not just where.
enum NavigatorOutcomeRecord {
    static func changes(
        for result: NavigationResult, family: Family, situation: Situation, app: AppEnvironment
    ) -> [CaseChange] {
        let now = app.clock()
        let members = Set(family.members.map(\.id))
        var changes = referrals(
            for: result, on: family.id, members: members, situation: situation, contact: nil, at: now, app: app)
        let note = CaseNote(
            id: app.newID("N"), writtenAt: now, author: app.practitioner,
            text: noteText(for: result, situation: situation),
            isSignificant: result.destinations.contains { $0.urgency == .immediate },
            about: Array(Set(result.destinations.flatMap(\.people)).filter(members.contains)).sorted())
        changes.append(.addCaseNote(family: family.id, note))
        return changes
    }

    /// A referral for each destination the practitioner refers to, for those of `members` it names.
    ///
    /// Consent is what the family said when the service needs it, and "not required" when it does not (safeguarding).
    static func referrals(
        for result: NavigationResult, on family: FamilyID, members: Set<PersonID>, situation: Situation,
        contact: ContactID?, at now: Date, app: AppEnvironment
    ) -> [CaseChange] {
        result.destinations.filter { $0.kind == .referral }.compactMap { destination in
            let people = destination.people.filter(members.contains)
            guard !people.isEmpty else { return nil }
            let consent: ConsentStatus =
                destination.consentRequired ? (situation.consent.map(ConsentStatus.init) ?? .notAsked) : .notRequired
            return .addReferral(
                family: family,
                Referral(
                    id: app.newID("R"), service: destination.service, people: people, madeAt: now,
                    madeBy: app.practitioner, consent: consent, urgency: destination.urgency, contact: contact,
                    reason: reasonText(destination, situation: situation)))
        }
    }

    /// The questions and answers that led to a destination, person by person.
    static func reasonText(_ destination: NavigationDestination, situation: Situation) -> String {
        destination.why.map { reason in
            let name = situation[person: reason.person]?.displayName ?? reason.person.rawValue
            return "\(name): \(reason.path.joined(separator: " › "))"
        }.joined(separator: "; ")
    }

    /// The case note: each destination, for whom, how urgent, and why; then any warnings.
    static func noteText(for result: NavigationResult, situation: Situation) -> String {
        func names(_ ids: [PersonID]) -> String {
            ids.map { situation[person: $0]?.displayName ?? $0.rawValue }.joined(separator: ", ")
        }
        var lines = ["Navigator outcome:"]
        for destination in result.destinations {
            let kind = destination.kind == .referral ? "refer" : "signpost"
            lines.append(
                "- \(destination.name) (\(kind), \(destination.urgency.label.lowercased())) for "
                    + "\(names(destination.people)). Why: \(reasonText(destination, situation: situation)).")
        }
        if result.destinations.isEmpty { lines.append("- No service to contact.") }
        for warning in result.warnings { lines.append("Warning: \(warning)") }
        return lines.joined(separator: "\n")
    }
}

extension ConsentStatus {
    /// The record's consent status for the navigator's answer about consent.
    init(_ consent: SituationConsent) {
        switch consent {
        case .given: self = .given
        case .refused: self = .refused
        case .notAsked: self = .notAsked
        }
    }
}
