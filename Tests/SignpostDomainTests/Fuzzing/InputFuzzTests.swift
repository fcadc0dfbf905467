import Foundation
import Testing

@testable import SignpostDomain

/// A small mutation fuzzer over everything that reads files: situations (`navigate`), family
/// documents (`import`) and pathways files (issue #12). It starts from the seed corpus in
/// `Fuzzing/Seeds` and mutates it; every input must be read or refused, never crash, hang or
/// take long. The run is seeded, so a failure is reproducible; CI runs 400 inputs per target,
/// and a longer local run is
///
///     SIGNPOST_FUZZ_ITERATIONS=100000 SIGNPOST_FUZZ_SEED=7 swift test --filter InputFuzzTests
@Suite("Input fuzzing")
struct InputFuzzTests {
    static let seedFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Seeds")

    static var iterations: Int {
        Int(ProcessInfo.processInfo.environment["SIGNPOST_FUZZ_ITERATIONS"] ?? "") ?? 400
    }

    static var seed: UInt64 {
        UInt64(ProcessInfo.processInfo.environment["SIGNPOST_FUZZ_SEED"] ?? "") ?? 20_261_125
    }

    static func seeds(_ prefix: String) throws -> [Data] {
        try FileManager.default.contentsOfDirectory(atPath: seedFolder.path).filter { $0.hasPrefix(prefix) }.sorted()
            .map { try Data(contentsOf: seedFolder.appendingPathComponent($0)) }
    }

    /// Runs `body` on `iterations` mutations of the seeds, returning how many were read and how many refused.
    static func fuzz(_ prefix: String, _ body: (Data) -> Bool) throws -> (read: Int, refused: Int) {
        let corpus = try seeds(prefix)
        #expect(!corpus.isEmpty, "no seeds for \(prefix)")
        var generator = SeededGenerator(seed: seed)
        var read = 0
        var refused = 0
        for _ in 0..<iterations {
            let input = Mutator.mutate(corpus[Int(generator.next() % UInt64(corpus.count))], using: &generator)
            if body(input) { read += 1 } else { refused += 1 }
        }
        return (read, refused)
    }

    @Test("navigate: mutated situations are read or refused, and every walk ends")
    func situations() throws {
        let pathways = try Pathways.builtIn()
        let navigator = Navigator(pathways: pathways)
        let instant = Date(timeIntervalSince1970: 1_795_000_000)
        let today = CalendarDate(instant, in: LondonTime.zone)
        let (read, refused) = try Self.fuzz("situation") { data in
            guard let situation = try? Situation.decode(data), (try? situation.validate(today: today)) != nil,
                situation.people.count <= 100
            else { return false }
            _ = navigator.evaluate(situation, at: instant).text
            return true
        }
        print("fuzz: navigate: \(Self.iterations) inputs (seed \(Self.seed)), \(read) walked, \(refused) refused")
        #expect(read + refused == Self.iterations)
    }

    @Test("import: mutated family documents are read or refused, never with NUL or a bad id inside")
    func familyDocuments() throws {
        var bad: [String] = []
        let (read, refused) = try Self.fuzz("family") { data in
            guard let document = try? FamilyDocument(decoding: data) else { return false }
            let family = document.family
            let ids = [family.id.rawValue] + family.members.map(\.id.rawValue) + family.notes.map(\.id.rawValue)
            if let id = ids.first(where: { !FamilyID.isWellFormed($0) }) { bad.append("id \(id.debugDescription)") }
            let texts = [family.name, family.accessNotes] + family.notes.map(\.text) + family.members.map(\.givenName)
            if texts.contains(where: { $0.unicodeScalars.contains("\u{0}") }) { bad.append("NUL in \(family.id)") }
            return true
        }
        print("fuzz: import: \(Self.iterations) inputs (seed \(Self.seed)), \(read) read, \(refused) refused")
        #expect(bad.isEmpty, "\(bad.prefix(5))")
    }

    @Test("pathways: mutated pathways files are loaded or refused with problems listed")
    func pathwaysFiles() throws {
        let (read, refused) = try Self.fuzz("pathways") { data in
            do throws(PathwaysError) {
                _ = try Pathways.load(data, source: "fuzz.json")
                return true
            } catch {
                #expect(!error.problems.isEmpty)
                return false
            }
        }
        print("fuzz: pathways: \(Self.iterations) inputs (seed \(Self.seed)), \(read) loaded, \(refused) refused")
    }

    @Test("deep nesting is refused without exhausting the stack")
    func deepNesting() {
        let deep = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(StrictJSON.firstProblem(in: deep) == nil)
        #expect((try? Situation.decode(deep)) == nil)
        #expect((try? FamilyDocument(decoding: deep)) == nil)
        #expect((try? Pathways.load(deep, source: "deep.json")) == nil)
    }
}

/// Byte-level and JSON-aware mutations.
enum Mutator {
    static let interesting: [String] = [
        "\\u0000", "\\u001b]0;x\\u0007", "\\u202e", "\u{0085}", "\u{7F}", "-1", "1e309", "99999999999999999999",
        "null", "true", "[]", "{}", "\"\"", "../../x", "F\u{2011}1", String(repeating: "a", count: 300),
        String(repeating: "[", count: 600), "\"id\": \"x\", \"id\": \"y\"", "\u{FEFF}",
    ]

    static func mutate(_ data: Data, using generator: inout some RandomNumberGenerator) -> Data {
        var bytes = [UInt8](data)
        let rounds = 1 + Int(generator.next() % 4)
        for _ in 0..<rounds where !bytes.isEmpty {
            let position = Int(generator.next() % UInt64(bytes.count))
            switch generator.next() % 6 {
            case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
            case 1: bytes.remove(at: position)
            case 2:
                let token = interesting[Int(generator.next() % UInt64(interesting.count))]
                bytes.insert(contentsOf: Array(token.utf8), at: position)
            case 3:
                let length = min(bytes.count - position, 1 + Int(generator.next() % 64))
                bytes.insert(contentsOf: bytes[position..<position + length], at: position)
            case 4:
                let length = min(bytes.count - position, 1 + Int(generator.next() % 32))
                bytes.removeSubrange(position..<position + length)
            default:
                // Replace a quoted value with an interesting one.
                if let quote = bytes[position...].firstIndex(of: UInt8(ascii: "\"")),
                    let end = bytes[(quote + 1)...].firstIndex(of: UInt8(ascii: "\""))
                {
                    let token = interesting[Int(generator.next() % UInt64(interesting.count))]
                    bytes.replaceSubrange((quote + 1)..<end, with: Array(token.utf8))
                }
            }
        }
        return Data(bytes)
    }
}
