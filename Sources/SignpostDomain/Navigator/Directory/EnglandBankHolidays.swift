/// England and Wales bank holidays, computed from the rules, with a council's own list as overrides.
///
/// The rules: New Year's Day, Good Friday and Easter Monday (from Easter, by
/// the Gregorian computus), the early May bank holiday (first Monday of May),
/// the spring bank holiday (last Monday of May), the summer bank holiday (last
/// Monday of August), Christmas Day and Boxing Day, each moved to the next
/// weekday not already a holiday when it falls at a weekend.
///
/// A year the pathways file lists any bank holiday for is taken from the file
/// alone (so one-off changes, such as a moved May holiday or a state funeral,
/// win over the rules); any other year is computed, and ``isConfirmed(_:)``
/// says whether the file confirmed it.
///
/// ```swift
/// let calendar = BankHolidayCalendar(listed: [])
/// calendar.contains(try CalendarDate(iso: "2030-04-22"))  // true: Easter Monday 2030
/// ```
public struct BankHolidayCalendar: Hashable, Sendable {
    /// The file's own list.
    public var listed: Set<CalendarDate>
    private let listedYears: Set<Int>

    public init(listed: Set<CalendarDate>) {
        self.listed = listed
        self.listedYears = Set(listed.map(\.year))
    }

    /// Whether `day` is a bank holiday: from the file for a year it lists, else from the rules.
    public func contains(_ day: CalendarDate) -> Bool {
        if listedYears.contains(day.year) { return listed.contains(day) }
        return BankHolidayCalendar.computed(year: day.year).contains(day)
    }

    /// Every bank holiday in the given years: the file's for the years it lists, the rules' for the others.
    public func days(in years: ClosedRange<Int>) -> Set<CalendarDate> {
        var days: Set<CalendarDate> = []
        for year in years {
            days.formUnion(listedYears.contains(year) ? listed.filter { $0.year == year } : Self.computed(year: year))
        }
        return days
    }

    /// Whether the file lists the bank holidays of `day`'s year (false: they are computed from the rules).
    public func isConfirmed(_ day: CalendarDate) -> Bool { listedYears.contains(day.year) }

    /// England and Wales's bank holidays in `year` by the rules.
    public static func computed(year: Int) -> Set<CalendarDate> {
        func date(_ month: Int, _ day: Int) -> CalendarDate { try! CalendarDate(year: year, month: month, day: day) }
        var days: Set<CalendarDate> = []
        func addSubstituting(_ day: CalendarDate) {
            var candidate = day
            while candidate.weekday == 1 || candidate.weekday == 7 || days.contains(candidate) {
                candidate = candidate.adding(days: 1)
            }
            days.insert(candidate)
        }
        addSubstituting(date(1, 1))
        let easter = easterSunday(year: year)
        days.insert(easter.adding(days: -2))
        days.insert(easter.adding(days: 1))
        days.insert(firstMonday(from: date(5, 1)))
        days.insert(lastMonday(onOrBefore: date(5, 31)))
        days.insert(lastMonday(onOrBefore: date(8, 31)))
        // Christmas first, so that Boxing Day moves past Christmas's substitute.
        addSubstituting(date(12, 25))
        addSubstituting(date(12, 26))
        return days
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
    public static func easterSunday(year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return try! CalendarDate(year: year, month: month, day: day)
    }

    private static func firstMonday(from day: CalendarDate) -> CalendarDate {
        var candidate = day
        while candidate.weekday != 2 { candidate = candidate.adding(days: 1) }
        return candidate
    }

    private static func lastMonday(onOrBefore day: CalendarDate) -> CalendarDate {
        var candidate = day
        while candidate.weekday != 2 { candidate = candidate.adding(days: -1) }
        return candidate
    }
}
