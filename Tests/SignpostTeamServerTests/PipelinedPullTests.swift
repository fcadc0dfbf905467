import Foundation
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import XCTest

@testable import SignpostTeamServer

/// The pull's pages are pipelined (the next one is fetched and decoded while the store applies the
/// one before): against the real PostgreSQL, every change still arrives exactly once and in the
/// server's order, whether the last page is part-full or full, and a page the store cannot apply
/// stops the pull with nothing after it applied.
final class PipelinedPullTests: TeamServerTestCase {
    func testAPipelinedPullDeliversEveryChangeOnceInOrderWhateverThePageSize() async throws {
        let writerServer = try await practitioner("writer", role: .frontDoor)
        let readerEndpoint = try await practitionerEndpoint("reader", role: .manager)
        let writer = try laptop("writer")
        let id = FamilyID(familyID(1))
        // 45 changes: pages of 5 end on a full page (then an empty one), pages of 7 and 2 on a part-full one.
        try writer.apply(
            [.addFamily(try wrenfoldFamily(id))] + wrenfoldNotes(44, family: id, tag: "PIPE"), by: "writer")
        _ = try await SyncEngine(store: writer, server: writerServer).sync()
        let written = try XCTUnwrap(try writer.family(id)).notes.map(\.id)
        let latest = try await writerServer.latestSeq()

        for (pageSize, pages) in [(5, 9), (7, 7), (2, 23), (1_000, 1)] {
            let reader = try laptop("reader-\(pageSize)")
            let steps = Steps()
            var engine = SyncEngine(store: reader, server: try await connect(readerEndpoint), pageSize: pageSize)
            engine.firstSyncProgress = { steps.append($0.seq) }
            let report = try await engine.pull()

            XCTAssertEqual(report.changes, 45, "pages of \(pageSize): every change delivered once")
            XCTAssertEqual(report.pages, pages, "pages of \(pageSize)")
            XCTAssertEqual(steps.all, steps.all.sorted(), "pages of \(pageSize): applied in the server's order")
            XCTAssertEqual(Set(steps.all).count, pages, "pages of \(pageSize): no page applied twice")
            XCTAssertEqual(try reader.lastPulledSeq(), latest)
            XCTAssertEqual(
                try XCTUnwrap(try reader.family(id)).notes.map(\.id), written,
                "pages of \(pageSize): the notes in the order they were written")
            XCTAssertEqual(
                try reader.auditTrail(family: id, limit: 100).filter { $0.action == "add-case-note" }.count, 44,
                "pages of \(pageSize): each pulled note audited once")
            let again = try await engine.pull()
            XCTAssertEqual(again.changes, 0, "pages of \(pageSize): nothing comes twice")
        }
    }

    func testAPageTheStoreCannotApplyStopsThePullAndThePageFetchedAheadIsNotApplied() async throws {
        let writerServer = try await practitioner("writer", role: .frontDoor)
        let readerServer = try await practitioner("reader", role: .manager)
        let writer = try laptop("writer")
        let reader = try laptop("reader")
        let first = FamilyID(familyID(1))
        let clash = FamilyID(familyID(2))
        let after = FamilyID(familyID(3))
        // Seqs 1-10 about the first family; 11 adds a family the reader already holds (made there,
        // never sent), which it cannot add again; 12-20 about a third family.
        try writer.apply(
            [.addFamily(try wrenfoldFamily(first))] + wrenfoldNotes(9, family: first, tag: "ONE"), by: "writer")
        try writer.apply([.addFamily(try wrenfoldFamily(clash))], by: "writer")
        try writer.apply(
            [.addFamily(try wrenfoldFamily(after))] + wrenfoldNotes(8, family: after, tag: "THREE"), by: "writer")
        _ = try await SyncEngine(store: writer, server: writerServer).sync()
        try reader.apply([.addFamily(try wrenfoldFamily(clash))], by: "reader")
        let tenth = try await writerServer.pull(since: 0, max: 10).last?.seq

        do {
            _ = try await SyncEngine(store: reader, server: readerServer, pageSize: 5).pull()
            XCTFail("a page the store cannot apply reported success")
        } catch StoreError.duplicateFamily(let family) {
            XCTAssertEqual(family, clash)
        }
        XCTAssertEqual(try reader.lastPulledSeq(), tenth, "the pages before the failing one stay applied")
        XCTAssertEqual(try reader.family(first)?.notes.count, 9)
        XCTAssertNil(try reader.family(after), "nothing of the page after the failing one")
    }

}

/// The last seq of each page applied, as the first-sync progress reports them.
private final class Steps: @unchecked Sendable {
    private let lock = NSLock()
    private var seqs: [Int64] = []

    func append(_ seq: Int64) { lock.withLock { seqs.append(seq) } }
    var all: [Int64] { lock.withLock { seqs } }
}
