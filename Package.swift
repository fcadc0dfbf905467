// swift-tools-version: 6.1
//
// Signpost: a keyboard-driven case tool for children's-services practitioners.
//
// Dependencies run one way:
//
//     CNcurses ─► SignpostTerminal ─┐
//     SignpostDomain ─► SignpostStore ─► SignpostSQLiteStore ─┤
//                                        SignpostStoreTesting (in-memory double)
//     SignpostStore ─► SignpostCasework (use cases: record a contact, save a navigator outcome) ─┤
//     SignpostStore ─► SignpostReturns (Ofsted Annex A, CIN factors, managers' reports; CSV.swift) ─┤
//     SignpostFixtures, SignpostThemes (data shipped with the binary) ─┤
//                                                                      ▼
//                                        SignpostApp (screens) ─► SignpostCommands ─► signpost
//     SignpostStore ─► SignpostTeamServer (PostgreSQL) ─► SignpostSync (push/pull) ─► SignpostCommands
//                      (beside the store, never inside the screens; see ARCHITECTURE.md)
import PackageDescription

/// The strict settings every target shares, set once.
let strictSwiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Signpost",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "signpost", targets: ["signpost"]),
        .executable(name: "signpost-benchmark", targets: ["signpost-benchmark"]),
        .library(name: "SignpostDomain", targets: ["SignpostDomain"]),
        .library(name: "SignpostStore", targets: ["SignpostStore"]),
        .library(name: "SignpostStoreTesting", targets: ["SignpostStoreTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // SHA-256 for the audit trail's hash chain (CryptoKit's API on every platform).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // CSV for `signpost audit --format csv` (quoting and line breaks in cells done by a library).
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The team link in the user's config (~/.config/signpost/team.toml).
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // MARK: The terminal
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "SignpostTerminal", dependencies: ["CNcurses"]),

        // MARK: The domain (Foundation only)
        // The navigator's built-in pathways and service directory ship as JSON beside the code.
        .target(name: "SignpostDomain", resources: [.copy("Navigator/Resources")]),

        // MARK: Persistence
        .target(name: "SignpostStore", dependencies: ["SignpostDomain"]),
        .target(
            name: "SignpostSQLiteStore",
            dependencies: [
                "SignpostDomain", "SignpostStore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "SignpostStoreTesting", dependencies: ["SignpostDomain", "SignpostStore"]),

        // MARK: The team server (PostgreSQL) and the sync engine beside the store
        // The server's schema, roles, row-level security and functions, and a typed client for them.
        .target(
            name: "SignpostTeamServer",
            dependencies: [
                "SignpostStore", "SignpostDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                // TLS for any server that is not on this machine.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Pushes a syncable store's outbox to the team server and pulls what others recorded into it.
        .target(
            name: "SignpostSync",
            dependencies: [
                "SignpostDomain", "SignpostStore", "SignpostTeamServer",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Data shipped with the binary
        .target(
            name: "SignpostFixtures",
            dependencies: ["SignpostDomain"],
            path: "Fixtures",
            exclude: ["README.md", "tools"],
            sources: ["Swift"],
            resources: [.copy("families"), .copy("training")]
        ),
        .target(
            name: "SignpostThemes",
            path: "Themes",
            exclude: ["README.md"],
            sources: ["Swift"],
            resources: [.copy("themes")]
        ),

        // MARK: Casework (what the screens do to the record, without a terminal)
        .target(name: "SignpostCasework", dependencies: ["SignpostDomain", "SignpostStore"]),

        // MARK: Returns and reports (national lists and managers' figures, without a terminal)
        .target(
            name: "SignpostReturns",
            dependencies: ["SignpostDomain", "SignpostStore", .product(name: "CSV", package: "CSV.swift")]
        ),

        // MARK: The application
        .target(
            name: "SignpostApp",
            dependencies: [
                "SignpostTerminal", "SignpostDomain", "SignpostStore", "SignpostThemes", "SignpostCasework",
                "SignpostReturns",
            ]
        ),
        .target(
            name: "SignpostCommands",
            dependencies: [
                "SignpostApp", "SignpostCasework", "SignpostDomain", "SignpostStore", "SignpostSQLiteStore",
                "SignpostFixtures", "SignpostTerminal", "SignpostThemes", "SignpostSync", "SignpostTeamServer",
                "SignpostReturns",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(name: "signpost", dependencies: ["SignpostCommands"]),

        // MARK: Running other programs (the benchmark and the end-to-end tests)
        .target(name: "SignpostSubprocess"),
        // Prints the performance figures the benchmark issue sets targets for; never run as a timed test.
        .executableTarget(
            name: "signpost-benchmark",
            dependencies: [
                "SignpostApp", "SignpostDomain", "SignpostStore", "SignpostSQLiteStore", "SignpostFixtures",
                "SignpostTerminal", "SignpostSubprocess", "SignpostSync", "SignpostTeamServer", "SignpostReturns",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/SignpostBenchmark"
        ),

        // MARK: Tests
        // The fuzzer's seed corpus is read from the source tree, not bundled.
        .testTarget(
            name: "SignpostDomainTests", dependencies: ["SignpostDomain", "SignpostFixtures"],
            exclude: ["Fuzzing/Seeds"]),
        .testTarget(
            name: "SignpostStoreTests",
            dependencies: [
                "SignpostStore", "SignpostSQLiteStore", "SignpostStoreTesting", "SignpostDomain", "SignpostFixtures",
                // The SQLite file tests reshape stores as older versions left them, and read query plans.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "SignpostCaseworkTests",
            dependencies: [
                "SignpostCasework", "SignpostDomain", "SignpostStore", "SignpostStoreTesting", "SignpostSQLiteStore",
            ]
        ),
        .testTarget(
            name: "SignpostReturnsTests",
            dependencies: [
                "SignpostReturns", "SignpostDomain", "SignpostStore", "SignpostStoreTesting", "SignpostSQLiteStore",
                "SignpostFixtures",
                // The report figures are checked against counts made directly in SQL.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "SignpostTerminalTests", dependencies: ["SignpostTerminal", "SignpostThemes"]),
        .testTarget(
            name: "SignpostAppTests",
            dependencies: [
                "SignpostApp", "SignpostTerminal", "SignpostStoreTesting", "SignpostFixtures", "SignpostDomain",
                "SignpostThemes", "SignpostStore",
            ],
            exclude: ["__Snapshots__", "__Golden__"]
        ),
        // Runs against a real PostgreSQL: `make test` starts a throwaway cluster and passes its URL in
        // SIGNPOST_TEST_POSTGRES_URL.
        .testTarget(
            name: "SignpostTeamServerTests",
            dependencies: [
                "SignpostTeamServer", "SignpostSync", "SignpostStore", "SignpostStoreTesting", "SignpostSQLiteStore",
                "SignpostDomain", .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // A throwaway local HTTP server (Python's http.server) for the directory feed tests.
        .target(name: "SignpostHTTPTesting", path: "Tests/SignpostHTTPTesting"),
        // The command line's own parts, without running the binary (the team link's config file).
        .testTarget(
            name: "SignpostCommandsTests",
            dependencies: [
                "SignpostCommands", "SignpostStore", "SignpostSQLiteStore", "SignpostTeamServer", "SignpostHTTPTesting",
            ]
        ),
        // Drives the built `signpost` binary: its command line as a process, its interface in tmux.
        .testTarget(
            name: "SignpostEndToEndTests",
            dependencies: [
                "SignpostSubprocess", "SignpostDomain", "SignpostSQLiteStore", "SignpostStore", "SignpostHTTPTesting",
            ]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSwiftSettings
}
