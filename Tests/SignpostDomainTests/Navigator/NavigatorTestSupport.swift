import Foundation
import SignpostDomain

/// Fixed instants for the navigator tests, written in London local time with their UTC offset.
enum Instant {
    /// Monday 23 November 2026, 11:00 GMT: office hours.
    static let weekdayMorning = Timestamp.date("2026-11-23T11:00:00Z")!
    /// Monday 23 November 2026, 19:30 GMT: a weekday evening.
    static let weekdayEvening = Timestamp.date("2026-11-23T19:30:00Z")!
    /// Saturday 28 November 2026, 11:00 GMT.
    static let saturday = Timestamp.date("2026-11-28T11:00:00Z")!
    /// Monday 28 December 2026, 11:00 GMT: the Boxing Day substitute bank holiday.
    static let bankHoliday = Timestamp.date("2026-12-28T11:00:00Z")!
    /// Wednesday 15 July 2026, 09:30 BST (08:30 UTC): office hours in summer time, though a UTC clock would say closed.
    static let summerMorning = Timestamp.date("2026-07-15T09:30:00+01:00")!
    /// Wednesday 15 July 2026, 17:30 BST (16:30 UTC): after office hours, though a UTC clock would say open.
    static let summerEvening = Timestamp.date("2026-07-15T17:30:00+01:00")!
}

extension SituationPerson {
    static func child(
        _ id: PersonID, age: Int? = nil, born: String? = nil, level: NeedLevel? = nil, send: Bool = false,
        _ concerns: [Concern] = []
    ) -> SituationPerson {
        SituationPerson(
            id: id, role: .child, age: age, dateOfBirth: born.map { try! CalendarDate(iso: $0) }, send: send,
            level: level, concerns: concerns)
    }

    static func unborn(_ id: PersonID, due: String, level: NeedLevel? = nil, _ concerns: [Concern] = [])
        -> SituationPerson
    {
        SituationPerson(
            id: id, role: .child, unborn: true, expectedDate: try! CalendarDate(iso: due), level: level,
            concerns: concerns)
    }

    static func adult(_ id: PersonID, age: Int? = 35, level: NeedLevel? = nil, _ concerns: [Concern] = [])
        -> SituationPerson
    {
        SituationPerson(id: id, role: .adult, age: age, level: level, concerns: concerns)
    }
}
