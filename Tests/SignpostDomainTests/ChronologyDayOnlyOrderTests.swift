import Foundation
import SignpostDomain
import Testing

/// Entries kept by the day only (a meeting, a social-care status) read in order among that day's timed entries:
/// by when they were recorded that day, or at the start of the day when recorded on another day (#15).
@Suite("Chronology: day-only entries in order")
struct ChronologyDayOnlyOrderTests {
    /// The day the entries are about.
    static func day() throws -> CalendarDate { try CalendarDate(year: 2026, month: 11, day: 20) }

    /// That day, London time, at `hour` o'clock (hours past 24 are days after).
    static func at(_ hour: Int) throws -> Date {
        LondonTime.start(of: try day()).addingTimeInterval(TimeInterval(hour * 3600))
    }

    static func meeting(_ id: MeetingID, heldOn: CalendarDate, recordedAt: Date) -> TeamMeeting {
        TeamMeeting(
            id: id, heldOn: heldOn, attendees: ["Mum"], familyViews: "", childViews: "", actions: [],
            nextReview: heldOn.adding(days: 42), recordedBy: "priya", recordedAt: recordedAt)
    }

    static func note(_ id: CaseNoteID, at moment: Date) -> CaseNote {
        CaseNote(id: id, writtenAt: moment, author: "priya", text: "note \(id)")
    }

    /// The family's chronology as short names, newest first.
    static func order(_ family: Family) -> [String] {
        family.chronology().compactMap { entry in
            switch entry {
            case .note(let note): return note.id.rawValue
            case .meeting(let meeting): return meeting.id.rawValue
            default: return nil
            }
        }
    }

    @Test("a meeting recorded at 14:00 reads above a 09:00 note and below a 16:00 note of the same day")
    func meetingRecordedThatDaySortsByItsRecording() throws {
        var family = Family(id: "F-ORDER", name: "Order", locality: .north)
        family.notes = [Self.note("N-0900", at: try Self.at(9)), Self.note("N-1600", at: try Self.at(16))]
        family.meetings = [Self.meeting("M-1400", heldOn: try Self.day(), recordedAt: try Self.at(14))]
        #expect(Self.order(family) == ["N-1600", "M-1400", "N-0900"])
    }

    @Test("a meeting recorded on a later day (held that day) sorts at the start of the day it was held")
    func backdatedMeetingSortsAtTheStartOfItsDay() throws {
        var family = Family(id: "F-ORDER", name: "Order", locality: .north)
        family.notes = [
            Self.note("N-0900", at: try Self.at(9)),
            Self.note("N-before", at: try Self.at(-2)),
        ]
        family.meetings = [Self.meeting("M-late", heldOn: try Self.day(), recordedAt: try Self.at(24 * 3 + 10))]
        #expect(Self.order(family) == ["N-0900", "M-late", "N-before"])
    }
}
