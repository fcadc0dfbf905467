import Foundation
import SignpostDomain
import Testing

/// How a council's mapping names destinations: by service, by organisation, by taxonomy term; and what it gets
/// wrong, each with its line.
@Suite("Directory mapping rules")
struct DirectoryMappingTests {
    let today = try! CalendarDate(iso: "2026-11-26")

    /// Two organisations; the council's runs Bright Start North and CSCT, the trust a homework club and a young
    /// carers' group, tagged by taxonomy.
    static let feed = """
        {"organizations": [{"id": "org-council", "name": "Islington Council"},
                           {"id": "org-trust", "name": "Holloway Family Trust"},
                           {"id": "org-yjs", "name": "Youth Justice Service"}],
         "services": [
           {"id": "svc-bs", "organization_id": "org-council", "name": "Bright Start North", "status": "active"},
           {"id": "svc-csct", "organization_id": "org-council", "name": "CSCT", "status": "active"},
           {"id": "svc-club", "organization_id": "org-trust", "name": "Homework Club", "status": "active"},
           {"id": "svc-carers", "organization_id": "org-trust", "name": "Young carers group", "status": "active"},
           {"id": "svc-yjs", "organization_id": "org-yjs", "name": "Youth Justice", "status": "active"},
           {"id": "svc-old", "organization_id": "org-yjs", "name": "Old youth club", "status": "inactive"}],
         "taxonomys": [{"id": "tax-carers", "name": "Young carers", "vocabulary": "council"},
                       {"id": "tax-homework", "name": "Homework", "vocabulary": "council"}],
         "service_taxonomys": [{"id": "st-1", "service_id": "svc-carers", "taxonomy_id": "tax-carers"},
                               {"id": "st-2", "service_id": "svc-club", "taxonomy_id": "tax-homework"}]}
        """

    private func rule(_ kind: DirectoryMapping.Kind, _ key: String, _ destination: String, line: Int)
        -> DirectoryMapping.Rule
    {
        DirectoryMapping.Rule(kind: kind, key: key, destination: ServiceID(destination), line: line)
    }

    private func entries(_ rules: [DirectoryMapping.Rule]) throws -> [DirectoryEntry] {
        try OpenReferralImport.entries(
            feed: Data(Self.feed.utf8), mapping: DirectoryMapping(rules: rules), pathways: .islington,
            importedOn: today, source: "feed.json")
    }

    @Test("a service's own rule, its organisation's and a taxonomy term's each name a destination")
    func kinds() throws {
        let imported = try entries([
            rule(.service, "svc-bs", "bright-start", line: 2),
            rule(.service, "svc-csct", "csct", line: 3),
            rule(.organization, "org-yjs", "youth-justice", line: 5),
            rule(.taxonomy, "Young carers", "young-carers", line: 7),
        ])
        let destinations = Dictionary(uniqueKeysWithValues: imported.map { ($0.feedID, $0.id) })
        #expect(destinations["svc-bs"] == "bright-start")
        #expect(destinations["svc-csct"] == "csct")
        #expect(destinations["svc-yjs"] == "youth-justice", "the organisation's only active service")
        #expect(destinations["svc-carers"] == "young-carers", "tagged Young carers (by the term's name)")
        #expect(destinations["svc-club"] == "oruk-svc-club", "no rule names it: added, not a destination")
        #expect(imported.filter(\.destination).count == 4)
    }

    @Test("a service's own rule comes before its organisation's; a taxonomy term may be given by its id")
    func precedence() throws {
        let imported = try entries([
            rule(.organization, "org-council", "bright-start", line: 2),
            rule(.service, "svc-csct", "csct", line: 4),
            rule(.taxonomy, "tax-carers", "young-carers", line: 6),
        ])
        let destinations = Dictionary(uniqueKeysWithValues: imported.map { ($0.feedID, $0.id) })
        #expect(destinations["svc-csct"] == "csct")
        #expect(destinations["svc-bs"] == "bright-start", "the council's other service takes the organisation's")
        #expect(destinations["svc-carers"] == "young-carers")
    }

    @Test("every problem in the mapping is listed with its line")
    func problems() throws {
        let error = try #require(throws: DirectoryImportError.self) {
            try entries([
                rule(.service, "svc-ghost", "csct", line: 2),
                rule(.service, "svc-bs", "no-such-destination", line: 3),
                rule(.organization, "org-nowhere", "bright-start", line: 5),
                rule(.organization, "org-trust", "family-information-service", line: 6),
                rule(.taxonomy, "Knitting", "bright-start", line: 8),
                rule(.service, "svc-old", "youth-justice", line: 9),
            ])
        }
        #expect(
            error.problems == [
                "mapping line 2: [services] 'svc-ghost' names no service in the feed",
                "mapping line 3: 'svc-bs' maps to 'no-such-destination', which is not a pathway destination",
                "mapping line 5: [organizations] 'org-nowhere' names no organisation in the feed",
                "mapping line 8: [taxonomy] 'Knitting' names no taxonomy term in the feed (by its id or its name)",
                "mapping: 'svc-carers' (mapping line 6, [organizations] 'org-trust') and 'svc-club' (mapping line 6, [organizations] 'org-trust') would all be 'family-information-service'; a destination takes one service: name it under [services]",
                "services[5]: mapped to youth-justice but its status is inactive",
            ])
    }

    @Test("a service whose taxonomy terms point two ways, and a rule that gives nothing, are refused")
    func ambiguous() throws {
        let feed = Self.feed.replacingOccurrences(
            of: #"{"id": "st-2", "service_id": "svc-club""#, with: #"{"id": "st-2", "service_id": "svc-carers""#)
        let error = try #require(throws: DirectoryImportError.self) {
            try OpenReferralImport.entries(
                feed: Data(feed.utf8),
                mapping: DirectoryMapping(rules: [
                    rule(.taxonomy, "Young carers", "young-carers", line: 2),
                    rule(.taxonomy, "tax-homework", "family-information-service", line: 3),
                    rule(.service, "svc-yjs", "youth-justice", line: 4),
                    rule(.organization, "org-yjs", "csct", line: 5),
                ]), pathways: .islington, importedOn: today, source: "feed.json")
        }
        #expect(
            error.problems == [
                "services 'svc-carers': its taxonomy terms map to different destinations ('Young carers' to 'young-carers' (mapping line 2), 'tax-homework' to 'family-information-service' (mapping line 3)); name the service under [services]",
                "mapping line 5: [organizations] 'org-yjs' gives no active service to 'csct'",
            ])
    }
}
