import Foundation

// Coding by hand so that an unknown word names its field and says what would
// have been accepted, instead of Foundation's generic "cannot initialize" text.

extension Situation: Codable {
    enum CodingKeys: String, CodingKey {
        case door, consent, people
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        door = try container.decodeWord(ContactDoor.self, forKey: .door, kind: "door")
        consent = try container.decodeWord(SituationConsent.self, forKey: .consent, kind: "consent answer")
        people = try container.decode([SituationPerson].self, forKey: .people)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(door, forKey: .door)
        try container.encodeIfPresent(consent, forKey: .consent)
        try container.encode(people, forKey: .people)
    }

    /// Reads a situation from JSON, naming the field of any problem (`people[0].concerns[1]: …`).
    ///
    /// A missing `concerns` is read as "none" when `missingConcernsAreNone` is
    /// true (the command line's rule); otherwise it stays unknown and the
    /// interactive walk asks.
    ///
    /// Unknown keys (`"concern"` for `"concerns"`) and keys given twice are refused, each naming the key and
    /// the nearest known one, so that a misspelt concern never vanishes.
    public static func decode(_ data: Data, missingConcernsAreNone: Bool = true) throws(SituationError) -> Situation {
        let keyProblems = StrictKeys.problems(in: data, schema: .situation)
        if !keyProblems.isEmpty { throw SituationError(keyProblems) }
        var situation: Situation
        do {
            situation = try JSONDecoder().decode(Situation.self, from: data)
        } catch let error as DecodingError {
            throw SituationError([SituationProblem(error)])
        } catch {
            throw SituationError([SituationProblem(field: "", message: "\(error)")])
        }
        if let problem = StrictJSON.firstProblem(in: data) {
            throw SituationError([SituationProblem(field: "", message: problem)])
        }
        if missingConcernsAreNone {
            for index in situation.people.indices where situation.people[index].concerns == nil {
                situation.people[index].concerns = []
            }
        }
        return situation
    }
}

extension SituationPerson: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name, role, age, dateOfBirth, unborn, expectedDate, send, level, concerns, indicators, consent,
            competent, pregnant
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(PersonID.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        guard let role = try container.decodeWord(SituationRole.self, forKey: .role, kind: "role (child or adult)")
        else {
            throw DecodingError.keyNotFound(
                CodingKeys.role, .init(codingPath: decoder.codingPath, debugDescription: "role is missing"))
        }
        self.role = role
        age = try container.decodeIfPresent(Int.self, forKey: .age)
        dateOfBirth = try container.decodeIfPresent(CalendarDate.self, forKey: .dateOfBirth)
        unborn = try container.decodeIfPresent(Bool.self, forKey: .unborn) ?? false
        expectedDate = try container.decodeIfPresent(CalendarDate.self, forKey: .expectedDate)
        send = try container.decodeIfPresent(Bool.self, forKey: .send) ?? false
        if let number = try container.decodeIfPresent(Int.self, forKey: .level) {
            guard let level = NeedLevel(rawValue: number) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .level, in: container, debugDescription: "\(number) is not a level (1 to 4)")
            }
            self.level = level
        } else {
            level = nil
        }
        concerns = try container.decodeWords(Concern.self, forKey: .concerns, kind: "concern (see --list-concerns)")
        indicators =
            try container.decodeWords(LevelIndicator.self, forKey: .indicators, kind: "level indicator") ?? []
        consent = try container.decodeWord(SituationConsent.self, forKey: .consent, kind: "consent answer")
        competent = try container.decodeIfPresent(Bool.self, forKey: .competent) ?? false
        pregnant = try container.decodeIfPresent(Bool.self, forKey: .pregnant) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encodeIfPresent(age, forKey: .age)
        try container.encodeIfPresent(dateOfBirth, forKey: .dateOfBirth)
        if unborn { try container.encode(true, forKey: .unborn) }
        try container.encodeIfPresent(expectedDate, forKey: .expectedDate)
        if send { try container.encode(true, forKey: .send) }
        try container.encodeIfPresent(level?.rawValue, forKey: .level)
        try container.encodeIfPresent(concerns, forKey: .concerns)
        if !indicators.isEmpty { try container.encode(indicators, forKey: .indicators) }
        try container.encodeIfPresent(consent, forKey: .consent)
        if competent { try container.encode(true, forKey: .competent) }
        if pregnant { try container.encode(true, forKey: .pregnant) }
    }
}

/// A coding key for an array position, so error paths read `people[0].concerns[1]`.
struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

extension KeyedDecodingContainer {
    /// Decodes an optional word from a closed vocabulary, naming the field and the vocabulary when it is not one.
    func decodeWord<Word: RawRepresentable>(_ type: Word.Type, forKey key: Key, kind: String) throws -> Word?
    where Word.RawValue == String {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let word = Word(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath + [key], debugDescription: "\"\(text)\" is not a \(kind)"))
        }
        return word
    }

    /// Decodes an optional list of words, naming the position of the first that is not in the vocabulary.
    func decodeWords<Word: RawRepresentable>(_ type: Word.Type, forKey key: Key, kind: String) throws -> [Word]?
    where Word.RawValue == String {
        guard let texts = try decodeIfPresent([String].self, forKey: key) else { return nil }
        return try texts.enumerated().map { index, text in
            guard let word = Word(rawValue: text) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: codingPath + [key, IndexKey(index)],
                        debugDescription: "\"\(text)\" is not a \(kind)"))
            }
            return word
        }
    }
}

extension SituationProblem {
    /// The problem a decoding error describes, with its field written `people[0].concerns[1]`.
    init(_ error: DecodingError) {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: path(context.codingPath + [key]), message: "is missing")
        case .typeMismatch(let type, let context):
            self.init(field: path(context.codingPath), message: "expected \(SituationProblem.kind(of: type))")
        case .valueNotFound(let type, let context):
            self.init(
                field: path(context.codingPath), message: "expected \(SituationProblem.kind(of: type)), found null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                self.init(
                    field: "",
                    message: "not readable JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
                )
            } else {
                self.init(field: path(context.codingPath), message: context.debugDescription)
            }
        @unknown default:
            self.init(field: "", message: "\(error)")
        }
    }

    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") ? "an object" : name
        }
    }
}
