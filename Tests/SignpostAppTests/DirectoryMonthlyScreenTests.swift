import Foundation
import SignpostDomain
import SignpostStoreTesting
import SignpostTerminal
import Testing

@testable import SignpostApp

/// Monthly openings on the directory screen, at the tests' fixed now: Monday 23 November 2026, 10:00 in London,
/// the fourth Monday of the month (the last is the 30th).
@Suite("Directory screen: monthly openings")
struct DirectoryMonthlyScreenTests {
    static let size = Size(width: 80, height: 24)

    static func entry(_ feedID: String, _ name: String, _ day: String, _ hours: String) throws -> DirectoryEntry {
        DirectoryEntry(
            id: ServiceID("oruk-\(feedID)"), feedID: feedID, destination: false, name: name,
            organization: "Holloway Family Trust", description: "Advice without an appointment.", eligibility: "",
            minimumAge: nil, maximumAge: nil, location: "", contact: "",
            phones: [ServicePhone(number: "020 7000 0001")],
            email: nil, url: nil, hours: [:],
            monthly: [
                MonthlyOpening(day: try MonthDay(parsing: day), period: try #require(OpeningPeriod(parsing: hours)))
            ],
            lastChecked: try CalendarDate(iso: "2026-11-01"), source: "Open Referral UK feed feed.json")
    }

    static func directory(searching text: String) throws -> String {
        let store = try InMemoryCaseStore(kind: .demonstration, clock: { TestApplication.now })
        var environment = AppEnvironment(
            store: store, storeLocation: "/tmp/test-store.sqlite", storeKind: .demonstration,
            practitioner: "test.worker", theme: .monochrome, clock: { TestApplication.now })
        environment.pathways = Pathways.islington.merging([
            try entry("svc-fourth", "Fourth Monday surgery", "4MO", "09:30-11:00"),
            try entry("svc-last", "Last Monday surgery", "-1MO", "09:00-12:00"),
        ])
        let application = Application(environment: environment)
        application.handle(.character("W"), size: size)
        application.handle(.character("/"), size: size)
        for character in text { application.handle(.character(character), size: size) }
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        return surface.text()
    }

    @Test("a service open on the fourth Monday is open now on 23 November, and its opening is written out")
    func openToday() throws {
        let text = try Self.directory(searching: "fourth")
        #expect(text.contains("Fourth Monday surgery · open · all ages"))
        #expect(text.contains("Now: Open until Mon 23/11/2026 11:00"))
        #expect(text.contains("Monthly: fourth Monday of the month 09:30-11:00"))
    }

    @Test("a service open on the last Monday is closed now and opens on 30 November")
    func lastMonday() throws {
        let text = try Self.directory(searching: "last monday")
        #expect(text.contains("Last Monday surgery · closed · all ages"))
        #expect(text.contains("Now: Closed: opens Mon 30/11/2026 09:00"))
        #expect(text.contains("Monthly: last Monday of the month 09:00-12:00"))
    }
}
