import ArgumentParser
import Foundation
import SignpostApp
import SignpostDomain
import SignpostFixtures
import SignpostSQLiteStore
import SignpostStore
import SignpostTerminal

/// `signpost-benchmark`: how fast Signpost is at the size of a borough, printed as figures.
///
/// Stores of synthetic families are generated once (fixed seed) and reused.
/// Each measure is warmed up, then timed many times; the table shows the
/// median, the 95th percentile and the maximum in milliseconds, beside the
/// target. Nothing here asserts a time: the figures are for people to read.
@main
struct SignpostBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signpost-benchmark",
        abstract:
            "Measure start-up, search, screen rendering, opening a family and saving a contact at several store sizes.")

    @Option(help: "Store sizes in families, comma-separated.")
    var sizes = "1000,10000,100000"

    @Option(help: "Timed runs per measure (after warm-up).")
    var runs = 200

    @Option(help: "Untimed warm-up runs per measure.")
    var warmup = 20

    @Flag(help: "A quick check that every measure runs: 1,000 families, a few runs.")
    var quick = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "Where the generated stores are kept and reused.")
    var stores = ".build/benchmark-stores"

    @Option(
        help: ArgumentHelp(
            "Only these measures, comma-separated (all when absent).",
            valueName: Measures.Kind.allCases.map(\.rawValue).joined(separator: ",")))
    var only: String?

    @Option(
        help: ArgumentHelp(
            "Also measure the team server: the superuser URL of a disposable PostgreSQL database.",
            valueName: "url"))
    var teamServer: String?

    mutating func run() throws {
        let sizeList =
            quick
            ? [1000]
            : try sizes.split(separator: ",").map { text -> Int in
                guard let size = Int(text.trimmingCharacters(in: .whitespaces)), size > 0 else {
                    throw ValidationError("--sizes takes whole numbers separated by commas, such as 1000,10000")
                }
                return size
            }
        let kinds =
            try only.map { list in
                try Set(
                    list.split(separator: ",").map { name in
                        guard let kind = Measures.Kind(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                            throw ValidationError(
                                "--only takes measures from: "
                                    + Measures.Kind.allCases.map(\.rawValue).joined(separator: ", "))
                        }
                        return kind
                    })
            } ?? Set(Measures.Kind.allCases)
        let settings = Settings(
            runs: quick ? 10 : runs, warmup: quick ? 2 : warmup, processRuns: quick ? 3 : 30, kinds: kinds,
            pullFamilies: quick ? 100 : 1_000)
        var results: [Result] = []
        for size in sizeList {
            let url = try StoreFactory.store(families: size, in: URL(fileURLWithPath: stores))
            results += try Measures(storeURL: url, families: size, settings: settings).all()
        }
        if let url = teamServer {
            var measures = TeamServerMeasures(adminURL: url, folder: URL(fileURLWithPath: stores))
            if quick { measures.localityFamilies = 1_000 }
            let figures =
                try measures.run()
                + InterfaceSyncMeasures(adminURL: url, folder: URL(fileURLWithPath: stores)).run()
            FileHandle.standardError.write(
                Data(("Team server\n" + figures.map { "  " + $0 }.joined(separator: "\n") + "\n").utf8))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let report = Report(machine: Machine.current, results: results)
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(Report(machine: Machine.current, results: results).table())
        }
    }
}

struct Settings {
    var runs: Int
    var warmup: Int
    var processRuns: Int
    var kinds: Set<Measures.Kind>
    /// At most this many families' changes (10 each) in the pull measure, whatever the store's size.
    var pullFamilies: Int
}

/// One figure: a measure at a store size.
struct Result: Codable {
    var measure: String
    var families: Int
    var timing: Timing?
    /// For memory: megabytes; for recall: the share of the sample found.
    var value: Double?
    /// The unit of ``value``: "MB" when absent.
    var unit: String?
    var target: String
    var note: String?
}

/// Where the figures came from.
struct Machine: Codable {
    var cores: Int
    var memoryGiB: Double
    var system: String

    static var current: Machine {
        let info = ProcessInfo.processInfo
        return Machine(
            cores: info.activeProcessorCount, memoryGiB: (Double(info.physicalMemory) / 1_073_741_824).rounded(),
            system: info.operatingSystemVersionString)
    }
}

struct Report: Codable {
    var machine: Machine
    var results: [Result]

    func table() -> String {
        func number(_ value: Double) -> String { String(format: "%9.2f", value) }
        var lines = [
            "Signpost benchmark · \(machine.cores) cores, \(Int(machine.memoryGiB)) GiB · \(machine.system)",
            "", "measure                              families    median       p95       max  target",
        ]
        for result in results {
            let name = result.measure.padding(toLength: 36, withPad: " ", startingAt: 0)
            let size = String(format: "%9d", result.families)
            if let timing = result.timing {
                lines.append(
                    "\(name) \(size) \(number(timing.median)) \(number(timing.p95)) \(number(timing.max))  \(result.target)"
                )
            } else if let value = result.value {
                let unit = (result.unit ?? "MB").padding(toLength: 2, withPad: " ", startingAt: 0)
                let note = result.note.map { "  (\($0))" } ?? ""
                // Padded, never cut: a longer target simply pushes its note along.
                let target = result.target + String(repeating: " ", count: max(0, 14 - result.target.count))
                lines.append("\(name) \(size) \(number(value)) \(unit)                    \(target)\(note)")
            } else {
                lines.append("\(name) \(size)   not measured: \(result.note ?? "")")
            }
        }
        lines.append("")
        lines.append(
            "Times in milliseconds (median, 95th percentile, maximum); memory is the process's peak resident size so far."
        )
        lines.append(
            "Recall: of \(Recall.sampleSize) people drawn with a fixed seed, the share the matcher lists in its first \(Recall.shown)."
        )
        return lines.joined(separator: "\n")
    }
}
