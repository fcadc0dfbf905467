import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// What every ``CaseStore`` must do with the service directory imported from an Open Referral UK feed.
@Suite("CaseStore conformance: imported directory")
struct DirectoryConformanceTests {
    static func entry(_ id: String, checked: String, hours: [String: [String]] = [:]) throws -> DirectoryEntry {
        DirectoryEntry(
            id: ServiceID(id), feedID: "svc-\(id)", destination: id == "bright-start", name: "Service \(id)",
            organization: "Holloway Family Trust", description: "What it does — “quoted”", eligibility: "Anyone",
            minimumAge: 0, maximumAge: nil, location: "1 Hornsey Road, N7 7AA", contact: "Duty line",
            phones: [ServicePhone(number: "020 7000 0000", label: "main")], email: nil,
            url: "https://example.org", hours: hours, lastChecked: try CalendarDate(iso: checked),
            source: "Open Referral UK feed feed.json, imported 2026-11-26")
    }

    @Test(
        "entries read back in feed order, every field; an import replaces the last and is audited",
        arguments: StoreUnderTest.allCases)
    func roundTrip(kind: StoreUnderTest) throws {
        let store = try kind.make()
        #expect(try store.directoryEntries().isEmpty)
        let first = [
            try Self.entry("oruk-z", checked: "2024-05-02", hours: ["wednesday": ["15:30-17:30"]]),
            try Self.entry("bright-start", checked: "2026-03-01"),
        ]
        try store.importDirectory(first, summary: "imported 2 services", by: "amara.osei")
        #expect(try store.directoryEntries() == first)

        let second = [try Self.entry("oruk-y", checked: "2026-11-26")]
        try store.importDirectory(second, summary: "imported 1 service", by: "amara.osei")
        #expect(try store.directoryEntries() == second)

        let audit = try store.auditEntries(AuditQuery(family: nil, limit: 10)).filter {
            $0.action == "import-directory"
        }
        #expect(audit.map(\.summary) == ["imported 1 service", "imported 2 services"])
        #expect(audit.allSatisfy { $0.actor == "amara.osei" })
    }
}
