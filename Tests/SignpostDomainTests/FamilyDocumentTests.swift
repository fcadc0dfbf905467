import Foundation
import SignpostDomain
import SignpostFixtures
import Testing

@Suite("Family documents and fixtures")
struct FamilyDocumentTests {
    @Test("every fixture family re-encodes and decodes to the same family, byte for byte on the second pass")
    func roundTrip() throws {
        for document in try FixtureCatalog.families() {
            let first = try document.encoded()
            let decoded = try FamilyDocument(decoding: first)
            #expect(decoded == document)
            #expect(try decoded.encoded() == first)
        }
    }

    @Test("what is not a family document is refused in plain words")
    func refusals() throws {
        #expect(throws: FamilyDocumentError.notJSON) { try FamilyDocument(decoding: Data("nope".utf8)) }
        #expect(throws: FamilyDocumentError.notAFamilyDocument) { try FamilyDocument(decoding: Data(#"{"a":1}"#.utf8)) }
        // Valid JSON of another shape is not a family document either, rather than "not JSON".
        for otherShape in ["[1, 2]", "42", #"{"format": 7}"#, #"{"format": "signpost-theme"}"#] {
            #expect(throws: FamilyDocumentError.notAFamilyDocument) {
                try FamilyDocument(decoding: Data(otherShape.utf8))
            }
        }
        #expect(throws: FamilyDocumentError.newerFormat(9)) {
            try FamilyDocument(decoding: Data(#"{"format":"signpost-family","formatVersion":9}"#.utf8))
        }
        do {
            _ = try FamilyDocument(
                decoding: Data(
                    #"{"format":"signpost-family","formatVersion":1,"fictional":true,"family":{"id":"F-1"}}"#.utf8))
            Issue.record("a family without a name was accepted")
        } catch let error as FamilyDocumentError {
            #expect(error.description.contains("missing field family.name"), "\(error)")
        }
    }

    @Test("the fixtures cover every level, age band, locality, closure reason and CAF status, with unique ids")
    func coverage() throws {
        let families = try FixtureCatalog.families().map(\.family)
        let today = try CalendarDate(iso: "2026-11-23")
        #expect(families.count >= 40)
        let people = families.flatMap(\.members)
        #expect(Set(people.compactMap(\.currentLevel)) == Set(NeedLevel.allCases))
        let bands = Set(people.map { $0.ageBand(on: today) })
        for band in [AgeBand.unborn, .earlyYears, .primary, .secondary, .postSixteen, .sendYoungAdult, .adult] {
            #expect(bands.contains(band), "no one in band \(band)")
        }
        #expect(families.contains { $0.members.allSatisfy(\.role.isAdult) }, "an adults-only household")
        #expect(Set(families.map(\.locality)) == Set(Locality.allCases))
        #expect(Set(families.flatMap(\.episodes).compactMap(\.closureReason)) == Set(ClosureReason.allCases))
        #expect(Set(families.flatMap(\.assessments).map(\.status)) == Set(AssessmentStatus.allCases))
        for assessment in families.flatMap(\.assessments) where assessment.status != .draft {
            #expect(assessment.missingRequiredFields() == [], "\(assessment.id) is \(assessment.status) but has gaps")
        }
        #expect(families.contains { Set($0.members.compactMap(\.currentLevel)).count > 1 }, "a mixed-level household")
        #expect(families.contains { $0.openServices.count >= 2 }, "a family known to two services")
        #expect(Set(families.flatMap(\.referrals).map(\.status)).isSuperset(of: [.sent, .accepted]))
        let ids = families.map(\.id.rawValue) + people.map(\.id.rawValue)
        #expect(Set(ids).count == ids.count, "ids are unique")
        for family in families {
            let members = Set(family.members.map(\.id))
            for relation in family.relationships {
                #expect(members.contains(relation.from) && members.contains(relation.to))
            }
            for contact in family.contacts { #expect(Set(contact.about).isSubset(of: members)) }
            for assessment in family.assessments { #expect(members.contains(assessment.subject)) }
        }
    }

    @Test("the synthetic generator is reproducible for a seed and different for another")
    func generator() throws {
        let today = try CalendarDate(iso: "2026-11-23")
        let a = SyntheticFamilyGenerator(seed: 7).families(0..<50, today: today)
        let b = SyntheticFamilyGenerator(seed: 7).families(0..<50, today: today)
        let c = SyntheticFamilyGenerator(seed: 8).families(0..<50, today: today)
        #expect(a == b)
        #expect(a.map(\.name) != c.map(\.name))
        #expect(a.allSatisfy { (1...7).contains($0.members.count) })
        #expect(Set(a.map(\.id)).count == 50)
        let busy = SyntheticFamilyGenerator(seed: 7).family(number: 3, today: today, chronologyEntries: 200)
        #expect(busy.chronology().count >= 200)
    }
}

@Suite("Synthetic families")
struct SyntheticFamilyTests {
    @Test("neighbouring families are unrelated, not shifted copies of each other")
    func neighboursDiffer() throws {
        let today = try CalendarDate(iso: "2026-11-23")
        let families = SyntheticFamilyGenerator(seed: 7).families(0..<200, today: today)
        let shapes = families.map { $0.members.map(\.givenName).joined(separator: ",") }
        #expect(Set(shapes).count > 190)
        #expect(Set(families.map(\.name)).count > 150)
    }
}

/// Hostile documents (issue #12): ids outside the grammar, NUL, duplicate keys, invisible characters in JSON.
@Suite("Family documents: hostile input")
struct FamilyDocumentHostileInputTests {
    /// A valid document for a family named "Nul" with id F-1, as text, with `original` replaced by `replacement`.
    private func document(replacing original: String, with replacement: String) throws -> Data {
        let family = Family(id: "F-1", name: "Nul", locality: .north)
        let text = String(decoding: try FamilyDocument(family: family, isFictional: false).encoded(), as: UTF8.self)
        #expect(text.contains(original))
        return Data(text.replacingOccurrences(of: original, with: replacement).utf8)
    }

    @Test("a family id that climbs out of a folder is refused naming the field")
    func traversalID() throws {
        let data = try document(replacing: #""id" : "F-1""#, with: #""id" : "../../../victim""#)
        #expect {
            _ = try FamilyDocument(decoding: data)
        } throws: { error in
            guard case .invalid(let detail) = error as? FamilyDocumentError else { return false }
            return detail.contains("family.id") && detail.contains("not a valid id")
        }
    }

    @Test("NUL in any text is refused naming the field, never cut short")
    func nul() throws {
        let data = try document(replacing: #""name" : "Nul""#, with: #""name" : "Nul\u0000hidden""#)
        #expect(
            throws: FamilyDocumentError.invalid(
                "field family.name contains a NUL character (U+0000), which cannot be stored; remove it")
        ) {
            try FamilyDocument(decoding: data)
        }
    }

    @Test("a key given twice is refused naming it")
    func duplicateKeys() throws {
        let data = try document(replacing: #""name" : "Nul""#, with: #""name" : "A", "name" : "B""#)
        #expect(throws: FamilyDocumentError.invalid("field family.name is given twice; give each field once")) {
            try FamilyDocument(decoding: data)
        }
    }

    @Test("encoded documents escape DEL, C1 controls and invisible formatting characters, and read back the same")
    func escapedInvisibles() throws {
        let hostile = "A\u{7F}B\u{85}C\u{9B}D\u{202E}E\u{200B}F"
        let family = Family(id: "F-1", name: hostile, locality: .north)
        let data = try FamilyDocument(family: family, isFictional: false).encoded()
        let text = String(decoding: data, as: UTF8.self)
        for scalar in text.unicodeScalars {
            #expect(
                !(0x7F...0x9F).contains(scalar.value) && scalar != "\u{202E}" && scalar != "\u{200B}",
                "raw U+\(String(scalar.value, radix: 16)) in the JSON")
        }
        #expect(text.contains(#"A\u007fB\u0085C\u009bD\u202eE\u200bF"#))
        #expect(try FamilyDocument(decoding: data).family.name == hostile)
    }
}
