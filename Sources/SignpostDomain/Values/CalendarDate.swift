import Foundation

/// A day in the calendar, with no time of day and no time zone.
///
/// Dates of birth, expected dates of delivery and review dates are calendar
/// dates: a child born on 14 March is born on 14 March wherever the machine's
/// clock is set, so these values never pass through `Date` and cannot drift.
///
/// ```swift
/// let birthday = try CalendarDate(year: 2019, month: 2, day: 28)
/// birthday.age(on: try CalendarDate(iso: "2026-11-23"))  // 7
/// ```
public struct CalendarDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, refusing days that do not exist (31 April, 29 February 2023).
    ///
    /// - Throws: ``CalendarDateError/invalid(_:)`` naming the impossible date.
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else {
            throw CalendarDateError.invalid(String(format: "%04d-%02d-%02d", year, month, day))
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (ISO 8601) or `DD/MM/YYYY` (the form used in England, and in Ofsted's Annex A).
    ///
    /// - Throws: ``CalendarDateError`` saying what was wrong with the text.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts: [Substring]
        let order: (year: Int, month: Int, day: Int)
        if trimmed.contains("-") {
            parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            order = (0, 1, 2)
        } else if trimmed.contains("/") {
            parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            order = (2, 1, 0)
        } else {
            throw CalendarDateError.unreadable(text)
        }
        guard parts.count == 3, parts[order.year].count == 4,
            let year = Int(parts[order.year]), let month = Int(parts[order.month]), let day = Int(parts[order.day]),
            parts.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy({ ("0"..."9").contains($0) }) })
        else {
            throw CalendarDateError.unreadable(text)
        }
        try self.init(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`; the same as ``init(parsing:)`` but named for the stored form.
    public init(iso text: String) throws { try self.init(parsing: text) }

    /// The date in the given calendar's time zone at the given instant (for "today").
    public init(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        // Components of a real instant always form a valid date.
        self.year = parts.year!
        self.month = parts.month!
        self.day = parts.day!
    }

    /// `YYYY-MM-DD`.
    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// `DD/MM/YYYY`, as practitioners in England write dates.
    public var british: String { String(format: "%02d/%02d/%04d", day, month, year) }

    /// Short human form such as `12 Mar 2024`.
    public var short: String {
        "\(day) \(CalendarDate.monthAbbreviations[month - 1]) \(year)"
    }

    /// Whole years completed between this date (a birthday) and `date`.
    ///
    /// Someone born on 29 February has their birthday on 1 March in other years,
    /// the usual rule in English law for reaching an age.
    public func age(on date: CalendarDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return max(years, 0)
    }

    /// Days from this date to `other` (negative when `other` is earlier).
    public func days(to other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// This date moved by a number of days.
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// This date moved by whole months, clamped to the end of shorter months.
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12
        let newMonth = index % 12 + 1
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        return CalendarDate(unchecked: newYear, newMonth, newDay)
    }

    /// This date moved by whole years (29 February becomes 28 February in other years).
    public func adding(years: Int) -> CalendarDate { adding(months: years * 12) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    private static let monthAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since a fixed epoch (civil-from-days algorithm, proleptic Gregorian).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension CalendarDate: CustomStringConvertible {
    public var description: String { iso }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(iso: text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "\(error)")
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// Why text could not be read as a calendar date.
public enum CalendarDateError: Error, Equatable, CustomStringConvertible {
    /// The text is not in `YYYY-MM-DD` or `DD/MM/YYYY` form.
    case unreadable(String)
    /// The parts are numbers but the day does not exist.
    case invalid(String)

    public var description: String {
        switch self {
        case .unreadable(let text):
            return "“\(text)” is not a date: write it as DD/MM/YYYY or YYYY-MM-DD"
        case .invalid(let text):
            return "\(text) is not a day in the calendar"
        }
    }
}
