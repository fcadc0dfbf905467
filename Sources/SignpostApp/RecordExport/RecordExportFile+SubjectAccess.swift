import Foundation
import SignpostDomain
import SignpostStore

extension RecordExportFile {
    /// Writes one person's subject access copy (``RecordDocument/init(subjectAccessFor:in:audit:options:)``)
    /// into `folder`, readable only by its owner, and audits it as an export of the family's record.
    ///
    /// The file is `subject-access-P-0003-F-0001-2026-11-26.html`; the person's id must follow the id grammar.
    ///
    /// ```swift
    /// let file = try RecordExportFile.exportSubjectAccess("P-0003", of: family, as: .html, options: options, into: folder, store: store)
    /// ```
    ///
    /// - Throws: ``RecordExportProblem`` when the person is not a member or the file cannot be made; the
    ///   store's error when the export cannot be audited (the file is removed again).
    public static func exportSubjectAccess(
        _ person: PersonID, of family: Family, as format: RecordExportFormat, options: RecordExportOptions,
        into folder: String, store: any CaseStore
    ) throws -> URL {
        guard person.isWellFormed else {
            throw RecordExportProblem("\(person.rawValue.debugDescription) is not a person's id")
        }
        let audit = try store.auditEntries(AuditQuery(family: family.id, limit: 1000))
        let document = try RecordDocument(subjectAccessFor: person, in: family, audit: audit, options: options)
        let file = try write(
            RecordRenderer.render(document, as: format), family: family.id, format: format,
            on: LondonTime.today(at: options.at), into: folder, named: "subject-access-\(person.rawValue)")
        do {
            // An export entry has no values to redact, so it names neither the person nor the file (whose
            // name holds their id): an erasure later leaves nothing of them here.
            try store.recordExported(
                family.id,
                summary:
                    "exported a subject access copy for one member as \(format.label.lowercased()) into \(file.deletingLastPathComponent().path)",
                by: options.exportedBy)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        return file
    }
}
