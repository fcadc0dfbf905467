import Foundation

/// A day that comes round once a month: the first Monday, the last Friday, the 15th, the last day.
///
/// Written as RFC 5545 (iCalendar) writes a monthly rule's days, which is
/// what Open Referral UK's `regular_schedule` uses with `freq` `MONTHLY`:
/// `1MO` the first Monday, `-1FR` the last Friday, `15` the 15th, `-1` the
/// last day of the month.
///
/// ```swift
/// let lastFriday = try MonthDay(parsing: "-1FR")
/// lastFriday.matches(try CalendarDate(iso: "2026-11-27"))  // true: the last Friday of November 2026
/// ```
public enum MonthDay: Hashable, Sendable, CustomStringConvertible {
    /// The `ordinal`th `weekday` of the month (1 = Sunday … 7 = Saturday); a negative ordinal counts from the
    /// end (-1 is the last).
    case weekday(ordinal: Int, weekday: Int)
    /// The `day`th day of the month; negative counts from the end (-1 is the last day).
    case dayOfMonth(Int)

    /// The iCalendar weekday codes, indexed so that `codes[0]` is Sunday (weekday 1).
    static let weekdayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]

    /// Reads `1MO`, `-1FR`, `+2TU` (a weekday with its ordinal, 1 to 5 either way) or `15`, `-1` (a day of
    /// the month, 1 to 31 either way).
    public init(parsing text: String) throws(MonthDayError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        if let number = Int(trimmed) {
            guard (1...31).contains(abs(number)) else { throw MonthDayError(text: text) }
            self = .dayOfMonth(number)
            return
        }
        let code = String(trimmed.suffix(2))
        let ordinalText = String(trimmed.dropLast(2))
        guard let index = Self.weekdayCodes.firstIndex(of: code), let ordinal = Int(ordinalText),
            (1...5).contains(abs(ordinal))
        else { throw MonthDayError(text: text) }
        self = .weekday(ordinal: ordinal, weekday: index + 1)
    }

    /// Whether `date` is this day of its month.
    public func matches(_ date: CalendarDate) -> Bool {
        let length = CalendarDate.daysIn(month: date.month, year: date.year)
        switch self {
        case .dayOfMonth(let day):
            return day > 0 ? date.day == day : date.day == length + day + 1
        case .weekday(let ordinal, let weekday):
            guard date.weekday == weekday else { return false }
            // The 1st to 7th are the first of their weekday in the month; the last 7 days the last.
            return ordinal > 0 ? (date.day - 1) / 7 + 1 == ordinal : (length - date.day) / 7 + 1 == -ordinal
        }
    }

    /// The rule as the feed writes it: `1MO`, `-1FR`, `15`, `-1`.
    public var description: String {
        switch self {
        case .dayOfMonth(let day): return String(day)
        case .weekday(let ordinal, let weekday): return "\(ordinal)\(Self.weekdayCodes[weekday - 1])"
        }
    }

    /// In words: "first Monday", "last Friday", "2nd-last Tuesday", "day 15", "last day".
    public var words: String {
        let ordinals = ["first", "second", "third", "fourth", "fifth"]
        switch self {
        case .dayOfMonth(-1): return "last day"
        case .dayOfMonth(let day) where day < 0: return "day \(-day) from the end"
        case .dayOfMonth(let day): return "day \(day)"
        case .weekday(let ordinal, let weekday):
            let name = WeeklyHours.weekdayNames[weekday - 1].capitalized
            if ordinal == -1 { return "last \(name)" }
            if ordinal < 0 { return "\(ordinals[-ordinal - 1])-last \(name)" }
            return "\(ordinals[ordinal - 1]) \(name)"
        }
    }
}

/// A monthly day a feed gave that is not one (`6MO`, `0`, `32`, `1XX`).
public struct MonthDayError: Error, Hashable, Sendable {
    public var text: String
}

/// An opening on a day that comes round monthly: "first Monday of the month, 10:00-12:00".
///
/// Stored with an imported directory entry as `{"day": "1MO", "hours": "10:00-12:00"}`.
///
/// ```swift
/// let surgery = MonthlyOpening(day: try MonthDay(parsing: "1MO"), period: OpeningPeriod(start: 600, end: 720))
/// surgery.description  // "first Monday of the month 10:00-12:00"
/// ```
public struct MonthlyOpening: Hashable, Sendable, Codable, CustomStringConvertible {
    public var day: MonthDay
    public var period: OpeningPeriod

    public init(day: MonthDay, period: OpeningPeriod) {
        self.day = day
        self.period = period
    }

    enum CodingKeys: String, CodingKey { case day, hours }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let dayText = try container.decode(String.self, forKey: .day)
        let hoursText = try container.decode(String.self, forKey: .hours)
        do {
            day = try MonthDay(parsing: dayText)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .day, in: container, debugDescription: "'\(dayText)' is not a monthly day (1MO, -1FR, 15)")
        }
        guard let period = OpeningPeriod(parsing: hoursText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .hours, in: container, debugDescription: "'\(hoursText)' is not HH:MM-HH:MM")
        }
        self.period = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(day.description, forKey: .day)
        try container.encode(period.description, forKey: .hours)
    }

    /// "first Monday of the month 10:00-12:00".
    public var description: String { "\(day.words) of the month \(period)" }
}
