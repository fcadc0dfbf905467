import Foundation
import SignpostDomain
import SignpostFixtures
import Testing

@testable import SignpostStore

/// Every saved and pulled change writes an audit entry, so its values are written without a JSON
/// round trip: these check the direct writers give exactly what Foundation's encoder and decoder
/// gave, so the stored values and the digests the audit chain seals are what they were.
@Suite("Audit encoding")
struct AuditEncodingTests {
    private static func foundationText(_ detail: AuditDetail) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(detail), as: UTF8.self)
    }

    @Test("an entry's values are written byte for byte as JSONEncoder writes them")
    func detailText() throws {
        var awkward = ""
        for value in 0..<0x80 { awkward.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        awkward += "\u{2028}\u{2029}é😀\u{FEFF}\r\n/\\\""
        let details = [
            AuditDetail(changes: []),
            AuditDetail(changes: [AuditValueChange(field: "phone", old: nil, new: "020 7946 0001")]),
            AuditDetail(changes: [AuditValueChange(field: "phone", old: "020 7946 0000", new: nil)]),
            AuditDetail(changes: [AuditValueChange(field: "reason", old: nil, new: nil)]),
            AuditDetail(
                changes: [
                    AuditValueChange(field: awkward, old: awkward, new: "Mrs \"O'Brien\" at 1/2 Row"),
                    AuditValueChange(field: "text", old: nil, new: "Line one\nline two\ttabbed"),
                ]),
            AuditDetail(changes: [], erased: "erased under Article 17 (P-0002): \u{1B}[31m"),
        ]
        for detail in details {
            #expect(String(decoding: detail.encoded(), as: UTF8.self) == (try Self.foundationText(detail)))
            #expect(AuditDetail.decoded(from: detail.encoded()) == detail)
        }
    }

    @Test("a record's audit values are the ones the JSON round trip gave, for every kind of record")
    func recordValues() throws {
        let today = try CalendarDate(iso: "2026-11-23")
        let families = SyntheticFamilyGenerator(seed: 17).families(0..<40, today: today)
        var changes: [CaseChange] = []
        for family in families {
            changes.append(.addFamily(family))
            changes += family.notes.map { .addCaseNote(family: family.id, $0) }
            changes += family.contacts.map { .addContact(family: family.id, $0) }
            changes += family.referrals.map { .addReferral(family: family.id, $0) }
            changes += family.consents.map { .recordConsent(family: family.id, $0) }
            changes += family.episodes.map { .openEpisode(family: family.id, $0) }
            for person in family.members {
                changes.append(
                    .addPerson(family: family.id, person, relationships: family.relationshipsInvolving(person.id)))
                changes += person.levelHistory.map { .recordLevel(family: family.id, person: person.id, $0) }
            }
        }
        #expect(changes.count > 200)
        for change in changes {
            let direct = try JSONValueEncoder().encode(change)
            #expect(direct == change.recordAuditObjectThroughText(), "\(change.action) \(change.recordID)")
        }
    }

    @Test("dates are written as JSONEncoder's ISO 8601 strategy writes them, whole seconds in UTC")
    func dates() throws {
        struct Stamped: Codable { var at: Date }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        for seconds in [0, 1_795_428_000.25, -86_400.5, 1_000_000_000.999] {
            let value = Stamped(at: Date(timeIntervalSince1970: seconds))
            let text = try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(value))
            #expect(try JSONValueEncoder().encode(value) == text)
        }
    }

    @Test("values the direct encoder would not write as JSONEncoder does are refused, so the round trip is used")
    func unsupported() {
        struct Blob: Encodable { var data = Data([1, 2, 3]) }
        struct NotANumber: Encodable { var value = Double.nan }
        #expect(throws: JSONValueEncoder.Unsupported.self) { try JSONValueEncoder().encode(Blob()) }
        #expect(throws: JSONValueEncoder.Unsupported.self) { try JSONValueEncoder().encode(NotANumber()) }
    }
}
