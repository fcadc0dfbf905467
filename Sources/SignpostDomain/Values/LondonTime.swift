import Foundation

/// The service's clock: English local authorities work in London time, whatever the machine's zone.
///
/// "Today", office hours and the times shown beside records are all London's,
/// so a laptop left on another zone cannot move a contact to another day.
///
/// ```swift
/// LondonTime.timestamp(contact.receivedAt)  // "23/11/2026 14:05"
/// LondonTime.today(at: Date())               // CalendarDate in London
/// ```
public enum LondonTime {
    /// Europe/London.
    public static let zone = TimeZone(identifier: "Europe/London")!

    /// The calendar date in London at `instant`.
    public static func today(at instant: Date) -> CalendarDate { CalendarDate(instant, in: zone) }

    /// The instant London's `day` begins: midnight in GMT or BST, whichever London keeps that day.
    ///
    /// A London day is 23 hours long when the clocks go forward and 25 when
    /// they go back, so a day's records lie in `[start(of: day), start(of: day.adding(days: 1)))`
    /// and never in a fixed 24 hours from UTC midnight. The clocks change at
    /// 01:00 GMT, so midnight always exists and is never repeated.
    ///
    /// ```swift
    /// LondonTime.start(of: try CalendarDate(iso: "2026-07-01"))  // 2026-06-30T23:00:00Z
    /// ```
    public static func start(of day: CalendarDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // Every CalendarDate is a real day, and London midnight always exists (see above).
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }

    /// `DD/MM/YYYY HH:MM` in London time.
    public static func timestamp(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(
            format: "%02d/%02d/%04d %02d:%02d", parts.day!, parts.month!, parts.year!, parts.hour!, parts.minute!)
    }
}
