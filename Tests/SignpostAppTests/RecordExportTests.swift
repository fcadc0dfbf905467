import Foundation
import SignpostDomain
import SignpostStore
import SignpostStoreTesting
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The record on paper (#16): one document, three formats, every typed character kept as a character.
@Suite("Record export")
struct RecordExportTests {
    static let at = Date(timeIntervalSince1970: 1_795_428_000)

    static func day(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }

    /// A small fictional family whose notes hold markup, HTML and an escape sequence.
    static func family() -> Family {
        let mum = Person(
            id: "ZZ-P-9-1", role: .parentOrCarer, givenName: "Wren", familyName: "Puddlewick",
            dateOfBirth: day("1991-04-02"), gender: .female, firstLanguage: "English", hasParentalResponsibility: true,
            levelHistory: [
                LevelEntry(
                    level: .earlyHelp, setBy: "jo", setAt: Date(timeIntervalSince1970: 1_790_000_000),
                    reason: "money worries")
            ])
        let child = Person(
            id: "ZZ-P-9-2", role: .child, givenName: "Pip", familyName: "Puddlewick", dateOfBirth: day("2021-09-09"),
            gender: .male,
            levelHistory: [
                LevelEntry(
                    level: .earlyHelp, setBy: "jo", setAt: Date(timeIntervalSince1970: 1_790_000_000),
                    reason: "speech delay"),
                LevelEntry(
                    level: .complex, setBy: "sam", setAt: Date(timeIntervalSince1970: 1_792_000_000),
                    reason: "not *improving* | see #3"),
            ])
        var caf = EarlyHelpAssessment(id: "ZZ-A-9", subject: "ZZ-P-9-2", startedOn: day("2026-10-01"))
        caf.whatLedToAssessment = "Nursery <b>worried</b> about speech"
        let note = CaseNote(
            id: "ZZ-N-9-1", writtenAt: Date(timeIntervalSince1970: 1_793_000_000), author: "jo",
            text: "# not a heading\n*not bold* <script>alert(1)</script> & \u{1B}[31mred",
            isSignificant: true, about: ["ZZ-P-9-2"], kind: .homeVisit)
        var amended = CaseNote(
            id: "ZZ-N-9-2", writtenAt: Date(timeIntervalSince1970: 1_793_100_000), author: "jo",
            text: "Phoned mum on Tuesday.", kind: .phoneCall)
        amended.amendments = [
            CaseNoteAmendment(
                amendedAt: Date(timeIntervalSince1970: 1_793_200_000), by: "jo", text: "Phoned mum on Wednesday.",
                reason: "wrong day")
        ]
        return Family(
            id: "ZZ-F-9", name: "Puddlewick", address: Address(lines: ["1 Fictional Row"], postcode: "N1 9ZZ"),
            locality: .north, members: [mum, child],
            relationships: [Relationship(from: "ZZ-P-9-1", kind: .parent, to: "ZZ-P-9-2")],
            leadProfessional: Professional(
                name: "Priya Invented", role: "Family support", organisation: "Bright Start"),
            teamAroundFamily: [Professional(name: "Dev Storyteller", role: "Health visitor", organisation: "NHS")],
            episodes: [
                EarlyHelpEpisode(
                    id: "ZZ-E-9", service: "bright-start", openedOn: day("2026-10-02"), openedBecause: "CAF needs")
            ],
            referrals: [
                Referral(
                    id: "ZZ-R-9", service: "bright-start", people: ["ZZ-P-9-2"],
                    madeAt: Date(timeIntervalSince1970: 1_791_000_000), madeBy: "jo", consent: .given,
                    urgency: .routine, status: .accepted, outcomeOn: day("2026-10-02"), outcomeReason: "")
            ],
            notes: [note, amended],
            consents: [
                ConsentRecord(
                    id: "ZZ-CN-9", givenBy: "Wren Puddlewick", person: "ZZ-P-9-1", givenOn: day("2026-09-30"),
                    scope: "assess and share with Bright Start", purposes: [.assess, .share],
                    agencies: ["Bright Start"], method: .verbal, recordedBy: "jo")
            ],
            assessments: [caf], createdAt: Date(timeIntervalSince1970: 1_789_000_000))
    }

    static let options = RecordExportOptions(significantOnly: false, exportedBy: "test.worker", at: at)

    @Test("the record renders as its golden file", arguments: RecordExportFormat.allCases)
    func golden(format: RecordExportFormat) throws {
        let rendered = RecordRenderer.render(RecordDocument(family: Self.family(), options: Self.options), as: format)
        let mismatch = Golden.mismatch(rendered, named: "record.\(format.fileExtension)")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("every section the issue names is in the record")
    func sections() {
        let document = RecordDocument(family: Self.family(), options: Self.options)
        #expect(
            document.sections.map(\.title) == [
                "The family", "Members and levels of need", "Relationships", "Consent", "Lead professional and team",
                "Early-help episodes", "Referrals", "Early help assessments (CAF) in full", "Amended notes",
                "Chronology",
            ])
        let significant = RecordDocument(
            family: Self.family(), options: RecordExportOptions(significantOnly: true, exportedBy: "x", at: Self.at))
        #expect(significant.sections.last?.title == "Chronology: significant events only")
    }

    @Test("typed markup stays a character in Markdown, and HTML is escaped")
    func escaping() {
        #expect(RecordRenderer.markdownEscaped("# not a heading") == "\\# not a heading")
        #expect(
            RecordRenderer.markdownEscaped("*not bold* _x_ [a](b) <i> | ~")
                == "\\*not bold\\* \\_x\\_ \\[a\\](b) \\<i\\> \\| \\~")
        #expect(RecordRenderer.markdownEscaped("- item") == "\\- item")
        #expect(RecordRenderer.markdownEscaped("12. item") == "12\\. item")
        #expect(RecordRenderer.markdownEscaped("on 12.05.2026 at 10-11") == "on 12.05.2026 at 10-11")
        #expect(
            RecordRenderer.escaped("<script>\"x\" & 'y'</script>")
                == "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;")
        #expect(RecordRenderer.visible("a\u{1B}[31mb") == "a^[[31mb")
        let html = RecordRenderer.render(RecordDocument(family: Self.family(), options: Self.options), as: .html)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("\u{1B}"))
        #expect(html.contains("@media print"))
    }

    @Test("the export writes one new file, readable only by its owner, named from the family's id, and audits it")
    func writesAndAudits() throws {
        let family = Self.family()
        let store = try InMemoryCaseStore(kind: .demonstration, families: [family], clock: { Self.at })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-export-\(UUID().uuidString)")
            .appendingPathComponent("nested")
        let first = try RecordExportFile.export(
            family, as: .markdown, options: Self.options, into: folder.path, store: store)
        #expect(first.lastPathComponent == "record-ZZ-F-9-2026-11-23.md")
        let attributes = try FileManager.default.attributesOfItem(atPath: first.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let second = try RecordExportFile.export(
            family, as: .markdown, options: Self.options, into: folder.path, store: store)
        #expect(second.lastPathComponent == "record-ZZ-F-9-2026-11-23-2.md")
        let audit = try store.auditEntries(AuditQuery(family: family.id, kind: .exported, limit: 5))
        #expect(audit.count == 2)
        #expect(audit.first?.action == "export-family")
        #expect(audit.first?.summary.contains(second.path) == true)
        #expect(try store.auditEntries(AuditQuery(family: family.id, kind: .viewed, limit: 5)).isEmpty)
    }

    @Test("an id that breaks the grammar, or a folder that is a file, writes nothing")
    func refusesBadPaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-export-\(UUID().uuidString)")
        #expect(throws: RecordExportProblem.self) {
            try RecordExportFile.write(
                "x", family: FamilyID("../../escape"), format: .text, on: Self.day("2026-11-23"), into: folder.path)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        #expect(throws: RecordExportProblem.self) {
            try RecordExportFile.write(
                "x", family: "ZZ-F-9", format: .text, on: Self.day("2026-11-23"), into: file.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plain-file"])
    }
}

/// Golden files for the exports, in `__Golden__`; `SIGNPOST_RECORD_SNAPSHOTS=1` writes them anew, on purpose.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Golden__")

    static func mismatch(_ text: String, named name: String) -> String? {
        let file = folder.appendingPathComponent(name)
        if Snapshot.isRecording {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? text.write(to: file, atomically: true, encoding: .utf8)
            return nil
        }
        guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
            return "no golden file \(name); record it with SIGNPOST_RECORD_SNAPSHOTS=1 and read it"
        }
        return stored == text ? nil : "\(name) differs from its golden file:\n\(text)"
    }
}
