import Foundation
import SignpostDomain

/// Which form a draft belongs to: the kind of form and what it is about.
///
/// A practitioner has at most one draft per form: a second case note about the
/// same person replaces the first draft until it is saved.
///
/// ```swift
/// let key = FormDraftKey(kind: "case-note", family: "F-0001", person: "P-0003")
/// ```
public struct FormDraftKey: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The kind of form, as the screens name it: `case-note`, `level`, `member`, `new-family`.
    public var kind: String
    /// The family the form is about, if any (a new family's form has none yet).
    public var family: FamilyID?
    /// The person the form is about, if any.
    public var person: PersonID?

    public init(kind: String, family: FamilyID? = nil, person: PersonID? = nil) {
        self.kind = kind
        self.family = family
        self.person = person
    }

    /// `case-note F-0001 P-0003`, for messages.
    public var description: String {
        ([kind] + [family?.rawValue, person?.rawValue].compactMap { $0 }).joined(separator: " ")
    }
}

/// What a practitioner has typed into a form and not yet saved, kept so that a crash loses nothing.
///
/// The screens save a form's draft after every key, offer it back the next time
/// the form (or Signpost) is opened, and remove it once the form is saved or the
/// practitioner discards the typing on purpose. A draft is not part of the record:
/// what is finally saved from it is audited then.
///
/// ```swift
/// var draft = FormDraft(
///     form: FormDraftKey(kind: "case-note", family: "F-0001"), practitioner: "sam.okafor",
///     summary: "case note for the Quillfeather family", fields: ["text": "Mum rang"], updatedAt: Date())
/// try store.saveFormDraft(draft)
/// ```
public struct FormDraft: Codable, Hashable, Sendable {
    public var form: FormDraftKey
    /// Whose typing it is; other practitioners never see it.
    public var practitioner: String
    /// Names the form when it is offered back: "case note for the Quillfeather family".
    public var summary: String
    /// The form's fields by their ids, exactly as typed.
    public var fields: [String: String]
    /// When it was last typed into; the caller sets it.
    public var updatedAt: Date

    public init(
        form: FormDraftKey, practitioner: String, summary: String, fields: [String: String], updatedAt: Date
    ) {
        self.form = form
        self.practitioner = practitioner
        self.summary = summary
        self.fields = fields
        self.updatedAt = updatedAt
    }

    /// Newest change first, then by form, so drafts saved in the same instant keep one order.
    package static func newestFirst(_ lhs: FormDraft, _ rhs: FormDraft) -> Bool {
        if lhs.updatedAt != rhs.updatedAt { return lhs.updatedAt > rhs.updatedAt }
        return lhs.form.description < rhs.form.description
    }

    /// Why the draft cannot be saved as it is, or nil if it can.
    package var saveProblem: StoreError? {
        if practitioner.trimmingCharacters(in: .whitespaces).isEmpty {
            return .invalidChange("the draft of form \(form) names no practitioner; it was not saved")
        }
        if form.kind.trimmingCharacters(in: .whitespaces).isEmpty {
            return .invalidChange("a form draft must name its kind of form; it was not saved")
        }
        return nil
    }
}
