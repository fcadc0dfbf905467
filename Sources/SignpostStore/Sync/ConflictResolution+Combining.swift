import Foundation
import SignpostDomain

/// What kind of value a field in conflict holds, and so how a value made from both sides is typed.
///
/// Each field that can conflict (``FamilyField``, ``PersonField``, ``AssessmentRecordField``, a
/// referral's status) is one of these: text typed freely, an address of lines and a postcode, a
/// list of words, one of a fixed set of choices, a date, or a value that cannot sensibly be combined
/// (a professional's details, the relationships, a whole CAF section), where only keeping mine or
/// taking theirs makes sense.
///
/// ```swift
/// ConflictResolution.combining(edits: "update-person", field: "gender")
/// // .choice([female, male, other, not known, not stated])
/// ```
public enum CombinedValueKind: Hashable, Sendable {
    /// Free text; `required` refuses an empty value.
    case text(required: Bool)
    /// A postal address: street lines and a postcode.
    case address
    /// A list of words (languages, other names, services), each once; `required` refuses an empty list.
    case list(item: String, required: Bool)
    /// One of these values and no other.
    case choice([CombinedValueOption])
    /// A calendar date typed as DD/MM/YYYY; `required` refuses an empty one.
    case date(required: Bool)
    /// A value whose parts belong together: only one side or the other can be chosen, for this reason.
    case cannotCombine(String)
}

/// One of the values a choice field can hold, with its words.
public struct CombinedValueOption: Hashable, Sendable {
    /// The value as the record stores it (`.string("female")`, `.bool(true)`, `.null` for not recorded).
    public var value: JSONValue
    /// How a practitioner reads it ("Female").
    public var label: String

    public init(_ value: JSONValue, _ label: String) {
        self.value = value
        self.label = label
    }
}

/// What a practitioner typed or chose as the combined value, before it is checked.
public enum CombinedDraft: Hashable, Sendable {
    case text(String)
    case address(lines: [String], postcode: String)
    case list([String])
    case choice(JSONValue)
    /// A date as typed (DD/MM/YYYY or YYYY-MM-DD); empty for none.
    case date(String)
}

/// Why a combined value was refused, in words a practitioner can act on.
public struct CombinedValueRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    /// The part of the draft at fault (`postcode`, `line 2`), nil when it is the whole value.
    public var part: String?

    public init(_ description: String, part: String? = nil) {
        self.description = description
        self.part = part
    }
}

extension ConflictResolution {
    /// The kind of value `field` of an `edits` record holds: how a combined value is typed.
    public static func combining(edits: String, field: String) -> CombinedValueKind {
        switch edits {
        case "update-family": return FamilyField(rawValue: field).map(combining) ?? .cannotCombine(unknown)
        case "update-person": return PersonField(rawValue: field).map(combining) ?? .cannotCombine(unknown)
        case "save-assessment":
            return AssessmentRecordField(rawValue: field).map(combining) ?? .cannotCombine(unknown)
        case "update-referral-status", "record-referral-outcome":
            return field == "status"
                ? .choice(ReferralStatus.allCases.map { CombinedValueOption(.string($0.rawValue), $0.label) })
                : .cannotCombine(unknown)
        default: return .cannotCombine(unknown)
        }
    }

    private static let unknown = "This field is not one Signpost can combine."

    private static let yesNo: CombinedValueKind = .choice([
        CombinedValueOption(.bool(true), "Yes"), CombinedValueOption(.bool(false), "No"),
    ])

    private static func combining(_ field: FamilyField) -> CombinedValueKind {
        switch field {
        case .name: .text(required: true)
        case .address: .address
        case .locality: .choice(Locality.allCases.map { CombinedValueOption(.string($0.rawValue), $0.label) })
        case .languages: .list(item: "language", required: true)
        case .interpreterNeeded: yesNo
        case .accessNotes: .text(required: false)
        case .leadProfessional:
            .cannotCombine("A lead professional's name, role, organisation and contact details belong together.")
        case .teamAroundFamily:
            .cannotCombine("Each professional's name, role, organisation and contact details belong together.")
        }
    }

    private static func combining(_ field: PersonField) -> CombinedValueKind {
        switch field {
        case .role: .choice(PersonRole.allCases.map { CombinedValueOption(.string($0.rawValue), $0.label) })
        case .givenName, .firstLanguage: .text(required: true)
        case .familyName, .phone: .text(required: false)
        case .alsoKnownAs: .list(item: "other name", required: false)
        case .dateOfBirth, .expectedDeliveryDate: .date(required: false)
        case .gender: .choice(Gender.allCases.map { CombinedValueOption(.string($0.rawValue), $0.label) })
        case .ethnicity:
            .choice(
                Ethnicity.allCases.map { CombinedValueOption(.string($0.rawValue), $0.label) }
                    + [CombinedValueOption(.null, "Not recorded")])
        case .hasParentalResponsibility: yesNo
        case .needs:
            .cannotCombine(
                "Special educational needs, an EHC plan, a disability and their details are answered together.")
        case .relationships:
            .cannotCombine("The relationships are answered together: each one depends on the others.")
        }
    }

    private static func combining(_ field: AssessmentRecordField) -> CombinedValueKind {
        switch field {
        case .status:
            .choice(AssessmentStatus.allCases.map { CombinedValueOption(.string($0.rawValue), $0.label) })
        case .startedOn: .date(required: true)
        case .completedOn: .date(required: false)
        case .peoplePresent, .whatLedToAssessment, .currentSituation, .servicesInvolved, .childViews, .parentViews,
            .conclusions:
            .text(required: false)
        case .servicesList: .list(item: "service", required: false)
        default: .cannotCombine("This is a whole section of the CAF: its answers belong together.")
        }
    }

    /// Every item of both lists, mine first, each once (letter case aside), blanks left out.
    ///
    /// ```swift
    /// ConflictResolution.union(["English", "Polish"], ["english", "Somali"])  // ["English", "Polish", "Somali"]
    /// ```
    public static func union(_ mine: [String], _ theirs: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for item in mine + theirs {
            let trimmed = item.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted else { continue }
            result.append(trimmed)
        }
        return result
    }

    /// The words of a list value (`["English", "Polish"]`); none for anything else.
    public static func listItems(of value: JSONValue) -> [String] {
        guard case .array(let items) = value else { return [] }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    /// The address a value holds; an empty one when it holds none.
    public static func address(of value: JSONValue) -> Address {
        (try? value.decoded(as: Address.self)) ?? Address()
    }

    /// A date value as a practitioner types it (`14/03/2019`); empty for none.
    public static func dateText(of value: JSONValue) -> String {
        (try? value.decoded(as: CalendarDate.self))?.british ?? ""
    }
}

extension CombinedValueKind {
    /// `value` in a practitioner's words: an address on one line, a list joined by commas, a choice by its label.
    public func words(for value: JSONValue) -> String {
        switch self {
        case .address:
            let line = ConflictResolution.address(of: value).singleLine
            return line.isEmpty ? "(empty)" : line
        case .list:
            let items = ConflictResolution.listItems(of: value)
            return items.isEmpty ? "(none)" : items.joined(separator: ", ")
        case .choice(let options):
            return options.first { $0.value == value }?.label ?? ConflictResolution.text(of: value)
        case .date:
            let text = ConflictResolution.dateText(of: value)
            return text.isEmpty ? ConflictResolution.text(of: value) : text
        case .text, .cannotCombine:
            return ConflictResolution.text(of: value)
        }
    }

    /// The draft an editor starts from: `value` (mine) as it would be typed or chosen.
    public func draft(from value: JSONValue) -> CombinedDraft? {
        switch self {
        case .text:
            if case .string(let text) = value { return .text(text) }
            return .text("")
        case .address:
            let address = ConflictResolution.address(of: value)
            return .address(lines: address.lines, postcode: address.postcode)
        case .list: return .list(ConflictResolution.listItems(of: value))
        case .choice(let options):
            return .choice(options.contains { $0.value == value } ? value : options.first?.value ?? .null)
        case .date: return .date(ConflictResolution.dateText(of: value))
        case .cannotCombine: return nil
        }
    }
}

extension TeamConflict {
    /// The kind of value this conflict's field holds.
    public var combining: CombinedValueKind { ConflictResolution.combining(edits: edits, field: field) }

    /// The value `draft` makes, checked by the rules an ordinary edit of this field meets.
    ///
    /// Text is trimmed, a list loses blanks and repeats, a postcode is upper-cased; then the value is
    /// refused when it is empty where the record needs one, when a postcode is not a UK postcode, a date
    /// is not a real date, a choice is not one of the field's, the record cannot hold it (the store's own
    /// check), or it makes a date that cannot be true (a birth after `today`).
    ///
    /// ```swift
    /// try conflict.combinedValue(.address(lines: ["3 New Street"], postcode: "n1 1aa"), on: family, today: today)
    /// // {"lines": ["3 New Street"], "postcode": "N1 1AA"}
    /// ```
    ///
    /// - Parameter family: The family as stored here; nil skips the record's own check.
    /// - Throws: ``CombinedValueRefusal`` naming the field (and the part of an address at fault).
    public func combinedValue(_ draft: CombinedDraft, on family: Family?, today: CalendarDate)
        throws(CombinedValueRefusal) -> JSONValue
    {
        let value = try shapedValue(draft)
        guard let family else { return value }
        let changed: Family
        do {
            changed = try resolution(.combined, value: value).fieldChange().applying(to: family)
        } catch {
            throw CombinedValueRefusal("The \(label) cannot be “\(combining.words(for: value))”: \(error)")
        }
        let before = Set(family.implausibleRecords(today: today))
        if let problem = changed.implausibleRecords(today: today).first(where: { !before.contains($0) }) {
            throw CombinedValueRefusal("The \(label) cannot be \(combining.words(for: value)): \(problem).")
        }
        return value
    }

    private var label: String { ConflictResolution.label(forField: field) }

    /// The draft as the field's value, by the rules of its kind alone.
    private func shapedValue(_ draft: CombinedDraft) throws(CombinedValueRefusal) -> JSONValue {
        switch (combining, draft) {
        case (.text(let required), .text(let typed)):
            let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
            if required && text.isEmpty { throw CombinedValueRefusal("The \(label) cannot be empty.") }
            return .string(text)
        case (.address, .address(let lines, let postcode)):
            let address = Address(
                lines: lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                postcode: postcode.trimmingCharacters(in: .whitespaces).uppercased())
            guard !address.singleLine.isEmpty else {
                throw CombinedValueRefusal("Give the address or its postcode.", part: "line 1")
            }
            if !address.postcode.isEmpty && !Address.isPostcode(address.postcode) {
                throw CombinedValueRefusal(
                    "“\(address.postcode)” is not a UK postcode (such as N7 8ZZ).", part: "postcode")
            }
            return (try? JSONValue(encoding: address)) ?? .null
        case (.list(let item, let required), .list(let items)):
            let kept = ConflictResolution.union(items, [])
            if required && kept.isEmpty {
                throw CombinedValueRefusal("Keep at least one \(item): the \(label) cannot be empty.")
            }
            return .array(kept.map(JSONValue.string))
        case (.choice(let options), .choice(let chosen)):
            guard options.contains(where: { $0.value == chosen }) else {
                throw CombinedValueRefusal(
                    "“\(ConflictResolution.text(of: chosen))” is not one of the choices for the \(label).")
            }
            return chosen
        case (.date(let required), .date(let typed)):
            let text = typed.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                if required { throw CombinedValueRefusal("The \(label) cannot be empty.") }
                return .null
            }
            guard let date = try? CalendarDate(parsing: text) else {
                throw CombinedValueRefusal("The \(label) “\(text)” is not a real date: type it as DD/MM/YYYY.")
            }
            return .string(date.iso)
        case (.cannotCombine(let why), _):
            throw CombinedValueRefusal("\(why) Keep mine (m) or take theirs (t), then edit the record.")
        default:
            throw CombinedValueRefusal("The \(label) is not typed that way.")
        }
    }
}
