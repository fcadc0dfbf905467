import Foundation
import SignpostDomain

/// One change to the case record, applied through ``CaseStore/apply(_:by:)`` and audited.
///
/// Changes are small and named for what a practitioner did, so that the audit
/// trail reads as a record of work ("added a case note", "set Ava's level to 3").
public enum CaseChange: Hashable, Sendable {
    /// A new family with everything it holds (new contact, import, fixtures).
    case addFamily(Family)
    /// New household details; people and casework are left as they are.
    case updateFamilyDetails(FamilyID, FamilyDetails)
    case addPerson(family: FamilyID, Person, relationships: [Relationship])
    /// Replaces a person's details and their relationships; their level history is kept as stored.
    case updatePerson(family: FamilyID, Person, relationships: [Relationship])
    case recordLevel(family: FamilyID, person: PersonID, LevelEntry)
    case addCaseNote(family: FamilyID, CaseNote)
    case addContact(family: FamilyID, Contact)
    case addReferral(family: FamilyID, Referral)
    case updateReferralStatus(family: FamilyID, referral: ReferralID, ReferralStatus)
    case recordConsent(family: FamilyID, ConsentRecord)
    case withdrawConsent(family: FamilyID, consent: ConsentID, on: CalendarDate)
    case openEpisode(family: FamilyID, EarlyHelpEpisode)
    case closeEpisode(family: FamilyID, episode: EpisodeID, on: CalendarDate, reason: ClosureReason)
    /// Inserts or replaces an assessment (drafts are saved as they are typed).
    case saveAssessment(family: FamilyID, EarlyHelpAssessment)

    /// The family the change is about.
    public var family: FamilyID {
        switch self {
        case .addFamily(let family): return family.id
        case .updateFamilyDetails(let id, _): return id
        case .addPerson(let id, _, _), .updatePerson(let id, _, _), .recordLevel(let id, _, _),
            .addCaseNote(let id, _), .addContact(let id, _), .addReferral(let id, _),
            .updateReferralStatus(let id, _, _), .recordConsent(let id, _), .withdrawConsent(let id, _, _),
            .openEpisode(let id, _), .closeEpisode(let id, _, _, _), .saveAssessment(let id, _):
            return id
        }
    }

    /// The audit action name (`add-case-note`).
    public var action: String {
        switch self {
        case .addFamily: return "add-family"
        case .updateFamilyDetails: return "update-family"
        case .addPerson: return "add-person"
        case .updatePerson: return "update-person"
        case .recordLevel: return "record-level"
        case .addCaseNote: return "add-case-note"
        case .addContact: return "add-contact"
        case .addReferral: return "add-referral"
        case .updateReferralStatus: return "update-referral-status"
        case .recordConsent: return "record-consent"
        case .withdrawConsent: return "withdraw-consent"
        case .openEpisode: return "open-episode"
        case .closeEpisode: return "close-episode"
        case .saveAssessment: return "save-assessment"
        }
    }

    /// The id of the record changed (a person, a note, a referral…), or the family's own id.
    public var recordID: String {
        switch self {
        case .addFamily(let family): return family.id.rawValue
        case .updateFamilyDetails(let id, _): return id.rawValue
        case .addPerson(_, let person, _), .updatePerson(_, let person, _): return person.id.rawValue
        case .recordLevel(_, let person, _): return person.rawValue
        case .addCaseNote(_, let note): return note.id.rawValue
        case .addContact(_, let contact): return contact.id.rawValue
        case .addReferral(_, let referral): return referral.id.rawValue
        case .updateReferralStatus(_, let referral, _): return referral.rawValue
        case .recordConsent(_, let consent): return consent.id.rawValue
        case .withdrawConsent(_, let consent, _): return consent.rawValue
        case .openEpisode(_, let episode): return episode.id.rawValue
        case .closeEpisode(_, let episode, _, _): return episode.rawValue
        case .saveAssessment(_, let assessment): return assessment.id.rawValue
        }
    }
}

/// The household details that ``CaseChange/updateFamilyDetails(_:_:)`` replaces.
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

    public init(at: Date, actor: String, action: String, family: FamilyID?, recordID: String, summary: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.family = family
        self.recordID = recordID
        self.summary = summary
    }
}
