import Foundation
import SignpostDomain
import SignpostStore

/// Records a finished front-door contact and retires its draft, in one transaction.
///
/// One contact gives: the new family or new people it found, the contact itself
/// (caller, door, source, the caller's words, concerns, outcome), a level entry
/// for each person whose level this contact decided (see
/// ``SignpostDomain/ContactDraft/decidesLevel(_:)``; everyone else keeps theirs),
/// a consent record when the family's consent was taken, a referral for each
/// service the navigator says to refer to (carrying that consent), and a case
/// note that says what was decided and why.
///
/// Every id is derived from the draft's id, so the same draft can only ever be
/// recorded once: a second attempt finds the contact's id taken and saves nothing.
///
/// ```swift
/// let recording = RecordContact(draft: draft, family: family, walk: walk, context: context)
/// let recorded = try recording.run()
/// recorded.summary  // "Contact recorded on the Wrenfold family (1 referral); Ava to L2."
/// ```
public struct RecordContact {
    /// The contact as taken, step by step.
    public let draft: ContactDraft
    /// The known family as stored, when the contact is about one.
    public let family: Family?
    /// The navigator's outcome; nil when the contact is closed as advice given / no further action.
    public let result: NavigationResult?
    /// What the navigator knew, consent as answered included.
    public let situation: Situation
    /// The consent the practitioner answered on the route, if they did (not one the walk took from the record).
    public let answeredConsent: SituationConsent?
    /// Why the contact was closed without a referral (required then).
    public var closingReason: String
    /// Who records it, and on which store.
    public let context: CaseworkContext
    /// The moment every record the contact makes is stamped with.
    public let now: Date

    /// A contact routed by `walk` (nil, with a closing reason, for advice given / no further action).
    public init(
        draft: ContactDraft, family: Family?, walk: NavigatorWalk?, closingReason: String = "",
        context: CaseworkContext
    ) {
        self.draft = draft
        self.family = family
        self.result = walk?.result
        var situation =
            walk?.situationAsAnswered ?? RecordContact.situation(for: draft, family: family, today: context.today)
        if situation.consent == nil { situation.consent = draft.consent }
        self.situation = situation
        self.answeredConsent = walk?.answeredConsent
        self.closingReason = closingReason
        self.context = context
        self.now = context.clock()
    }

    /// Why a contact cannot be recorded yet, in words that say what to do.
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public var description: String
        /// The step to go back to.
        public var step: TriageStep
    }

    /// Why recording failed after it was allowed.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// This draft's contact is already on record: recording it again would duplicate it.
        case alreadyRecorded(ContactID)

        public var description: String {
            switch self {
            case .alreadyRecorded(let id):
                return "This contact was already recorded (\(id)); nothing was recorded twice."
            }
        }
    }

    /// What was recorded, for the message that confirms it.
    public struct Recorded: Equatable, Sendable {
        public var familyID: FamilyID
        public var familyName: String
        public var contact: ContactID
        public var referrals: Int
        /// Who changes level, and who keeps theirs.
        public var levels: [LevelOutcome]

        /// "Contact recorded on the Wrenfold family (1 referral); Ava to L2."
        ///
        /// Only the changes are named, by given name, so the message fits one line at 80 columns; everyone
        /// not named keeps their level, as the route step listed before recording.
        public var summary: String {
            let what = referrals == 0 ? "no referral" : "\(referrals) referral\(referrals == 1 ? "" : "s")"
            let changed = levels.filter { $0.after != nil }
            let parts =
                ["Contact recorded on the \(familyName) family (\(what))"]
                + (changed.isEmpty ? ["no level changed"] : changed.map(\.shortText))
            return parts.joined(separator: "; ") + "."
        }
    }

    /// One person's level as the contact leaves it.
    public struct LevelOutcome: Equatable, Sendable {
        public var person: PersonID
        public var name: String
        public var before: NeedLevel?
        /// The new level, or nil when the person keeps theirs.
        public var after: NeedLevel?

        /// The given name, for short messages.
        public var givenName: String

        /// "Ava to L2", "Marta keeps L2".
        public var shortText: String {
            if let after { return "\(givenName) to L\(after.rawValue)" }
            return before.map { "\(givenName) keeps L\($0.rawValue)" } ?? "\(givenName): no level set"
        }

        /// "Ava Wrenfold to L2", "Marta Wrenfold keeps L2", "Sam Wrenfold: no level set".
        public var text: String {
            if let after { return "\(name) to L\(after.rawValue)" }
            return before.map { "\(name) keeps L\($0.rawValue)" } ?? "\(name): no level set"
        }
    }

    /// The draft's id without its prefix: the stem of every id the contact makes.
    private var stem: String {
        let raw = draft.id.body
        return raw.hasPrefix("D-") ? String(raw.dropFirst(2)) : raw
    }

    /// The namespace of the draft's id: a draft started in a demonstration or training store makes only fictional ids.
    private var namespace: IDNamespace { draft.id.namespace }

    /// The family the contact is recorded on: the known one, or the new one.
    public var familyID: FamilyID { family?.id ?? namespace.id("F-\(stem)") }

    /// The contact's id, derived from the draft's so that one draft makes at most one contact.
    public var contactID: ContactID { namespace.id("C-\(stem)") }

    /// The consent taken in this contact: on the consent step, or answered on the route. A consent on file
    /// that the contact only used from the record is not taken again.
    public var consent: SituationConsent? { draft.consent ?? answeredConsent }

    /// The outcome recorded on the contact, from what the navigator said.
    public var outcome: ContactOutcome {
        guard let result else { return .adviceGiven }
        let safeguarding: Set<ServiceID> = ["csct", "emergency-services", "emergency-duty-team"]
        if result.destinations.contains(where: { safeguarding.contains($0.service) && $0.kind == .referral }) {
            return .safeguarding
        }
        if result.destinations.contains(where: { $0.kind == .referral }) { return .referred }
        return result.destinations.isEmpty ? .adviceGiven : .signposted
    }

    /// Everyone on the contact: whose level changes and who keeps theirs.
    public var levels: [LevelOutcome] {
        draft.levels.compactMap { decision in
            guard let person = draft.people.first(where: { $0.id == decision.person }) else { return nil }
            let before = family?.member(decision.person)?.currentLevel
            let changes = draft.decidesLevel(decision) && (before != decision.level || decision.overridesSuggestion)
            return LevelOutcome(
                person: decision.person, name: person.fullName, before: before, after: changes ? decision.level : nil,
                givenName: person.givenName.isEmpty ? person.fullName : person.givenName)
        }
    }

    /// Services the outcome refers to that the family is already open to.
    public var alreadyOpen: [ServiceID] { result.map { OutcomeChanges.alreadyOpen($0, family: family) } ?? [] }

    /// What to confirm before recording: a warning for each service referred to that the family is already
    /// open to or awaiting a decision from (none for a new family).
    public var secondReferralWarnings: [String] {
        // A contact already on the record is refused as recorded twice, not asked about.
        guard let family, let result, !family.contacts.contains(where: { $0.id == contactID }) else { return [] }
        let services = result.destinations.filter { $0.kind == .referral }.map(\.service)
        return CaseLifecycle(family: family, context: context).secondReferralWarnings(to: services)
    }

    /// The changes that record the contact, in the order they are saved.
    public func changes() throws(Refusal) -> [CaseChange] {
        guard !draft.people.isEmpty else {
            throw Refusal(description: "say who the contact is about first", step: .who)
        }
        guard family != nil || draft.newFamily != nil else {
            throw Refusal(description: "pick a known family or add someone new", step: .who)
        }
        for decision in draft.levels
        where draft.needsReason(decision) && decision.reason.trimmingCharacters(in: .whitespaces).isEmpty {
            let name = draft.people.first { $0.id == decision.person }?.fullName ?? decision.person.rawValue
            throw Refusal(
                description: "give a reason for setting \(name) at level \(decision.level.rawValue), not the suggested "
                    + "\(decision.suggested.map { "\($0.rawValue)" } ?? "")", step: .level)
        }
        if result == nil && closingReason.trimmingCharacters(in: .whitespaces).isEmpty {
            throw Refusal(description: "say why no further action is needed", step: .route)
        }
        var changes: [CaseChange] = []
        let newPeople = draft.people.filter(\.isNew).map(Self.person(from:))
        if let details = draft.newFamily, family == nil {
            changes.append(
                .addFamily(
                    Family(
                        id: familyID, name: details.name, address: details.address, locality: details.locality,
                        members: newPeople, createdAt: now)))
        } else {
            for person in newPeople { changes.append(.addPerson(family: familyID, person, relationships: [])) }
        }
        let concerns = draft.people.flatMap(\.concerns).reduce(into: [Concern]()) { all, concern in
            if !all.contains(concern) { all.append(concern) }
        }
        changes.append(
            .addContact(
                family: familyID,
                Contact(
                    id: contactID, receivedAt: draft.startedAt, caller: draft.caller, source: draft.source ?? .unknown,
                    door: draft.door, about: draft.people.map(\.id), concernInCallersWords: draft.words,
                    concerns: concerns, outcome: outcome, outcomeReason: closingReason,
                    recordedBy: context.practitioner)))
        for level in levels {
            guard let after = level.after,
                let decision = draft.levels.first(where: { $0.person == level.person })
            else { continue }
            let person = draft.people.first { $0.id == decision.person }
            changes.append(
                .recordLevel(
                    family: familyID, person: decision.person,
                    LevelEntry(
                        level: after, setBy: context.practitioner, setAt: now,
                        reason: decision.reason.trimmingCharacters(in: .whitespaces).isEmpty
                            ? "Front-door contact: the suggested level"
                            : decision.reason.trimmingCharacters(in: .whitespaces),
                        indicators: (person?.concerns ?? []).map(\.label) + (person?.indicators ?? []).map(\.label),
                        suggestedLevel: decision.suggested)))
        }
        if let consent, consent != .notAsked {
            changes.append(
                .recordConsent(
                    family: familyID,
                    ConsentRecord(
                        id: namespace.id("CN-\(stem)"),
                        givenBy: draft.consentBy.isEmpty ? "not named (front-door contact)" : draft.consentBy,
                        person: consentGiver, givenOn: LondonTime.today(at: now), decision: ConsentStatus(consent),
                        scope: "early help, taken in front-door contact \(contactID)",
                        purposes: [.assess, .share], agencies: referredAgencies, method: .verbal,
                        recordedBy: context.practitioner)))
        }
        let members = Set((family?.members.map(\.id) ?? []) + draft.people.map(\.id))
        if let result {
            changes += OutcomeChanges.referrals(
                for: result, on: familyID, members: members, situation: situation, contact: contactID, at: now,
                by: context.practitioner, id: { namespace.id("R-\(stem)-\($0)") })
        }
        changes.append(
            .addCaseNote(
                family: familyID,
                CaseNote(
                    id: namespace.id("N-\(stem)"), writtenAt: now, author: context.practitioner, text: noteText,
                    isSignificant: outcome == .safeguarding, about: draft.people.map(\.id))))
        return changes
    }

    /// The person on the contact who gave the consent, when the name given matches one (the consent panel shows it
    /// as theirs).
    private var consentGiver: PersonID? {
        let name = NameText.fold(draft.consentBy)
        guard !name.isEmpty else { return nil }
        return draft.people.first { person in
            NameText.fold(person.fullName) == name || NameText.fold(person.givenName) == name
        }?.id
    }

    /// The services the navigator refers to: the agencies a consent taken in this contact allows sharing with.
    private var referredAgencies: [String] {
        guard let result else { return [] }
        return Array(Set(result.destinations.filter { $0.kind == .referral }.map(\.service))).sorted().map(
            \.displayName)
    }

    /// Records the contact and retires its draft together.
    ///
    /// - Throws: ``Refusal`` when something must be said first; ``Failure/alreadyRecorded(_:)`` when this
    ///   draft's contact is already on record; a ``StoreError`` when the store refuses. Nothing is saved then.
    @discardableResult
    public func run() throws -> Recorded {
        let changes = try changes()
        do {
            try context.store.recordContact(changes, retiringDraft: draft.id, by: context.practitioner)
        } catch StoreError.duplicateRecord(let id) where id == contactID.rawValue {
            throw Failure.alreadyRecorded(contactID)
        } catch StoreError.duplicateFamily(let id) where id == familyID && family == nil {
            throw Failure.alreadyRecorded(contactID)
        }
        let referrals = changes.filter { if case .addReferral = $0 { return true } else { return false } }.count
        return Recorded(
            familyID: familyID, familyName: family?.name ?? draft.newFamily?.name ?? draft.familyName,
            contact: contactID, referrals: referrals, levels: levels)
    }

    /// The navigator's view of a draft: everyone it is about, with the concerns ticked and the levels as they stand.
    ///
    /// The family's consent on file (see ``SignpostDomain/Family/consentOnFile(on:)``) is the answer from the
    /// record unless the consent step took one.
    public static func situation(for draft: ContactDraft, family: Family? = nil, today: CalendarDate) -> Situation {
        draft.situation(today: today, consentOnFile: family?.consentOnFile(on: today))
    }

    private static func person(from draft: DraftPerson) -> Person {
        Person(
            id: draft.id, role: draft.role, givenName: draft.givenName, familyName: draft.familyName,
            dateOfBirth: draft.dateOfBirth, expectedDeliveryDate: draft.expectedDeliveryDate)
    }

    /// The case note: who called, what they said, what was decided and why.
    private var noteText: String {
        var lines = [
            "Front-door contact from \(draft.caller.summary.isEmpty ? "an unnamed caller" : draft.caller.summary)"
        ]
        if let door = draft.door { lines[0] += " via \(door.label)" }
        lines[0] += "."
        if !draft.words.isEmpty { lines.append("Said: \(draft.words)") }
        for person in draft.people where !person.concerns.isEmpty {
            lines.append("Concerns for \(person.fullName): \(person.concerns.map(\.label).joined(separator: ", ")).")
        }
        if let consent {
            lines.append(
                "Consent to early help: \(consent.rawValue)\(draft.consentBy.isEmpty ? "" : " (\(draft.consentBy))").")
        } else if let onFile = situation.consent {
            lines.append("Consent to early help: \(onFile.rawValue), on file.")
        }
        let changed = levels.filter { $0.after != nil }
        if !changed.isEmpty { lines.append("Levels: \(changed.map(\.text).joined(separator: "; ")).") }
        if let result {
            lines.append(OutcomeChanges.noteText(for: result, situation: situation))
        } else {
            lines.append("Advice given / no further action: \(closingReason)")
        }
        return lines.joined(separator: "\n")
    }
}
