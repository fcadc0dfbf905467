import Foundation

/// A council's mapping from its Open Referral UK feed to the navigator's pathway destinations.
///
/// Written once per council, as a TOML file (see `docs/directory-mapping.md`):
/// a feed service can be named by its id (`[services]`), by the organisation
/// that runs it (`[organizations]`) or by a taxonomy term it is tagged with
/// (`[taxonomy]`). A service named by its id takes that rule; otherwise its
/// organisation's; otherwise its taxonomy terms'. Services no rule names are
/// added to the directory for practitioners to find but are never a
/// navigator outcome. Each rule keeps the line it was written on, so every
/// problem found with it names that line.
///
/// ```swift
/// let mapping = DirectoryMapping(services: ["svc-bright-start": "bright-start", "svc-csct": "csct"])
/// mapping.rules.first?.destination  // "bright-start"
/// ```
public struct DirectoryMapping: Hashable, Sendable {
    /// What a rule's key names in the feed; the raw value is the mapping file's table.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        /// A service's id (`services[].id`).
        case service = "services"
        /// An organisation's id (`organizations[].id`): every active service it runs.
        case organization = "organizations"
        /// A taxonomy term's id or name (`taxonomys[]`): every active service tagged with it.
        case taxonomy = "taxonomy"
    }

    /// One line of the mapping: a feed service, organisation or taxonomy term and the destination it maps to.
    public struct Rule: Hashable, Sendable {
        public var kind: Kind
        public var key: String
        public var destination: ServiceID
        /// The line of the mapping file it was written on; nil for a mapping not read from a file.
        public var line: Int?

        public init(kind: Kind, key: String, destination: ServiceID, line: Int? = nil) {
            self.kind = kind
            self.key = key
            self.destination = destination
            self.line = line
        }

        /// "mapping line 4" (or "mapping" with no line), the start of every problem with the rule.
        public var location: String { line.map { "mapping line \($0)" } ?? "mapping" }
    }

    /// The rules, in the order they were written.
    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    /// Only service ids, by the feed's id, in the order of the ids.
    public init(services: [String: ServiceID]) {
        rules = services.sorted { $0.key < $1.key }.map { Rule(kind: .service, key: $0.key, destination: $0.value) }
    }
}

/// Everything wrong with a feed, each problem with where it is; nothing is imported while there is one.
public struct DirectoryImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [String]
    /// What was refused: "feed", or "mapping file mapping.toml".
    public var subject: String

    public init(problems: [String], subject: String = "feed") {
        self.problems = problems
        self.subject = subject
    }

    public var description: String {
        "The \(subject) was refused (\(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing imported):\n"
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
        let taxonomys = ids(feed.taxonomys.map(\.id), table: "taxonomys")
        _ = ids(feed.serviceTaxonomys.map(\.id), table: "service_taxonomys")
        for (index, row) in feed.serviceTaxonomys.enumerated() {
            reference(row.serviceID, in: services, "service_taxonomys[\(index)]", field: "service_id")
            reference(row.taxonomyID, in: taxonomys, "service_taxonomys[\(index)]", field: "taxonomy_id")
        }

        for (index, row) in feed.serviceAtLocations.enumerated() {
            reference(row.serviceID, in: services, "service_at_locations[\(index)]", field: "service_id")
            reference(row.locationID, in: locations, "service_at_locations[\(index)]", field: "location_id")
        }
        var hours: [String: [String: [String]]] = [:]
        var monthly: [String: [MonthlyOpening]] = [:]
        for (index, row) in feed.regularSchedules.enumerated() {
            let location = "regular_schedules[\(index)]"
            reference(row.serviceID, in: services, location, field: "service_id")
            let opens = clock(row.opensAt, location, field: "opens_at")
            let closes = clock(row.closesAt, location, field: "closes_at")
            let (days, monthDays) = scheduleDays(row, location)
            if let opens, let closes {
                if opens >= closes {
                    problems.append(
                        "\(location): opens_at \(row.opensAt ?? "") is not before closes_at \(row.closesAt ?? "")")
                } else if let service = row.serviceID {
                    let period = OpeningPeriod(start: opens, end: closes)
                    for day in days { hours[service, default: [:]][day, default: []].append(period.description) }
                    for day in monthDays {
                        monthly[service, default: []].append(MonthlyOpening(day: day, period: period))
                    }
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
        let destinations = resolveMapping(services: services, organizations: organizations)

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
            let destination = destinations[id]
            if status != "active" {
                if let rule = mapping.rules.first(where: { $0.kind == .service && $0.key == id }) {
                    problems.append("\(location): mapped to \(rule.destination) but its status is \(status)")
                }
                continue
            }
            entries.append(
                entry(
                    service, id: id, destination: destination, lastChecked: assured ?? modified ?? today,
                    hours: hours[id] ?? [:], monthly: monthly[id] ?? []))
        }
        checkSafety(entries)
        return entries
    }

    private func entry(
        _ service: OpenReferralFeed.Service, id: String, destination: ServiceID?, lastChecked: CalendarDate,
        hours: [String: [String]], monthly: [MonthlyOpening]
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
            phones: phones, email: service.email, url: service.url, hours: hours, monthly: monthly,
            lastChecked: lastChecked, source: source)
    }

    /// The weekdays (every week) and the monthly days a schedule row opens on, reporting what cannot be read.
    ///
    /// `WEEKLY` (or no `freq`) takes plain weekdays; `MONTHLY` takes weekdays with an ordinal (`1MO`, `-1FR`;
    /// a plain `MO` is every Monday, as RFC 5545 has it) or days of the month in `bymonthday` (`1,15`, `-1`).
    private mutating func scheduleDays(
        _ row: OpenReferralFeed.RegularSchedule, _ location: String
    ) -> (weekly: [String], monthly: [MonthDay]) {
        func codes(_ text: String?) -> [String] {
            (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let interval = row.interval, interval.trimmingCharacters(in: .whitespaces) != "1" {
            problems.append(
                "\(location): interval '\(interval)' is not read (only schedules that repeat every week or every month)"
            )
        }
        let frequency = (row.freq ?? "WEEKLY").trimmingCharacters(in: .whitespaces).uppercased()
        var weekly: [String] = []
        var monthly: [MonthDay] = []
        switch frequency {
        case "WEEKLY":
            let days = codes(row.byday)
            if days.isEmpty { problems.append("\(location): byday is missing (weekdays such as MO,TU)") }
            if row.bymonthday != nil {
                problems.append("\(location): bymonthday is given on a WEEKLY schedule (use freq MONTHLY)")
            }
            for code in days {
                if let day = Self.weekdays[code.uppercased()] {
                    weekly.append(day)
                } else {
                    problems.append("\(location): byday '\(code)' is not a weekday (SU, MO, TU, WE, TH, FR, SA)")
                }
            }
        case "MONTHLY":
            let days = codes(row.byday)
            let monthDays = codes(row.bymonthday)
            if days.isEmpty && monthDays.isEmpty {
                problems.append(
                    "\(location): a MONTHLY schedule needs byday (such as 1MO, -1FR) or bymonthday (such as 15, -1)")
            } else if !days.isEmpty && !monthDays.isEmpty {
                problems.append("\(location): give byday or bymonthday on a MONTHLY schedule, not both")
            }
            for code in days {
                if let day = Self.weekdays[code.uppercased()] {
                    weekly.append(day)
                } else if let day = try? MonthDay(parsing: code), case .weekday = day {
                    monthly.append(day)
                } else {
                    problems.append(
                        "\(location): byday '\(code)' is not a monthly weekday (1MO the first Monday … -1FR the last Friday)"
                    )
                }
            }
            for code in monthDays {
                if let day = try? MonthDay(parsing: code), case .dayOfMonth = day {
                    monthly.append(day)
                } else {
                    problems.append(
                        "\(location): bymonthday '\(code)' is not a day of the month (1 to 31, or -1 the last)")
                }
            }
        default:
            problems.append("\(location): freq '\(row.freq ?? "")' is not read (WEEKLY or MONTHLY)")
        }
        return (weekly, monthly)
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

    /// The destination of each active feed service a mapping rule names, reporting every rule that names nothing
    /// in the feed or no destination, a service whose taxonomy terms point two ways, and a destination more than
    /// one service would take.
    ///
    /// A service's own rule (`[services]`) comes first, then its organisation's, then its taxonomy terms'.
    private mutating func resolveMapping(services: Set<String>, organizations: Set<String>) -> [String: ServiceID] {
        let taxonomyIDs = Set(feed.taxonomys.compactMap(\.id))
        let taxonomyNames = Set(feed.taxonomys.compactMap(\.name))
        for rule in mapping.rules {
            let known: Bool
            switch rule.kind {
            case .service: known = services.contains(rule.key)
            case .organization: known = organizations.contains(rule.key)
            case .taxonomy: known = taxonomyIDs.contains(rule.key) || taxonomyNames.contains(rule.key)
            }
            if !known {
                let what: String
                switch rule.kind {
                case .service: what = "names no service in the feed"
                case .organization: what = "names no organisation in the feed"
                case .taxonomy: what = "names no taxonomy term in the feed (by its id or its name)"
                }
                problems.append("\(rule.location): [\(rule.kind.rawValue)] '\(rule.key)' \(what)")
            }
            if pathways.directory[rule.destination] == nil {
                problems.append(
                    "\(rule.location): '\(rule.key)' maps to '\(rule.destination)', which is not a pathway destination")
            }
        }
        let active = feed.services.filter { ($0.status ?? "active") == "active" }
        var resolved: [String: (destination: ServiceID, rule: DirectoryMapping.Rule)] = [:]
        var matched = Set<DirectoryMapping.Rule>()
        for service in active {
            guard let id = service.id else { continue }
            if let rule = mapping.rules.first(where: { $0.kind == .service && $0.key == id }) {
                resolved[id] = (rule.destination, rule)
            } else if let organization = service.organizationID,
                let rule = mapping.rules.first(where: { $0.kind == .organization && $0.key == organization })
            {
                resolved[id] = (rule.destination, rule)
            } else {
                let terms = Set(
                    feed.serviceTaxonomys.filter { $0.serviceID == id }.compactMap(\.taxonomyID).flatMap { term in
                        [term] + feed.taxonomys.filter { $0.id == term }.compactMap(\.name)
                    })
                let rules = mapping.rules.filter { $0.kind == .taxonomy && terms.contains($0.key) }
                guard let first = rules.first else { continue }
                if Set(rules.map(\.destination)).count > 1 {
                    problems.append(
                        "services '\(id)': its taxonomy terms map to different destinations ("
                            + rules.map { "'\($0.key)' to '\($0.destination)' (\($0.location))" }.joined(
                                separator: ", ")
                            + "); name the service under [services]")
                    matched.formUnion(rules)
                    continue
                }
                resolved[id] = (first.destination, first)
            }
        }
        matched.formUnion(resolved.values.map(\.rule))
        for rule in mapping.rules where rule.kind != .service && !matched.contains(rule) {
            let known =
                rule.kind == .organization
                ? organizations.contains(rule.key)
                : taxonomyIDs.contains(rule.key) || taxonomyNames.contains(rule.key)
            if known {
                problems.append(
                    "\(rule.location): [\(rule.kind.rawValue)] '\(rule.key)' gives no active service to '\(rule.destination)'"
                )
            }
        }
        let byDestination = Dictionary(grouping: resolved, by: \.value.destination)
        for (destination, services) in byDestination.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where services.count > 1 {
            let named = services.sorted { $0.key < $1.key }.map { id, match in
                "'\(id)' (\(match.rule.location)\(match.rule.kind == .service ? "" : ", [\(match.rule.kind.rawValue)] '\(match.rule.key)'"))"
            }
            problems.append(
                "mapping: \(named.joined(separator: " and ")) would all be '\(destination)'; a destination takes one service: name it under [services]"
            )
        }
        return resolved.mapValues(\.destination)
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
