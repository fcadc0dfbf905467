import Foundation

/// An Open Referral UK (HSDS) feed as it arrives: the standard's tables, each a list of rows joined by ids.
///
/// The shape follows the Open Referral UK profile's tables (`organization`,
/// `service`, `location`, `service_at_location`, `regular_schedule`,
/// `eligibility`, `contact`, `phone`, `taxonomy`, `service_taxonomy`), with snake_case field names as the
/// profile spells them. Every field is optional here so that a missing one is
/// reported as a problem by ``OpenReferralImport`` rather than stopping the
/// reading at the first.
///
/// ```json
/// {"organizations": [{"id": "org-1", "name": "Islington Council"}],
///  "services": [{"id": "svc-1", "organization_id": "org-1", "name": "Bright Start", "description": "…",
///                "url": "https://…", "email": "…", "status": "active", "assured_date": "2026-10-01"}],
///  "locations": [{"id": "loc-1", "name": "Bright Start Hub", "address_1": "1 Street", "postcode": "N1 1AA"}],
///  "service_at_locations": [{"id": "sal-1", "service_id": "svc-1", "location_id": "loc-1"}],
///  "regular_schedules": [{"id": "sch-1", "service_id": "svc-1", "byday": "MO,TU", "opens_at": "09:00",
///                         "closes_at": "17:00"}],
///  "eligibilitys": [{"id": "eli-1", "service_id": "svc-1", "eligibility": "Families with children under 5",
///                    "minimum_age": 0, "maximum_age": 4}],
///  "contacts": [{"id": "con-1", "service_id": "svc-1", "name": "Bright Start duty line"}],
///  "phones": [{"id": "ph-1", "contact_id": "con-1", "number": "020 7527 0000"}]}
/// ```
public struct OpenReferralFeed: Decodable, Sendable {
    public var organizations: [Organization] = []
    public var services: [Service] = []
    public var locations: [Location] = []
    public var serviceAtLocations: [ServiceAtLocation] = []
    public var regularSchedules: [RegularSchedule] = []
    public var eligibilitys: [Eligibility] = []
    public var contacts: [Contact] = []
    public var phones: [Phone] = []
    public var taxonomys: [Taxonomy] = []
    public var serviceTaxonomys: [ServiceTaxonomy] = []

    enum CodingKeys: String, CodingKey {
        case organizations, services, locations, eligibilitys, contacts, phones, taxonomys
        case serviceAtLocations = "service_at_locations"
        case regularSchedules = "regular_schedules"
        case serviceTaxonomys = "service_taxonomys"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organizations = try container.decodeIfPresent([Organization].self, forKey: .organizations) ?? []
        services = try container.decodeIfPresent([Service].self, forKey: .services) ?? []
        locations = try container.decodeIfPresent([Location].self, forKey: .locations) ?? []
        serviceAtLocations =
            try container.decodeIfPresent([ServiceAtLocation].self, forKey: .serviceAtLocations) ?? []
        regularSchedules = try container.decodeIfPresent([RegularSchedule].self, forKey: .regularSchedules) ?? []
        eligibilitys = try container.decodeIfPresent([Eligibility].self, forKey: .eligibilitys) ?? []
        contacts = try container.decodeIfPresent([Contact].self, forKey: .contacts) ?? []
        phones = try container.decodeIfPresent([Phone].self, forKey: .phones) ?? []
        taxonomys = try container.decodeIfPresent([Taxonomy].self, forKey: .taxonomys) ?? []
        serviceTaxonomys = try container.decodeIfPresent([ServiceTaxonomy].self, forKey: .serviceTaxonomys) ?? []
    }

    /// A term of a taxonomy (a council's own service categories, or a national one such as the LGA's).
    public struct Taxonomy: Decodable, Sendable {
        public var id: String?
        public var name: String?
        public var vocabulary: String?
    }

    /// A service tagged with a taxonomy term.
    public struct ServiceTaxonomy: Decodable, Sendable {
        public var id: String?
        public var serviceID: String?
        public var taxonomyID: String?

        enum CodingKeys: String, CodingKey {
            case id
            case serviceID = "service_id"
            case taxonomyID = "taxonomy_id"
        }
    }

    /// An organisation that runs services.
    public struct Organization: Decodable, Sendable {
        public var id: String?
        public var name: String?
    }

    /// A service, what it does and when its details were last assured.
    public struct Service: Decodable, Sendable {
        public var id: String?
        public var organizationID: String?
        public var name: String?
        public var description: String?
        public var url: String?
        public var email: String?
        public var status: String?
        /// When the council last checked the entry with the service (the profile's `assured_date`).
        public var assuredDate: String?
        public var lastModified: String?

        enum CodingKeys: String, CodingKey {
            case id, name, description, url, email, status
            case organizationID = "organization_id"
            case assuredDate = "assured_date"
            case lastModified = "last_modified"
        }
    }

    /// A place services are delivered from.
    public struct Location: Decodable, Sendable {
        public var id: String?
        public var name: String?
        public var address1: String?
        public var city: String?
        public var postcode: String?

        enum CodingKeys: String, CodingKey {
            case id, name, city
            case address1 = "address_1"
            case postcode = "postal_code"
        }
    }

    /// A service delivered at a location.
    public struct ServiceAtLocation: Decodable, Sendable {
        public var id: String?
        public var serviceID: String?
        public var locationID: String?

        enum CodingKeys: String, CodingKey {
            case id
            case serviceID = "service_id"
            case locationID = "location_id"
        }
    }

    /// When a service opens, as RFC 5545 (iCalendar) recurrence parts and London times: `freq` `WEEKLY` (the
    /// default) with weekdays (`byday` "MO,TU"), or `MONTHLY` with monthly weekdays (`byday` "1MO", "-1FR") or
    /// days of the month (`bymonthday` "1,15", "-1").
    public struct RegularSchedule: Decodable, Sendable {
        public var id: String?
        public var serviceID: String?
        public var freq: String?
        /// Every how many weeks or months; only 1 (or none) is read.
        public var interval: String?
        public var byday: String?
        public var bymonthday: String?
        public var opensAt: String?
        public var closesAt: String?

        enum CodingKeys: String, CodingKey {
            case id, byday, freq, interval, bymonthday
            case serviceID = "service_id"
            case opensAt = "opens_at"
            case closesAt = "closes_at"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id)
            serviceID = try container.decodeIfPresent(String.self, forKey: .serviceID)
            freq = try container.decodeIfPresent(String.self, forKey: .freq)
            byday = try container.decodeIfPresent(String.self, forKey: .byday)
            opensAt = try container.decodeIfPresent(String.self, forKey: .opensAt)
            closesAt = try container.decodeIfPresent(String.self, forKey: .closesAt)
            // Feeds write these as a number or as text ("15", "1,15"): both are read as text.
            interval = try Self.numberOrText(container, .interval)
            bymonthday = try Self.numberOrText(container, .bymonthday)
        }

        private static func numberOrText(
            _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys
        ) throws -> String? {
            if let number = try? container.decodeIfPresent(Int.self, forKey: key) { return String(number) }
            return try container.decodeIfPresent(String.self, forKey: key)
        }
    }

    /// Who a service is for, in words and ages.
    public struct Eligibility: Decodable, Sendable {
        public var id: String?
        public var serviceID: String?
        public var eligibility: String?
        public var minimumAge: Int?
        public var maximumAge: Int?

        enum CodingKeys: String, CodingKey {
            case id, eligibility
            case serviceID = "service_id"
            case minimumAge = "minimum_age"
            case maximumAge = "maximum_age"
        }
    }

    /// A named way into a service.
    public struct Contact: Decodable, Sendable {
        public var id: String?
        public var serviceID: String?
        public var name: String?

        enum CodingKeys: String, CodingKey {
            case id, name
            case serviceID = "service_id"
        }
    }

    /// A phone number of a contact.
    public struct Phone: Decodable, Sendable {
        public var id: String?
        public var contactID: String?
        public var number: String?

        enum CodingKeys: String, CodingKey {
            case id, number
            case contactID = "contact_id"
        }
    }
}
