import Foundation
import SignpostDomain
import Testing

/// Reading a partner's early help assessment in the `signpost-caf/1` format (#17).
@Suite("Partner CAF: reading and checking the document")
struct PartnerAssessmentDocumentTests {
    /// The example shipped in docs/examples, which the format's page documents.
    static func example() throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try Data(contentsOf: root.appendingPathComponent("docs/examples/partner-caf-example.json"))
    }

    /// The example as a JSON object, to change one field at a time.
    static func exampleObject() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: example()) as? [String: Any])
    }

    static func data(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object)
    }

    @Test("the shipped example reads whole, with no problems and no notes")
    func exampleReads() throws {
        let reading = PartnerAssessmentDocument.read(try Self.example())
        #expect(reading.problems.isEmpty)
        #expect(reading.notes.isEmpty)
        let document = try #require(reading.document)
        #expect(document.writtenBy.organisation == "Hornsey Road Primary")
        #expect(document.writtenBy.writtenOn == (try CalendarDate(iso: "2026-11-20")))
        #expect(document.child.fullName == "Ava Wrenfold")
        #expect(document.child.dateOfBirth == (try CalendarDate(iso: "2023-06-14")))
        #expect(document.child.postcode == "N7 0ZZ")
        #expect(document.child.locality == .north)
        #expect(document.status == .complete)
        #expect(document.elements.count == AssessmentElement.allCases.count)
        #expect(document.elements[.speechLanguageCommunication]?.rating == .need)
        #expect(document.currentSituation.contains("\n"), "paragraphs keep their line breaks")
        #expect(document.actions.count == 2)
        #expect(document.consentToShare.agencies == ["Speech and language therapy", "Housing options"])
        #expect(document.consentToAssess?.decision == .given)
        #expect(document.childViews == "Ava said she likes the sand tray and her mummy.")
        #expect(document.servicesInvolved == ["Health visiting", "Hornsey Road Primary nursery"])
        #expect(document.interpreter.needed == false)
    }

    @Test("the short example on the format's page reads with no problems")
    func pageExampleReads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/partner-caf-format.md"), encoding: .utf8)
        let start = try #require(page.range(of: "```json\n"))
        let end = try #require(page.range(of: "```", range: start.upperBound..<page.endIndex))
        let reading = PartnerAssessmentDocument.read(Data(page[start.upperBound..<end.lowerBound].utf8))
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        #expect(reading.document?.child.fullName == "Ava Wrenfold")
    }

    @Test("every problem is listed with its JSON path, and nothing is read from a refused document")
    func everyProblemListed() throws {
        var object = try Self.exampleObject()
        var writtenBy = try #require(object["writtenBy"] as? [String: Any])
        writtenBy["author"] = nil
        writtenBy["writtenOn"] = "20/11/2026"
        object["writtenBy"] = writtenBy
        var child = try #require(object["child"] as? [String: Any])
        child["dateOfBirth"] = "2023-02-30"
        child["gender"] = "girl"
        child["postcode"] = "not a postcode"
        child["favouriteColour"] = "blue"
        object["child"] = child
        var assessment = try #require(object["assessment"] as? [String: Any])
        var elements = try #require(assessment["elements"] as? [String: Any])
        elements["charm"] = ["rating": "need", "evidence": "x"]
        elements["learning"] = ["rating": "weakness", "evidence": "x"]
        assessment["elements"] = elements
        assessment["actions"] = [["who": "Dee Okafor", "byWhen": 20_261_204]]
        object["assessment"] = assessment
        object["servicesInvolved"] = "Health visiting"
        object["consent"] = ["toShare": ["decision": "given"]]
        let reading = PartnerAssessmentDocument.read(try Self.data(object))
        #expect(reading.document == nil)
        let found = Set(reading.problems.map(\.path))
        let expected: Set<String> = [
            "$.writtenBy.author", "$.writtenBy.writtenOn", "$.child.dateOfBirth", "$.child.gender",
            "$.child.postcode", "$.child.favouriteColour", "$.assessment.elements.charm",
            "$.assessment.elements.learning.rating", "$.assessment.actions[0].what",
            "$.assessment.actions[0].byWhen", "$.servicesInvolved", "$.consent.toShare.givenBy",
            "$.consent.toShare.givenOn",
        ]
        #expect(
            found == expected, "missing: \(expected.subtracting(found)); unexpected: \(found.subtracting(expected))")
        let byPath = Dictionary(reading.problems.map { ($0.path, $0.message) }) { first, _ in first }
        #expect(byPath["$.writtenBy.author"] == "required; missing")
        #expect(byPath["$.writtenBy.writtenOn"] == "“20/11/2026” is not a date written YYYY-MM-DD")
        #expect(byPath["$.child.dateOfBirth"] == "“2023-02-30” is not a date in the calendar")
        #expect(byPath["$.child.gender"]?.hasPrefix("“girl” is not one of: female, male") == true)
        #expect(byPath["$.child.favouriteColour"]?.contains("not a field") == true)
        #expect(byPath["$.assessment.elements.learning.rating"]?.contains("not-assessed, strength, need") == true)
        #expect(byPath["$.assessment.actions[0].byWhen"] == "should be a date as text (YYYY-MM-DD), found a number")
        #expect(byPath["$.servicesInvolved"] == "should be a list, found text")
    }

    @Test("the required parts missing are each named")
    func requiredParts() throws {
        let reading = PartnerAssessmentDocument.read(Data(#"{"format": "signpost-caf/1"}"#.utf8))
        #expect(reading.document == nil)
        #expect(
            reading.problems.map(\.description) == [
                "$.writtenBy: required; missing", "$.child: required; missing", "$.assessment: required; missing",
            ])
    }

    @Test("another format or version is refused without reading further")
    func otherFormat() throws {
        var object = try Self.exampleObject()
        object["format"] = "signpost-caf/2"
        let reading = PartnerAssessmentDocument.read(try Self.data(object))
        #expect(reading.document == nil)
        #expect(reading.problems.map(\.path) == ["$.format"])
    }

    @Test("text that is not JSON, and a document past the size limit, are refused")
    func notJSONAndTooLarge() throws {
        let garbled = PartnerAssessmentDocument.read(Data("{\"format\": ".utf8))
        #expect(garbled.document == nil)
        #expect(garbled.problems.first?.path == "$")
        #expect(garbled.problems.first?.message.hasPrefix("not a JSON document") == true)

        let huge = Data(repeating: UInt8(ascii: " "), count: PartnerAssessmentDocument.sizeLimit + 1)
        let tooLarge = PartnerAssessmentDocument.read(huge)
        #expect(tooLarge.document == nil)
        #expect(tooLarge.problems.map(\.message) == ["the document is 1024 KB; the limit is 1024 KB"])
    }

    @Test("text past its limit, and a list past its limit, are problems")
    func textAndListLimits() throws {
        var object = try Self.exampleObject()
        var assessment = try #require(object["assessment"] as? [String: Any])
        assessment["conclusions"] = String(repeating: "a", count: 20_001)
        object["assessment"] = assessment
        object["servicesInvolved"] = Array(repeating: "Health visiting", count: 101)
        let reading = PartnerAssessmentDocument.read(try Self.data(object))
        #expect(reading.document == nil)
        #expect(
            reading.problems.map(\.description).sorted() == [
                "$.assessment.conclusions: is 20001 characters; the limit is 20000",
                "$.servicesInvolved: has 101 entries; the limit is 100",
            ])
    }

    @Test("control characters and hidden characters are removed from text, and each removal is noted")
    func hostileTextSanitised() throws {
        var object = try Self.exampleObject()
        var child = try #require(object["child"] as? [String: Any])
        child["givenName"] = "Ava\u{1B}[2J\u{202E}"
        object["child"] = child
        var views = try #require(object["views"] as? [String: Any])
        views["parent"] = "line one\r\nline two\u{07}\u{9B}"
        object["views"] = views
        let reading = PartnerAssessmentDocument.read(try Self.data(object))
        let document = try #require(reading.document)
        #expect(document.child.givenName == "Ava[2J")
        #expect(document.parentViews == "line one\nline two")
        #expect(
            reading.notes.map(\.description).sorted() == [
                "$.child.givenName: 2 control or hidden characters removed from the text",
                "$.views.parent: 2 control or hidden characters removed from the text",
            ])
    }

    @Test("an assessment marked complete that the CAF would not accept as complete is read as a draft, with a note")
    func completeButMissingFields() throws {
        var object = try Self.exampleObject()
        var assessment = try #require(object["assessment"] as? [String: Any])
        assessment["conclusions"] = ""
        object["assessment"] = assessment
        let reading = PartnerAssessmentDocument.read(try Self.data(object))
        let document = try #require(reading.document)
        #expect(document.status == .draft)
        #expect(document.completedOn == nil)
        #expect(reading.notes.map(\.path) == ["$.assessment.status"])
        #expect(
            reading.notes.first?.message.contains("Conclusions, solutions and actions: conclusions and solutions")
                == true)
    }

    @Test("the document becomes a CAF holding every section as written, marked with where it came from")
    func asAssessment() throws {
        let document = try #require(PartnerAssessmentDocument.read(try Self.example()).document)
        let source = PartnerAssessmentSource(
            format: PartnerAssessmentDocument.currentFormat, organisation: "Hornsey Road Primary",
            author: "Dee Okafor", role: "Designated safeguarding lead", writtenOn: try CalendarDate(iso: "2026-11-20"),
            file: "caf.json", importedOn: try CalendarDate(iso: "2026-11-23"), importedBy: "sam.okafor")
        let caf = document.assessment(id: "A-9", subject: "P-ava", source: source)
        #expect(caf.status == .complete)
        #expect(caf.missingRequiredFields().isEmpty)
        #expect(caf.identifying.givenName == "Ava")
        #expect(caf.identifying.postcode == "N7 0ZZ")
        #expect(caf.identifying.firstLanguageOfParent == "English")
        #expect(
            caf.assessor
                == Professional(
                    name: "Dee Okafor", role: "Designated safeguarding lead", organisation: "Hornsey Road Primary",
                    phone: "020 7946 0102", email: "d.okafor@hornseyroad.example"))
        #expect(caf.elements == document.elements)
        #expect(caf.actions == document.actions)
        #expect(caf.services == document.servicesInvolved)
        #expect(caf.childViews == document.childViews)
        #expect(caf.parentViews == document.parentViews)
        #expect(caf.consentToShare == document.consentToShare)
        #expect(caf.consentToAssess == document.consentToAssess)
        #expect(caf.reviews == document.reviews)
        #expect(caf.importedFrom == source)
        #expect(
            caf.exported(as: .plainText, family: Family(id: "F-1", name: "Wrenfold", locality: .north))
                .contains("Imported from: Hornsey Road Primary (Dee Okafor, Designated safeguarding lead)"))
    }

    @Test("a new family from the document holds the child, the parents and carers and the others named")
    func newFamily() throws {
        var object = try Self.exampleObject()
        object["otherPeople"] = [["givenName": "Ben", "role": "child", "dateOfBirth": "2021-01-05"]]
        let document = try #require(PartnerAssessmentDocument.read(try Self.data(object)).document)
        var next = 0
        let family = document.newFamily(
            id: "F-9", childID: "P-9",
            newPersonID: {
                next += 1
                return PersonID("P-9-\(next)")
            }, locality: .north, createdAt: Date(timeIntervalSince1970: 0))
        #expect(family.name == "Wrenfold")
        #expect(family.address.postcode == "N7 0ZZ")
        #expect(family.members.map(\.fullName) == ["Ava Wrenfold", "Marta Wrenfold", "Ben Wrenfold"])
        #expect(family.members.map(\.role) == [.child, .parentOrCarer, .child])
        #expect(family.members[1].hasParentalResponsibility)
        #expect(family.members[2].dateOfBirth == (try CalendarDate(iso: "2021-01-05")))
    }
}

/// The published JSON Schema says what the reader reads.
@Suite("Partner CAF: the published JSON Schema")
struct PartnerAssessmentSchemaTests {
    static func schema() throws -> [String: Any] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("docs/partner-caf.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func properties(_ object: [String: Any], _ path: [String]) throws -> [String: Any] {
        var current = object
        for key in path {
            let properties = try #require(current["properties"] as? [String: Any], "no properties at \(key)")
            var next = try #require(properties[key] as? [String: Any], "no \(key)")
            if let items = next["items"] as? [String: Any] { next = items }
            current = next
        }
        return current
    }

    static func codes(_ path: [String]) throws -> [String] {
        try #require(try properties(schema(), path)["enum"] as? [String])
    }

    @Test("the schema's code lists are the codes the reader accepts")
    func codeLists() throws {
        #expect(try Self.codes(["child", "gender"]) == Gender.allCases.map(\.rawValue))
        #expect(try Self.codes(["child", "ethnicity"]) == Ethnicity.allCases.map(\.rawValue))
        #expect(try Self.codes(["child", "locality"]) == Locality.allCases.map(\.rawValue))
        #expect(try Self.codes(["otherPeople", "role"]) == PersonRole.allCases.map(\.rawValue))
        #expect(
            try Self.codes(["consent", "toShare", "decision"]) == ConsentStatus.allCases.map(\.rawValue))
        #expect(
            try Self.codes(["assessment", "elements", "learning", "rating"]) == ElementRating.allCases.map(\.rawValue))
        let elements = try #require(
            try Self.properties(Self.schema(), ["assessment", "elements"])["properties"] as? [String: Any])
        #expect(Set(elements.keys) == Set(AssessmentElement.allCases.map(\.rawValue)))
    }

    @Test("the shipped example uses only fields the schema names")
    func exampleWithinSchema() throws {
        let example = try PartnerAssessmentDocumentTests.exampleObject()
        let schema = try Self.schema()
        func check(_ value: Any, against node: [String: Any], at path: String) {
            if let object = value as? [String: Any], let properties = node["properties"] as? [String: Any] {
                for (key, child) in object {
                    guard let childNode = properties[key] as? [String: Any] else {
                        Issue.record("\(path).\(key) is not in the schema")
                        continue
                    }
                    check(child, against: childNode, at: "\(path).\(key)")
                }
            } else if let list = value as? [Any], let items = node["items"] as? [String: Any] {
                for (index, item) in list.enumerated() { check(item, against: items, at: "\(path)[\(index)]") }
            }
        }
        check(example, against: schema, at: "$")
        #expect(PartnerAssessmentDocument.read(try PartnerAssessmentDocumentTests.example()).problems.isEmpty)
    }
}
