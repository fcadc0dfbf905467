import Foundation

/// A council's mapping from the services in its Open Referral UK feed to the navigator's pathway destinations.
///
/// Written once per council; services it does not name are added to the
/// directory for practitioners to find but are never a navigator outcome.
///
/// ```json
/// {"services": {"svc-bright-start": "bright-start", "svc-csct": "csct"}}
/// ```
public struct DirectoryMapping: Hashable, Sendable, Decodable {
    /// Destination service ids by the feed's service id.
    public var services: [String: ServiceID]

    public init(services: [String: ServiceID]) { self.services = services }
}

/// Everything wrong with a feed, each problem with where it is; nothing is imported while there is one.
public struct DirectoryImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [String]

    public init(problems: [String]) { self.problems = problems }

    public var description: String {
        "The feed was refused (\(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing imported):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Reads an Open Referral UK feed into directory entries, checking it whole first.
///
/// Every problem is collected (a missing or repeated id, a reference to a row
/// that is not there, a time that is not `HH:MM`, an unknown weekday, a bad
/// date, an age range the wrong way round, a mapping naming a service or
/// destination that does not exist, a change that would leave a
/// safeguarding concern with nowhere to go) and the feed is refused with the
/// whole list, so a council fixes its feed once.
///
/// ```swift
/// let entries = try OpenReferralImport.entries(
///     feed: data, mapping: mapping, pathways: .islington, importedOn: today, source: "islington.json")
/// ```
public enum OpenReferralImport {
    /// The feed's active services as entries, or every problem found.
    public static func entries(
        feed data: Data, mapping: DirectoryMapping, pathways: Pathways, importedOn today: CalendarDate,
        source: String
    ) throws(DirectoryImportError) -> [DirectoryEntry] {
        let feed: OpenReferralFeed
        do {
            feed = try JSONDecoder().decode(OpenReferralFeed.self, from: data)
        } catch let error as DecodingError {
            let problem = SituationProblem(error)
            throw DirectoryImportError(problems: ["\(problem.field): \(problem.message)"])
        } catch {
            throw DirectoryImportError(problems: ["the feed is not JSON: \(error)"])
        }
        var reader = FeedReader(
            feed: feed, mapping: mapping, pathways: pathways, today: today,
            source: "Open Referral UK feed \(source), imported \(today.iso)")
        let entries = reader.read()
        guard reader.problems.isEmpty else { throw DirectoryImportError(problems: reader.problems) }
        return entries
    }
}

/// Checks a decoded feed table by table and builds the entries; problems accumulate rather than stop it.
struct FeedReader {
    let feed: OpenReferralFeed
    let mapping: DirectoryMapping
    let pathways: Pathways
    let today: CalendarDate
    let source: String
    var problems: [String] = []

    static let weekdays = [
        "SU": "sunday", "MO": "monday", "TU": "tuesday", "WE": "wednesday", "TH": "thursday",
        "FR": "friday", "SA": "saturday",
    ]

    init(feed: OpenReferralFeed, mapping: DirectoryMapping, pathways: Pathways, today: CalendarDate, source: String) {
        self.feed = feed
        self.mapping = mapping
        self.pathways = pathways
        self.today = today
        self.source = source
    }

    mutating func read() -> [DirectoryEntry] {
        if feed.services.isEmpty { problems.append("services: the feed lists no services") }
        let organizations = ids(feed.organizations.map(\.id), table: "organizations")
        let services = ids(feed.services.map(\.id), table: "services")
        let locations = ids(feed.locations.map(\.id), table: "locations")
        _ = ids(feed.serviceAtLocations.map(\.id), table: "service_at_locations")
        _ = ids(feed.regularSchedules.map(\.id), table: "regular_schedules")
        _ = ids(feed.eligibilitys.map(\.id), table: "eligibilitys")
        let contacts = ids(feed.contacts.map(\.id), table: "contacts")
        _ = ids(feed.phones.map(\.id), table: "phones")

        for (index, row) in feed.serviceAtLocations.enumerated() {
            reference(row.serviceID, in: services, "service_at_locations[\(index)]", field: "service_id")
            reference(row.locationID, in: locations, "service_at_locations[\(index)]", field: "location_id")
        }
        var hours: [String: [String: [String]]] = [:]
        for (index, row) in feed.regularSchedules.enumerated() {
            let location = "regular_schedules[\(index)]"
            reference(row.serviceID, in: services, location, field: "service_id")
            let opens = clock(row.opensAt, location, field: "opens_at")
            let closes = clock(row.closesAt, location, field: "closes_at")
            var days: [String] = []
            let codes = (row.byday ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if codes.isEmpty { problems.append("\(location): byday is missing (weekdays such as MO,TU)") }
            for code in codes {
                if let day = Self.weekdays[code.uppercased()] {
                    days.append(day)
                } else {
                    problems.append("\(location): byday '\(code)' is not a weekday (SU, MO, TU, WE, TH, FR, SA)")
                }
            }
            if let opens, let closes {
                if opens >= closes {
                    problems.append(
                        "\(location): opens_at \(row.opensAt ?? "") is not before closes_at \(row.closesAt ?? "")")
                } else if let service = row.serviceID {
                    let period = OpeningPeriod(start: opens, end: closes).description
                    for day in days { hours[service, default: [:]][day, default: []].append(period) }
                }
            }
        }
        for (index, row) in feed.eligibilitys.enumerated() {
            let location = "eligibilitys[\(index)]"
            reference(row.serviceID, in: services, location, field: "service_id")
            if let minimum = row.minimumAge, minimum < 0 { problems.append("\(location): minimum_age is negative") }
            if let maximum = row.maximumAge, maximum < 0 { problems.append("\(location): maximum_age is negative") }
            if let minimum = row.minimumAge, let maximum = row.maximumAge, minimum > maximum {
                problems.append("\(location): minimum_age \(minimum) is above maximum_age \(maximum)")
            }
        }
        for (index, row) in feed.contacts.enumerated() {
            reference(row.serviceID, in: services, "contacts[\(index)]", field: "service_id")
        }
        for (index, row) in feed.phones.enumerated() {
            reference(row.contactID, in: contacts, "phones[\(index)]", field: "contact_id")
            if (row.number ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append("phones[\(index)]: number is missing")
            }
        }
        checkMapping(services: services)

        var entries: [DirectoryEntry] = []
        for (index, service) in feed.services.enumerated() {
            let location = "services[\(index)]"
            reference(service.organizationID, in: organizations, location, field: "organization_id")
            if (service.name ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append("\(location): name is missing")
            }
            if let url = service.url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                problems.append("\(location): url '\(url)' is not a web address (http:// or https://)")
            }
            let assured = date(service.assuredDate, location, field: "assured_date")
            let modified = date(service.lastModified, location, field: "last_modified")
            guard let id = service.id else { continue }
            let status = service.status ?? "active"
            let destination = mapping.services[id]
            if status != "active" {
                if let destination {
                    problems.append("\(location): mapped to \(destination) but its status is \(status)")
                }
                continue
            }
            entries.append(
                entry(
                    service, id: id, destination: destination, lastChecked: assured ?? modified ?? today,
                    hours: hours[id] ?? [:]))
        }
        checkSafety(entries)
        return entries
    }

    private func entry(
        _ service: OpenReferralFeed.Service, id: String, destination: ServiceID?, lastChecked: CalendarDate,
        hours: [String: [String]]
    ) -> DirectoryEntry {
        let organization = feed.organizations.first { $0.id != nil && $0.id == service.organizationID }
        let eligibilities = feed.eligibilitys.filter { $0.serviceID == id }
        let places = feed.serviceAtLocations.filter { $0.serviceID == id }.compactMap { link in
            feed.locations.first { $0.id != nil && $0.id == link.locationID }
        }
        let contacts = feed.contacts.filter { $0.serviceID == id }
        let phones = contacts.flatMap { contact in
            feed.phones.filter { $0.contactID != nil && $0.contactID == contact.id }.map {
                ServicePhone(number: $0.number ?? "", label: contacts.count > 1 ? contact.name ?? "" : "")
            }
        }
        let address = places.map { place in
            [place.name, place.address1, place.city, place.postcode].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: ", ")
        }
        return DirectoryEntry(
            id: destination ?? ServiceID("oruk-\(id)"), feedID: id, destination: destination != nil,
            name: service.name ?? "", organization: organization?.name ?? "",
            description: service.description ?? "",
            eligibility: eligibilities.compactMap(\.eligibility).joined(separator: " "),
            minimumAge: eligibilities.compactMap(\.minimumAge).min(),
            maximumAge: eligibilities.compactMap(\.maximumAge).max(),
            location: address.joined(separator: "; "), contact: contacts.compactMap(\.name).joined(separator: ", "),
            phones: phones, email: service.email, url: service.url, hours: hours, lastChecked: lastChecked,
            source: source)
    }

    /// The ids of one table, reporting missing and repeated ones.
    private mutating func ids(_ values: [String?], table: String) -> Set<String> {
        var seen: [String: Int] = [:]
        for (index, value) in values.enumerated() {
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                problems.append("\(table)[\(index)]: id is missing")
                continue
            }
            if let first = seen[value] {
                problems.append("\(table)[\(index)]: id '\(value)' is used twice (also \(table)[\(first)])")
            } else {
                seen[value] = index
            }
        }
        return Set(seen.keys)
    }

    private mutating func reference(_ value: String?, in known: Set<String>, _ location: String, field: String) {
        guard let value else {
            problems.append("\(location): \(field) is missing")
            return
        }
        if !known.contains(value) { problems.append("\(location): \(field) '\(value)' names no row in the feed") }
    }

    /// Minutes after midnight for `HH:MM` or `HH:MM:SS` (seconds must be 00).
    private mutating func clock(_ text: String?, _ location: String, field: String) -> Int? {
        guard let text else {
            problems.append("\(location): \(field) is missing")
            return nil
        }
        var trimmed = text
        if trimmed.count == 8, trimmed.hasSuffix(":00") { trimmed = String(trimmed.dropLast(3)) }
        guard let minutes = OpeningPeriod.minutes(trimmed) else {
            problems.append("\(location): \(field) '\(text)' is not a time (HH:MM)")
            return nil
        }
        return minutes
    }

    /// A date from `YYYY-MM-DD` or the date part of an ISO 8601 timestamp; nil when absent or bad (reported).
    private mutating func date(_ text: String?, _ location: String, field: String) -> CalendarDate? {
        guard let text else { return nil }
        let day = text.count > 10 && text.dropFirst(10).first == "T" ? String(text.prefix(10)) : text
        // The profile's dates are ISO 8601 only: a British 01/03/2026 is refused rather than guessed at.
        let isISO =
            day.count == 10
            && day.enumerated().allSatisfy { index, character in
                index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
            }
        do {
            guard isISO else { throw DirectoryImportError(problems: []) }
            return try CalendarDate(iso: day)
        } catch {
            problems.append("\(location): \(field) '\(text)' is not a date (YYYY-MM-DD)")
            return nil
        }
    }

    private mutating func checkMapping(services: Set<String>) {
        var destinations: [ServiceID: String] = [:]
        for (feedID, destination) in mapping.services.sorted(by: { $0.key < $1.key }) {
            if !services.contains(feedID) {
                problems.append("mapping: service '\(feedID)' is not in the feed")
            }
            if pathways.directory[destination] == nil {
                problems.append("mapping: '\(feedID)' maps to '\(destination)', which is not a pathway destination")
            }
            if let other = destinations[destination] {
                problems.append("mapping: '\(other)' and '\(feedID)' both map to '\(destination)'")
            } else {
                destinations[destination] = feedID
            }
        }
    }

    /// Refuses entries that would leave a safeguarding concern with nowhere to go (an age range narrowed).
    private mutating func checkSafety(_ entries: [DirectoryEntry]) {
        guard problems.isEmpty else { return }
        let merged = pathways.merging(entries)
        for entry in entries {
            guard let service = merged.directory[entry.id], let minimum = service.minimumAge,
                let maximum = service.maximumAge, minimum > maximum
            else { continue }
            problems.append(
                "services '\(entry.feedID)': minimum_age \(minimum) is above \(entry.id)'s maximum age \(maximum)")
        }
        for problem in PathwaysSafety.problems(in: merged) {
            problems.append("after the import, \(problem.location): \(problem.message)")
        }
    }
}
