import Foundation
import SignpostSQLiteStore
import SignpostStore
import SignpostStoreTesting

/// The stores the conformance suite runs against.
enum StoreUnderTest: String, CaseIterable, CustomStringConvertible, Sendable {
    case inMemory
    case sqlite

    var description: String { rawValue }

    /// A fresh, empty store of this kind (a SQLite one in its own temporary folder).
    func make(kind: StoreKind = .demonstration) throws -> any CaseStore {
        switch self {
        case .inMemory:
            return try InMemoryCaseStore(kind: kind)
        case .sqlite:
            return try SQLiteCaseStore(
                openingOrCreating: TemporaryFolder().url.appendingPathComponent("store.sqlite"), kind: kind)
        }
    }
}

/// A folder under the system's temporary folder, unique to one test.
///
/// The folders are left for the system to clear: a SQLite store may still be
/// open in them when a test ends.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-store-tests")
            .appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}
