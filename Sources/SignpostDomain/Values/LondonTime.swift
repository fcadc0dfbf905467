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

    /// `DD/MM/YYYY HH:MM` in London time.
    public static func timestamp(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(
            format: "%02d/%02d/%04d %02d:%02d", parts.day!, parts.month!, parts.year!, parts.hour!, parts.minute!)
    }
}
