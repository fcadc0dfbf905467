import Foundation
import SignpostSubprocess
import Testing

/// The attacks of issue #12, kept as tests: the real binary attacked as a hostile user and a
/// failing machine would. Each prints its figures (`attack: …`) and runs in seconds.
@Suite("Attacks on the store and the command line")
struct AttackTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    // MARK: Documents

    /// A live family document: the first fixture family with `id` and `name`, as JSON text.
    /// A live family document shaped like the first fixture, with the given id and name.
    static func familyDocument(id: String, name: String = "Quillfeather") throws -> Data {
        var object = try fixture()
        var family = object["family"] as! [String: Any]
        family["id"] = id
        family["name"] = name
        object["family"] = family
        object["fictional"] = false
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// The first fixture family relabelled as live: every id out of the fictional namespace (`ZZ-…`).
    static func fixture() throws -> [String: Any] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Fixtures/families/ZZ-F-0001.json"))
        let live = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"ZZ-", with: "\"")
        return try JSONSerialization.jsonObject(with: Data(live.utf8)) as! [String: Any]
    }

    func write(_ data: Data, _ name: String) throws -> String {
        let path = home.path(name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Bytes a terminal would obey: C0 controls but newline and tab, DEL, C1, bidirectional overrides.
    static func rawControls(in data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        return text.unicodeScalars.compactMap { scalar in
            let value = scalar.value
            let raw =
                (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
                || [0x200B, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
                    .contains(value)
            return raw ? "U+" + String(value, radix: 16, uppercase: true) : nil
        }
    }

    // MARK: Kill during save

    @Test("kill -9 during imports: nothing committed is lost, nothing half-saved, no sound store called damaged")
    func killDuringSave() throws {
        let store = home.path("killed.sqlite")
        let first = try binary.run(
            ["import", "--store", store, try write(try Self.familyDocument(id: "K-0"), "k0.json")], home: home)
        #expect(first.status == 0, "\(first.standardError)")
        var completed: Set<String> = ["K-0"]
        var killed = 0
        var falseDamaged = 0
        var generator = SystemRandomNumberGenerator()
        let rounds = 24
        for round in 1...rounds {
            // Ten families per import, so a kill can land inside the transaction.
            let ids = (0..<10).map { "K-\(round)-\($0)" }
            let files = try ids.map { try write(try Self.familyDocument(id: $0), "\($0).json") }
            let process = Process()
            process.executableURL = binary.url
            process.arguments = ["import", "--store", store] + files
            process.environment = home.environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 20_000...250_000, using: &generator))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            if process.terminationReason == .exit && process.terminationStatus == 0 { completed.formUnion(ids) }
            let reader = try binary.run(["list", "--store", store, "--limit", "1"], home: home)
            if reader.standardError.contains("cannot be read as a sound store") { falseDamaged += 1 }
        }
        let listed = try binary.run(["list", "--store", store, "--json", "--limit", "1000"], home: home)
        #expect(listed.status == 0, "\(listed.standardError)")
        let present = Set(
            try listed.standardOutput.split(separator: "\n").map { line in
                try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["id"] as? String
            }.compactMap { $0 })
        let lost = completed.subtracting(present).count
        // An import is all or nothing: a round is either wholly present or wholly absent.
        var partial = 0
        for round in 1...rounds {
            let found = (0..<10).filter { present.contains("K-\(round)-\($0)") }.count
            if found != 0 && found != 10 { partial += 1 }
        }
        for id in present.prefix(5) {
            let shown = try binary.run(["show", "--store", store, id, "--json"], home: home)
            let expected = try JSONSerialization.jsonObject(with: try Self.familyDocument(id: id)) as? NSDictionary
            let got = try JSONSerialization.jsonObject(with: shown.outputData) as? NSDictionary
            if got?["family"] as? NSDictionary != expected?["family"] as? NSDictionary { partial += 1 }
        }
        let check = try binary.run(["check", "--store", store], home: home)
        print(
            "attack: kill -9 during save: \(rounds) imports, \(killed) killed, \(completed.count) families committed, "
                + "\(present.count) present, \(lost) lost, \(partial) partial, \(falseDamaged) false \"damaged\"")
        #expect(lost == 0)
        #expect(partial == 0)
        #expect(falseDamaged == 0)
        #expect(check.status == 0, "\(check.standardOutput)")
    }

    // MARK: Readers while a store is generated

    @Test("list in a loop while demo generate writes 4,000 families: never told the store is damaged")
    func readersDuringGeneration() throws {
        let store = home.path("generated.sqlite")
        let generator = Process()
        generator.executableURL = binary.url
        generator.arguments = ["demo", "generate", "--families", "4000", "--store", store]
        generator.environment = home.environment
        generator.standardOutput = FileHandle.nullDevice
        generator.standardError = FileHandle.nullDevice
        try generator.run()
        var reads = 0
        var refusals: [String] = []
        while generator.isRunning {
            guard FileManager.default.fileExists(atPath: store) else {
                usleep(20_000)
                continue
            }
            let run = try binary.run(["list", "--store", store, "--limit", "1"], home: home)
            reads += 1
            if run.status != 0 { refusals.append(run.standardError) }
        }
        generator.waitUntilExit()
        print("attack: readers during generation: \(reads) lists while writing, \(refusals.count) refused")
        #expect(generator.terminationStatus == 0)
        #expect(reads > 0)
        #expect(refusals.isEmpty, "\(refusals.prefix(3))")
    }

    // MARK: Concurrent writers

    @Test("eight processes creating and importing into one new store at once: every import lands")
    func concurrentWriters() throws {
        let store = home.path("shared.sqlite")
        let files = try (0..<8).map { try write(try Self.familyDocument(id: "W-\($0)"), "w\($0).json") }
        let processes = try files.map { file in
            let process = Process()
            process.executableURL = binary.url
            process.arguments = ["import", "--store", store, file]
            process.environment = home.environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return (process, errors)
        }
        var failures: [String] = []
        for (process, errors) in processes {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationStatus != 0 { failures.append(message) }
        }
        let listed = try binary.run(["list", "--store", store, "--limit", "100"], home: home)
        let check = try binary.run(["check", "--store", store], home: home)
        print("attack: concurrent writers: 8 processes, \(failures.count) failed")
        #expect(failures.isEmpty, "\(failures)")
        #expect(listed.standardOutput.contains("of 8"), "\(listed.standardOutput)")
        #expect(check.status == 0, "\(check.standardOutput)")
    }

    // MARK: Bad files

    @Test(
        "fourteen kinds of bad file: check refuses each, and every refused file is left byte for byte, nothing beside it"
    )
    func badFiles() throws {
        let good = home.path("good.sqlite")
        #expect(
            try binary.run(
                ["import", "--store", good, try write(try Self.familyDocument(id: "B-1"), "b.json")], home: home
            ).status == 0)
        #expect(try binary.run(["check", "--store", good], home: home).status == 0)
        // Closed: the whole store is in the main file.
        let store = try Data(contentsOf: URL(fileURLWithPath: good))
        var generator = SystemRandomNumberGenerator()
        var foreign = store
        foreign.replaceSubrange(68..<72, with: [0, 0, 0, 0])
        var zeroedPage = store
        zeroedPage.replaceSubrange(4096 * 2..<4096 * 3, with: Data(count: 4096))
        var scrambled = store
        for index in stride(from: 4096, to: scrambled.count, by: 97) {
            scrambled[index] = UInt8.random(in: 0...255, using: &generator)
        }
        let kinds: [(String, Data)] = [
            ("random bytes", Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })),
            ("text", Data("These are not the families you are looking for.\n".utf8)),
            ("JSON", try Self.familyDocument(id: "J-1")),
            ("zeros", Data(count: 8192)),
            ("cut to half", store.prefix(store.count / 2)),
            ("cut to a page", store.prefix(4096)),
            ("header only", store.prefix(100)),
            ("cut inside the header", store.prefix(40)),
            ("the signature only", Data("SQLite format 3\0".utf8)),
            ("another program's database", foreign),
            ("a page of zeros", zeroedPage),
            ("scrambled pages", scrambled),
            ("a PNG", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 200))),
            ("a store with its last page missing", store.prefix(store.count - 4096)),
        ]
        var refused = 0
        var readAround: [String] = []
        var changed: [String] = []
        var companions: [String] = []
        var unclear: [String] = []
        for (index, (kind, bytes)) in kinds.enumerated() {
            let path = try write(bytes, "bad-\(index).sqlite")
            // `check` reads everything: it refuses every kind, and never changes the file.
            let check = try binary.run(["check", "--store", path], home: home)
            if check.status != 0 { refused += 1 } else { unclear.append("\(kind): check passed") }
            if check.standardError.contains("NSCocoa") { unclear.append("\(kind): \(check.standardError)") }
            if try Data(contentsOf: URL(fileURLWithPath: path)) != bytes { changed.append(kind) }
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                companions.append("\(kind)\(suffix)")
            }
            // The other commands read only what they need: a refusal leaves the file as it was; damage away
            // from what they read (a page of an index they do not use) is SQLite's to find, through `check`.
            for arguments in [["list", "--store", path], ["show", "--store", path, "B-1"]] {
                let run = try binary.run(arguments, home: home)
                if run.status == 0 {
                    readAround.append("\(kind): \(arguments[0])")
                    continue
                }
                refused += 1
                if run.standardError.contains("NSCocoa") || run.standardError.isEmpty {
                    unclear.append("\(kind): \(run.standardError)")
                }
                if try Data(contentsOf: URL(fileURLWithPath: path)) != bytes {
                    changed.append("\(kind) by \(arguments[0])")
                }
                for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                    companions.append("\(kind)\(suffix) by \(arguments[0])")
                }
            }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try bytes.write(to: URL(fileURLWithPath: path))
        }
        print(
            "attack: bad files: \(kinds.count) kinds, \(refused) refusals, \(changed.count) refused files changed, "
                + "\(companions.count) -wal/-shm created, read around the damage: \(readAround)")
        #expect(changed.isEmpty, "\(changed)")
        #expect(companions.isEmpty, "\(companions)")
        #expect(unclear.isEmpty, "\(unclear)")
    }

    // MARK: Hostile text

    @Test("hostile text round-trips byte for byte, and nothing raw reaches the terminal")
    func hostileText() throws {
        let hostile = "Evil\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{7F}\u{202E}dnalreffiuQ\u{200B}\u{85}"
        let store = home.path("hostile.sqlite")
        let file = try write(try Self.familyDocument(id: "H-1", name: hostile), "hostile.json")
        let imported = try binary.run(["import", "--store", store, file], home: home)
        #expect(imported.status == 0, "\(imported.standardError)")
        let first = home.path("first")
        let second = home.path("second")
        #expect(try binary.run(["export", "--store", store, "--all", "--output", first], home: home).status == 0)
        let again = home.path("again.sqlite")
        #expect(try binary.run(["import", "--store", again, first + "/H-1.json"], home: home).status == 0)
        #expect(try binary.run(["export", "--store", again, "--all", "--output", second], home: home).status == 0)
        let exported = try Data(contentsOf: URL(fileURLWithPath: first + "/H-1.json"))
        #expect(exported == (try Data(contentsOf: URL(fileURLWithPath: second + "/H-1.json"))), "round trip changed")
        #expect(Self.rawControls(in: exported).isEmpty, "export holds \(Self.rawControls(in: exported))")

        var outputs: [(String, Data)] = []
        for arguments in [
            ["show", "--store", store, "H-1"], ["show", "--store", store, "H-1", "--json"],
            ["list", "--store", store], ["list", "--store", store, "--json"], ["search", "--store", store, "evil"],
            ["search", "--store", store, "evil", "--json"], ["import", "--store", store, file],
            ["import", "--store", store, home.path("missing\u{1B}]0;x\u{07}.json")],
            ["show", "--store", store, "H-1\u{1B}[2J"], ["export", "--store", store, "../\u{9B}x"],
            ["list", "--store", home.path("no\u{1B}[31mstore.sqlite")],
        ] {
            let run = try binary.run(arguments, home: home)
            outputs.append(("\(arguments[0]) stdout", run.outputData))
            outputs.append(("\(arguments[0]) stderr", Data(run.standardError.utf8)))
        }
        let situation =
            #"{"door": "csct", "consent": "given", "people": [{"id": "mum", "name": "\#(hostile.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? String(format: "\\u%04x", $0.value) : String($0) }.joined())", "role": "adult", "age": 30, "concerns": ["financial"]}]}"#
        for format in ["text", "json"] {
            let run = try binary.run(
                ["navigate", "--situation", "-", "--format", format, "--at", "2026-11-23T10:00:00Z"], home: home,
                input: Data(situation.utf8))
            #expect(run.status == 0, "\(run.standardError)")
            outputs.append(("navigate \(format)", run.outputData))
        }
        let badID = #"{"door": "csct", "people": [{"id": "mum\u001b]0;x\u0007", "role": "adult", "age": 30}]}"#
        let refused = try binary.run(["navigate", "--situation", "-"], home: home, input: Data(badID.utf8))
        #expect(refused.status == 2)
        outputs.append(("navigate bad id", Data(refused.standardError.utf8)))
        var raw = 0
        for (what, data) in outputs {
            let found = Self.rawControls(in: data)
            raw += found.count
            #expect(found.isEmpty, "\(what) printed raw \(found)")
        }
        print(
            "attack: hostile text: \(outputs.count) outputs checked, \(raw) raw control characters; round trip identical"
        )
    }

    // MARK: Ids, NUL, duplicate keys, sizes

    @Test("ids that climb out of a folder or pass for another are refused on import; nothing is written outside")
    func pathTraversalAndLookalikes() throws {
        let store = home.path("ids.sqlite")
        #expect(
            try binary.run(
                ["import", "--store", store, try write(try Self.familyDocument(id: "F-7777"), "ok.json")], home: home
            ).status == 0)
        let before = try FileManager.default.subpathsOfDirectory(atPath: home.url.path).sorted()
        for (index, id) in ["../../../victim", "F-7777 ", "F\u{2011}7777", "F-77\u{200B}77", "a/b", ".."].enumerated() {
            let file = try write(try Self.familyDocument(id: id), "bad-id-\(index).json")
            let run = try binary.run(["import", "--store", store, file], home: home)
            #expect(run.status == 2, "\(id.debugDescription): \(run.standardError)")
            #expect(run.standardError.contains("not a valid id"), "\(run.standardError)")
            try FileManager.default.removeItem(atPath: file)
        }
        let exported = try binary.run(
            ["export", "--store", store, "--all", "--output", home.path("out/a/b")], home: home)
        #expect(exported.status == 0, "\(exported.standardError)")
        let refusedExport = try binary.run(["export", "--store", store, "../../victim"], home: home)
        #expect(refusedExport.status == 2)
        let after = try FileManager.default.subpathsOfDirectory(atPath: home.url.path).sorted()
        let outside = Set(after).subtracting(before).filter { !$0.hasPrefix("out") && !$0.hasPrefix("ids.sqlite") }
        print("attack: path traversal: 6 hostile ids refused, \(outside.count) files written outside the output folder")
        #expect(outside.isEmpty, "\(outside)")
    }

    @Test("NUL in imported text is refused naming the field; a key given twice is refused; huge inputs are refused")
    func nulDuplicatesAndSizes() throws {
        let store = home.path("nul.sqlite")
        let nul = try write(try Self.familyDocument(id: "N-1", name: "Nul\u{0}hidden"), "nul.json")
        let refused = try binary.run(["import", "--store", store, nul], home: home)
        #expect(refused.status == 2)
        #expect(
            refused.standardError.contains("family.name") && refused.standardError.contains("NUL"),
            "\(refused.standardError)")

        let text = String(decoding: try Self.familyDocument(id: "N-2"), as: UTF8.self)
        let doubled = try write(
            Data(text.replacingOccurrences(of: #""id":"N-2""#, with: #""id":"N-2","id":"N-3""#).utf8), "twice.json")
        let twice = try binary.run(["import", "--store", store, doubled], home: home)
        #expect(twice.status == 2)
        #expect(twice.standardError.contains("family.id is given twice"), "\(twice.standardError)")

        let situation = #"{"door": "csct", "door": "police", "people": [{"id": "mum", "role": "adult", "age": 30}]}"#
        let navigate = try binary.run(["navigate", "--situation", "-"], home: home, input: Data(situation.utf8))
        #expect(navigate.status == 2)
        #expect(navigate.standardError.contains("door: is given twice"), "\(navigate.standardError)")

        let crowd = (0..<101).map { #"{"id": "p\#($0)", "role": "child", "age": 5}"# }.joined(separator: ",")
        let many = try binary.run(
            ["navigate", "--situation", "-"], home: home, input: Data(#"{"door": "csct", "people": [\#(crowd)]}"#.utf8))
        #expect(many.status == 2)
        #expect(many.standardError.contains("at most 100"), "\(many.standardError)")
        let huge = try binary.run(["navigate", "--situation", "-"], home: home, input: Data(count: 2 << 20))
        #expect(huge.status == 2)
        #expect(huge.standardError.contains("larger than"), "\(huge.standardError)")
        #expect(!FileManager.default.fileExists(atPath: store), "a refused import made a store")
    }

    // MARK: Full disk

    @Test("a full disk (a file-size limit, no root needed) is reported as such and loses nothing saved before")
    func fullDisk() throws {
        let store = home.path("full.sqlite")
        #expect(
            try binary.run(
                ["import", "--store", store, try write(try Self.familyDocument(id: "D-0"), "d0.json")], home: home
            ).status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int ?? 0
        let files = try (1...150).map { try write(try Self.familyDocument(id: "D-\($0)"), "d\($0).json") }
        // ulimit -f counts 512-byte blocks in POSIX sh: room for the store as it is and a little more, not for 150 families.
        let blocks = (size + (256 << 10)) / 512
        let quoted = ([binary.url.path, "import", "--store", store] + files).map { "'\($0)'" }.joined(separator: " ")
        let run = try ChildProcess.run(
            "/bin/sh", ["-c", "ulimit -f \(blocks) && exec \(quoted)"], environment: home.environment, input: Data(),
            timeout: .seconds(120))
        print(
            "attack: full disk: import under a \(blocks * 512)-byte file limit exited \(run.status): \(run.standardError)"
        )
        #expect(run.status == 3, "\(run.standardError)")
        #expect(
            run.standardError.contains("full") || run.standardError.contains("could not be written"),
            "\(run.standardError)")
        #expect(!run.standardError.contains("disk I/O error\n"))
        let check = try binary.run(["check", "--store", store], home: home)
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        let kept = try binary.run(["show", "--store", store, "D-0"], home: home)
        #expect(kept.status == 0, "the family saved before the disk filled was lost: \(kept.standardError)")
        let list = try binary.run(["list", "--store", store, "--limit", "1"], home: home)
        #expect(list.standardOutput.contains("of 1"), "a half-saved batch: \(list.standardOutput)")
    }

    // MARK: Read-only and folders

    /// Under root (as in CI) the commands run as an unprivileged user who owns the files but may not write them:
    /// root may write any file, so nothing is read-only to root.
    @Test("a read-only store in a read-only folder can be listed, shown and checked, and nothing is created beside it")
    func readOnlyStore() throws {
        let folder = home.url.appendingPathComponent("readonly")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("store.sqlite").path
        #expect(
            try binary.run(
                ["import", "--store", store, try write(try Self.familyDocument(id: "R-1"), "r.json")], home: home
            ).status == 0)
        try UnprivilegedUser.hand([folder.path, store])
        chmod(store, 0o400)
        chmod(folder.path, 0o500)
        defer {
            chmod(folder.path, 0o700)
            chmod(store, 0o600)
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        for arguments in [["list"], ["show", "R-1"], ["check"], ["search", "quill"]] {
            let run = try binary.run(
                Array(arguments.prefix(1)) + ["--store", store] + arguments.dropFirst(), home: home,
                unprivileged: true)
            #expect(run.status == 0, "\(arguments[0]): \(run.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == bytes)
        let written = try binary.run(
            ["import", "--store", store, try write(try Self.familyDocument(id: "R-2"), "r2.json")], home: home,
            unprivileged: true)
        #expect(written.status != 0, "the user may not write the store: \(written.standardOutput)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == bytes)
    }

    /// Moved from the store tests, which run in-process and so cannot change user under root.
    @Test("a store file the user may not write, in a folder they may, can still be read and checked, unchanged")
    func readOnlyFile() throws {
        let folder = home.url.appendingPathComponent("readonly-file")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("store.sqlite").path
        #expect(
            try binary.run(
                ["import", "--store", store, try write(try Self.familyDocument(id: "R-3"), "r3.json")], home: home
            ).status == 0)
        try UnprivilegedUser.hand([folder.path, store])
        chmod(store, 0o400)
        defer { chmod(store, 0o600) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        for arguments in [["show", "R-3"], ["check"]] {
            let run = try binary.run(
                Array(arguments.prefix(1)) + ["--store", store] + arguments.dropFirst(), home: home,
                unprivileged: true)
            #expect(run.status == 0, "\(arguments[0]): \(run.standardError)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == bytes)
    }

    @Test("a folder given as the store says so and what to do")
    func folderAsStore() throws {
        for command in [["list"], ["check"], ["import", try write(try Self.familyDocument(id: "X-1"), "x.json")]] {
            let run = try binary.run([command[0], "--store", home.url.path] + command.dropFirst(), home: home)
            #expect(run.status != 0)
            #expect(
                run.standardError.contains("is a folder") && !run.standardError.contains("NSCocoa"),
                "\(run.standardError)")
        }
    }
}
