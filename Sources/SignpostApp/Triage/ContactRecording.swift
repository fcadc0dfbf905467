import Foundation
import SignpostDomain
import SignpostStore

/// Turns a finished front-door contact into the changes that record it, saved together in one transaction.
///
/// One contact gives: the new family or new people it found, the contact itself
/// (caller, door, source, the caller's words, concerns, outcome), a level entry
/// for each person whose level the practitioner set (with the suggestion it
/// was weighed against and the reason for overriding it), a referral for each
/// service the navigator says to refer to, and a case note that says what was
/// decided and why. The store applies them all or none.
///
/// ```swift
/// let changes = try ContactRecording(draft: draft, family: family, result: result, app: app).changes()
/// try app.store.apply(changes, by: app.practitioner)
/// ```
struct ContactRecording {
    let draft: ContactDraft
    /// The known family as stored, when the contact is about one.
    let family: Family?
    /// The navigator's outcome; nil when the contact is closed as advice given / no further action.
    let result: NavigationResult?
    /// Why the contact was closed without a referral (required then).
    var closingReason: String = ""
    let app: AppEnvironment

    /// Why a contact cannot be recorded yet, in words that say what to do.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
        /// The step to go back to.
        var step: TriageStep
    }

    /// The family the contact is recorded on: the known one, or the new one.
    var familyID: FamilyID { family?.id ?? FamilyID("F-\(draft.id.rawValue.dropFirst(2))") }

    /// The outcome recorded on the contact, from what the navigator said.
    var outcome: ContactOutcome {
        guard let result else { return .adviceGiven }
        let safeguarding: Set<ServiceID> = ["csct", "emergency-services", "emergency-duty-team"]
        if result.destinations.contains(where: { safeguarding.contains($0.service) && $0.kind == .referral }) {
            return .safeguarding
        }
        if result.destinations.contains(where: { $0.kind == .referral }) { return .referred }
        return result.destinations.isEmpty ? .adviceGiven : .signposted
    }

    func changes() throws(Refusal) -> [CaseChange] {
        guard !draft.people.isEmpty else {
            throw Refusal(description: "say who the contact is about first", step: .who)
        }
        guard family != nil || draft.newFamily != nil else {
            throw Refusal(description: "pick a known family or add someone new", step: .who)
        }
        for decision in draft.levels where decision.overridesSuggestion && decision.reason.isEmpty {
            let name = draft.people.first { $0.id == decision.person }?.fullName ?? decision.person.rawValue
            throw Refusal(
                description: "give a reason for setting \(name) at level \(decision.level.rawValue), not the suggested "
                    + "\(decision.suggested.map { "\($0.rawValue)" } ?? "")", step: .level)
        }
        if result == nil && closingReason.trimmingCharacters(in: .whitespaces).isEmpty {
            throw Refusal(description: "say why no further action is needed", step: .route)
        }
        let now = app.clock()
        var changes: [CaseChange] = []
        let newPeople = draft.people.filter(\.isNew).map { person(from: $0, at: now) }
        if let details = draft.newFamily, family == nil {
            changes.append(
                .addFamily(
                    Family(
                        id: familyID, name: details.name, address: details.address, locality: details.locality,
                        members: newPeople, createdAt: now)))
        } else {
            for person in newPeople { changes.append(.addPerson(family: familyID, person, relationships: [])) }
        }
        let contactID: ContactID = app.newID("C")
        let concerns = draft.people.flatMap(\.concerns).reduce(into: [Concern]()) { all, concern in
            if !all.contains(concern) { all.append(concern) }
        }
        changes.append(
            .addContact(
                family: familyID,
                Contact(
                    id: contactID, receivedAt: draft.startedAt, caller: draft.caller, source: draft.source ?? .unknown,
                    door: draft.door, about: draft.people.map(\.id), concernInCallersWords: draft.words,
                    concerns: concerns, outcome: outcome, outcomeReason: closingReason, recordedBy: app.practitioner)))
        for decision in draft.levels {
            let current = family?.member(decision.person)?.currentLevel
            guard current != decision.level || decision.overridesSuggestion else { continue }
            let person = draft.people.first { $0.id == decision.person }
            changes.append(
                .recordLevel(
                    family: familyID, person: decision.person,
                    LevelEntry(
                        level: decision.level, setBy: app.practitioner, setAt: now,
                        reason: decision.reason.isEmpty ? "Front-door contact: the suggested level" : decision.reason,
                        indicators: (person?.concerns ?? []).map(\.label) + (person?.indicators ?? []).map(\.label),
                        suggestedLevel: decision.suggested)))
        }
        let members = Set((family?.members.map(\.id) ?? []) + draft.people.map(\.id))
        if let result {
            changes += NavigatorOutcomeRecord.referrals(
                for: result, on: familyID, members: members, situation: situation, contact: contactID, at: now, app: app
            )
        }
        changes.append(
            .addCaseNote(
                family: familyID,
                CaseNote(
                    id: app.newID("N"), writtenAt: now, author: app.practitioner, text: noteText,
                    isSignificant: outcome == .safeguarding, about: draft.people.map(\.id))))
        return changes
    }

    /// The situation the navigator walks for this contact: its people, their concerns and levels, and consent.
    var situation: Situation { ContactRecording.situation(for: draft, today: app.today) }

    /// The navigator's view of a draft: everyone it is about, with the concerns ticked and the levels decided.
    static func situation(for draft: ContactDraft, today: CalendarDate) -> Situation {
        Situation(
            door: draft.door, consent: draft.consent,
            people: draft.people.map { person in
                let decided = draft.levels.first { $0.person == person.id }?.level
                return SituationPerson(
                    id: person.id, name: person.fullName, role: person.role.isAdult ? .adult : .child,
                    dateOfBirth: person.role == .unbornChild ? nil : person.dateOfBirth,
                    unborn: person.role == .unbornChild, expectedDate: person.expectedDeliveryDate,
                    send: person.concerns.contains(.send) || person.concerns.contains(.disability), level: decided,
                    concerns: person.concerns, indicators: person.indicators)
            })
    }

    private func person(from draft: DraftPerson, at now: Date) -> Person {
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
        if let consent = draft.consent {
            lines.append(
                "Consent to early help: \(consent.rawValue)\(draft.consentBy.isEmpty ? "" : " (\(draft.consentBy))").")
        }
        if let result {
            lines.append(NavigatorOutcomeRecord.noteText(for: result, situation: situation))
        } else {
            lines.append("Advice given / no further action: \(closingReason)")
        }
        return lines.joined(separator: "\n")
    }
}
