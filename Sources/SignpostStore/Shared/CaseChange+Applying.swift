import Foundation
import SignpostDomain

/// What every store does with a change, written once so that all stores agree on
/// validation, on the family that results and on the words in the audit trail.
extension CaseChange {
    /// The family as it stands after this change.
    ///
    /// - Parameter current: The family as stored, or nil when the store has no family with this id.
    /// - Throws: ``StoreError`` naming the missing family, person or record, a duplicate id,
    ///   or a change that is not valid as given. Nothing is changed when it throws.
    package func applying(to current: Family?) throws -> Family {
        if case .addFamily(let family) = self {
            try family.checkIDs()
            guard current == nil else { throw StoreError.duplicateFamily(family.id) }
            try family.validateForStore()
            return family
        }
        guard let family = current else { throw StoreError.familyNotFound(self.family) }
        let changed = try applyingChange(to: family)
        // Forms, imports and other stores all come through here: no record enters with an id outside the grammar.
        try changed.checkIDs()
        return changed
    }

    /// The family as it stands after this change in a store of `kind`; a live store refuses any fictional record.
    ///
    /// Every way into a store (import, forms, casework, sync) comes through here, so a live store never takes
    /// a record whose id carries the fictional mark `ZZ-` (``IDNamespace``). The whole resulting family is
    /// checked, naming the first such record. Demonstration and training stores mint only fictional ids and
    /// take only fictional documents on import (``FamilyDocument/namespaceProblem``); `check` reports any
    /// live id found in them.
    ///
    /// - Throws: what ``applying(to:)`` throws, or ``StoreError/fictionalDataInLiveStore(_:)`` naming the
    ///   record. Nothing is changed when it throws.
    package func applying(to current: Family?, in kind: StoreKind) throws -> Family {
        let family = try applying(to: current)
        if !kind.isFictional { try family.checkNamespace(for: kind) }
        return family
    }

    private func applyingChange(to family: Family) throws -> Family {
        var family = family
        switch self {
        case .addFamily:
            break
        case .updateFamilyFields(_, let fields):
            let details = try FieldValues.setting(fields, on: FamilyDetails(of: family), what: "family \(family.id)")
            family.name = details.name
            family.address = details.address
            family.locality = details.locality
            family.languages = details.languages
            family.interpreterNeeded = details.interpreterNeeded
            family.accessNotes = details.accessNotes
            family.leadProfessional = details.leadProfessional
            family.teamAroundFamily = details.teamAroundFamily
        case .addPerson(_, let person, let relationships):
            guard family.member(person.id) == nil else { throw StoreError.duplicateRecord(person.id.rawValue) }
            family.members.append(person)
            try family.checkRelationships(relationships, of: person.id)
            family.relationships += relationships
        case .updatePersonFields(_, let personID, var fields):
            guard let index = family.members.firstIndex(where: { $0.id == personID }) else {
                throw StoreError.personNotFound(family.id, personID)
            }
            let relationshipsValue = fields.removeValue(forKey: .relationships)
            var person = try FieldValues.setting(fields, on: family.members[index], what: "\(personID)")
            person.levelHistory = family.members[index].levelHistory
            family.members[index] = person
            if let relationshipsValue {
                guard let relationships = try? relationshipsValue.decoded(as: [Relationship].self) else {
                    throw StoreError.invalidChange("the relationships given for \(personID) are not valid")
                }
                try family.checkRelationships(relationships, of: personID)
                family.relationships.removeAll { $0.from == personID || $0.to == personID }
                family.relationships += relationships
            }
        case .recordLevel(_, let personID, let entry):
            guard let index = family.members.firstIndex(where: { $0.id == personID }) else {
                throw StoreError.personNotFound(family.id, personID)
            }
            family.members[index].levelHistory.append(entry)
        case .addCaseNote(_, let note):
            guard !family.notes.contains(where: { $0.id == note.id }) else {
                throw StoreError.duplicateRecord(note.id.rawValue)
            }
            try family.checkMembers(note.about)
            family.notes.append(note)
        case .addContact(_, let contact):
            guard !family.contacts.contains(where: { $0.id == contact.id }) else {
                throw StoreError.duplicateRecord(contact.id.rawValue)
            }
            try family.checkMembers(contact.about)
            family.contacts.append(contact)
        case .addReferral(_, let referral):
            guard !family.referrals.contains(where: { $0.id == referral.id }) else {
                throw StoreError.duplicateRecord(referral.id.rawValue)
            }
            try family.checkMembers(referral.people)
            if let contact = referral.contact, !family.contacts.contains(where: { $0.id == contact }) {
                throw StoreError.recordNotFound(family.id, contact.rawValue)
            }
            family.referrals.append(referral)
        case .updateReferralStatus(_, let referralID, let status):
            guard let index = family.referrals.firstIndex(where: { $0.id == referralID }) else {
                throw StoreError.recordNotFound(family.id, referralID.rawValue)
            }
            family.referrals[index].status = status
        case .recordConsent(_, let consent):
            guard !family.consents.contains(where: { $0.id == consent.id }) else {
                throw StoreError.duplicateRecord(consent.id.rawValue)
            }
            family.consents.append(consent)
        case .withdrawConsent(_, let consentID, let date):
            guard let index = family.consents.firstIndex(where: { $0.id == consentID }) else {
                throw StoreError.recordNotFound(family.id, consentID.rawValue)
            }
            let consent = family.consents[index]
            if let withdrawn = consent.withdrawnOn {
                throw StoreError.invalidChange("consent \(consentID) was already withdrawn on \(withdrawn.british)")
            }
            guard date >= consent.givenOn else {
                throw StoreError.invalidChange(
                    "consent \(consentID) cannot be withdrawn on \(date.british), before it was given on \(consent.givenOn.british)"
                )
            }
            family.consents[index].withdrawnOn = date
        case .openEpisode(_, let episode):
            guard !family.episodes.contains(where: { $0.id == episode.id }) else {
                throw StoreError.duplicateRecord(episode.id.rawValue)
            }
            family.episodes.append(episode)
        case .closeEpisode(_, let episodeID, let date, let reason):
            guard let index = family.episodes.firstIndex(where: { $0.id == episodeID }) else {
                throw StoreError.recordNotFound(family.id, episodeID.rawValue)
            }
            let episode = family.episodes[index]
            if let closed = episode.closedOn {
                throw StoreError.invalidChange("episode \(episodeID) was already closed on \(closed.british)")
            }
            guard date >= episode.openedOn else {
                throw StoreError.invalidChange(
                    "episode \(episodeID) cannot close on \(date.british), before it opened on \(episode.openedOn.british)"
                )
            }
            family.episodes[index].closedOn = date
            family.episodes[index].closureReason = reason
        case .saveAssessmentFields(_, let id, let fields):
            if let index = family.assessments.firstIndex(where: { $0.id == id }) {
                let assessment = try FieldValues.setting(
                    fields, on: family.assessments[index], what: "assessment \(id)")
                try family.checkMembers([assessment.subject])
                family.assessments[index] = assessment
            } else {
                var object = FieldValues.named(fields)
                object["id"] = .string(id.rawValue)
                guard let assessment = try? JSONValue.object(object).decoded(as: EarlyHelpAssessment.self) else {
                    throw StoreError.invalidChange("a new assessment (\(id)) needs every one of its fields")
                }
                try family.checkMembers([assessment.subject])
                family.assessments.append(assessment)
            }
        case .changeAddress, .addRelationship, .changeRelationship, .removeRelationship:
            try applyHousehold(to: &family)
        case .recordReferralOutcome, .changeLeadProfessional, .recordMeeting:
            family = try applyingCasework(to: family)
        case .resolveConflict(let resolution):
            return try resolution.fieldChange().applyingChange(to: family)
        case .amendCaseNote:
            family = try applyingNotes(to: family)
        case .mergeFamilies, .mergePeople, .undoMerge:
            return try applyingMerging(to: family)
        case .lifecycle(_, let change):
            return try change.applying(to: family)
        case .erasePerson:
            return try applyingErasure(to: family)
        case .eraseFamily:
            return try applyingFamilyErasure(to: family)
        case .decideRetention:
            return try applyingRetention(to: family)
        case .supportingFamilies(_, let change):
            return try change.applying(to: family)
        }
        return family
    }
}

extension Family {
    /// Checks what a store relies on in a whole family: unique ids, and every
    /// relationship and reference pointing at one of its members.
    package func validateForStore() throws {
        guard !id.rawValue.isEmpty else { throw StoreError.invalidChange("a family needs an id") }
        try Family.checkUnique(members.map(\.id.rawValue))
        try Family.checkUnique(contacts.map(\.id.rawValue))
        try Family.checkUnique(referrals.map(\.id.rawValue))
        try Family.checkUnique(notes.map(\.id.rawValue))
        try Family.checkUnique(consents.map(\.id.rawValue))
        try Family.checkUnique(episodes.map(\.id.rawValue))
        try Family.checkUnique(assessments.map(\.id.rawValue))
        try Family.checkUnique(meetings.map(\.id.rawValue))
        for relationship in relationships {
            try checkMembers([relationship.from, relationship.to])
            if relationship.from == relationship.to {
                throw StoreError.invalidChange("\(relationship.from) cannot be related to themselves")
            }
        }
        for note in notes { try checkMembers(note.about) }
        for contact in contacts { try checkMembers(contact.about) }
        for referral in referrals { try checkMembers(referral.people) }
        for assessment in assessments { try checkMembers([assessment.subject]) }
    }

    /// Throws unless every id is one of the members.
    package func checkMembers(_ people: [PersonID]) throws {
        for person in people where member(person) == nil { throw StoreError.personNotFound(id, person) }
    }

    /// Relationships given with a person must involve that person and point at members.
    func checkRelationships(_ relationships: [Relationship], of person: PersonID) throws {
        for relationship in relationships {
            guard relationship.from == person || relationship.to == person else {
                throw StoreError.invalidChange(
                    "the relationship \(relationship.from) → \(relationship.to) does not involve \(person)")
            }
            guard relationship.from != relationship.to else {
                throw StoreError.invalidChange("\(person) cannot be related to themselves")
            }
            try checkMembers([relationship.from, relationship.to])
        }
    }

    /// Throws unless every record's id is in the namespace of a store of `kind` (``IDNamespace``), naming the first.
    package func checkNamespace(for kind: StoreKind) throws {
        guard let first = recordsOutside(kind.idNamespace).first else { return }
        throw kind.isFictional ? StoreError.liveDataInFictionalStore(first) : StoreError.fictionalDataInLiveStore(first)
    }

    /// Throws unless every id in the family follows the id grammar (``EntityID/isWellFormed(_:)``).
    package func checkIDs() throws {
        func check(_ text: String, _ what: String) throws {
            do {
                _ = try FamilyID(validating: text)
            } catch {
                throw StoreError.invalidChange("\(what): \(error.description)")
            }
        }
        try check(id.rawValue, "the family's id")
        for person in members { try check(person.id.rawValue, "a person's id") }
        for relationship in relationships {
            try check(relationship.from.rawValue, "a relationship's person")
            try check(relationship.to.rawValue, "a relationship's person")
        }
        for contact in contacts { try check(contact.id.rawValue, "a contact's id") }
        for referral in referrals { try check(referral.id.rawValue, "a referral's id") }
        for note in notes { try check(note.id.rawValue, "a case note's id") }
        for consent in consents { try check(consent.id.rawValue, "a consent's id") }
        for episode in episodes { try check(episode.id.rawValue, "an episode's id") }
        for assessment in assessments { try check(assessment.id.rawValue, "an assessment's id") }
        for meeting in meetings { try check(meeting.id.rawValue, "a meeting's id") }
    }

    private static func checkUnique(_ ids: [String]) throws {
        var seen: Set<String> = []
        for id in ids where !seen.insert(id).inserted { throw StoreError.duplicateRecord(id) }
    }
}
