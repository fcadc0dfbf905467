import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// A background sync that answers with a status the test sets: the screens see nothing else.
final class StubSync: BackgroundSync, @unchecked Sendable {
    var current: SyncStatus
    private(set) var requests = 0
    private(set) var resolved: [Int64] = []

    init(_ status: SyncStatus) { current = status }

    func status() -> SyncStatus { current }
    func requestSync() { requests += 1 }
    func noteResolved(conflict: Int64) {
        resolved.append(conflict)
        current.conflicts.removeAll { $0.id == conflict }
    }
}

/// The sync status in the header, `:sync`, and the conflicts screen, drawn and driven without a terminal.
@Suite("Sync in the interface")
struct SyncInterfaceTests {
    /// 09:12 and 09:58 in London on the test day.
    static let nineTwelve = TestApplication.now.addingTimeInterval(-48 * 60)
    static let nineFiftyEight = TestApplication.now.addingTimeInterval(-2 * 60)

    static func conflict(on family: Family) -> TeamConflict {
        let person = family.members[0]
        return TeamConflict(
            id: 7, family: family.id, record: person.id.rawValue, edits: "update-person", field: "phone",
            serverValue: "020 7946 0002", serverAuthor: "kim", serverChangedAt: nineTwelve,
            pushedValue: "020 7946 0001", pushedAuthor: "sam", pushedAt: nineFiftyEight)
    }

    static func firstFamily(_ test: TestApplication) throws -> Family {
        let id = try #require(try test.store.familyIDs(after: nil, limit: 1).first)
        return try #require(try test.store.family(id))
    }

    /// An application over the fixture families whose header reads `status`.
    static func application(_ status: SyncStatus, size: Size, over given: TestApplication? = nil) throws -> (
        TestApplication, Application, StubSync
    ) {
        let test = try given ?? TestApplication(size: size)
        var environment = test.environment
        let sync = StubSync(status)
        environment.sync = sync
        return (test, Application(environment: environment), sync)
    }

    static func render(_ application: Application, size: Size) -> String {
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        return surface.text()
    }

    static let states: [(String, SyncStatus)] = [
        ("synced", SyncStatus(connection: .online(syncedAt: nineFiftyEight), login: "sam")),
        ("to-send", SyncStatus(connection: .online(syncedAt: nineFiftyEight), toSend: 3, login: "sam")),
        (
            "offline",
            SyncStatus(connection: .offline(since: nineTwelve, why: "refused"), toSend: 41, login: "sam")
        ),
    ]

    @Test(
        "the header says where sync stands, whole words, at 80 and 120 columns", arguments: [0, 1, 2],
        ScreenSnapshotTests.sizes)
    func headerStates(_ index: Int, size: Size) throws {
        let (name, status) = Self.states[index]
        let (_, application, _) = try Self.application(status, size: size)
        let text = Self.render(application, size: size)
        let header = String(text.split(separator: "\n").first { $0.contains("Signpost ›") } ?? "")
        let full = status.headerParts().joined(separator: " · ")
        let compact = status.headerParts(compact: true).joined(separator: " · ")
        #expect(header.contains(full) || header.contains(compact), "\(name): \(header)")
        let mismatch = Snapshot.mismatch(text, named: "sync-\(name).\(size.width)x\(size.height)")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("the header shows a first sync's figures when there is room, and drops them on a narrow terminal")
    func firstSyncInTheHeader() throws {
        var status = SyncStatus(connection: .online(syncedAt: Self.nineFiftyEight), login: "sam")
        status.firstSync = "first sync: 412 families, 3.2 MB"
        let wide = Size(width: 120, height: 40)
        let (_, application, _) = try Self.application(status, size: wide)
        let header = String(
            Self.render(application, size: wide).split(separator: "\n").first { $0.contains("Signpost ›") } ?? "")
        #expect(header.contains("synced 09:58 · first sync: 412 families, 3.2 MB"), "\(header)")
        #expect(!status.headerParts(compact: true).joined().contains("first sync"))
    }

    @Test("conflicts remembered from the last sync are listed offline, marked as of that sync")
    func rememberedConflicts() throws {
        let size = Size(width: 120, height: 40)
        let test = try TestApplication(size: size)
        let family = try Self.firstFamily(test)
        var status = SyncStatus(connection: .offline(since: Self.nineFiftyEight, why: "refused"), login: "sam")
        status.conflicts = [Self.conflict(on: family)]
        status.conflictsAsOf = Self.nineTwelve
        let (_, application, _) = try Self.application(status, size: size, over: test)
        let home = Self.render(application, size: size)
        #expect(home.contains("1 conflict as of 09:12"), "\(home)")
        application.handle(.character("Y"), size: size)
        let conflicts = Self.render(application, size: size)
        #expect(conflicts.contains("As of the last sync, 09:12"), "\(conflicts)")
        #expect(conflicts.contains("020 7946 0001 — sam"))
    }

    @Test(
        "conflicts are counted in the header, marked ! in the list and on the family, and listed",
        arguments: ScreenSnapshotTests.sizes)
    func conflictScreens(size: Size) throws {
        let test = try TestApplication(size: size)
        let family = try Self.firstFamily(test)
        var status = SyncStatus(connection: .offline(since: Self.nineTwelve, why: "refused"), toSend: 41, login: "sam")
        status.conflicts = [Self.conflict(on: family)]
        let (_, application, _) = try Self.application(status, size: size, over: test)
        let home = Self.render(application, size: size)
        #expect(home.contains("1 conflict"))
        #expect(home.contains("! \(family.name)") || home.contains("! \(family.name.prefix(10))"))
        #expect(Snapshot.mismatch(home, named: "sync-conflict-home.\(size.width)x\(size.height)") == nil)

        application.apply(.push(FamilyScreen(familyID: family.id, app: application.environment)))
        let familyText = Self.render(application, size: size)
        #expect(familyText.contains("! Conflict: phone"))
        #expect(Snapshot.mismatch(familyText, named: "sync-conflict-family.\(size.width)x\(size.height)") == nil)

        application.handle(.character("!"), size: size)
        let conflicts = Self.render(application, size: size)
        #expect(conflicts.contains("020 7946 0001 — sam"))
        #expect(conflicts.contains("020 7946 0002 — kim"))
        #expect(Snapshot.mismatch(conflicts, named: "sync-conflicts.\(size.width)x\(size.height)") == nil)
    }

    @Test("keep mine is confirmed, saved as an audited change, and the conflict leaves the screen")
    func keepMineResolves() throws {
        let size = Size(width: 80, height: 24)
        let test = try TestApplication(size: size)
        let family = try Self.firstFamily(test)
        var status = SyncStatus(connection: .online(syncedAt: Self.nineFiftyEight), login: "sam")
        status.conflicts = [Self.conflict(on: family)]
        let (_, application, sync) = try Self.application(status, size: size, over: test)
        application.handle(.character("Y"), size: size)
        application.handle(.character("m"), size: size)
        #expect(Self.render(application, size: size).contains("Set phone to “020 7946 0001” (kept mine)?"))
        application.handle(.enter, size: size)
        #expect(
            try test.store.family(family.id)?.members[0].phone == "020 7946 0001",
            "\(Self.render(application, size: size))")
        #expect(try test.store.auditTrail(family: family.id, limit: 1).first?.action == "resolve-conflict")
        #expect(sync.resolved == [7])
        #expect(sync.requests == 1, "the resolution is sent at once, not at the next tick")
        #expect(Self.render(application, size: size).contains("No conflicts to review"))
    }

    @Test("a combined value is typed, saved as the resolution, and Esc saves nothing")
    func combinedValue() throws {
        let size = Size(width: 80, height: 24)
        let test = try TestApplication(size: size)
        let family = try Self.firstFamily(test)
        var status = SyncStatus(connection: .online(syncedAt: Self.nineFiftyEight), login: "sam")
        status.conflicts = [Self.conflict(on: family)]
        let (_, application, _) = try Self.application(status, size: size, over: test)
        application.handle(.character("Y"), size: size)
        application.handle(.character("e"), size: size)
        application.handle(.escape, size: size)
        #expect(try test.store.auditTrail(family: family.id, limit: 1).first?.action != "resolve-conflict")
        application.handle(.character("e"), size: size)
        for character in "020 7946 0001 (work) or 0002" { application.handle(.character(character), size: size) }
        application.handle(.enter, size: size)
        application.handle(.enter, size: size)
        #expect(try test.store.family(family.id)?.members[0].phone == "020 7946 0001 (work) or 0002")
    }

    @Test(":sync asks for a sync now and shows its outcome; a store without a team says so")
    func paletteSync() throws {
        let size = Size(width: 80, height: 24)
        let (_, application, sync) = try Self.application(
            SyncStatus(connection: .online(syncedAt: Self.nineFiftyEight), login: "sam"), size: size)
        application.handle(.character(":"), size: size)
        for character in "sync" { application.handle(.character(character), size: size) }
        application.handle(.enter, size: size)
        #expect(sync.requests == 1)
        sync.current.forcedSyncs = 1
        sync.current.lastOutcome = "Synced: sent 2 changes, received 1."
        application.refreshFromSync()
        #expect(Self.render(application, size: size).contains("Synced: sent 2 changes, received 1."))

        let alone = try TestApplication(size: size)
        alone.application.handle(.character(":"), size: size)
        for character in "sync" { alone.application.handle(.character(character), size: size) }
        alone.application.handle(.enter, size: size)
        #expect(alone.screen().contains("has not joined a team server"))
    }
}
