import Foundation
import SignpostDomain
import SignpostStore

/// Saves a navigator outcome on a family: a referral for each service referred to, a consent record when the
/// practitioner answered the family's consent in the walk, and a case note saying why.
///
/// Only destinations the practitioner refers to become referrals; signposts (the
/// family contacts the service themselves) are named in the note only. Referrals
/// are only for the family's own members: people the walk added (a new baby
/// typed in) are named in the note. Each referral carries the consent the walk
/// knew, including a consent the practitioner answered during the walk.
///
/// ```swift
/// let save = SaveNavigatorOutcome(family: family, walk: walk, context: context)
/// save.referralCount   // for the question "Save on the family: 1 referral and a case note?"
/// try save.run()
/// ```
public struct SaveNavigatorOutcome {
    public let family: Family
    public let result: NavigationResult
    /// The walk's situation with the consent as answered.
    public let situation: Situation
    public let context: CaseworkContext
    /// The moment the changes are made.
    public let now: Date

    /// Nil when the walk has not finished.
    public init?(family: Family, walk: NavigatorWalk, context: CaseworkContext) {
        guard let result = walk.result else { return nil }
        self.family = family
        self.result = result
        self.situation = walk.situationAsAnswered
        self.answeredConsent = walk.answeredConsent
        self.context = context
        self.now = context.clock()
    }

    /// The consent the practitioner answered in the walk; nil when it was not asked (or came from the record).
    public let answeredConsent: SituationConsent?

    /// The consent record, the referrals and the case note, in the order they are saved.
    ///
    /// A consent answered in the walk is stored like one taken in a contact: who gave it (not named in the
    /// navigator, so said to be so), for what, when, and who recorded it. A consent used from the record is not
    /// stored again.
    public var changes: [CaseChange] {
        let members = Set(family.members.map(\.id))
        // New records take the family's namespace: fictional ids (ZZ-…) on a fictional family.
        let namespace = family.id.namespace
        var changes: [CaseChange] = []
        if let answeredConsent, answeredConsent != .notAsked {
            changes.append(
                .recordConsent(
                    family: family.id,
                    ConsentRecord(
                        id: namespace.generate(prefix: "CN"), givenBy: "not named (answered in the navigator)",
                        givenOn: LondonTime.today(at: now), decision: ConsentStatus(answeredConsent),
                        scope: "early help, answered in the navigator", purposes: [.assess, .share],
                        agencies: Array(Set(result.destinations.filter { $0.kind == .referral }.map(\.service)))
                            .sorted().map(\.displayName),
                        recordedBy: context.practitioner)))
        }
        changes += OutcomeChanges.referrals(
            for: result, on: family.id, members: members, situation: situation, contact: nil, at: now,
            by: context.practitioner, id: { _ in namespace.generate(prefix: "R") })
        let note = CaseNote(
            id: namespace.generate(prefix: "N"), writtenAt: now, author: context.practitioner,
            text: OutcomeChanges.noteText(for: result, situation: situation),
            isSignificant: result.destinations.contains { $0.urgency == .immediate },
            about: Array(Set(result.destinations.flatMap(\.people)).filter(members.contains)).sorted())
        changes.append(.addCaseNote(family: family.id, note))
        return changes
    }

    /// How many referrals saving makes.
    public var referralCount: Int {
        changes.filter { if case .addReferral = $0 { return true } else { return false } }.count
    }

    /// Services the outcome refers to that the family is already open to: each deserves a warning before saving.
    public var alreadyOpen: [ServiceID] { OutcomeChanges.alreadyOpen(result, family: family) }

    /// What to confirm before saving: a warning for each service referred to that the family is already open
    /// to or awaiting a decision from.
    public var secondReferralWarnings: [String] {
        let services = result.destinations.filter { $0.kind == .referral }.map(\.service)
        return CaseLifecycle(family: family, context: context).secondReferralWarnings(to: services)
    }

    /// Saves the referrals and the note in one transaction.
    public func run() throws { try context.store.apply(changes, by: context.practitioner) }
}

/// What a navigator outcome becomes on a family's record, shared by a saved outcome and a recorded contact.
public enum OutcomeChanges {
    /// A referral for each destination the practitioner refers to, for those of `members` it names.
    ///
    /// Consent is what the family said when the service needs it, and "not required" when it does not (safeguarding).
    /// `id` gives the n-th referral's id (from 1).
    public static func referrals(
        for result: NavigationResult, on family: FamilyID, members: Set<PersonID>, situation: Situation,
        contact: ContactID?, at now: Date, by practitioner: String, id: (Int) -> ReferralID
    ) -> [CaseChange] {
        var made = 0
        return result.destinations.filter { $0.kind == .referral }.compactMap { destination in
            let people = destination.people.filter(members.contains)
            guard !people.isEmpty else { return nil }
            made += 1
            let consent: ConsentStatus =
                destination.consentRequired ? (situation.consent.map(ConsentStatus.init) ?? .notAsked) : .notRequired
            return .addReferral(
                family: family,
                Referral(
                    id: id(made), service: destination.service, people: people, madeAt: now, madeBy: practitioner,
                    consent: consent, urgency: destination.urgency, contact: contact,
                    reason: reasonText(destination, situation: situation)))
        }
    }

    /// The services `result` refers to that `family` already has an open referral or episode with.
    public static func alreadyOpen(_ result: NavigationResult, family: Family?) -> [ServiceID] {
        guard let family else { return [] }
        let open = Set(family.openServices)
        var seen: [ServiceID] = []
        for destination in result.destinations where destination.kind == .referral && open.contains(destination.service)
        {
            if !seen.contains(destination.service) { seen.append(destination.service) }
        }
        return seen
    }

    /// The questions and answers that led to a destination, person by person.
    public static func reasonText(_ destination: NavigationDestination, situation: Situation) -> String {
        destination.why.map { reason in
            let name = situation[person: reason.person]?.displayName ?? reason.person.rawValue
            return "\(name): \(reason.path.joined(separator: " › "))"
        }.joined(separator: "; ")
    }

    /// The case note: each destination, for whom, how urgent, and why; then any warnings.
    public static func noteText(for result: NavigationResult, situation: Situation) -> String {
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
    public init(_ consent: SituationConsent) {
        switch consent {
        case .given: self = .given
        case .refused: self = .refused
        case .notAsked: self = .notAsked
        }
    }
}
