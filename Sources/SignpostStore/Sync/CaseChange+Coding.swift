import Foundation
import SignpostDomain

/// The JSON form of a change: versioned, with a `kind` equal to ``CaseChange/action``.
///
/// The keys are spelt out here rather than taken from Swift's names, so
/// renaming a case or a label in Swift never changes what is stored in an
/// outbox or on the team server. `version` is ``CaseChange/codingVersion``; a
/// change written by a newer Signpost is refused with a clear error rather
/// than half-read.
///
/// ```json
/// {"family":"F-0001","kind":"add-case-note","record":{…the note…},"version":1}
/// {"family":"F-0001","fields":{"phone":"020 7946 0001"},"kind":"update-person","person":"P-0002","version":1}
/// ```
extension CaseChange: Codable {
    /// The version of the JSON form this code writes and reads.
    public static let codingVersion = 1

    enum CodingKeys: String, CodingKey {
        case version, kind, family, record, relationships, person, fields, referral, status, consent, on, episode,
            reason, assessment, at, by, between, and, conflict, edits, field, value, choice, note, merge
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .version)
        guard version == Self.codingVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "change version \(version) is not one this Signpost reads (\(Self.codingVersion))")
        }
        let kind = try container.decode(String.self, forKey: .kind)
        if kind == "add-family" {
            self = .addFamily(try container.decode(Family.self, forKey: .record))
            return
        }
        let family = try container.decode(FamilyID.self, forKey: .family)
        switch kind {
        case "update-family":
            self = .updateFamilyFields(
                family, fields: try container.decode([FamilyField: JSONValue].self, forKey: .fields))
        case "add-person":
            self = .addPerson(
                family: family, try container.decode(Person.self, forKey: .record),
                relationships: try container.decode([Relationship].self, forKey: .relationships))
        case "update-person":
            self = .updatePersonFields(
                family: family, person: try container.decode(PersonID.self, forKey: .person),
                fields: try container.decode([PersonField: JSONValue].self, forKey: .fields))
        case "record-level":
            self = .recordLevel(
                family: family, person: try container.decode(PersonID.self, forKey: .person),
                try container.decode(LevelEntry.self, forKey: .record))
        case "add-case-note":
            self = .addCaseNote(family: family, try container.decode(CaseNote.self, forKey: .record))
        case "add-contact":
            self = .addContact(family: family, try container.decode(Contact.self, forKey: .record))
        case "add-referral":
            self = .addReferral(family: family, try container.decode(Referral.self, forKey: .record))
        case "update-referral-status":
            self = .updateReferralStatus(
                family: family, referral: try container.decode(ReferralID.self, forKey: .referral),
                try container.decode(ReferralStatus.self, forKey: .status))
        case "record-consent":
            self = .recordConsent(family: family, try container.decode(ConsentRecord.self, forKey: .record))
        case "withdraw-consent":
            self = .withdrawConsent(
                family: family, consent: try container.decode(ConsentID.self, forKey: .consent),
                on: try container.decode(CalendarDate.self, forKey: .on))
        case "open-episode":
            self = .openEpisode(family: family, try container.decode(EarlyHelpEpisode.self, forKey: .record))
        case "close-episode":
            self = .closeEpisode(
                family: family, episode: try container.decode(EpisodeID.self, forKey: .episode),
                on: try container.decode(CalendarDate.self, forKey: .on),
                reason: try container.decode(ClosureReason.self, forKey: .reason))
        case "save-assessment":
            self = .saveAssessmentFields(
                family: family, assessment: try container.decode(AssessmentID.self, forKey: .assessment),
                fields: try container.decode([AssessmentRecordField: JSONValue].self, forKey: .fields))
        case "resolve-conflict":
            self = .resolveConflict(
                ConflictResolution(
                    conflict: try container.decode(Int64.self, forKey: .conflict), family: family,
                    record: try container.decode(String.self, forKey: .record),
                    edits: try container.decode(String.self, forKey: .edits),
                    field: try container.decode(String.self, forKey: .field),
                    value: try container.decode(JSONValue.self, forKey: .value),
                    choice: try container.decode(ConflictResolution.Choice.self, forKey: .choice)))
        default:
            if let change = try Self.decodeHousehold(kind: kind, family: family, from: container)
                ?? Self.decodeCasework(kind: kind, family: family, from: container)
                ?? Self.decodeNotes(kind: kind, family: family, from: container)
                ?? Self.decodeMerging(kind: kind, from: container)
                ?? Self.decodeErasure(kind: kind, from: container)
                ?? Self.decodeRetention(kind: kind, family: family, from: container)
                ?? Self.decodeFamilyErasure(kind: kind, from: container)
            {
                self = change
                return
            }
            if let change = try LifecycleChange.decode(kind: kind, from: container) {
                self = .lifecycle(family: family, change)
                return
            }
            if let change = try SupportingFamiliesChange.decode(kind: kind, from: container) {
                self = .supportingFamilies(family: family, change)
                return
            }
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "\"\(kind)\" is not a kind of change this Signpost knows")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.codingVersion, forKey: .version)
        try container.encode(action, forKey: .kind)
        if case .addFamily(let family) = self {
            try container.encode(family, forKey: .record)
            return
        }
        try container.encode(family, forKey: .family)
        switch self {
        case .addFamily:
            break
        case .updateFamilyFields(_, let fields):
            try container.encode(fields, forKey: .fields)
        case .addPerson(_, let person, let relationships):
            try container.encode(person, forKey: .record)
            try container.encode(relationships, forKey: .relationships)
        case .updatePersonFields(_, let person, let fields):
            try container.encode(person, forKey: .person)
            try container.encode(fields, forKey: .fields)
        case .recordLevel(_, let person, let entry):
            try container.encode(person, forKey: .person)
            try container.encode(entry, forKey: .record)
        case .addCaseNote(_, let note):
            try container.encode(note, forKey: .record)
        case .addContact(_, let contact):
            try container.encode(contact, forKey: .record)
        case .addReferral(_, let referral):
            try container.encode(referral, forKey: .record)
        case .updateReferralStatus(_, let referral, let status):
            try container.encode(referral, forKey: .referral)
            try container.encode(status, forKey: .status)
        case .recordConsent(_, let consent):
            try container.encode(consent, forKey: .record)
        case .withdrawConsent(_, let consent, let date):
            try container.encode(consent, forKey: .consent)
            try container.encode(date, forKey: .on)
        case .openEpisode(_, let episode):
            try container.encode(episode, forKey: .record)
        case .closeEpisode(_, let episode, let date, let reason):
            try container.encode(episode, forKey: .episode)
            try container.encode(date, forKey: .on)
            try container.encode(reason, forKey: .reason)
        case .saveAssessmentFields(_, let assessment, let fields):
            try container.encode(assessment, forKey: .assessment)
            try container.encode(fields, forKey: .fields)
        case .changeAddress, .addRelationship, .changeRelationship, .removeRelationship:
            try encodeHousehold(into: &container)
        case .recordReferralOutcome, .changeLeadProfessional, .recordMeeting:
            try encodeCasework(into: &container)
        case .amendCaseNote:
            try encodeNotes(into: &container)
        case .resolveConflict(let resolution):
            try container.encode(resolution.conflict, forKey: .conflict)
            try container.encode(resolution.record, forKey: .record)
            try container.encode(resolution.edits, forKey: .edits)
            try container.encode(resolution.field, forKey: .field)
            try container.encode(resolution.value, forKey: .value)
            try container.encode(resolution.choice, forKey: .choice)
        case .mergeFamilies, .mergePeople, .undoMerge:
            try encodeMerging(into: &container)
        case .lifecycle(_, let change):
            try change.encode(into: &container)
        case .erasePerson:
            try encodeErasure(into: &container)
        case .decideRetention:
            try encodeRetention(into: &container)
        case .supportingFamilies(_, let change):
            try change.encode(into: &container)
        case .eraseFamily:
            try encodeFamilyErasure(into: &container)
        }
    }
}
