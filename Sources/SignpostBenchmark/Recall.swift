import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostSQLiteStore
import SignpostStore

/// Whether the front-door matcher finds the people it should, at the size of the store.
///
/// A sample of people (``sampleSize``, drawn with a fixed seed, so the same
/// people at every run) is looked for three ways, as a practitioner would type
/// them: the exact first and last name; the name with one letter of the
/// surname wrong; the surname and the date of birth. A person counts as found
/// when they are among the ``shown`` matches the contact screen lists. The
/// queries are also written beside the stores (`recall-sample-N.tsv`: person
/// id, then query, tab-separated), so `signpost match` can be checked
/// against the same sample.
struct Recall {
    /// People looked for at each store size.
    static let sampleSize = 200
    /// Matches the contact screen lists: a person further down is not seen.
    static let shown = 8

    /// One way of looking for a person.
    struct Way: Sendable {
        var measure: String
        var target: String
        var query: @Sendable (_ person: Person, _ misspeltSurname: String) -> String?
    }

    static let ways = [
        Way(measure: "recall: exact name", target: "100%") { person, _ in
            "\(person.givenName) \(person.familyName)"
        },
        Way(measure: "recall: one letter wrong", target: "reported") { person, misspelt in
            "\(person.givenName) \(misspelt)"
        },
        Way(measure: "recall: surname and date of birth", target: "reported") { person, _ in
            person.dateOfBirth.map { "\(person.familyName) \($0.british)" }
        },
    ]

    let store: SQLiteCaseStore
    let families: Int

    /// The sample: the same people for the same store size.
    func sample() throws -> [Person] {
        var random = SeededRandom(seed: 7)
        var people: [Person] = []
        var seen: Set<PersonID> = []
        while people.count < min(Self.sampleSize, families) {
            let id = SyntheticFamilyGenerator.familyID(number: Int(random.next() % UInt64(families)))
            guard let family = try store.family(id), !family.members.isEmpty else { continue }
            let person = family.members[Int(random.next() % UInt64(family.members.count))]
            guard !seen.contains(person.id), person.familyName.count >= 4 else { continue }
            seen.insert(person.id)
            people.append(person)
        }
        return people
    }

    /// `surname` with one letter replaced by another, at a position and by a letter the seed chooses.
    static func misspelt(_ surname: String, random: inout SeededRandom) -> String {
        var letters = Array(surname)
        let position = 1 + Int(random.next() % UInt64(letters.count - 1))
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz").filter { $0 != Character(letters[position].lowercased()) }
        letters[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
        return String(letters)
    }

    /// The three recall figures, and the sample's queries written to `sampleFile`.
    func results(sampleFile: URL?) throws -> [Result] {
        let people = try sample()
        var random = SeededRandom(seed: 11)
        let misspelt = people.map { Self.misspelt($0.familyName, random: &random) }
        var lines: [String] = []
        var results: [Result] = []
        for way in Self.ways {
            var asked = 0
            var found = 0
            var missed: [String] = []
            for (person, wrong) in zip(people, misspelt) {
                guard let query = way.query(person, wrong) else { continue }
                asked += 1
                lines.append("\(way.measure)\t\(person.id.rawValue)\t\(query)")
                let matches = try store.matchPeople(MatchQuery(query), limit: Self.shown)
                if matches.contains(where: { $0.personID == person.id }) {
                    found += 1
                } else if missed.count < 3 {
                    missed.append("“\(query)” (\(person.id.rawValue))")
                }
            }
            let share = asked == 0 ? 0 : Double(found) / Double(asked) * 100
            var note = "\(found) of \(asked) found in the first \(Self.shown)"
            if !missed.isEmpty { note += "; missed: " + missed.joined(separator: ", ") }
            results.append(
                Result(
                    measure: way.measure, families: families, value: share, unit: "%", target: way.target, note: note))
        }
        if let sampleFile {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: sampleFile)
        }
        return results
    }
}

/// A small seedable random number generator (SplitMix64), so the sample is the same on every machine.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
