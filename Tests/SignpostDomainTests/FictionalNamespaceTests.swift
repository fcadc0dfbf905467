import Foundation
import SignpostDomain
import SignpostFixtures
import Testing

/// Fictional data is marked in every id, not by one editable field (issue #12, defect 12).
@Suite("Fictional namespace")
struct FictionalNamespaceTests {
    @Test("the reserved prefix ZZ- marks a fictional id, whatever its case; minting keeps to the namespace")
    func namespaceOfAnID() {
        #expect(FamilyID("ZZ-F-0001").namespace == .fictional)
        #expect(FamilyID("zz-F-0001").namespace == .fictional, "a lower-case mark is still the mark")
        #expect(FamilyID("F-0001").namespace == .live)
        #expect(FamilyID("ZZF-1").namespace == .live)
        #expect(FamilyID("ZZ-F-0001").body == "F-0001")
        let fictional: CaseNoteID = IDNamespace.fictional.generate(prefix: "N")
        #expect(fictional.rawValue.hasPrefix("ZZ-N-") && fictional.isWellFormed, "\(fictional)")
        let live: CaseNoteID = IDNamespace.live.generate(prefix: "N")
        #expect(live.rawValue.hasPrefix("N-") && live.namespace == .live, "\(live)")
        let once: FamilyID = IDNamespace.fictional.id("ZZ-F-1")
        #expect(once == "ZZ-F-1", "never marked twice")
    }

    /// A fixture exported as a document, as JSON text.
    private func fixtureText(_ index: Int = 0) throws -> (String, FamilyDocument) {
        let document = try FixtureCatalog.families()[index]
        return (String(decoding: try document.encoded(), as: UTF8.self), document)
    }

    @Test("a fictional family whose mark is flipped to false is refused, naming the family")
    func flippedMarkRefused() throws {
        let (text, document) = try fixtureText()
        let flipped = text.replacingOccurrences(of: #""fictional" : true"#, with: #""fictional" : false"#)
        #expect(flipped != text)
        do {
            _ = try FamilyDocument(decoding: Data(flipped.utf8))
            Issue.record("a flipped document was read as live")
        } catch let error as FamilyDocumentError {
            #expect(error.description.contains("family \(document.family.id)"), "\(error)")
            #expect(error.description.contains("fictional id"), "\(error)")
        }
    }

    @Test("ids stripped of the mark for some records only are refused either way, naming a record")
    func partlyStrippedRefused() throws {
        let (text, document) = try fixtureText()
        let person = try #require(document.family.members.last)
        let stripped = text.replacingOccurrences(of: "\"\(person.id)\"", with: "\"\(person.id.body)\"")
        #expect(stripped != text)
        // Still marked fictional: the stripped person is named.
        do {
            _ = try FamilyDocument(decoding: Data(stripped.utf8))
            Issue.record("a partly stripped document was accepted")
        } catch let error as FamilyDocumentError {
            #expect(error.description.contains("person \(person.id.body)"), "\(error)")
        }
        // Marked live as well: the family, still fictional, is named.
        let flipped = stripped.replacingOccurrences(of: #""fictional" : true"#, with: #""fictional" : false"#)
        do {
            _ = try FamilyDocument(decoding: Data(flipped.utf8))
            Issue.record("a partly stripped, flipped document was accepted")
        } catch let error as FamilyDocumentError {
            #expect(error.description.contains("family \(document.family.id)"), "\(error)")
        }
    }

    @Test("every record of every fixture family is fictional, and a family names every record outside a namespace")
    func fixturesAreFictionalThroughout() throws {
        for document in try FixtureCatalog.families() {
            #expect(document.fictional)
            #expect(document.family.recordsOutside(.fictional).isEmpty, "\(document.family.id)")
        }
        let family = try FixtureCatalog.families()[0].family
        let outside = family.recordsOutside(.live)
        #expect(outside.first?.hasPrefix("family \(family.id)") == true)
        var records = 1 + family.members.count + family.relationships.count * 2
        records += family.contacts.count + family.contacts.reduce(0) { $0 + $1.about.count }
        records += family.referrals.count + family.referrals.reduce(0) { $0 + $1.people.count }
        records += family.referrals.filter { $0.contact != nil }.count
        records += family.notes.count + family.notes.reduce(0) { $0 + $1.about.count }
        records += family.consents.count + family.episodes.count + family.assessments.count * 2
        #expect(outside.count == records, "every id of every record is named")
    }

    @Test("the synthetic generator mints only fictional ids")
    func generatorIsFictional() throws {
        let today = try CalendarDate(iso: "2026-11-23")
        for family in SyntheticFamilyGenerator(seed: 3).families(0..<50, today: today) {
            #expect(family.recordsOutside(.fictional).isEmpty, "\(family.id)")
        }
    }
}
