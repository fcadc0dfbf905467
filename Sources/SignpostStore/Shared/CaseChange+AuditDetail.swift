import Foundation
import SignpostDomain

extension CaseChange {
    /// The values behind the change's audit entry: each field with its old and new value.
    ///
    /// A change that sets fields lists only those whose value differs from what was stored, each with
    /// the value before and after; a level lists the level before and after and the reason; a new
    /// record lists its fields' values. Values are written as text (dates as ISO 8601), lists and
    /// records as compact JSON.
    ///
    /// - Parameters:
    ///   - before: The family before the change (nil when it is being added).
    ///   - after: The family after the change.
    package func auditDetail(before: Family?, after: Family) -> AuditDetail {
        AuditDetail(changes: auditValues(before: before, after: after))
    }

    private func auditValues(before: Family?, after: Family) -> [AuditValueChange] {
        switch self {
        case .addFamily(let family):
            return [
                AuditValueChange(field: "name", old: nil, new: family.name),
                AuditValueChange(field: "address", old: nil, new: family.address.singleLine),
                AuditValueChange(field: "locality", old: nil, new: family.locality.label),
                AuditValueChange(
                    field: "members", old: nil, new: family.members.map(\.fullName).joined(separator: ", ")),
            ]
        case .recordLevel(_, let person, let entry):
            let previous = before?.member(person)?.currentLevel.map { String($0.rawValue) }
            var values = [
                AuditValueChange(field: "level", old: previous, new: String(entry.level.rawValue)),
                AuditValueChange(field: "reason", old: nil, new: entry.reason),
            ]
            if let suggested = entry.suggestedLevel {
                values.append(AuditValueChange(field: "suggested level", old: nil, new: String(suggested.rawValue)))
            }
            return values
        case .updateReferralStatus(_, let id, let status):
            let old = before?.referrals.first { $0.id == id }?.status.rawValue
            return [AuditValueChange(field: "status", old: old, new: status.rawValue)]
        case .amendCaseNote:
            return notesAuditValues(before: before)
        case .updateFamilyFields, .updatePersonFields, .saveAssessmentFields:
            return fieldAuditValues(before: before)
        default:
            return recordAuditValues()
        }
    }

    /// Old and new values of the fields a field change actually changed.
    private func fieldAuditValues(before: Family?) -> [AuditValueChange] {
        let trimmed = trimmed(against: before)
        guard let fields = trimmed.fieldValues else { return [] }
        var stored: [String: JSONValue] = [:]
        switch self {
        case .updateFamilyFields:
            if let before {
                stored = FieldValues.named(FieldValues.all(of: FamilyDetails(of: before), FamilyField.self))
            }
        case .updatePersonFields(_, let person, _):
            if let old = before?.member(person) {
                stored = FieldValues.named(FieldValues.all(of: old, PersonField.self))
                stored[PersonField.relationships.rawValue] = FieldValues.json(
                    before?.relationshipsInvolving(person) ?? [])
            }
        case .saveAssessmentFields(_, let id, _):
            if let old = before?.assessments.first(where: { $0.id == id }) {
                stored = FieldValues.named(FieldValues.all(of: old, AssessmentRecordField.self))
            }
        default:
            break
        }
        return fields.keys.sorted().map { field in
            AuditValueChange(field: field, old: stored[field].flatMap(Self.text), new: fields[field].flatMap(Self.text))
        }
    }

    /// The values of what an added (or appended) record holds: its fields, dates as ISO 8601.
    private func recordAuditValues() -> [AuditValueChange] {
        guard case .object(let object)? = recordAuditObject() else { return [] }
        var values: [AuditValueChange] = []
        for key in object.keys.sorted() where !["version", "kind", "family"].contains(key) {
            if key == "record", case .object(let record)? = object[key] {
                for field in record.keys.sorted() {
                    guard let text = record[field].flatMap(Self.text) else { continue }
                    values.append(AuditValueChange(field: field, old: nil, new: text))
                }
            } else if let text = object[key].flatMap(Self.text) {
                values.append(AuditValueChange(field: key, old: nil, new: text))
            }
        }
        return values
    }

    /// The change as JSON with ISO 8601 dates: encoded straight into a ``JSONValue``, or through JSON
    /// text for a value the direct encoder does not write the same way.
    package func recordAuditObject() -> JSONValue? {
        if let direct = try? JSONValueEncoder().encode(self) { return direct }
        return recordAuditObjectThroughText()
    }

    /// The change written as JSON text with ISO 8601 dates and read back: what
    /// ``recordAuditObject()`` gives, the slow way.
    package func recordAuditObjectThroughText() -> JSONValue? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(self) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// A value as text: strings as they are, nothing as nil, lists and records as compact JSON.
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text
        case .bool(let flag): return flag ? "yes" : "no"
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .array(let items) where items.isEmpty: return nil
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
