import Foundation
import SignpostDomain

/// A field of a family's household details that ``CaseChange/updateFamilyFields(_:fields:)`` sets.
///
/// The raw value is the field's name on the wire and in ``FamilyDetails``'s JSON; it never changes.
public enum FamilyField: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
    case name
    case address
    case locality
    case languages
    case interpreterNeeded
    case accessNotes
    case leadProfessional
    case teamAroundFamily
}

/// A field of a person that ``CaseChange/updatePersonFields(family:person:fields:)`` sets.
///
/// The raw value is the field's name on the wire and in ``Person``'s JSON;
/// `relationships` is every relationship the person is in (a JSON array of
/// ``Relationship``). The level history is not a field: levels are appended
/// (``CaseChange/recordLevel(family:person:_:)``).
public enum PersonField: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
    case role
    case givenName
    case familyName
    case alsoKnownAs
    case dateOfBirth
    case expectedDeliveryDate
    case gender
    case ethnicity
    case firstLanguage
    case needs
    case hasParentalResponsibility
    case phone
    case relationships
}

/// A field of an assessment that ``CaseChange/saveAssessmentFields(family:assessment:fields:)`` sets.
///
/// The raw value is the field's name on the wire and in ``EarlyHelpAssessment``'s JSON.
public enum AssessmentRecordField: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
    case subject
    case status
    case startedOn
    case completedOn
    case identifying
    case parentsAndCarers
    case peoplePresent
    case whatLedToAssessment
    case currentSituation
    case assessor
    case leadProfessional
    case servicesInvolved
    case childViews
    case parentViews
    case version
    case supersedes
    case consentToAssess
    case servicesList
    case elements
    case conclusions
    case actions
    case consentToShare
    case reviews
    case closure
    /// The children in need census factors identified at the end of the assessment (#17).
    case factorsIdentified
    /// The partner and file an imported assessment came from (#17).
    case importedFrom
}

extension CaseChange {
    /// Sets every household detail to `details` (the family form's save); the store records only those that changed.
    public static func updateFamilyDetails(_ family: FamilyID, _ details: FamilyDetails) -> CaseChange {
        .updateFamilyFields(family, fields: FieldValues.all(of: details, FamilyField.self))
    }

    /// Sets every detail of `person` and all their relationships (the person form's save);
    /// the store records only what changed. The person's level history is kept as stored.
    public static func updatePerson(family: FamilyID, _ person: Person, relationships: [Relationship]) -> CaseChange {
        var fields = FieldValues.all(of: person, PersonField.self)
        fields[.relationships] = FieldValues.json(relationships)
        return .updatePersonFields(family: family, person: person.id, fields: fields)
    }

    /// Saves `assessment` whole (the assessment editor's save): starts it, or sets every field of the stored one;
    /// the store records only the fields that changed.
    public static func saveAssessment(family: FamilyID, _ assessment: EarlyHelpAssessment) -> CaseChange {
        .saveAssessmentFields(
            family: family, assessment: assessment.id,
            fields: FieldValues.all(of: assessment, AssessmentRecordField.self))
    }

    /// The fields this change sets, by their wire names; nil for a change that adds or appends.
    public var fieldValues: [String: JSONValue]? {
        switch self {
        case .updateFamilyFields(_, let fields): return FieldValues.named(fields)
        case .updatePersonFields(_, _, let fields): return FieldValues.named(fields)
        case .saveAssessmentFields(_, _, let fields): return FieldValues.named(fields)
        case .updateReferralStatus(_, _, let status): return ["status": .string(status.rawValue)]
        case .recordReferralOutcome(_, _, let outcome): return ["status": .string(outcome.status.rawValue)]
        case .resolveConflict(let resolution): return [resolution.field: resolution.value]
        default: return nil
        }
    }

    /// The same change setting only the fields of `names` (a pulled change the server did not apply whole).
    ///
    /// Changes that do not set fields are returned as they are.
    package func keepingFields(_ names: Set<String>) -> CaseChange {
        switch self {
        case .updateFamilyFields(let family, let fields):
            return .updateFamilyFields(family, fields: fields.filter { names.contains($0.key.rawValue) })
        case .updatePersonFields(let family, let person, let fields):
            return .updatePersonFields(
                family: family, person: person, fields: fields.filter { names.contains($0.key.rawValue) })
        case .saveAssessmentFields(let family, let assessment, let fields):
            return .saveAssessmentFields(
                family: family, assessment: assessment, fields: fields.filter { names.contains($0.key.rawValue) })
        case .recordReferralOutcome(let family, let referral, let outcome) where !names.contains("status"):
            // Another outcome was recorded first and stands on the server: this one is kept in the audit only.
            return .lifecycle(family: family, .setAsideReferralOutcome(referral, outcome))
        case .resolveConflict(let resolution) where !names.contains(resolution.field):
            // The server held the resolution's value as a new conflict: its value stands, so
            // the record is left as it is (the edit, with no fields, still says what was tried).
            return (try? resolution.fieldChange().keepingFields([])) ?? self
        default:
            return self
        }
    }

    /// This change as the outbox keeps it: only the fields whose values differ from `before`.
    ///
    /// - Parameter before: The family as stored before the change; nil when the change adds it.
    /// - Returns: The trimmed change, or the change as it is when it sets no fields or starts a new record.
    package func trimmed(against before: Family?) -> CaseChange {
        guard let before else { return self }
        switch self {
        case .updateFamilyFields(let family, let fields):
            let stored = FieldValues.all(of: FamilyDetails(of: before), FamilyField.self)
            return .updateFamilyFields(family, fields: fields.filter { stored[$0.key] != $0.value })
        case .updatePersonFields(let family, let person, let fields):
            guard let old = before.member(person) else { return self }
            var stored = FieldValues.all(of: old, PersonField.self)
            stored[.relationships] = FieldValues.json(before.relationshipsInvolving(person))
            return .updatePersonFields(
                family: family, person: person,
                fields: fields.filter { field, value in
                    field == .relationships
                        ? Set((try? value.decoded(as: [Relationship].self)) ?? [])
                            != Set(before.relationshipsInvolving(person))
                        : stored[field] != value
                })
        case .saveAssessmentFields(let family, let assessment, let fields):
            guard let old = before.assessments.first(where: { $0.id == assessment }) else { return self }
            let stored = FieldValues.all(of: old, AssessmentRecordField.self)
            return .saveAssessmentFields(
                family: family, assessment: assessment, fields: fields.filter { stored[$0.key] != $0.value })
        default:
            return self
        }
    }
}

extension Family {
    /// The relationships `person` is in, in the family's order.
    package func relationshipsInvolving(_ person: PersonID) -> [Relationship] {
        relationships.filter { $0.from == person || $0.to == person }
    }
}

/// Turning records into field values and back, through their JSON form.
package enum FieldValues {
    /// The value's JSON; `.null` when it cannot be encoded (the domain's types always can).
    static func json(_ value: some Encodable) -> JSONValue {
        (try? JSONValue(encoding: value)) ?? .null
    }

    /// Every field of `record` named by `Field`; `.null` for one its JSON leaves out (an optional holding nothing).
    package static func all<Field: RawRepresentable & CaseIterable & Hashable>(
        of record: some Encodable, _ field: Field.Type
    ) -> [Field: JSONValue] where Field.RawValue == String {
        guard case .object(let object) = json(record) else { return [:] }
        return Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0, object[$0.rawValue] ?? .null) })
    }

    /// Fields keyed by their wire names.
    static func named<Field: RawRepresentable>(_ fields: [Field: JSONValue]) -> [String: JSONValue]
    where Field.RawValue == String {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) })
    }

    /// `record` with `fields` set, read back through its JSON form.
    ///
    /// - Throws: ``StoreError/invalidChange(_:)`` naming `what` when a value does not fit its field.
    static func setting<Record: Codable, Field: RawRepresentable>(
        _ fields: [Field: JSONValue], on record: Record, what: String
    ) throws -> Record where Field.RawValue == String {
        guard case .object(var object) = json(record) else {
            throw StoreError.invalidChange("\(what) cannot be read as fields")
        }
        for (field, value) in fields { object[field.rawValue] = value }
        do {
            return try JSONValue.object(object).decoded(as: Record.self)
        } catch {
            let names = fields.keys.map(\.rawValue).sorted().joined(separator: ", ")
            throw StoreError.invalidChange("the values given for \(what) (\(names)) are not valid")
        }
    }
}
