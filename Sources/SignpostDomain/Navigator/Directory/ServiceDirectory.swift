import Foundation

/// The services the navigator can send people to, shaped after Open Referral UK (HSDS).
///
/// A directory comes with its pathways file: every destination in the
/// pathways names a service here, so the contact details shown to a
/// practitioner are kept in one place and checked on one date.
public struct ServiceDirectory: Hashable, Sendable {
    /// The services, in the order the file lists them.
    public var services: [DirectoryService]
    /// Days on which office-hours services are closed (England and Wales bank holidays).
    public var bankHolidays: Set<CalendarDate>

    public init(services: [DirectoryService], bankHolidays: Set<CalendarDate> = []) {
        self.services = services
        self.bankHolidays = bankHolidays
    }

    /// The service with this id, if the directory has one.
    public subscript(id: ServiceID) -> DirectoryService? { services.first { $0.id == id } }
}

/// One service in the directory, with who it is for and how to reach it.
public struct DirectoryService: Identifiable, Hashable, Sendable {
    public var id: ServiceID
    public var name: String
    /// The organisation that runs the service (HSDS `organization`).
    public var organization: String
    public var description: String
    /// Who the service is for, in words (HSDS `eligibility_description`).
    public var eligibility: String
    /// The youngest age served, in years; nil when there is no lower limit (unborn babies included).
    public var minimumAge: Int?
    /// The oldest age served, in years; nil when there is no upper limit.
    public var maximumAge: Int?
    /// Where the service is, in words.
    public var location: String
    /// The team or person to ask for.
    public var contact: String
    public var phones: [ServicePhone]
    public var email: String?
    public var url: String?
    public var schedule: ServiceSchedule
    /// The service to use while this one is closed (the Emergency Duty Team for office-hours social care).
    public var outOfHours: ServiceID?
    /// Whether a professional needs the family's agreement before referring.
    public var consentRequired: Bool
    /// When these details were last checked against the service's own information.
    public var lastChecked: CalendarDate
    /// Where the details come from (a document in the seeds, or a public source), in words.
    public var source: String
    /// Drop-in sessions (surgeries, groups), apart from the office hours in ``schedule``.
    public var sessions: [DropInSession]
    /// Serves expectant parents whatever their own age (Bright Start and midwifery work from conception).
    public var servesExpectantParents: Bool
    /// The safeguarding the service takes: children's (CSCT, the out-of-hours team) or adults' (adult social care).
    public var safeguarding: Set<SafeguardingScope>

    public init(
        id: ServiceID, name: String, organization: String, description: String = "", eligibility: String = "",
        minimumAge: Int? = nil, maximumAge: Int? = nil, location: String = "", contact: String = "",
        phones: [ServicePhone] = [], email: String? = nil, url: String? = nil, schedule: ServiceSchedule,
        outOfHours: ServiceID? = nil, consentRequired: Bool, lastChecked: CalendarDate, source: String = "",
        sessions: [DropInSession] = [], servesExpectantParents: Bool = false, safeguarding: Set<SafeguardingScope> = []
    ) {
        self.source = source
        self.sessions = sessions
        self.servesExpectantParents = servesExpectantParents
        self.safeguarding = safeguarding
        self.id = id
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
        self.schedule = schedule
        self.outOfHours = outOfHours
        self.consentRequired = consentRequired
        self.lastChecked = lastChecked
    }

    /// Whether there is any way to reach the service: a phone number, an e-mail address or a web address.
    public var hasContactRoute: Bool { !phones.isEmpty || email != nil || url != nil }

    /// Whether the service's age range takes `person` on `today` (an unborn baby is under any minimum's reach
    /// only when there is no minimum; an expectant parent is taken by a service for expectant parents).
    public func serves(_ person: SituationPerson, today: CalendarDate) -> Bool {
        if person.pregnant && servesExpectantParents { return true }
        if person.unborn { return minimumAge == nil }
        guard let age = person.age(on: today) else { return true }
        if let minimumAge, age < minimumAge { return false }
        if let maximumAge, age > maximumAge { return false }
        return true
    }

    /// The age range in words: "ages 5–25", "from 18", "up to 17", "all ages".
    public var ageRange: String {
        switch (minimumAge, maximumAge) {
        case let (minimum?, maximum?): return "ages \(minimum)–\(maximum)"
        case let (minimum?, nil): return "from \(minimum)"
        case let (nil, maximum?): return "up to \(maximum)"
        case (nil, nil): return "all ages"
        }
    }
}

/// Whose safeguarding a service takes.
public enum SafeguardingScope: String, CaseIterable, Codable, Sendable {
    /// Children under 18 and unborn babies: the children's front door, the out-of-hours team.
    case children
    /// Adults from 18 (Care Act 2014 s42): adult social care, the out-of-hours team.
    case adults
}

/// A drop-in session a service runs, apart from its office hours ("Family support surgeries").
public struct DropInSession: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var hours: WeeklyHours

    public init(name: String, hours: WeeklyHours) {
        self.name = name
        self.hours = hours
    }

    /// "Family support surgeries: Mon, Wed, Fri 09:00-12:00".
    public var description: String {
        var byPeriods: [[OpeningPeriod]: [Int]] = [:]
        for (day, periods) in hours.periods {
            byPeriods[periods.sorted { $0.start < $1.start }, default: []].append(day)
        }
        let parts = byPeriods.sorted { ($0.value.min() ?? 0) < ($1.value.min() ?? 0) }.map { periods, days in
            let names = days.sorted().map { WeeklyHours.weekdayNames[$0 - 1].prefix(3).capitalized }
            return "\(names.joined(separator: ", ")) \(periods.map(\.description).joined(separator: ", "))"
        }
        return "\(name): \(parts.joined(separator: "; "))"
    }
}

/// A phone number and what it is for.
public struct ServicePhone: Hashable, Codable, Sendable {
    public var number: String
    /// What the line is for ("Family Information Service: which area am I in"); empty for the main line.
    public var label: String

    public init(number: String, label: String = "") {
        self.number = number
        self.label = label
    }
}

/// When a service answers, in Europe/London local time.
public enum ServiceSchedule: Hashable, Sendable {
    /// Always open (999, an online directory).
    case alwaysOpen
    /// Open in the given periods of each weekday; bank holidays either closed all day or open all day.
    case weekly(WeeklyHours)
}

/// Opening periods for each day of the week, openings on days that come round monthly, and what happens on
/// bank holidays.
public struct WeeklyHours: Hashable, Sendable {
    /// Periods by weekday, 1 = Sunday … 7 = Saturday (as Foundation's `Calendar` numbers them).
    public var periods: [Int: [OpeningPeriod]]
    /// Openings on monthly days (the first Monday, the last Friday), besides the weekly periods.
    public var monthly: [MonthlyOpening]
    /// Open all day on bank holidays (out-of-hours teams) rather than closed (office-hours teams).
    public var openAllDayOnBankHolidays: Bool
    /// The bank holidays this schedule knows about (the directory's list, copied in when loaded).
    public var bankHolidays: Set<CalendarDate>

    public init(
        periods: [Int: [OpeningPeriod]], monthly: [MonthlyOpening] = [], openAllDayOnBankHolidays: Bool = false,
        bankHolidays: Set<CalendarDate> = []
    ) {
        self.periods = periods
        self.monthly = monthly
        self.openAllDayOnBankHolidays = openAllDayOnBankHolidays
        self.bankHolidays = bankHolidays
    }

    /// Whether the hours say nothing: no weekly period and no monthly opening.
    public var isEmpty: Bool { periods.values.allSatisfy(\.isEmpty) && monthly.isEmpty }

    /// The periods open on `day` (not counting bank holidays): its weekday's and any monthly opening's.
    func periods(on day: CalendarDate) -> [OpeningPeriod] {
        let weekly = periods[day.weekday] ?? []
        guard !monthly.isEmpty else { return weekly }
        return weekly + monthly.filter { $0.day.matches(day) }.map(\.period)
    }

    /// The weekday names used in pathways files, indexed so that `weekdayNames[0]` is Sunday (weekday 1).
    public static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
}

/// One opening period within a day, in minutes after local midnight (`end` may be 1440, midnight).
public struct OpeningPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Reads `09:00-17:00`; `24:00` is allowed as an end.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = OpeningPeriod.minutes(parts[0]), let end = OpeningPeriod.minutes(parts[1]),
            start < end
        else { return nil }
        self.init(start: start, end: end)
    }

    public var description: String { "\(OpeningPeriod.clock(start))-\(OpeningPeriod.clock(end))" }

    public static func < (lhs: OpeningPeriod, rhs: OpeningPeriod) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    /// `HH:MM` for minutes after midnight.
    static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]),
            let minutes = Int(parts[1]), (0...24).contains(hours), (0..<60).contains(minutes),
            hours * 60 + minutes <= 1440
        else { return nil }
        return hours * 60 + minutes
    }
}

extension ServiceID {
    /// The service's name in the built-in directory ("Bright Start" for `bright-start`), or the id when it has none.
    ///
    /// For summaries written where no pathways are at hand (audit trails): people read names, not ids.
    ///
    /// ```swift
    /// ServiceID("emergency-duty-team").displayName  // "Emergency Duty Team"
    /// ```
    public var displayName: String { Pathways.islington.directory[self]?.name ?? rawValue }
}
