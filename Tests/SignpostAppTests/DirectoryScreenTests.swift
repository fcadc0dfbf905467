import Foundation
import SignpostDomain
import SignpostStoreTesting
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The service directory screen: searching, and flagging entries not checked for the configured months.
@Suite("Directory screen")
struct DirectoryScreenTests {
    static let size = Size(width: 80, height: 24)

    /// An imported club last checked on 2 May 2025, about 18 months before the tests' fixed today.
    static func club() throws -> DirectoryEntry {
        DirectoryEntry(
            id: "oruk-svc-club", feedID: "svc-club", destination: false, name: "Homework Club",
            organization: "Holloway Family Trust", description: "After-school homework help.",
            eligibility: "Pupils at Islington schools.", minimumAge: 7, maximumAge: 16, location: "",
            contact: "Club leader", phones: [ServicePhone(number: "020 7000 0000")], email: nil, url: nil,
            hours: [:], lastChecked: try CalendarDate(iso: "2025-05-02"), source: "Open Referral UK feed feed.json")
    }

    static func application(staleMonths: Int) throws -> Application {
        let store = try InMemoryCaseStore(kind: .demonstration, clock: { TestApplication.now })
        var environment = AppEnvironment(
            store: store, storeLocation: "/tmp/test-store.sqlite", storeKind: .demonstration,
            practitioner: "test.worker", theme: .monochrome, clock: { TestApplication.now })
        environment.pathways = Pathways.islington.merging([try club()])
        environment.directoryStaleMonths = staleMonths
        return Application(environment: environment)
    }

    static func screen(_ application: Application) -> MemorySurface {
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        return surface
    }

    @Test("W opens the directory; / searches; an entry past 12 months is marked ! and says NOT CHECKED")
    func staleByDefault() throws {
        let application = try Self.application(staleMonths: 12)
        application.handle(.character("W"), size: Self.size)
        application.handle(.character("/"), size: Self.size)
        for character in "homework" { application.handle(.character(character), size: Self.size) }
        let surface = Self.screen(application)
        let text = surface.text()
        #expect(text.contains("1 of 30 services · 1 not checked for over 12 months (!)"))
        #expect(text.contains("! Homework Club · hours not given · ages 7–16"))
        #expect(text.contains("Checked: 02/05/2025 — NOT CHECKED for over 12 months"))
        #expect(text.contains("Now: opening hours not given"))
        #expect(surface.cursor?.y == 3, "the hardware cursor stays in the search box while typing")
    }

    @Test("with 24 months configured, the same entry is not flagged")
    func configuredMonths() throws {
        let application = try Self.application(staleMonths: 24)
        application.handle(.character("W"), size: Self.size)
        let text = Self.screen(application).text()
        #expect(text.contains("30 of 30 services · 0 not checked for over 24 months (!)"))
        #expect(!text.contains("NOT CHECKED"))
    }
}
