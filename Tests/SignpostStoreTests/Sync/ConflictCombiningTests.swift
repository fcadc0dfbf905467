import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// What kind of value each field in conflict holds, and which combined values the record can hold.
@Suite("Combining a conflict's two values")
struct ConflictCombiningTests {
    static let today = try! CalendarDate(iso: "2026-11-26")

    static func conflict(
        _ edits: String, _ record: String, _ field: String, server: JSONValue, pushed: JSONValue
    ) -> TeamConflict {
        let when = Date(timeIntervalSince1970: 1_795_000_000)
        return TeamConflict(
            id: 9, family: "F-00017", record: record, edits: edits, field: field, serverValue: server,
            serverAuthor: "kim", serverChangedAt: when, pushedValue: pushed, pushedAuthor: "sam", pushedAt: when)
    }

    static func value(_ encodable: some Encodable) throws -> JSONValue { try JSONValue(encoding: encodable) }

    @Test("every field that can conflict has a kind, and choices offer only the domain's values")
    func kinds() {
        #expect(ConflictResolution.combining(edits: "update-family", field: "address") == .address)
        #expect(
            ConflictResolution.combining(edits: "update-family", field: "languages")
                == .list(item: "language", required: true))
        #expect(ConflictResolution.combining(edits: "update-person", field: "phone") == .text(required: false))
        #expect(ConflictResolution.combining(edits: "update-person", field: "dateOfBirth") == .date(required: false))
        #expect(
            ConflictResolution.combining(edits: "save-assessment", field: "servicesList")
                == .list(item: "service", required: false))
        guard case .choice(let genders) = ConflictResolution.combining(edits: "update-person", field: "gender") else {
            Issue.record("gender is a choice")
            return
        }
        #expect(genders.map(\.value) == Gender.allCases.map { .string($0.rawValue) })
        guard
            case .choice(let statuses) = ConflictResolution.combining(edits: "update-referral-status", field: "status")
        else {
            Issue.record("a referral's status is a choice")
            return
        }
        #expect(statuses.map(\.label) == ["Sent", "Accepted", "Declined", "Closed", "Withdrawn"])
        guard case .choice(let yesNo) = ConflictResolution.combining(edits: "update-family", field: "interpreterNeeded")
        else {
            Issue.record("yes/no is a choice")
            return
        }
        #expect(yesNo.map(\.value) == [.bool(true), .bool(false)])
        for (edits, field) in [
            ("update-person", "relationships"), ("update-family", "leadProfessional"), ("update-person", "needs"),
            ("save-assessment", "elements"),
        ] {
            guard case .cannotCombine(let why) = ConflictResolution.combining(edits: edits, field: field) else {
                Issue.record("\(field) cannot be combined")
                continue
            }
            #expect(!why.isEmpty)
        }
    }

    @Test("text is trimmed; a required name cannot be emptied")
    func text() throws {
        let family = TestFamilies.quillfeather()
        let phone = Self.conflict("update-person", "P-marta", "phone", server: "07700 900001", pushed: "07700 900002")
        #expect(
            try phone.combinedValue(.text("  07700 900001 or 900002 "), on: family, today: Self.today)
                == .string("07700 900001 or 900002"))
        let name = Self.conflict("update-person", "P-marta", "givenName", server: "Marta", pushed: "Martha")
        #expect(throws: CombinedValueRefusal("The given name cannot be empty.")) {
            try name.combinedValue(.text("  "), on: family, today: Self.today)
        }
    }

    @Test("an address is its lines and a postcode: blanks dropped, postcode upper-cased and checked")
    func address() throws {
        let family = TestFamilies.quillfeather()
        let conflict = Self.conflict(
            "update-family", "F-00017", "address",
            server: try Self.value(Address(lines: ["12 Example Road"], postcode: "N7 0ZZ")),
            pushed: try Self.value(Address(lines: ["Flat 2", "12 Example Road"], postcode: "N7 0ZZ")))
        let combined = try conflict.combinedValue(
            .address(lines: [" Flat 2 ", "", "12 Example Road"], postcode: "n7 0zz"), on: family, today: Self.today)
        #expect(combined == (try Self.value(Address(lines: ["Flat 2", "12 Example Road"], postcode: "N7 0ZZ"))))
        #expect(
            throws: CombinedValueRefusal("“N7 0Z” is not a UK postcode (such as N7 8ZZ).", part: "postcode")
        ) {
            try conflict.combinedValue(
                .address(lines: ["12 Example Road"], postcode: "N7 0Z"), on: family, today: Self.today)
        }
        #expect(throws: CombinedValueRefusal("Give the address or its postcode.", part: "line 1")) {
            try conflict.combinedValue(.address(lines: ["", " "], postcode: ""), on: family, today: Self.today)
        }
    }

    @Test("a list is the union of both in order, each once; languages cannot be emptied")
    func lists() throws {
        #expect(
            ConflictResolution.union(["English", "Polish"], ["english", "Somali", " "]) == [
                "English", "Polish", "Somali",
            ])
        let family = TestFamilies.quillfeather()
        let languages = Self.conflict(
            "update-family", "F-00017", "languages", server: .array(["English", "Polish"]),
            pushed: .array(["English", "Somali"]))
        #expect(
            try languages.combinedValue(
                .list(["English", "Polish", "polish", "Somali"]), on: family, today: Self.today)
                == .array(["English", "Polish", "Somali"]))
        #expect(throws: CombinedValueRefusal("Keep at least one language: the languages cannot be empty.")) {
            try languages.combinedValue(.list([]), on: family, today: Self.today)
        }
        let otherNames = Self.conflict(
            "update-person", "P-zoe", "alsoKnownAs", server: .array(["Zee"]), pushed: .array(["Zo"]))
        #expect(try otherNames.combinedValue(.list([]), on: family, today: Self.today) == .array([]))
    }

    @Test("a choice is one of the field's values and no other")
    func choices() throws {
        let family = TestFamilies.quillfeather()
        let gender = Self.conflict("update-person", "P-ava", "gender", server: "female", pushed: "not-stated")
        #expect(try gender.combinedValue(.choice("not-stated"), on: family, today: Self.today) == "not-stated")
        #expect(throws: CombinedValueRefusal("“girl” is not one of the choices for the gender.")) {
            try gender.combinedValue(.choice("girl"), on: family, today: Self.today)
        }
        let ethnicity = Self.conflict("update-person", "P-marta", "ethnicity", server: "WOTH", pushed: .null)
        #expect(try ethnicity.combinedValue(.choice(.null), on: family, today: Self.today) == .null)
        let referral = Self.conflict("update-referral-status", "R-1", "status", server: "accepted", pushed: "closed")
        #expect(try referral.combinedValue(.choice("closed"), on: family, today: Self.today) == "closed")
        #expect(throws: CombinedValueRefusal("“open” is not one of the choices for the status.")) {
            try referral.combinedValue(.choice("open"), on: family, today: Self.today)
        }
        let interpreter = Self.conflict(
            "update-family", "F-00017", "interpreterNeeded", server: .bool(true), pushed: .bool(false))
        #expect(try interpreter.combinedValue(.choice(.bool(false)), on: family, today: Self.today) == .bool(false))
        #expect(throws: CombinedValueRefusal.self) {
            try interpreter.combinedValue(.text("yes"), on: family, today: Self.today)
        }
    }

    @Test("a date is typed DD/MM/YYYY, must be real, and cannot be a birth after today")
    func dates() throws {
        let family = TestFamilies.quillfeather()
        let born = Self.conflict("update-person", "P-ava", "dateOfBirth", server: "2022-03-14", pushed: "2022-03-15")
        #expect(try born.combinedValue(.date("15/03/2022"), on: family, today: Self.today) == "2022-03-15")
        #expect(try born.combinedValue(.date(""), on: family, today: Self.today) == .null)
        #expect(
            throws: CombinedValueRefusal("The date of birth “31/02/2022” is not a real date: type it as DD/MM/YYYY.")
        ) {
            try born.combinedValue(.date("31/02/2022"), on: family, today: Self.today)
        }
        #expect {
            try born.combinedValue(.date("01/12/2026"), on: family, today: Self.today)
        } throws: { error in
            "\(error)".hasPrefix("The date of birth cannot be 01/12/2026:") && "\(error)".contains("after today")
        }
        let started = Self.conflict(
            "save-assessment", "A-ava-1", "startedOn", server: "2026-01-10", pushed: "2026-01-11")
        #expect(throws: CombinedValueRefusal("The started on cannot be empty.")) {
            try started.combinedValue(.date(" "), on: family, today: Self.today)
        }
    }

    @Test("a value that cannot be combined is refused, saying to keep one side")
    func cannotCombine() throws {
        let family = TestFamilies.quillfeather()
        let relationships = Self.conflict(
            "update-person", "P-ava", "relationships", server: .array([]), pushed: .array([]))
        #expect {
            try relationships.combinedValue(.text("parent"), on: family, today: Self.today)
        } throws: { error in
            "\(error)".contains("Keep mine (m) or take theirs (t)")
        }
        #expect(relationships.combining.draft(from: .array([])) == nil)
    }

    @Test("an editor starts from mine, and values read in words")
    func draftsAndWords() throws {
        let address = ConflictResolution.combining(edits: "update-family", field: "address")
        let mine = try Self.value(Address(lines: ["12 Example Road"], postcode: "N7 0ZZ"))
        #expect(address.draft(from: mine) == .address(lines: ["12 Example Road"], postcode: "N7 0ZZ"))
        #expect(address.words(for: mine) == "12 Example Road, N7 0ZZ")
        let languages = ConflictResolution.combining(edits: "update-family", field: "languages")
        #expect(languages.words(for: .array(["English", "Somali"])) == "English, Somali")
        let gender = ConflictResolution.combining(edits: "update-person", field: "gender")
        #expect(gender.words(for: "not-stated") == "Not stated")
        #expect(gender.draft(from: "nonsense") == .choice("female"), "a value not on the list starts at the first")
        let born = ConflictResolution.combining(edits: "update-person", field: "dateOfBirth")
        #expect(born.draft(from: "2022-03-14") == .date("14/03/2022"))
        #expect(born.words(for: "2022-03-14") == "14/03/2022")
    }
}
