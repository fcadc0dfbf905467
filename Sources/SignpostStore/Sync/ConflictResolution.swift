import Foundation
import SignpostDomain

/// A practitioner's answer to a conflict the team server recorded: which value a field takes now.
///
/// It travels as its own change (``CaseChange/resolveConflict(_:)``, kind `resolve-conflict`):
/// applied and audited in the store like any other, pushed with the field it sets (so the server
/// checks it against the field's latest value as it does every edit), and, once the server has
/// it, the conflict it names is marked resolved there. Colleagues' stores apply it when they pull.
///
/// ```swift
/// let answer = ConflictResolution(
///     conflict: 12, family: "F-0001", record: "P-0002", edits: "update-person", field: "phone",
///     value: .string("020 7946 0001"), choice: .keepMine)
/// try store.apply([.resolveConflict(answer)], by: "sam")
/// ```
public struct ConflictResolution: Hashable, Codable, Sendable {
    /// Which of the two values was chosen, or a value made from both.
    public enum Choice: String, Hashable, Codable, Sendable, CaseIterable {
        case keepMine = "keep-mine"
        case takeTheirs = "take-theirs"
        case combined

        /// How the audit trail and the screens say it.
        public var label: String {
            switch self {
            case .keepMine: "kept mine"
            case .takeTheirs: "took theirs"
            case .combined: "combined both"
            }
        }
    }

    /// The server's id for the conflict this resolves.
    public var conflict: Int64
    public var family: FamilyID
    /// The record whose field was in conflict (a person, the family, an assessment, a referral).
    public var record: String
    /// The kind of edit that set the field (`update-person`, `update-family`, `save-assessment`,
    /// `update-referral-status`): which record type `record` is.
    public var edits: String
    /// The field's wire name (`phone`).
    public var field: String
    /// The value the field takes now.
    public var value: JSONValue
    public var choice: Choice

    public init(
        conflict: Int64, family: FamilyID, record: String, edits: String, field: String, value: JSONValue,
        choice: Choice
    ) {
        self.conflict = conflict
        self.family = family
        self.record = record
        self.edits = edits
        self.field = field
        self.value = value
        self.choice = choice
    }

    /// The ordinary edit that sets the field to ``value``: what applying the resolution does to the record.
    ///
    /// - Throws: ``StoreError/invalidChange(_:)`` when the kind or the field is not one that can conflict.
    public func fieldChange() throws -> CaseChange {
        func unknownField() -> StoreError {
            StoreError.invalidChange("\(field) is not a field of \(edits) that a conflict can be about")
        }
        switch edits {
        case "update-person":
            guard let named = PersonField(rawValue: field) else { throw unknownField() }
            return .updatePersonFields(family: family, person: PersonID(record), fields: [named: value])
        case "update-family":
            guard let named = FamilyField(rawValue: field) else { throw unknownField() }
            return .updateFamilyFields(family, fields: [named: value])
        case "save-assessment":
            guard let named = AssessmentRecordField(rawValue: field) else { throw unknownField() }
            return .saveAssessmentFields(family: family, assessment: AssessmentID(record), fields: [named: value])
        case "update-referral-status", "record-referral-outcome":
            guard field == "status", let status = try? value.decoded(as: ReferralStatus.self) else {
                throw unknownField()
            }
            return .updateReferralStatus(family: family, referral: ReferralID(record), status)
        default:
            throw StoreError.invalidChange("a \(edits) change cannot be in conflict")
        }
    }

    /// The field as people read it: `dateOfBirth` is "date of birth".
    public var fieldLabel: String { Self.label(forField: field) }

    /// A wire name in words: capitals start new lower-case words.
    public static func label(forField field: String) -> String {
        var words = ""
        for character in field {
            if character.isUppercase {
                words += " " + character.lowercased()
            } else {
                words.append(character)
            }
        }
        return words
    }

    /// A field's value in words: text as it is, nothing as "(empty)", anything else as compact JSON.
    public static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let text): return text.isEmpty ? "(empty)" : text
        case .null: return "(empty)"
        default:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "(unreadable)"
        }
    }
}

extension CaseChange {
    /// The audit trail's words for a resolution: the field, the value now and the choice.
    func resolutionSummary(_ resolution: ConflictResolution, after: Family) -> String {
        let whose = after.member(PersonID(resolution.record)).map { " of \($0.fullName)" } ?? ""
        return "resolved conflict \(resolution.conflict) on \(resolution.fieldLabel)\(whose): "
            + "\(resolution.choice.label), now \(ConflictResolution.text(of: resolution.value))"
    }
}
