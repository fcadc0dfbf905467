import Foundation
import SignpostDomain
import Testing

@Suite("Open Referral UK directory import")
struct OpenReferralImportTests {
    let today = try! CalendarDate(iso: "2026-11-26")

    /// The feeds' mappings are written as `{"services": {feed id: destination}}` here; the file format is TOML
    /// (its own tests are the command line's).
    private struct ServicesOnly: Decodable { var services: [String: String] }

    private func mapping(_ json: String) throws -> DirectoryMapping {
        let services = try JSONDecoder().decode(ServicesOnly.self, from: Data(json.utf8)).services
        return DirectoryMapping(services: services.mapValues { ServiceID($0) })
    }

    private func entries(_ feed: String, mapping json: String = OpenReferralFeeds.mapping) throws -> [DirectoryEntry] {
        try OpenReferralImport.entries(
            feed: Data(feed.utf8), mapping: try mapping(json), pathways: .islington, importedOn: today,
            source: "feed.json")
    }

    @Test("a good feed imports every field: organisation, location, schedule, eligibility, contacts, dates")
    func goodFeed() throws {
        let imported = try entries(OpenReferralFeeds.good)
        #expect(imported.map(\.feedID) == ["svc-bright-start", "svc-homework-club"], "the defunct service is left out")

        let brightStart = try #require(imported.first)
        #expect(brightStart.id == "bright-start")
        #expect(brightStart.destination)
        #expect(brightStart.name == "Bright Start North")
        #expect(brightStart.organization == "Islington Council")
        #expect(brightStart.description == "Early help for families with children under five.")
        #expect(brightStart.eligibility == "Families expecting a baby or with children under five.")
        #expect(brightStart.minimumAge == 0)
        #expect(brightStart.maximumAge == 4)
        #expect(brightStart.location == "Bright Start North Hub, 1 Hornsey Road, London, N7 7AA")
        #expect(brightStart.contact == "Bright Start North duty line")
        #expect(brightStart.phones == [ServicePhone(number: "020 7527 5959")])
        #expect(brightStart.email == "brightstart@islington.gov.uk")
        #expect(brightStart.url == "https://www.islington.gov.uk/brightstart")
        #expect(brightStart.hours["monday"] == ["09:00-17:00"])
        #expect(brightStart.hours["friday"] == ["09:00-17:00"])
        #expect(brightStart.hours["saturday"] == nil)
        #expect(brightStart.lastChecked == (try CalendarDate(iso: "2026-03-01")), "the assured date comes first")
        #expect(brightStart.source == "Open Referral UK feed feed.json, imported 2026-11-26")

        let club = imported[1]
        #expect(club.id == "oruk-svc-homework-club")
        #expect(!club.destination)
        #expect(club.organization == "Holloway Family Trust")
        #expect(club.hours == ["wednesday": ["15:30-17:30"]])
        #expect((club.minimumAge, club.maximumAge) == (7, 16))
        #expect(club.lastChecked == (try CalendarDate(iso: "2024-05-02")), "the last-modified date without assurance")
    }

    @Test("merged into the directory, a mapped entry updates its destination and an unmapped one is added")
    func merged() throws {
        let imported = try entries(OpenReferralFeeds.good)
        let pathways = Pathways.islington.merging(imported)
        let brightStart = try #require(pathways.directory["bright-start"])
        #expect(brightStart.name == "Bright Start North")
        #expect(brightStart.lastChecked == (try CalendarDate(iso: "2026-03-01")))
        #expect(brightStart.consentRequired == Pathways.islington.directory["bright-start"]?.consentRequired)
        let club = try #require(pathways.directory["oruk-svc-homework-club"])
        #expect(club.consentRequired)
        #expect(pathways.directory.services.count == Pathways.islington.directory.services.count + 1)
        // A Wednesday at 16:00 in London (GMT in November): the club is open, until 17:30.
        let wednesday = try #require(ISO8601DateFormatter().date(from: "2026-11-25T16:00:00Z"))
        #expect(club.availability(at: wednesday).isOpen)
    }

    @Test("a feed with no assured or modified date is checked on the import date")
    func importDate() throws {
        let feed = OpenReferralFeeds.good.replacingOccurrences(
            of: #""last_modified": "2024-05-02T08:30:00Z""#, with: #""status": "active""#)
        let club = try #require(try entries(feed).last)
        #expect(club.lastChecked == today)
    }

    @Test("a feed with deliberate problems is refused as a whole, listing each one")
    func brokenFeed() throws {
        let error = try #require(throws: DirectoryImportError.self) {
            try entries(OpenReferralFeeds.broken, mapping: OpenReferralFeeds.brokenMapping)
        }
        let expected = [
            "organizations[1]: id is missing",
            "services[1]: id 'svc-bright-start' is used twice (also services[0])",
            "service_at_locations[0]: location_id 'loc-nowhere' names no row in the feed",
            "regular_schedules[0]: opens_at '9am' is not a time (HH:MM)",
            "regular_schedules[0]: byday 'XX' is not a weekday (SU, MO, TU, WE, TH, FR, SA)",
            "regular_schedules[1]: opens_at 17:00 is not before closes_at 09:00",
            "regular_schedules[2]: service_id 'svc-unknown' names no row in the feed",
            "regular_schedules[2]: closes_at '25:00' is not a time (HH:MM)",
            "eligibilitys[0]: minimum_age 10 is above maximum_age 4",
            "phones[0]: contact_id 'con-9' names no row in the feed",
            "phones[0]: number is missing",
            "mapping: [services] 'svc-ghost' names no service in the feed",
            "mapping: 'svc-ghost' maps to 'no-such-destination', which is not a pathway destination",
            "services[0]: url 'www.example.org' is not a web address (http:// or https://)",
            "services[0]: assured_date '01/03/2026' is not a date (YYYY-MM-DD)",
            "services[1]: organization_id 'org-missing' names no row in the feed",
            "services[1]: name is missing",
        ]
        #expect(error.problems == expected)
        #expect(error.description.hasPrefix("The feed was refused (17 problems; nothing imported):"))
    }

    @Test("a feed that is not JSON, or has no services, is refused with the reason")
    func notAFeed() throws {
        let notJSON = try #require(throws: DirectoryImportError.self) { try entries("{ not json") }
        #expect(notJSON.problems.count == 1)
        let empty = try #require(throws: DirectoryImportError.self) { try entries("{}", mapping: #"{"services": {}}"#) }
        #expect(empty.problems == ["services: the feed lists no services"])
    }

    @Test("a mapped entry that would take children's safeguarding away from the under-18s is refused")
    func safety() throws {
        let feed = """
            {"organizations": [{"id": "o", "name": "Islington Council"}],
             "services": [{"id": "s", "organization_id": "o", "name": "CSCT", "status": "active"}],
             "eligibilitys": [{"id": "e", "service_id": "s", "minimum_age": 18, "maximum_age": 99}]}
            """
        let error = try #require(throws: DirectoryImportError.self) {
            try entries(feed, mapping: #"{"services": {"s": "csct"}}"#)
        }
        #expect(!error.problems.isEmpty)
        #expect(error.problems.allSatisfy { $0.hasPrefix("after the import, ") })
    }
}
