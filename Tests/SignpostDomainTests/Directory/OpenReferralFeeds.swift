import Foundation

/// Open Referral UK feeds for the import's tests: one whole and good, one with a deliberate problem of each kind.
enum OpenReferralFeeds {
    static let mapping = #"{"services": {"svc-bright-start": "bright-start"}}"#

    static let good = #"""
        {
          "organizations": [
            {"id": "org-islington", "name": "Islington Council"},
            {"id": "org-charity", "name": "Holloway Family Trust"}
          ],
          "services": [
            {"id": "svc-bright-start", "organization_id": "org-islington", "name": "Bright Start North",
             "description": "Early help for families with children under five.", "url": "https://www.islington.gov.uk/brightstart",
             "email": "brightstart@islington.gov.uk", "status": "active", "assured_date": "2026-03-01",
             "last_modified": "2026-09-30T10:00:00Z"},
            {"id": "svc-homework-club", "organization_id": "org-charity", "name": "Homework Club",
             "description": "After-school homework help.", "status": "active",
             "last_modified": "2024-05-02T08:30:00Z"},
            {"id": "svc-closed", "organization_id": "org-charity", "name": "Old Playgroup", "status": "defunct"}
          ],
          "locations": [
            {"id": "loc-hub", "name": "Bright Start North Hub", "address_1": "1 Hornsey Road", "city": "London", "postal_code": "N7 7AA"}
          ],
          "service_at_locations": [
            {"id": "sal-1", "service_id": "svc-bright-start", "location_id": "loc-hub"}
          ],
          "regular_schedules": [
            {"id": "sch-1", "service_id": "svc-bright-start", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"},
            {"id": "sch-2", "service_id": "svc-homework-club", "byday": "WE", "opens_at": "15:30:00", "closes_at": "17:30:00"}
          ],
          "eligibilitys": [
            {"id": "eli-1", "service_id": "svc-bright-start", "eligibility": "Families expecting a baby or with children under five.",
             "minimum_age": 0, "maximum_age": 4},
            {"id": "eli-2", "service_id": "svc-homework-club", "eligibility": "Pupils at Islington schools.",
             "minimum_age": 7, "maximum_age": 16}
          ],
          "contacts": [
            {"id": "con-1", "service_id": "svc-bright-start", "name": "Bright Start North duty line"},
            {"id": "con-2", "service_id": "svc-homework-club", "name": "Club leader"}
          ],
          "phones": [
            {"id": "ph-1", "contact_id": "con-1", "number": "020 7527 5959"},
            {"id": "ph-2", "contact_id": "con-2", "number": "020 7000 0000"}
          ]
        }
        """#

    /// Every problem here is deliberate; the test names each one.
    static let broken = #"""
        {
          "organizations": [
            {"id": "org-islington", "name": "Islington Council"},
            {"name": "No id at all"}
          ],
          "services": [
            {"id": "svc-bright-start", "organization_id": "org-islington", "name": "Bright Start North",
             "assured_date": "01/03/2026", "url": "www.example.org"},
            {"id": "svc-bright-start", "organization_id": "org-missing", "name": ""}
          ],
          "locations": [],
          "service_at_locations": [
            {"id": "sal-1", "service_id": "svc-bright-start", "location_id": "loc-nowhere"}
          ],
          "regular_schedules": [
            {"id": "sch-1", "service_id": "svc-bright-start", "byday": "MO,XX", "opens_at": "9am", "closes_at": "17:00"},
            {"id": "sch-2", "service_id": "svc-bright-start", "byday": "TU", "opens_at": "17:00", "closes_at": "09:00"},
            {"id": "sch-3", "service_id": "svc-unknown", "byday": "WE", "opens_at": "09:00", "closes_at": "25:00"}
          ],
          "eligibilitys": [
            {"id": "eli-1", "service_id": "svc-bright-start", "minimum_age": 10, "maximum_age": 4}
          ],
          "contacts": [
            {"id": "con-1", "service_id": "svc-bright-start", "name": "Duty line"}
          ],
          "phones": [
            {"id": "ph-1", "contact_id": "con-9", "number": ""}
          ]
        }
        """#

    static let brokenMapping =
        #"{"services": {"svc-bright-start": "bright-start", "svc-ghost": "no-such-destination"}}"#
}
