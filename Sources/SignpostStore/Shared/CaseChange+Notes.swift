import Foundation
import SignpostDomain

/// Amending a case note (#16): the correction is appended, the original text is kept.
///
/// Kept apart from the older kinds so its kind name, JSON, validation and audit wording read
/// together. An amendment is an append in the team server's sense: a new fact about the note
/// (who corrected it, when, why and to what), travelling whole with no field-level base, so two
/// practitioners amending the same note offline both keep their amendment.
///
/// ```swift
/// try store.apply([.amendCaseNote(family: "F-0001", note: "N-1", amendment)], by: "jo")
/// ```
extension CaseChange {
    /// `amend-case-note`.
    static let amendNoteAction = "amend-case-note"

    /// The family, action and record of a note change, for ``family``, ``action`` and ``recordID``.
    var noteParts: (family: FamilyID, action: String, record: String)? {
        guard case .amendCaseNote(let family, let note, _) = self else { return nil }
        return (family, Self.amendNoteAction, note.rawValue)
    }

    /// The family after the note is amended.
    ///
    /// - Throws: ``StoreError/recordNotFound(_:_:)`` for a note the family does not hold;
    ///   ``StoreError/invalidChange(_:)`` for an amendment with no text, no reason, or the same text.
    func applyingNotes(to family: Family) throws -> Family {
        guard case .amendCaseNote(_, let noteID, let amendment) = self else { return family }
        var family = family
        guard let index = family.notes.firstIndex(where: { $0.id == noteID }) else {
            throw StoreError.recordNotFound(family.id, noteID.rawValue)
        }
        let text = amendment.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StoreError.invalidChange("an amended note needs its text") }
        guard !amendment.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalidChange("amending a note needs a reason: the original is kept and both are shown")
        }
        guard text != family.notes[index].currentText.trimmingCharacters(in: .whitespacesAndNewlines) else {
            throw StoreError.invalidChange("the amended text is the same as the note's; nothing to amend")
        }
        family.notes[index].amendments.append(amendment)
        return family
    }

    /// What amending a note did, in plain words for the audit trail.
    func notesAuditSummary(before: Family?) -> String {
        guard case .amendCaseNote(_, let noteID, let amendment) = self else { return "" }
        let note = before?.notes.first { $0.id == noteID }
        let written = note.map { " written by \($0.author) on \(LondonTime.timestamp($0.writtenAt))" } ?? ""
        return "amended the case note\(written): \(amendment.reason)"
    }

    /// The old and new text of an amended note, for the audit entry's values.
    func notesAuditValues(before: Family?) -> [AuditValueChange] {
        guard case .amendCaseNote(_, let noteID, let amendment) = self else { return [] }
        let old = before?.notes.first { $0.id == noteID }?.currentText
        return [
            AuditValueChange(field: "text", old: old, new: amendment.text),
            AuditValueChange(field: "reason", old: nil, new: amendment.reason),
        ]
    }

    /// Reads a note change from its JSON form, or nil when `kind` is not one.
    static func decodeNotes(
        kind: String, family: FamilyID, from container: KeyedDecodingContainer<CodingKeys>
    ) throws -> CaseChange? {
        guard kind == amendNoteAction else { return nil }
        return .amendCaseNote(
            family: family, note: CaseNoteID(try container.decode(String.self, forKey: .note)),
            try container.decode(CaseNoteAmendment.self, forKey: .record))
    }

    /// Writes a note change's own keys (the version, kind and family are already written).
    func encodeNotes(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        guard case .amendCaseNote(_, let note, let amendment) = self else { return }
        try container.encode(note.rawValue, forKey: .note)
        try container.encode(amendment, forKey: .record)
    }
}
