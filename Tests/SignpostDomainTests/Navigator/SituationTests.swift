import Foundation
import SignpostDomain
import Testing

@Suite("Situations")
struct SituationTests {
    let today = try! CalendarDate(iso: "2026-11-23")

    static let example = """
        {"door": "csct", "consent": "given",
         "people": [
          {"id": "mum", "role": "adult", "age": 34, "level": 2, "concerns": ["financial"]},
          {"id": "ava", "role": "child", "dateOfBirth": "2022-03-14", "concerns": ["early-development"]},
          {"id": "bump", "role": "child", "unborn": true, "expectedDate": "2027-02-01"}]}
        """

    @Test("the issue's JSON reads as written")
    func readsExample() throws {
        let situation = try Situation.decode(Data(Self.example.utf8))
        #expect(situation.door == .csct)
        #expect(situation.consent == .given)
        #expect(situation.people.map(\.id) == ["mum", "ava", "bump"])
        #expect(situation.people[0].level == .earlyHelp)
        #expect(situation.people[0].concerns == [.financial])
        #expect(situation.people[1].age(on: today) == 4)
        let due = try CalendarDate(iso: "2027-02-01")
        #expect(situation.people[2].unborn)
        #expect(situation.people[2].expectedDate == due)
        #expect(situation.people[2].concerns == [], "a missing concerns list reads as none for the command line")
        try situation.validate(today: today)
    }

    @Test("for the screen, a missing concerns list stays unknown")
    func unknownConcerns() throws {
        let situation = try Situation.decode(Data(Self.example.utf8), missingConcernsAreNone: false)
        #expect(situation.people[2].concerns == nil)
        #expect(situation.effectiveLevel(for: situation.people[2], today: today) == nil)
    }

    @Test("encoding and decoding give back the same situation")
    func roundTrip() throws {
        let situation = try Situation.decode(Data(Self.example.utf8))
        let again = try Situation.decode(try JSONEncoder().encode(situation))
        #expect(again == situation)
    }

    @Test(
        "decoding errors name the field",
        arguments: [
            (
                #"{"people": [{"id": "a", "role": "child", "age": 3, "concerns": ["neglect", "sadness"]}]}"#,
                #"people[0].concerns[1]: "sadness" is not a concern (see --list-concerns)"#
            ),
            (#"{"people": [{"id": "a", "role": "teen", "age": 3}]}"#, #"people[0].role: "teen" is not a role"#),
            (#"{"consent": "maybe", "people": []}"#, #"consent: "maybe" is not a consent answer"#),
            (#"{"door": "window", "people": []}"#, #"door: "window" is not a door"#),
            (#"{"people": [{"id": "a", "role": "adult", "level": 5}]}"#, "people[0].level: 5 is not a level (1 to 4)"),
            (#"{"people": [{"id": "a", "role": "child", "dateOfBirth": "tomorrow"}]}"#, "people[0].dateOfBirth: "),
            (#"{"people": [{"id": "a", "role": "child", "age": "three"}]}"#, "people[0].age: expected a whole number"),
            (#"{"people": [{"role": "child", "age": 3}]}"#, "people[0].id: is missing"),
            (#"{"consent": "given"}"#, "people: is missing"),
            (
                #"{"people": [{"id": "a", "role": "adult", "indicators": ["grumpy"]}]}"#,
                #"people[0].indicators[0]: "grumpy""#
            ),
            ("not json", "not readable JSON"),
        ])
    func decodingErrors(_ json: String, _ expected: String) {
        do {
            _ = try Situation.decode(Data(json.utf8))
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }

    @Test(
        "validation names the field",
        arguments: [
            (Situation(people: []), "people: no people"),
            (Situation(people: [.child("a", age: -1)]), "people[0].age: -1 is negative"),
            (
                Situation(people: [.child("a", born: "2027-01-01")]),
                "people[0].dateOfBirth: 2027-01-01 is in the future"
            ),
            (
                Situation(people: [.child("a", age: 3), .child("a", age: 5)]),
                #"people[1].id: "a" is used by another person"#
            ),
            (
                Situation(people: [.child("a")]),
                "people[0]: a child needs an age, a dateOfBirth, or unborn with an expectedDate"
            ),
            (
                Situation(people: [SituationPerson(id: "b", role: .child, unborn: true)]),
                "people[0].expectedDate: an unborn child needs an expectedDate"
            ),
            (Situation(people: [.adult("a", age: 15)]), "people[0].role: 15 is under 18"),
            (Situation(people: [.child("a", age: 30)]), "people[0].role: 30 is too old for children's services"),
            (
                Situation(people: [
                    SituationPerson(id: "a", role: .adult, age: 30, expectedDate: try! CalendarDate(iso: "2027-01-01"))
                ]),
                "people[0].expectedDate: only an unborn child has an expectedDate"
            ),
        ])
    func validation(_ situation: Situation, _ expected: String) {
        do {
            try situation.validate(today: today)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test("validation reports every problem at once")
    func allProblems() {
        let situation = Situation(people: [.child("a", age: -2), .child("a"), .adult("c", age: 12)])
        #expect(throws: SituationError.self) { try situation.validate(today: today) }
        do {
            try situation.validate(today: today)
        } catch {
            #expect(error.problems.map(\.field) == ["people[0].age", "people[1].id", "people[1]", "people[2].role"])
        }
    }

    @Test("unknown facts are not validation problems: the walk asks for them")
    func unknownsAreValid() throws {
        let situation = Situation(
            consent: nil,
            people: [SituationPerson(id: "a", role: .child, age: 4, concerns: nil), .adult("b", age: nil)])
        try situation.validate(today: today)
    }

    @Test(
        "a stored family becomes a situation: roles, ages, SEND and levels from the record, concerns from the contact")
    func fromFamily() throws {
        let setAt = Instant.weekdayMorning
        let mum = Person(
            id: "P-mum", role: .parentOrCarer, givenName: "Mara", familyName: "Quill",
            levelHistory: [LevelEntry(level: .earlyHelp, setBy: "A. Worker", setAt: setAt, reason: "debt")])
        let ava = Person(
            id: "P-ava", role: .child, givenName: "Ava", familyName: "Quill",
            dateOfBirth: try CalendarDate(iso: "2022-03-14"), needs: SpecialNeeds(hasSEND: true))
        let bump = Person(
            id: "P-bump", role: .unbornChild, givenName: "", familyName: "Quill",
            expectedDeliveryDate: try CalendarDate(iso: "2027-02-01"))
        let people = [mum, ava, bump].map { SituationPerson($0) }
        #expect(people.map(\.role) == [.adult, .child, .child])
        #expect(people[0].level == .earlyHelp && people[0].name == "Mara Quill")
        #expect(people[1].send && people[1].dateOfBirth != nil)
        #expect(people[2].unborn && people[2].expectedDate != nil)
        #expect(people.allSatisfy { $0.concerns == nil }, "concerns come from the contact: unknown until asked")
        let situation = Situation(people: people)
        try situation.validate(today: today)
        let walk = NavigatorWalk(pathways: .islington, situation: situation, at: setAt)
        #expect(walk.pendingQuestion?.question.id == "immediate-danger")
        #expect(walk.pendingQuestion?.person?.id == "P-mum")
    }
}

@Suite("Consent on file")
struct ConsentOnFileTests {
    func record(_ decision: ConsentStatus, on day: String, withdrawn: String? = nil) throws -> ConsentRecord {
        ConsentRecord(
            id: ConsentID("C-\(day)"), givenBy: "Marta", givenOn: try CalendarDate(iso: day), decision: decision,
            scope: "early help", withdrawnOn: try withdrawn.map { try CalendarDate(iso: $0) }, recordedBy: "x")
    }

    @Test("consent in force is given; a later refusal is refused; a withdrawn consent or none is unknown")
    func consentOnFile() throws {
        let today = try CalendarDate(iso: "2026-11-23")
        var family = Family(id: "F-1", name: "Q", locality: .north)
        #expect(family.consentOnFile(on: today) == nil)
        family.consents = [try record(.given, on: "2026-10-01")]
        #expect(family.consentOnFile(on: today) == .given)
        family.consents = [try record(.given, on: "2026-10-01", withdrawn: "2026-11-01")]
        #expect(family.consentOnFile(on: today) == nil)
        family.consents.append(try record(.refused, on: "2026-11-10"))
        #expect(family.consentOnFile(on: today) == .refused)
        family.consents.append(try record(.given, on: "2026-12-01"))
        #expect(family.consentOnFile(on: today) == .refused, "consent given after today is not yet on file")
    }
}

@Suite("Situations: misspelt and repeated keys")
struct SituationKeyTests {
    @Test(
        "an unknown key is refused, naming the key and the nearest known one",
        arguments: [
            (
                #"{"people": [{"id": "a", "role": "child", "age": 9, "concern": ["sexual-abuse"]}]}"#,
                #"people[0]: unknown key "concern" (did you mean "concerns"?)"#
            ),
            (#"{"consnet": "given", "people": []}"#, #"unknown key "consnet" (did you mean "consent"?)"#),
            (
                #"{"people": [{"id": "a", "role": "child", "age": 9, "indicator": ["trafficking"]}]}"#,
                #"people[0]: unknown key "indicator" (did you mean "indicators"?)"#
            ),
            (
                #"{"people": [{"id": "a", "role": "adult", "age": 30, "colour": "blue"}]}"#,
                #"people[0]: unknown key "colour"; known keys: age, competent, concerns"#
            ),
        ])
    func unknownKeys(_ json: String, _ expected: String) {
        do {
            _ = try Situation.decode(Data(json.utf8))
            Issue.record("accepted: \(json)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test("a key given twice is refused, whichever copy Foundation would have kept")
    func duplicateKeys() {
        let json =
            #"{"people": [{"id": "a", "role": "child", "age": 9, "concerns": ["sexual-abuse"], "concerns": []}]}"#
        do {
            _ = try Situation.decode(Data(json.utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("people[0].concerns: is given twice"), "\(error.description)")
        }
    }

    @Test("per-person consent, competence and pregnancy read and round-trip")
    func personalFields() throws {
        let json = #"""
            {"consent": "refused", "people": [
              {"id": "mia", "role": "child", "age": 16, "consent": "given"},
              {"id": "kai", "role": "child", "age": 13, "consent": "given", "competent": true},
              {"id": "lou", "role": "adult", "age": 19, "pregnant": true}]}
            """#
        let situation = try Situation.decode(Data(json.utf8))
        let today = try CalendarDate(iso: "2026-11-23")
        try situation.validate(today: today)
        #expect(situation.people[0].consent == .given)
        #expect(situation.people[1].competent)
        #expect(situation.people[2].pregnant)
        #expect(situation.consent(for: situation.people[0], today: today) == .given)
        #expect(situation.consent(for: situation.people[2], today: today) == .refused, "the family's answer")
        #expect(try Situation.decode(try JSONEncoder().encode(situation)) == situation)
    }

    @Test("a child under 16 consents for themselves only when judged competent")
    func youngChildConsent() throws {
        let situation = Situation(people: [SituationPerson(id: "kid", role: .child, age: 12, consent: .given)])
        #expect(throws: SituationError.self) { try situation.validate(today: try CalendarDate(iso: "2026-11-23")) }
    }
}
