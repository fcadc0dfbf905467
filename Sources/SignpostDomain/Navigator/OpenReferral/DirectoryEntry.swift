import Foundation

/// One service taken from an Open Referral UK feed, as the store keeps it.
///
/// An entry either updates a service the pathways already send people to (the
/// council's mapping names that destination: ``destination``) or adds a
/// service to the directory for practitioners to find. Applying entries to a
/// directory is ``ServiceDirectory/merging(_:)``.
///
/// ```swift
/// let entry = DirectoryEntry(id: "csct", feedID: "svc-1", destination: true, name: "CSCT", …)
/// let directory = Pathways.islington.directory.merging([entry])
/// ```
public struct DirectoryEntry: Hashable, Codable, Sendable {
    /// The id in the navigator's directory: the mapped destination, or `oruk-` and the feed's id.
    public var id: ServiceID
    /// The service's id in the feed.
    public var feedID: String
    /// Whether the council mapped the service to a pathway destination.
    public var destination: Bool
    public var name: String
    public var organization: String
    public var description: String
    public var eligibility: String
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var location: String
    public var contact: String
    public var phones: [ServicePhone]
    public var email: String?
    public var url: String?
    /// Opening periods by weekday name (`monday` … `sunday`), each `HH:MM-HH:MM` in London time; empty when
    /// the feed gave no regular schedule.
    public var hours: [String: [String]]
    /// Openings on days that come round monthly (the feed's `MONTHLY` schedules); nil in entries imported before
    /// they were read, and when there are none.
    public var monthlyOpenings: [MonthlyOpening]?
    /// When the details were last checked: the feed's assured date, its last-modified date, or the import date.
    public var lastChecked: CalendarDate
    /// Where the entry came from ("Open Referral UK feed islington.json, imported 2026-11-26").
    public var source: String

    public init(
        id: ServiceID, feedID: String, destination: Bool, name: String, organization: String, description: String,
        eligibility: String, minimumAge: Int?, maximumAge: Int?, location: String, contact: String,
        phones: [ServicePhone], email: String?, url: String?, hours: [String: [String]],
        monthly: [MonthlyOpening] = [], lastChecked: CalendarDate, source: String
    ) {
        self.id = id
        self.feedID = feedID
        self.destination = destination
        self.name = name
        self.organization = organization
        self.description = description
        self.eligibility = eligibility
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.location = location
        self.contact = contact
        self.phones = phones
        self.email = email
        self.url = url
        self.hours = hours
        self.monthlyOpenings = monthly.isEmpty ? nil : monthly
        self.lastChecked = lastChecked
        self.source = source
    }

    /// The monthly openings (first Monday, last Friday) the feed gave.
    public var monthly: [MonthlyOpening] {
        get { monthlyOpenings ?? [] }
        set { monthlyOpenings = newValue.isEmpty ? nil : newValue }
    }

    /// The weekly and monthly hours the entry gives, or nil when the feed had no schedule for it.
    func weeklyHours(bankHolidays: Set<CalendarDate>) -> WeeklyHours? {
        guard !hours.isEmpty || !monthly.isEmpty else { return nil }
        var periods: [Int: [OpeningPeriod]] = [:]
        for (day, texts) in hours {
            guard let index = WeeklyHours.weekdayNames.firstIndex(of: day) else { continue }
            periods[index + 1, default: []].append(contentsOf: texts.compactMap(OpeningPeriod.init(parsing:)))
        }
        return WeeklyHours(periods: periods, monthly: monthly, bankHolidays: bankHolidays)
    }
}

extension ServiceDirectory {
    /// The directory with imported entries applied: a mapped entry updates its destination's details and
    /// date (keeping what the pathways decide: consent, out-of-hours cover, safeguarding, and the age limits
    /// when the feed gives none), any other is added.
    ///
    /// An added service asks for consent before referring, the safer default for a service the pathways
    /// never chose; one with no schedule in the feed keeps its old hours, or has none.
    ///
    /// ```swift
    /// let directory = Pathways.islington.directory.merging(try store.directoryEntries())
    /// ```
    public func merging(_ entries: [DirectoryEntry]) -> ServiceDirectory {
        var merged = self
        for entry in entries {
            let hours = entry.weeklyHours(bankHolidays: bankHolidays)
            if let index = merged.services.firstIndex(where: { $0.id == entry.id }) {
                var service = merged.services[index]
                service.name = entry.name
                service.organization = entry.organization
                service.description = entry.description
                service.eligibility = entry.eligibility
                // A feed that gives no ages leaves the pathways' own limits, which routing relies on.
                if let minimum = entry.minimumAge { service.minimumAge = minimum }
                if let maximum = entry.maximumAge { service.maximumAge = maximum }
                service.location = entry.location
                service.contact = entry.contact
                service.phones = entry.phones
                service.email = entry.email
                service.url = entry.url
                if let hours { service.schedule = .weekly(hours) }
                service.lastChecked = entry.lastChecked
                service.source = entry.source
                merged.services[index] = service
            } else {
                merged.services.append(
                    DirectoryService(
                        id: entry.id, name: entry.name, organization: entry.organization,
                        description: entry.description, eligibility: entry.eligibility,
                        minimumAge: entry.minimumAge, maximumAge: entry.maximumAge, location: entry.location,
                        contact: entry.contact, phones: entry.phones, email: entry.email, url: entry.url,
                        schedule: .weekly(hours ?? WeeklyHours(periods: [:], bankHolidays: bankHolidays)),
                        consentRequired: true, lastChecked: entry.lastChecked, source: entry.source))
            }
        }
        return merged
    }
}

extension Pathways {
    /// The pathways with imported directory entries applied (see ``ServiceDirectory/merging(_:)``).
    ///
    /// ```swift
    /// let pathways = Pathways.islington.merging(try store.directoryEntries())
    /// ```
    public func merging(_ entries: [DirectoryEntry]) -> Pathways {
        guard !entries.isEmpty else { return self }
        var merged = self
        merged.directory = directory.merging(entries)
        return merged
    }
}
