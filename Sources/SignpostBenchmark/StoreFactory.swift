import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostSQLiteStore
import SignpostStore

/// Makes the benchmark stores once and reuses them.
enum StoreFactory {
    static let seed: UInt64 = 7
    /// The day the synthetic families are generated around.
    static let today = try! CalendarDate(iso: "2026-11-23")
    /// The family with 200 chronology entries that "open a family" reads.
    static let busyFamily: FamilyID = "ZZ-G-BUSY"

    static func store(families count: Int, in folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("families-\(count)-seed-\(seed)-zz.sqlite")
        let ready = folder.appendingPathComponent("families-\(count)-seed-\(seed)-zz.ready")
        if FileManager.default.fileExists(atPath: ready.path) { return url }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        FileHandle.standardError.write(Data("Generating \(count) families (once; kept in \(folder.path))…\n".utf8))
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration)
        let generator = SyntheticFamilyGenerator(seed: seed)
        var made = 0
        while made < count {
            let batch = min(1000, count - made)
            try store.apply(
                generator.families(made..<(made + batch), today: today).map { .addFamily($0) }, by: "benchmark")
            made += batch
        }
        var busy = generator.family(number: count, today: today, chronologyEntries: 200)
        busy.id = busyFamily
        try store.apply([.addFamily(busy)], by: "benchmark")
        try store.close()
        FileManager.default.createFile(atPath: ready.path, contents: Data())
        return url
    }
}
