import Foundation
import SignpostDomain
import SignpostStore
import SignpostStoreTesting
import Testing

@testable import SignpostApp

/// Subject access (#16): everything held about one person, other people redacted, written and audited as an export.
@Suite("Subject access")
struct SubjectAccessTests {
    typealias Record = RecordExportTests

    /// Pip's copy from the Puddlewick family: his mother Wren is the third party.
    static func document() throws -> RecordDocument {
        let audit = [
            AuditEntry(
                at: Date(timeIntervalSince1970: 1_794_000_000), actor: "sam", action: "view-family",
                family: "ZZ-F-9", recordID: "ZZ-F-9", summary: "viewed the family record")
        ]
        return try RecordDocument(
            subjectAccessFor: "ZZ-P-9-2", in: Record.family(), audit: audit, options: Record.options)
    }

    @Test("the copy renders as its golden file: every line known", arguments: RecordExportFormat.allCases)
    func golden(format: RecordExportFormat) throws {
        let rendered = RecordRenderer.render(try Self.document(), as: format)
        let mismatch = Golden.mismatch(rendered, named: "subject-access.\(format.fileExtension)")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("the third party's name and date of birth appear nowhere; the person's own records do")
    func redaction() throws {
        let text = RecordRenderer.render(try Self.document(), as: .text)
        #expect(!text.contains("Wren"))
        #expect(!text.contains("1991"))
        #expect(!text.contains("money worries"))
        #expect(text.contains("[third party] is parent of Pip Puddlewick"))
        #expect(text.contains("not *improving* | see #3"))
        #expect(text.contains("view-family"))
        // Pip's consent was given by his mother: not his to receive.
        #expect(!text.contains("assess and share with Bright Start"))
    }

    @Test("the file is written readable only by its owner, and audited as an export")
    func writtenAndAudited() throws {
        let store = try InMemoryCaseStore(kind: .demonstration)
        let family = Record.family()
        try store.apply([.addFamily(family)], by: "loader")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-sar-\(UUID().uuidString)")
        let file = try RecordExportFile.exportSubjectAccess(
            "ZZ-P-9-2", of: family, as: .markdown, options: Record.options, into: folder.path, store: store)
        #expect(file.lastPathComponent == "subject-access-ZZ-P-9-2-ZZ-F-9-2026-11-23.md")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let entry = try #require(try store.auditTrail(family: "ZZ-F-9", limit: 1).first)
        #expect(entry.action == "export-family")
        #expect(entry.summary.contains("subject access copy for one member"))
        #expect(!entry.summary.contains("ZZ-P-9-2"))
        #expect(throws: RecordExportProblem.self) {
            try RecordExportFile.exportSubjectAccess(
                "../../x", of: family, as: .text, options: Record.options, into: folder.path, store: store)
        }
    }
}
