import ArgumentParser
import Foundation
import SignpostSQLiteStore
import SignpostStore

/// `signpost check`: is the store file sound?
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store file: SQLite's integrity check and the store's own rules.",
        discussion:
            "Exits 0 when sound, 1 when problems were found, 3 when the file is not a readable Signpost store. A damaged or foreign file is reported and left untouched."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        // Read-only: checking a store never changes it, whatever the checks find.
        let store = try storeOptions.openExisting(forReadingOnly: true)
        defer { try? store.close() }
        let report = try StoreOpening.run { try store.check() }
        let info = try StoreOpening.run { try store.info() }
        Console.print(
            "Store: \(info.location) (\(info.kind), schema \(info.schemaVersion); saves: \(SQLiteCaseStore.durability(of: info.kind)))"
        )
        for line in report.checked { Console.print("  ✓ \(line)") }
        for problem in report.problems { Console.print("  ✗ \(problem)") }
        if report.isHealthy {
            Console.print("The store is sound.")
        } else {
            Console.print(
                "\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") found. Keep a copy of the file before changing anything."
            )
            throw ExitCode(ExitStatus.problemsFound)
        }
    }
}
