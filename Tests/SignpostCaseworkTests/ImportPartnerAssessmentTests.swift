import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import Testing

/// Importing a partner's early help assessment: matching the child, saving after review, nothing saved on a
/// refusal (#17).
@Suite("Casework: importing a partner's CAF")
struct ImportPartnerAssessmentTests {
    static let now = RecordContactTests.now

    /// The example shipped in docs/examples (Ava Wrenfold, born 14/06/2023, N7 0ZZ).
    static func example() throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try Data(contentsOf: root.appendingPathComponent("docs/examples/partner-caf-example.json"))
    }

    /// The example with the child's details replaced.
    static func example(child changes: [String: Any]) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: example()) as? [String: Any])
        var child = try #require(object["child"] as? [String: Any])
        for (key, value) in changes { child[key] = value }
        object["child"] = child
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// Another Ava Wrenfold, born the same day, in another family: the matcher cannot tell them apart.
    static func namesake() throws -> Family {
        let ava = Person(
            id: "P-ava2", role: .child, givenName: "Ava", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "2023-06-14"))
        return Family(
            id: "F-CW2", name: "Wrenfold", address: Address(lines: ["9 Other Street"], postcode: "N7 0ZZ"),
            locality: .north, members: [ava])
    }

    static func importer(_ store: any CaseStore) -> ImportPartnerAssessment {
        ImportPartnerAssessment(context: CaseworkContext(store: store, practitioner: "sam.okafor", clock: { now }))
    }

    @Test(
        "one confident match: the child's family and person, and the CAF saved reads back as the document says",
        arguments: CaseworkStore.allCases)
    func certainMatchSaved(kind: CaseworkStore) throws {
        let store = try kind.make(families: [try RecordContactTests.family()])
        let importer = Self.importer(store)
        let review = try importer.review(try Self.example(), file: "caf.json")
        #expect(review.isImportable)
        guard case .certain(let match) = review.match else {
            Issue.record("expected a certain match, found \(review.match)")
            return
        }
        #expect(match.familyID == "F-CW1")
        #expect(match.personID == "P-ava")
        #expect(try store.family("F-CW1")?.assessments.isEmpty == true, "a review saves nothing")

        let saved = try importer.save(review, family: match.familyID, person: match.personID, assessmentID: "A-P1")
        let family = try #require(try store.family("F-CW1"))
        let stored = try #require(family.assessments.first { $0.id == "A-P1" })
        let document = try #require(review.reading.document)
        #expect(stored == saved)
        #expect(stored == document.assessment(id: "A-P1", subject: "P-ava", source: saved.importedFrom))
        #expect(stored.status == .complete)
        #expect(stored.importedFrom?.organisation == "Hornsey Road Primary")
        #expect(stored.importedFrom?.file == "caf.json")
        #expect(stored.importedFrom?.importedBy == "sam.okafor")
        // Consent to assess and to share on the partner's form become the family's consent records.
        #expect(family.consents.count == 2)
        #expect(family.consents.contains { $0.covers(.share) && $0.agencies.contains("Housing options") })
        let audit = try store.auditTrail(family: "F-CW1", limit: 10)
        #expect(
            audit.contains {
                $0.action == "save-assessment"
                    && $0.summary.contains("imported a complete assessment for Ava Wrenfold from Hornsey Road Primary")
            })
    }

    @Test(
        "several people who may be the child: the reviewer chooses, nothing is certain",
        arguments: CaseworkStore.allCases)
    func severalMatches(kind: CaseworkStore) throws {
        let store = try kind.make(families: [try RecordContactTests.family(), try Self.namesake()])
        let review = try Self.importer(store).review(try Self.example(), file: "caf.json")
        guard case .choose(let people) = review.match else {
            Issue.record("expected a choice, found \(review.match)")
            return
        }
        #expect(Set(people.map(\.personID)) == ["P-ava", "P-ava2"])
    }

    @Test(
        "one person who only may be the child (another postcode, a name spelt differently) is not certain",
        arguments: CaseworkStore.allCases)
    func uncertainSingleMatch(kind: CaseworkStore) throws {
        let store = try kind.make(families: [try RecordContactTests.family()])
        let moved = try Self.importer(store).review(try Self.example(child: ["postcode": "E8 1ZZ"]), file: "caf.json")
        #expect(moved.match.candidates.map(\.personID) == ["P-ava"])
        #expect(moved.match == .choose(moved.match.candidates))
        let spelt = try Self.importer(store).review(
            try Self.example(child: ["familyName": "Wrenfeld"]), file: "caf.json")
        #expect(spelt.match == .choose(spelt.match.candidates))
    }

    @Test(
        "no one like the child: offered as a new family, added with the CAF after the duplicate check",
        arguments: CaseworkStore.allCases)
    func noMatchNewFamily(kind: CaseworkStore) throws {
        let store = try kind.make(families: [try RecordContactTests.family()])
        let importer = Self.importer(store)
        let data = try Self.example(child: ["givenName": "Zelola", "familyName": "Morfli"])
        let review = try importer.review(data, file: "caf.json")
        #expect(review.match == .none)
        var next = 0
        let saved = try importer.saveAsNewFamily(
            review, familyID: "F-NEW", childID: "P-zelola",
            newPersonID: {
                next += 1
                return PersonID("P-new\(next)")
            }, locality: .north, assessmentID: "A-P2")
        let family = try #require(try store.family("F-NEW"))
        #expect(family.members.map(\.fullName) == ["Zelola Morfli", "Marta Wrenfold"])
        #expect(family.assessments.map(\.id) == ["A-P2"])
        #expect(family.assessments.first == saved.assessment)
        #expect(family.assessments.first?.subject == "P-zelola")
    }

    @Test(
        "a new family is refused when the child may already be recorded, and nothing is saved",
        arguments: CaseworkStore.allCases)
    func newFamilyRefusedForDuplicate(kind: CaseworkStore) throws {
        let store = try kind.make(families: [try RecordContactTests.family()])
        let importer = Self.importer(store)
        let review = try importer.review(try Self.example(), file: "caf.json")
        #expect(throws: CaseworkRefusal.self) {
            try importer.saveAsNewFamily(
                review, familyID: "F-NEW", childID: "P-new", newPersonID: { "P-other" }, locality: .north,
                assessmentID: "A-P3")
        }
        #expect(try store.family("F-NEW") == nil)
        #expect(try store.family("F-CW1")?.assessments.isEmpty == true)
    }

    @Test("a refused document, an adult, or an unknown person: nothing is saved", arguments: CaseworkStore.allCases)
    func nothingSavedOnRefusal(kind: CaseworkStore) throws {
        let store = try kind.make(families: [try RecordContactTests.family()])
        let importer = Self.importer(store)
        let refused = try importer.review(try Self.example(child: ["dateOfBirth": "yesterday"]), file: "caf.json")
        #expect(!refused.isImportable)
        #expect(refused.summaryLines(openAssessment: nil).contains { $0.contains("$.child.dateOfBirth") })
        #expect(throws: CaseworkRefusal.self) {
            try importer.save(refused, family: "F-CW1", person: "P-ava", assessmentID: "A-P4")
        }
        let review = try importer.review(try Self.example(), file: "caf.json")
        #expect(throws: CaseworkRefusal.self) {
            try importer.save(review, family: "F-CW1", person: "P-marta", assessmentID: "A-P5")
        }
        #expect(throws: CaseworkRefusal.self) {
            try importer.save(review, family: "F-CW1", person: "P-nobody", assessmentID: "A-P6")
        }
        let family = try #require(try store.family("F-CW1"))
        #expect(family.assessments.isEmpty)
        #expect(family.consents.isEmpty)
    }
}
