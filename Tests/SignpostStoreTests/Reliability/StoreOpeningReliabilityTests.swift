import Foundation
import GRDB
import SignpostDomain
import SignpostStore
import Testing

@testable import SignpostSQLiteStore

#if canImport(Glibc)
    import Glibc
#endif

/// Opening a store is judged the way SQLite judges it (issue #12): never from the header alone.
@Suite("SQLite store opening: damage, creation, durability, read-only files")
struct StoreOpeningReliabilityTests {
    typealias F = TestFamilies

    private func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test("a sound store whose newest pages are still in the write-ahead log is opened, not called damaged")
    func soundStoreWithPagesInTheLog() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("live.sqlite")
        let first = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        try first.close()
        let writer = try SQLiteCaseStore(opening: url, expecting: .live)
        // Enough families that the file grows: the new page count lives in page 1, in the log.
        try writer.apply(F.generated(count: 300, startingAt: 0).map(CaseChange.addFamily), by: "loader")
        // A checkpoint interrupted after writing page 1 (with the new page count) but before the
        // rest leaves the main file's header claiming more pages than the file has.
        let copy = folder.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: url.path, toPath: copy.path)
        try FileManager.default.copyItem(atPath: url.path + "-wal", toPath: copy.path + "-wal")
        var bytes = [UInt8](try Data(contentsOf: copy))
        let pages = try writer.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") } ?? 0
        let claimed = UInt32(pages)
        #expect(pages * 4096 > bytes.count, "the store did not grow past its file")
        for index in 0..<4 { bytes[28 + index] = UInt8(truncatingIfNeeded: claimed >> (24 - 8 * UInt32(index))) }
        try Data(bytes).write(to: copy)

        #expect(try SQLiteCaseStore.inspect(copy) == .live)
        let reopened = try SQLiteCaseStore(opening: copy, expecting: .live)
        #expect(try reopened.info().familyCount == 300)
        #expect(try reopened.check().isHealthy)
    }

    @Test("a truly cut-short store is reported with what SQLite found, left byte for byte, nothing created beside it")
    func damagedStoreIsDescribedAndUntouched() throws {
        let url = try TemporaryFolder().file("store.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration)
        try store.apply(F.generated(count: 200, startingAt: 0).map(CaseChange.addFamily), by: "loader")
        try store.close()
        // The main file alone, cut in half (as a copy interrupted part way would leave it).
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        let full = try Data(contentsOf: url)
        try full.prefix(full.count / 2).write(to: url)
        let before = try Data(contentsOf: url)
        for open in [
            { _ = try SQLiteCaseStore(opening: url, expecting: nil) },
            { _ = try SQLiteCaseStore(openingOrCreating: url, kind: .demonstration) },
            { _ = try SQLiteCaseStore(openingForReading: url) },
        ] as [() throws -> Void] {
            #expect {
                try open()
            } throws: { error in
                guard case .damaged(let path, let detail) = error as? StoreError else { return false }
                return path == url.path && detail.contains("SQLite") && detail.contains("cut short")
            }
            #expect(try Data(contentsOf: url) == before)
            #expect(!exists(url.path + "-wal") && !exists(url.path + "-shm"), "companion files were created")
        }
        let message = StoreError.damaged(path: url.path, detail: "x").description
        #expect(message.contains("left untouched") && message.contains("copy"))
    }

    @Test("another program's SQLite file in WAL mode is refused without leaving -wal or -shm beside it")
    func foreignWALFileLeavesNothing() throws {
        let url = try TemporaryFolder().file("other.sqlite")
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE inventory (item TEXT)") }
        try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        try queue.close()
        #expect(!exists(url.path + "-wal"))
        let before = try Data(contentsOf: url)
        #expect(throws: StoreError.notASignpostStore(path: url.path)) {
            try SQLiteCaseStore(opening: url, expecting: nil)
        }
        #expect(try Data(contentsOf: url) == before)
        #expect(!exists(url.path + "-wal") && !exists(url.path + "-shm"))
    }

    @Test("a live store syncs every commit (synchronous = FULL); a training store NORMAL")
    func durabilityModes() throws {
        let folder = try TemporaryFolder()
        func synchronous(_ kind: StoreKind) throws -> Int? {
            let store = try SQLiteCaseStore(openingOrCreating: folder.file("\(kind).sqlite"), kind: kind)
            return try store.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        }
        #expect(try synchronous(.live) == 2)
        #expect(try synchronous(.demonstration) == 2)
        #expect(try synchronous(.training) == 1)
        #expect(SQLiteCaseStore.durability(of: .live) == "synchronous = FULL")
    }

    @Test("sixteen threads creating one new store at once: one store, every opener gets it")
    func concurrentCreation() async throws {
        for round in 0..<5 {
            let url = try TemporaryFolder().file("new-\(round).sqlite")
            let outcomes = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        do {
                            let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
                            try store.close()
                            return nil
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                return await group.reduce(into: [String]()) { if let failure = $1 { $0.append(failure) } }
            }
            #expect(outcomes.isEmpty, "\(outcomes)")
            #expect(try SQLiteCaseStore.inspect(url) == .live)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
                .filter { !$0.hasPrefix("new-\(round).sqlite") }
            #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        }
    }

    @Test("a store opened for reading is read and checked as it is: no migration, no write, changes refused")
    func readOnlyOpening() throws {
        let url = try TemporaryFolder().file("readonly.sqlite")
        let store = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
        try store.apply([.addFamily(F.quillfeather())], by: "loader")
        try store.close()
        let before = try Data(contentsOf: url)
        let reader = try SQLiteCaseStore(openingForReading: url)
        #expect(reader.isReadOnly)
        #expect(try reader.family("F-00017") == F.quillfeather())
        #expect(try reader.families(FamilyListQuery(limit: 5)).totalCount == 1)
        let report = try reader.check()
        #expect(report.isHealthy, "\(report.problems)")
        #expect {
            try reader.apply([.addFamily(F.adeyemi())], by: "x")
        } throws: { error in
            guard case .unavailable(_, let detail) = error as? StoreError else { return false }
            return detail.contains("read-only")
        }
        try reader.close()
        #expect(try Data(contentsOf: url) == before)
    }

    // "A store file the user may not write can still be read" runs end to end (AttackTests.readOnlyFile), as an
    // unprivileged user when the suite runs as root: in-process, root may write any file.

    @Test("a folder given as the store says so and what to do")
    func folderAsStore() throws {
        let folder = try TemporaryFolder()
        for open in [
            { _ = try SQLiteCaseStore(opening: folder.url, expecting: nil) },
            { _ = try SQLiteCaseStore(openingOrCreating: folder.url, kind: .live) },
            { _ = try SQLiteCaseStore(openingForReading: folder.url) },
        ] as [() throws -> Void] {
            #expect {
                try open()
            } throws: { error in
                let text = (error as? StoreError)?.description ?? "\(error)"
                return text.contains("is a folder") && text.contains("--store") && !text.contains("NSCocoa")
            }
        }
    }

    @Test("a full disk is reported as a full disk, with what to do, and loses nothing saved before")
    func fullDisk() throws {
        let error = StoreError(
            DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full"), path: "/x.sqlite")
        #expect(error == .diskFull(path: "/x.sqlite"))
        #expect(error.description.contains("full") && error.description.contains("Free some space"))
        let ioError = StoreError(
            DatabaseError(resultCode: .SQLITE_IOERR_WRITE, message: "disk I/O error"), path: "/x.sqlite")
        #expect(ioError.description.contains("could not be written"))
    }
}

/// A creation killed part way leaves a temporary file; the next creation clears it.
@Suite("SQLite store creation leftovers")
struct StoreCreationLeftoverTests {
    @Test("a temporary file from a creation whose process is gone is removed when the store is next created")
    func abandonedAttemptRemoved() throws {
        let folder = try TemporaryFolder()
        // Process ids are below 2^22 on Linux; this one cannot be running.
        let abandoned = folder.file(".store.sqlite.creating-99999999-DEADBEEF")
        let running = folder.file(".store.sqlite.creating-\(getpid())-CAFEF00D")
        try Data("half made".utf8).write(to: abandoned)
        try Data("in progress".utf8).write(to: running)
        let store = try SQLiteCaseStore(openingOrCreating: folder.file("store.sqlite"), kind: .live)
        try store.close()
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(FileManager.default.fileExists(atPath: running.path), "another process's creation was disturbed")
    }
}
