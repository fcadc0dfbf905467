import Foundation
import XCTest

@testable import SignpostTeamServer

/// A migration applied to a real team server is never edited: a server that has it never runs it again,
/// so an edit would make new servers differ from existing ones. A change of behaviour is a new migration
/// (as version 10 replaced the erasure triggers' functions); these checksums fail the suite when the text
/// of an applied one changes. Needs no PostgreSQL.
final class MigrationHistoryTests: XCTestCase {
    /// Each applied migration's SQL, as FNV-1a 64-bit checksums of its UTF-8 text.
    static let applied: [Int: UInt64] = [
        1: 0x64e6_f0d3_13bb_cba7, 2: 0x58f0_2f31_075b_22a3, 3: 0x1a63_1075_c469_36a3, 4: 0x3db7_6608_f31b_8846,
        5: 0x790f_a146_b29c_bb65, 6: 0xfb08_8605_bf83_ac46, 7: 0x74e3_8169_db1b_6bf9, 8: 0xd00b_18ec_7920_5613,
        9: 0xf472_97a9_c2f8_f2c9, 10: 0xad74_068c_7fa9_ba71, 11: 0x9a02_eddc_8a23_b774,
    ]

    func testTheSQLOfEveryAppliedMigrationIsAsItWasApplied() {
        for migration in TeamServerSchema.migrations where Self.applied[migration.version] != nil {
            XCTAssertEqual(
                Self.checksum(migration.sql), Self.applied[migration.version],
                "migration \(migration.version) was edited: add a new migration instead")
        }
        XCTAssertEqual(Set(Self.applied.keys), Set(1...11), "every migration up to 11 is pinned")
    }

    func testMigrationsAreNumberedOneToTheLatestWithoutGaps() {
        XCTAssertEqual(
            TeamServerSchema.migrations.map(\.version), Array(1...TeamServerSchema.latestVersion))
    }

    /// FNV-1a over the text's UTF-8 bytes: enough to notice an edit, with no dependency.
    static func checksum(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { hash, byte in
            (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
    }
}
