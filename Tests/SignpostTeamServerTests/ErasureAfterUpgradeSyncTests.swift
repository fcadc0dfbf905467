import Foundation
import PostgresNIO
import XCTest

@testable import SignpostTeamServer

/// The erasure tests on a server that was at schema version 9 (each erasure carrying its own copy of the
/// audit's redaction) and was then upgraded: version 10 replaces both erasure triggers' functions with
/// ones that share `signpost.redact_erased_from_audit`, and every erasure still removes everything.
final class ErasureAfterUpgradeSyncTests: ErasureSyncTests {
    override class var initialisedThroughVersion: Int { 9 }

    override func setUp() async throws {
        try await super.setUp()
        let before = try await functionsCallingTheSharedRedaction()
        XCTAssertEqual(before, [], "at version 9 no function calls the shared redaction")
        let applied = try await admin.initialise(kind: .demonstration)
        XCTAssertEqual(applied, TeamServerSchema.migrations.map(\.version).filter { $0 > 9 })
        XCTAssertTrue(applied.contains(10))
        let after = try await functionsCallingTheSharedRedaction()
        XCTAssertEqual(after, ["erase_family_from_change", "erase_person_from_change"])
    }

    /// The functions of the server's schema whose body calls `redact_erased_from_audit`, by name.
    private func functionsCallingTheSharedRedaction() async throws -> [String] {
        let rows = try await admin.connection.query(
            """
            SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'signpost' AND p.prosrc LIKE '%redact_erased_from_audit(%'
                AND p.proname <> 'redact_erased_from_audit'
            ORDER BY p.proname
            """, logger: admin.logger)
        var names: [String] = []
        for try await name in rows.decode(String.self) { names.append(name) }
        return names
    }

    // The same scenarios as on a server initialised afresh, named here so they run for this class too.

    override func testAnErasurePushedRemovesThePersonFromEveryServerTableAndEveryLaptop() async throws {
        try await super.testAnErasurePushedRemovesThePersonFromEveryServerTableAndEveryLaptop()
    }

    override func testAChangePushedAfterTheErasureBringsNothingOfThePersonBack() async throws {
        try await super.testAChangePushedAfterTheErasureBringsNothingOfThePersonBack()
    }

    override func testAFamilyErasurePushedRemovesTheFamilyFromEveryServerTableAndEveryLaptop() async throws {
        try await super.testAFamilyErasurePushedRemovesTheFamilyFromEveryServerTableAndEveryLaptop()
    }
}
