import Foundation
import SignpostDomain

/// One change to the case record, applied through ``CaseStore/apply(_:by:)`` and audited.
///
/// Changes are small and named for what a practitioner did, so that the audit
/// trail reads as a record of work ("added a case note", "set Ava's level to 3").
///
/// A change is also what travels to the team server (``ChangeEnvelope``), so
/// updates to a family's details, a person and an assessment name only the
/// fields they set: two practitioners changing different fields of one record
/// never overwrite each other. The forms build them from a whole record
/// (``updatePerson(family:_:relationships:)``, ``updateFamilyDetails(_:_:)``,
/// ``saveAssessment(family:_:)``); the store keeps only the fields that differ
/// from what it holds when it writes the change to its outbox.
///
/// ```swift
/// try store.apply([.updatePersonFields(family: "F-0001", person: "P-0002", fields: [.phone: "020 7946 0001"])], by: "jo")
/// ```
public enum CaseChange: Hashable, Sendable {
    /// A new family with everything it holds (new contact, import, fixtures).
    case addFamily(Family)
    /// Sets some of a family's household details; people and casework are left as they are.
    case updateFamilyFields(FamilyID, fields: [FamilyField: JSONValue])
    case addPerson(family: FamilyID, Person, relationships: [Relationship])
    /// Sets some of a person's details (and, with ``PersonField/relationships``, all their relationships);
    /// their level history is changed only by ``recordLevel(family:person:_:)``.
    case updatePersonFields(family: FamilyID, person: PersonID, fields: [PersonField: JSONValue])
    case recordLevel(family: FamilyID, person: PersonID, LevelEntry)
    case addCaseNote(family: FamilyID, CaseNote)
    case addContact(family: FamilyID, Contact)
    case addReferral(family: FamilyID, Referral)
    case updateReferralStatus(family: FamilyID, referral: ReferralID, ReferralStatus)
    case recordConsent(family: FamilyID, ConsentRecord)
    case withdrawConsent(family: FamilyID, consent: ConsentID, on: CalendarDate)
    case openEpisode(family: FamilyID, EarlyHelpEpisode)
    case closeEpisode(family: FamilyID, episode: EpisodeID, on: CalendarDate, reason: ClosureReason)
    /// Sets some fields of an assessment, or starts one when there is none with that id (then with
    /// every field it needs). Drafts are saved as they are typed.
    case saveAssessmentFields(family: FamilyID, assessment: AssessmentID, fields: [AssessmentRecordField: JSONValue])
    /// The family moved: `move.address` from `move.movedOn`; the address they left is kept with its dates.
    case changeAddress(family: FamilyID, AddressMove)
    /// Relates two members (`by` is who recorded it, for the chronology); refused when they are already related (change that instead) or it contradicts another.
    case addRelationship(family: FamilyID, Relationship, at: Date, by: String)
    /// Replaces the relationship recorded between the same two people, in either direction.
    case changeRelationship(family: FamilyID, Relationship, at: Date, by: String)
    /// Removes the relationship recorded between two people, in either direction.
    case removeRelationship(family: FamilyID, between: PersonID, and: PersonID, at: Date, by: String)
    /// A service's answer to a referral (accepted, declined, closed) or its withdrawal, with the date and why
    /// (see `CaseChange+Casework.swift`).
    case recordReferralOutcome(family: FamilyID, referral: ReferralID, ReferralOutcome)
    /// Names, changes or removes the lead professional, keeping the change in the family's history.
    case changeLeadProfessional(family: FamilyID, LeadProfessionalChange)
    /// A team around the family meeting or review, with its plan and the next review date.
    case recordMeeting(family: FamilyID, TeamMeeting)
    /// Settles a conflict the team server recorded: sets the field to the chosen value, and once
    /// pushed marks the conflict resolved on the server (``ConflictResolution``).
    case resolveConflict(ConflictResolution)
    /// Corrects a case note: the new text with who, when and why; the original is kept (see `CaseChange+Notes.swift`).
    case amendCaseNote(family: FamilyID, note: CaseNoteID, CaseNoteAmendment)
    /// Folds one family into another: every record moves to the survivor, and the absorbed family's id
    /// becomes an alias of it (see `CaseChange+Merging.swift`).
    case mergeFamilies(FamilyMerge)
    /// Folds one member into another of the same family; the absorbed person's id becomes an alias.
    case mergePeople(PersonMerge)
    /// Puts back the families a merge joined, exactly as they were, and removes its aliases.
    case undoMerge(MergeUndo)
    /// A later stage of a case's life: a social-care status, an episode on hold or resumed, the team's members
    /// (see `CaseChange+Lifecycle.swift`).
    case lifecycle(family: FamilyID, LifecycleChange)
    /// Erases one person from a family everywhere the store holds them, after review (see `CaseChange+Erasure.swift`).
    case erasePerson(PersonErasure)
    /// A retention review keeps a closed record until a day, with why (see `CaseChange+Retention.swift`).
    case decideRetention(family: FamilyID, RetentionDecision)
    /// Supporting Families work: a need identified against a headline outcome area, the outcome achieved, the
    /// six-month check (see `CaseChange+SupportingFamilies.swift`).
    case supportingFamilies(family: FamilyID, SupportingFamiliesChange)
    /// Erases a whole family (its last member with it) everywhere the store holds it, after review (see
    /// `CaseChange+FamilyErasure.swift`).
    case eraseFamily(FamilyErasure)

    /// The family the change is about.
    public var family: FamilyID {
        switch self {
        case .addFamily(let family): return family.id
        case .updateFamilyFields(let id, _): return id
        case .addPerson(let id, _, _), .updatePersonFields(let id, _, _), .recordLevel(let id, _, _),
            .addCaseNote(let id, _), .addContact(let id, _), .addReferral(let id, _),
            .updateReferralStatus(let id, _, _), .recordConsent(let id, _), .withdrawConsent(let id, _, _),
            .openEpisode(let id, _), .closeEpisode(let id, _, _, _), .saveAssessmentFields(let id, _, _):
            return id
        case .changeAddress, .addRelationship, .changeRelationship, .removeRelationship:
            return householdFamily
        case .recordReferralOutcome, .changeLeadProfessional, .recordMeeting: return caseworkFamily
        case .resolveConflict(let resolution): return resolution.family
        case .amendCaseNote(let family, _, _): return family
        case .mergeFamilies, .mergePeople, .undoMerge: return mergingFamily
        case .lifecycle(let family, _): return family
        case .erasePerson(let erasure): return erasure.family
        case .decideRetention(let family, _): return family
        case .supportingFamilies(let family, _): return family
        case .eraseFamily(let erasure): return erasure.family
        }
    }

    /// The audit action name (`add-case-note`).
    public var action: String {
        switch self {
        case .addFamily: return "add-family"
        case .updateFamilyFields: return "update-family"
        case .addPerson: return "add-person"
        case .updatePersonFields: return "update-person"
        case .recordLevel: return "record-level"
        case .addCaseNote: return "add-case-note"
        case .addContact: return "add-contact"
        case .addReferral: return "add-referral"
        case .updateReferralStatus: return "update-referral-status"
        case .recordConsent: return "record-consent"
        case .withdrawConsent: return "withdraw-consent"
        case .openEpisode: return "open-episode"
        case .closeEpisode: return "close-episode"
        case .saveAssessmentFields: return "save-assessment"
        case .changeAddress, .addRelationship, .changeRelationship, .removeRelationship: return householdAction
        case .recordReferralOutcome, .changeLeadProfessional, .recordMeeting: return caseworkAction
        case .resolveConflict: return "resolve-conflict"
        case .amendCaseNote: return Self.amendNoteAction
        case .mergeFamilies, .mergePeople, .undoMerge: return mergingAction
        case .lifecycle(_, let change): return change.action
        case .erasePerson: return "erase-person"
        case .decideRetention: return Self.retentionAction
        case .supportingFamilies(_, let change): return change.action
        case .eraseFamily: return "erase-family"
        }
    }

    /// The id of the record changed (a person, a note, a referral…), or the family's own id.
    public var recordID: String {
        switch self {
        case .addFamily(let family): return family.id.rawValue
        case .updateFamilyFields(let id, _): return id.rawValue
        case .addPerson(_, let person, _): return person.id.rawValue
        case .updatePersonFields(_, let person, _): return person.rawValue
        case .recordLevel(_, let person, _): return person.rawValue
        case .addCaseNote(_, let note): return note.id.rawValue
        case .addContact(_, let contact): return contact.id.rawValue
        case .addReferral(_, let referral): return referral.id.rawValue
        case .updateReferralStatus(_, let referral, _): return referral.rawValue
        case .recordConsent(_, let consent): return consent.id.rawValue
        case .withdrawConsent(_, let consent, _): return consent.rawValue
        case .openEpisode(_, let episode): return episode.id.rawValue
        case .closeEpisode(_, let episode, _, _): return episode.rawValue
        case .saveAssessmentFields(_, let assessment, _): return assessment.rawValue
        case .changeAddress, .addRelationship, .changeRelationship, .removeRelationship: return householdRecordID
        case .recordReferralOutcome, .changeLeadProfessional, .recordMeeting: return caseworkRecordID
        case .resolveConflict(let resolution): return resolution.record
        case .amendCaseNote(_, let note, _): return note.rawValue
        case .mergeFamilies, .mergePeople, .undoMerge: return mergingRecordID
        case .lifecycle(let family, let change): return change.recordID(in: family)
        case .erasePerson(let erasure): return erasure.person.rawValue
        case .decideRetention(let family, _): return family.rawValue
        case .supportingFamilies(_, let change): return change.recordID
        case .eraseFamily(let erasure): return erasure.family.rawValue
        }
    }

    /// The kinds whose changes set fields of a record that others may also change (``ChangeEnvelope/fields``).
    ///
    /// Every other kind adds a record or appends to one, and never conflicts.
    public static let fieldKinds: Set<String> = [
        "update-family", "update-person", "update-referral-status", "save-assessment", "resolve-conflict",
        "record-referral-outcome",
    ]
}

/// The household details that ``CaseChange/updateFamilyDetails(_:_:)`` sets.
public struct FamilyDetails: Hashable, Codable, Sendable {
    public var name: String
    public var address: Address
    public var locality: Locality
    public var languages: [String]
    public var interpreterNeeded: Bool
    public var accessNotes: String
    public var leadProfessional: Professional?
    public var teamAroundFamily: [Professional]

    public init(
        name: String, address: Address, locality: Locality, languages: [String], interpreterNeeded: Bool,
        accessNotes: String, leadProfessional: Professional?, teamAroundFamily: [Professional]
    ) {
        self.name = name
        self.address = address
        self.locality = locality
        self.languages = languages
        self.interpreterNeeded = interpreterNeeded
        self.accessNotes = accessNotes
        self.leadProfessional = leadProfessional
        self.teamAroundFamily = teamAroundFamily
    }

    /// The details as they stand on `family`.
    public init(of family: Family) {
        self.init(
            name: family.name, address: family.address, locality: family.locality, languages: family.languages,
            interpreterNeeded: family.interpreterNeeded, accessNotes: family.accessNotes,
            leadProfessional: family.leadProfessional, teamAroundFamily: family.teamAroundFamily)
    }
}

/// One line of the audit trail: who did what to which record, and when.
public struct AuditEntry: Hashable, Sendable {
    public var at: Date
    public var actor: String
    /// `add-case-note`, `record-level`, `view-family`, …
    public var action: String
    public var family: FamilyID?
    public var recordID: String
    /// What changed, in plain words ("level 2 → 3: reason …").
    public var summary: String
    /// The values: each field with its old and new value; nil for a read, or an entry written before values were kept.
    public var detail: AuditDetail?
    /// The entry's place in the trail (higher is newer), as the store numbers it; nil until stored.
    /// ``AuditQuery/before`` pages on it.
    public var sequence: Int64?

    public init(
        at: Date, actor: String, action: String, family: FamilyID?, recordID: String, summary: String,
        detail: AuditDetail? = nil, sequence: Int64? = nil
    ) {
        self.at = at
        self.actor = actor
        self.action = action
        self.family = family
        self.recordID = recordID
        self.summary = summary
        self.detail = detail
        self.sequence = sequence
    }
}
