import Foundation

/// Whether a service answers at an instant, and what to do when it does not.
public enum ServiceAvailability: Hashable, Sendable {
    /// Open now; `until` is when it next closes (nil when it never does).
    case open(until: Date?)
    /// Closed now; `opensAt` is when it next opens (nil if not within a fortnight, or two months for a service
    /// with monthly openings), and `alternative`
    /// is the service to use in the meantime.
    case closed(opensAt: Date?, alternative: ServiceID?)

    public var isOpen: Bool {
        if case .open = self { return true }
        return false
    }

    /// "Open until 17:00", "Open at all times" or "Closed: opens Mon 24/11/2026 09:00", in London time.
    public var summary: String {
        switch self {
        case .open(until: nil): return "Open at all times"
        case .open(until: let until?): return "Open until \(ServiceAvailability.londonWhen(until))"
        case .closed(opensAt: let opensAt?, _): return "Closed: opens \(ServiceAvailability.londonWhen(opensAt))"
        case .closed(opensAt: nil, _): return "Closed"
        }
    }

    /// `Mon 24/11/2026 09:00` in London time.
    static func londonWhen(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LondonTime.zone
        let weekday = calendar.component(.weekday, from: instant)
        let name = WeeklyHours.weekdayNames[weekday - 1].prefix(3).capitalized
        return "\(name) \(LondonTime.timestamp(instant))"
    }
}

extension DirectoryService {
    /// Whether the service is open at `instant` (judged in Europe/London), until when, or when it next opens.
    ///
    /// Opening periods that meet across midnight (an out-of-hours team open
    /// 17:00–24:00 and 00:00–09:00) count as one, so "open until" is the real
    /// closing time, not midnight.
    public func availability(at instant: Date) -> ServiceAvailability {
        guard case .weekly(let hours) = schedule else { return .open(until: nil) }
        let intervals = hours.openIntervals(around: instant)
        if let current = intervals.first(where: { $0.start <= instant && instant < $0.end }) {
            return .open(until: current.end)
        }
        let next = intervals.first { $0.start > instant }
        return .closed(opensAt: next?.start, alternative: outOfHours)
    }
}

extension ServiceDirectory {
    /// The directory's bank holidays: its list as overrides, England's rules for other years.
    public var holidays: BankHolidayCalendar { BankHolidayCalendar(listed: bankHolidays) }

    /// Whether the service is open at `instant`; nil for an unknown service.
    public func availability(of service: ServiceID, at instant: Date) -> ServiceAvailability? {
        self[service]?.availability(at: instant)
    }

    /// Whether `instant` is a weekday between 09:00 and 17:00 in London that is not a bank holiday.
    ///
    /// This is the "office hours" the pathways branch on: outside them,
    /// emergencies for children and adults go to the Emergency Duty Team.
    public func isOfficeHours(at instant: Date) -> Bool {
        let day = LondonTime.today(at: instant)
        guard !holidays.contains(day), (2...6).contains(day.weekday) else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LondonTime.zone
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        let minutes = parts.hour! * 60 + parts.minute!
        return (9 * 60..<17 * 60).contains(minutes)
    }
}

extension WeeklyHours {
    /// The bank holidays this schedule keeps: its list as overrides, the rules for other years.
    var holidays: BankHolidayCalendar { BankHolidayCalendar(listed: bankHolidays) }

    /// Open intervals from the day before `instant` up to the next opening after it (at most a fortnight, or two
    /// months when there are monthly openings), merged where they meet.
    func openIntervals(around instant: Date) -> [DateInterval] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LondonTime.zone
        let today = LondonTime.today(at: instant)
        func moment(_ day: CalendarDate, _ minutes: Int) -> Date {
            let date = minutes >= 1440 ? day.adding(days: 1) : day
            let rest = minutes >= 1440 ? minutes - 1440 : minutes
            return calendar.date(
                from: DateComponents(
                    year: date.year, month: date.month, day: date.day, hour: rest / 60, minute: rest % 60)
            )!
        }
        // A fortnight is enough for weekly hours; a monthly day can be two months off (the 31st skips February).
        let horizon = monthly.isEmpty ? 14 : 62
        // The horizon's bank holidays, worked out once rather than day by day.
        let closedDays = holidays.days(in: today.adding(days: -1).year...today.adding(days: horizon).year)
        var merged: [DateInterval] = []
        for offset in -1...horizon {
            let day = today.adding(days: offset)
            let dayPeriods: [OpeningPeriod]
            if closedDays.contains(day) {
                dayPeriods = openAllDayOnBankHolidays ? [OpeningPeriod(start: 0, end: 1440)] : []
            } else {
                dayPeriods = periods(on: day).sorted()
            }
            for period in dayPeriods {
                let interval = DateInterval(start: moment(day, period.start), end: moment(day, period.end))
                if let last = merged.last, last.end >= interval.start {
                    merged[merged.count - 1] = DateInterval(start: last.start, end: max(last.end, interval.end))
                } else {
                    merged.append(interval)
                }
            }
            // Enough once the next opening after the instant is known and cannot run into tomorrow.
            if let last = merged.last, last.start > instant, last.end < moment(day.adding(days: 1), 0) { break }
        }
        return merged
    }
}

extension CalendarDate {
    /// The day of the week, 1 = Sunday … 7 = Saturday, as Foundation's `Calendar` numbers them.
    public var weekday: Int {
        // Day 0 of `dayNumber` is Thursday 1 January 1970 (weekday 5).
        let remainder = (dayNumber + 4) % 7
        return (remainder < 0 ? remainder + 7 : remainder) + 1
    }
}
