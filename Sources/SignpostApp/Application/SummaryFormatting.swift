import Foundation
import SignpostDomain
import SignpostStore

/// Short forms of ages, dates and services for lists.
enum SummaryFormatting {
    /// "4y", "7m", "unborn (due 1 Feb 2027)".
    static func age(of member: MemberSummary, today: CalendarDate) -> String {
        let person = Person(
            id: member.id, role: member.role, givenName: member.givenName, familyName: member.familyName,
            dateOfBirth: member.dateOfBirth, expectedDeliveryDate: member.expectedDeliveryDate)
        return person.isUnborn ? "unborn" : person.ageDescription(on: today)
    }

    /// "today", "yesterday", "3 days ago", or the date for anything older than a week.
    static func relative(_ date: Date, today: CalendarDate) -> String {
        let day = LondonTime.today(at: date)
        let days = day.days(to: today)
        switch days {
        case ..<0: return day.short
        case 0: return "today"
        case 1: return "yesterday"
        case 2...7: return "\(days) days ago"
        default: return day.short
        }
    }
}
