import Foundation

/// Why a scenario file was refused: the file, the field, and what is wrong with it.
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var field: String
    public var message: String

    public init(file: String, field: String, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    /// "07-out-of-hours.json: expected.destinations[1].service: "bright-stars" is not a service in the directory".
    public var description: String { field.isEmpty ? "\(file): \(message)" : "\(file): \(field): \(message)" }
}

extension TrainingScenario {
    /// Reads one scenario file, refusing it with the file and field named when anything is missing or wrong.
    ///
    /// Families and services are checked against what is given: a scenario that
    /// names a family not in `families` or a service not in `directory` is refused.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: the file's name, for messages.
    ///   - families: the families scenarios may use (the fixture families).
    ///   - directory: the service directory of the pathways in use.
    public static func load(
        _ data: Data, file: String, families: [FamilyID: Family], directory: ServiceDirectory
    ) throws(ScenarioError) -> TrainingScenario {
        func fail(_ field: String, _ message: String) -> ScenarioError {
            ScenarioError(file: file, field: field, message: message)
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("", "not a JSON object (is a brace or a comma missing?)")
        }
        if let problem = StrictJSON.firstProblem(in: data) { throw fail("", problem) }
        func text(_ key: String, in dictionary: [String: Any], at path: String, required: Bool = true)
            throws(ScenarioError) -> String
        {
            guard let value = dictionary[key] else {
                if required { throw fail(path + key, "is missing") }
                return ""
            }
            guard let string = value as? String else { throw fail(path + key, "must be text") }
            if required && string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw fail(path + key, "is empty")
            }
            return string
        }
        let id = try text("id", in: object, at: "")
        let title = try text("title", in: object, at: "")
        let narrative = try text("narrative", in: object, at: "")
        let teachingPoint = try text("teachingPoint", in: object, at: "")
        let familyID = FamilyID(try text("family", in: object, at: ""))
        guard let family = families[familyID] else {
            throw fail("family", "“\(familyID)” is not one of the training families")
        }
        let atText = try text("at", in: object, at: "")
        guard let at = Timestamp.date(atText) else {
            throw fail("at", "“\(atText)” is not an ISO 8601 instant such as 2026-11-24T10:15:00Z")
        }
        guard let callerObject = object["caller"] as? [String: Any] else {
            throw fail("caller", "is missing (name, relationship, agency, phone)")
        }
        let caller = Caller(
            name: try text("name", in: callerObject, at: "caller."),
            agency: try text("agency", in: callerObject, at: "caller.", required: false),
            relationship: try text("relationship", in: callerObject, at: "caller.", required: false),
            phone: try text("phone", in: callerObject, at: "caller.", required: false))
        var door: ContactDoor?
        if let doorText = object["door"] as? String {
            guard let known = ContactDoor(rawValue: doorText) else { throw fail("door", "“\(doorText)” is not a door") }
            door = known
        }
        var source: ContactSource?
        if let sourceText = object["source"] as? String {
            guard let known = ContactSource(rawValue: sourceText) else {
                throw fail("source", "“\(sourceText)” is not a contact source category")
            }
            source = known
        }
        guard let situationObject = object["situation"] as? [String: Any],
            let situationData = try? JSONSerialization.data(withJSONObject: situationObject)
        else { throw fail("situation", "is missing (the navigator's situation: door, consent, people)") }
        var situation: Situation
        do {
            situation = try Situation.decode(situationData)
            try situation.validate(today: LondonTime.today(at: at))
        } catch {
            let first = error.problems.first
            throw fail("situation.\(first?.field ?? "")", first?.message ?? "\(error)")
        }
        for (index, person) in situation.people.enumerated() where family.member(person.id) == nil {
            throw fail(
                "situation.people[\(index)].id",
                "“\(person.id)” is not a member of \(family.name) family (\(family.id))")
        }
        // People are named from the family record, so trainees and presenters see names, not ids.
        for index in situation.people.indices where situation.people[index].name == nil {
            situation.people[index].name = family.member(situation.people[index].id)?.fullName
        }
        let expected = try loadExpected(object["expected"], situation: situation, directory: directory, fail: fail)
        return TrainingScenario(
            id: id, title: title, narrative: narrative, family: familyID, at: at, caller: caller, door: door,
            source: source, situation: situation, expected: expected, teachingPoint: teachingPoint,
            obviousAnswerIsWrong: object["obviousAnswerIsWrong"] as? Bool ?? false,
            covers: object["covers"] as? [String] ?? [])
    }

    private static func loadExpected(
        _ value: Any?, situation: Situation, directory: ServiceDirectory, fail: (String, String) -> ScenarioError
    ) throws(ScenarioError) -> ExpectedOutcome {
        guard let object = value as? [String: Any] else {
            throw fail("expected", "is missing (levels per person, and destinations)")
        }
        let people = Set(situation.people.map(\.id))
        guard let levelObject = object["levels"] as? [String: Any] else {
            throw fail("expected.levels", "is missing: give each person's level, {\"P-0001-2\": 2}")
        }
        var levels: [PersonID: NeedLevel] = [:]
        for (key, raw) in levelObject {
            guard people.contains(PersonID(key)) else {
                throw fail("expected.levels.\(key)", "is not one of the people in the situation")
            }
            guard let number = raw as? Int, let level = NeedLevel(rawValue: number) else {
                throw fail("expected.levels.\(key)", "must be a level from 1 to 4")
            }
            levels[PersonID(key)] = level
        }
        guard let list = object["destinations"] as? [[String: Any]] else {
            throw fail("expected.destinations", "is missing: a list of {service, people} (empty for none)")
        }
        var destinations: [ExpectedDestination] = []
        for (index, entry) in list.enumerated() {
            let path = "expected.destinations[\(index)]"
            guard let service = entry["service"] as? String else { throw fail("\(path).service", "is missing") }
            guard directory[ServiceID(service)] != nil else {
                throw fail("\(path).service", "“\(service)” is not a service in the directory (see --list-services)")
            }
            guard let ids = entry["people"] as? [String], !ids.isEmpty else {
                throw fail("\(path).people", "is missing: say for whom")
            }
            for id in ids where !people.contains(PersonID(id)) {
                throw fail("\(path).people", "“\(id)” is not one of the people in the situation")
            }
            destinations.append(ExpectedDestination(service: ServiceID(service), people: ids.map { PersonID($0) }))
        }
        return ExpectedOutcome(levels: levels, destinations: destinations)
    }
}
