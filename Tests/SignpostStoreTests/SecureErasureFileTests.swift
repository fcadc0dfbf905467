import Foundation
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import Testing

/// Erasure down to the bytes (#16): an erased person's name survives in no page of the SQLite file, its
/// write-ahead log or its shared-memory index, not even in free pages or in the log's older frames.
@Suite("SQLite store: erased text left in no file")
struct SecureErasureFileTests {
    static let now = TestFamilies.at("2026-03-05T12:00:00Z")
    /// Distinctive enough that finding it in the bytes can only mean it was left behind.
    static let given = "Zebedee"
    static let surname = "Quorndonovitch"

    static func family() throws -> Family {
        let parent = Person(
            id: "P-parent", role: .parentOrCarer, givenName: "Marta", familyName: "Ashcombe",
            dateOfBirth: try CalendarDate(iso: "1990-02-11"), hasParentalResponsibility: true)
        let child = Person(
            id: "P-zeb", role: .child, givenName: given, familyName: surname,
            dateOfBirth: try CalendarDate(iso: "2019-07-23"))
        return Family(
            id: "F-70001", name: "Ashcombe", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [parent, child],
            relationships: [Relationship(from: "P-parent", kind: .parent, to: "P-zeb")])
    }

    /// The files' bytes, lower-cased ASCII, by file name; a file that is not there reads as empty.
    static func bytes(of url: URL) -> [(String, [UInt8])] {
        ["", "-wal", "-shm"].map { suffix in
            let path = url.path + suffix
            let data = FileManager.default.contents(atPath: path) ?? Data()
            return (url.lastPathComponent + suffix, data.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 })
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.lowercased().utf8)
        guard haystack.count >= pattern.count else { return false }
        for start in 0...(haystack.count - pattern.count) where haystack[start] == pattern[0] {
            if Array(haystack[start..<(start + pattern.count)]) == pattern { return true }
        }
        return false
    }

    static func expectNoTrace(in url: URL, while state: String) {
        var leftovers: [String] = []
        for (file, bytes) in bytes(of: url) {
            for word in [given, surname, "Zebbo", "2019-07-23"] where contains(bytes, word) {
                leftovers.append("\(file) holds \(word)")
            }
        }
        #expect(leftovers == [], "store \(state)")
    }

    @Test("a written and erased person's name is in none of the store's files, open or closed")
    func nameInNoFileAfterErasure() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("store.sqlite")
        do {
            let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
            try store.startOutbox()
            try store.apply([.addFamily(try Self.family())], by: "jo")
            try store.apply(
                [
                    .recordLevel(
                        family: "F-70001", person: "P-zeb",
                        LevelEntry(level: .complex, setBy: "jo", setAt: Self.now, reason: "\(Self.given) not sleeping")),
                    .addCaseNote(
                        family: "F-70001",
                        CaseNote(
                            id: "N-1", writtenAt: Self.now, author: "jo",
                            text: "Home visit: \(Self.given) \(Self.surname) and Marta at home.",
                            about: ["P-zeb", "P-parent"])),
                    .updatePersonFields(
                        family: "F-70001", person: "P-zeb", fields: [.alsoKnownAs: .array([.string("Zebbo")])]),
                ], by: "jo")
            // Searches leave entries naming what was typed.
            #expect(try store.search(Self.surname, limit: 10).count == 1)
            try store.recordRead(
                action: "search-families", summary: "searched for “\(Self.surname)”: 1 family found", by: "jo")
            // Written and read back through the main file, as a store used for days would be.
            try store.close()
            let reopened = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
            try reopened.apply(
                [
                    .erasePerson(
                        PersonErasure(family: "F-70001", person: "P-zeb", reason: "retention review", at: Self.now))
                ], by: "manager")
            // While the store is still open, as it is all day in the interface: the log too.
            Self.expectNoTrace(in: url, while: "open")
            #expect(try reopened.search(Self.surname, limit: 10).isEmpty)
            #expect(try reopened.search(Self.given, limit: 10).isEmpty)
            #expect(try reopened.check().isHealthy)
            try reopened.close()
        }
        Self.expectNoTrace(in: url, while: "closed")
        let kept = Self.contains(Self.bytes(of: url)[0].1, "Ashcombe")
        #expect(kept, "the rest of the family is kept")
    }
}
