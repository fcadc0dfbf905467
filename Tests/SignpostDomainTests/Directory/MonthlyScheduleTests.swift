import Foundation
import SignpostDomain
import Testing

/// Monthly openings (Open Referral UK `regular_schedule` with `freq` `MONTHLY`), against dates worked out by hand.
///
/// November 2026 begins on a Sunday: its Mondays are the 2nd, 9th, 16th, 23rd and 30th, its Thursdays the 5th,
/// 12th, 19th and 26th, its last Friday the 27th. December's first Monday is the 7th; its last Friday is the
/// 25th, Christmas Day (a bank holiday). January 2027's first Monday is the 4th (New Year's Day is its Friday
/// the 1st) and its last Friday the 29th. London keeps GMT from November to March, so UTC is London time.
@Suite("Monthly schedules")
struct MonthlyScheduleTests {
    private func day(_ iso: String) throws -> CalendarDate { try CalendarDate(iso: iso) }

    private func instant(_ iso: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: iso))
    }

    private func service(_ monthly: [MonthlyOpening]) -> DirectoryService {
        DirectoryService(
            id: "drop-in", name: "Money advice drop-in", organization: "Islington Council",
            schedule: .weekly(WeeklyHours(periods: [:], monthly: monthly)), consentRequired: false,
            lastChecked: try! CalendarDate(iso: "2026-11-01"))
    }

    private func opening(_ day: String, _ hours: String) throws -> MonthlyOpening {
        MonthlyOpening(day: try MonthDay(parsing: day), period: try #require(OpeningPeriod(parsing: hours)))
    }

    @Test("first, last and second-last weekdays, and days counted from either end, fall on the hand-worked dates")
    func matching() throws {
        let firstMonday = try MonthDay(parsing: "1MO")
        #expect(firstMonday.matches(try day("2026-11-02")))
        #expect(!firstMonday.matches(try day("2026-11-09")))
        #expect(!firstMonday.matches(try day("2026-11-03")), "a Tuesday is never a Monday")
        #expect(firstMonday.matches(try day("2026-12-07")))

        let lastFriday = try MonthDay(parsing: "-1FR")
        #expect(lastFriday.matches(try day("2026-11-27")))
        #expect(!lastFriday.matches(try day("2026-11-20")))
        #expect(lastFriday.matches(try day("2027-01-29")))

        #expect(try MonthDay(parsing: "-2TH").matches(try day("2026-11-19")))
        #expect(!(try MonthDay(parsing: "-2TH").matches(try day("2026-11-26"))))
        #expect(try MonthDay(parsing: "5MO").matches(try day("2026-11-30")))
        #expect(try MonthDay(parsing: "+2TU").matches(try day("2026-11-10")))

        let lastDay = try MonthDay(parsing: "-1")
        #expect(lastDay.matches(try day("2026-11-30")))
        #expect(!lastDay.matches(try day("2026-11-29")))
        #expect(lastDay.matches(try day("2027-02-28")))
        #expect(lastDay.matches(try day("2028-02-29")), "a leap year's February ends on the 29th")
        #expect(!lastDay.matches(try day("2028-02-28")))

        let thirtyFirst = try MonthDay(parsing: "31")
        #expect(thirtyFirst.matches(try day("2026-12-31")))
        #expect(!thirtyFirst.matches(try day("2026-12-01")))
        #expect(try MonthDay(parsing: "15").matches(try day("2026-11-15")))
    }

    @Test("monthly days are written back as the feed writes them and read out in words")
    func words() throws {
        #expect(try MonthDay(parsing: "1mo").description == "1MO")
        #expect(try MonthDay(parsing: "-1FR").words == "last Friday")
        #expect(try MonthDay(parsing: "-2TH").words == "second-last Thursday")
        #expect(try MonthDay(parsing: "-1").words == "last day")
        #expect(try opening("1MO", "10:00-12:00").description == "first Monday of the month 10:00-12:00")
    }

    @Test("what is not a monthly day is refused", arguments: ["6MO", "0MO", "1XX", "MO1", "0", "32", "-32", "", "1"])
    func refused(text: String) throws {
        if text == "1" {
            #expect(try MonthDay(parsing: text) == .dayOfMonth(1), "the control: the 1st is a day of the month")
        } else {
            #expect(throws: MonthDayError.self) { try MonthDay(parsing: text) }
        }
    }

    @Test("open now and the next opening follow the first Monday and the last Friday across months")
    func availability() throws {
        let dropIn = service([try opening("1MO", "10:00-12:00"), try opening("-1FR", "14:00-16:00")])
        #expect(
            dropIn.availability(at: try instant("2026-11-02T10:30:00Z"))
                == .open(until: try instant("2026-11-02T12:00:00Z")))
        #expect(
            dropIn.availability(at: try instant("2026-11-02T12:00:00Z"))
                == .closed(opensAt: try instant("2026-11-27T14:00:00Z"), alternative: nil),
            "closing time is closed; the next is the last Friday")
        #expect(dropIn.availability(at: try instant("2026-11-27T15:00:00Z")).isOpen)
        let afterNovember = dropIn.availability(at: try instant("2026-11-27T16:30:00Z"))
        #expect(afterNovember == .closed(opensAt: try instant("2026-12-07T10:00:00Z"), alternative: nil))
        #expect(afterNovember.summary == "Closed: opens Mon 07/12/2026 10:00")
        // December's last Friday is Christmas Day: closed, so the next opening is January's first Monday.
        #expect(
            dropIn.availability(at: try instant("2026-12-08T09:00:00Z"))
                == .closed(opensAt: try instant("2027-01-04T10:00:00Z"), alternative: nil))
        #expect(!dropIn.availability(at: try instant("2026-12-25T15:00:00Z")).isOpen)
    }

    @Test("days of the month across month ends: the last day, and the 31st skipping a 30-day month")
    func monthEnds() throws {
        let lastDay = service([try opening("-1", "09:00-17:00")])
        #expect(lastDay.availability(at: try instant("2026-11-30T09:30:00Z")).isOpen)
        #expect(!lastDay.availability(at: try instant("2026-11-29T09:30:00Z")).isOpen)
        #expect(
            lastDay.availability(at: try instant("2026-11-30T17:00:00Z"))
                == .closed(opensAt: try instant("2026-12-31T09:00:00Z"), alternative: nil))

        let thirtyFirst = service([try opening("31", "09:00-12:00")])
        #expect(
            thirtyFirst.availability(at: try instant("2026-11-26T12:00:00Z"))
                == .closed(opensAt: try instant("2026-12-31T09:00:00Z"), alternative: nil),
            "November has no 31st")
        #expect(
            thirtyFirst.availability(at: try instant("2026-12-31T12:00:00Z"))
                == .closed(opensAt: try instant("2027-01-31T09:00:00Z"), alternative: nil))
    }

    @Test("weekly hours and monthly openings together: a Wednesday club with a first-Monday surgery")
    func weeklyAndMonthly() throws {
        var club = service([try opening("1MO", "18:00-19:00")])
        club.schedule = .weekly(
            WeeklyHours(
                periods: [4: [try #require(OpeningPeriod(parsing: "15:30-17:30"))]],
                monthly: [try opening("1MO", "18:00-19:00")]))
        // Monday 30 November 17:00: the next is Wednesday 2 December's club, before December's first Monday.
        #expect(
            club.availability(at: try instant("2026-11-30T17:00:00Z"))
                == .closed(opensAt: try instant("2026-12-02T15:30:00Z"), alternative: nil))
        #expect(club.availability(at: try instant("2026-12-07T18:15:00Z")).isOpen)
    }

    @Test("a feed's MONTHLY schedules are read into the entry and survive the store's JSON")
    func imported() throws {
        let feed = """
            {"organizations": [{"id": "o", "name": "Holloway Family Trust"}],
             "services": [{"id": "s", "organization_id": "o", "name": "Money advice drop-in", "status": "active"}],
             "regular_schedules": [
               {"id": "r1", "service_id": "s", "freq": "MONTHLY", "byday": "1MO,-1FR", "opens_at": "10:00", "closes_at": "12:00"},
               {"id": "r2", "service_id": "s", "freq": "monthly", "bymonthday": 15, "opens_at": "09:00", "closes_at": "11:00"},
               {"id": "r3", "service_id": "s", "freq": "WEEKLY", "byday": "WE", "opens_at": "15:30", "closes_at": "17:30"}]}
            """
        let entries = try OpenReferralImport.entries(
            feed: Data(feed.utf8), mapping: DirectoryMapping(rules: []), pathways: .islington,
            importedOn: try day("2026-11-26"), source: "feed.json")
        let entry = try #require(entries.first)
        #expect(entry.hours == ["wednesday": ["15:30-17:30"]])
        #expect(
            entry.monthly.map(\.description) == [
                "first Monday of the month 10:00-12:00", "last Friday of the month 10:00-12:00",
                "day 15 of the month 09:00-11:00",
            ])
        let stored = try JSONDecoder().decode(DirectoryEntry.self, from: try JSONEncoder().encode(entry))
        #expect(stored == entry)
        let merged = try #require(Pathways.islington.merging(entries).directory[entry.id])
        #expect(merged.availability(at: try instant("2026-11-27T11:00:00Z")).isOpen, "the last Friday")
        #expect(merged.availability(at: try instant("2026-12-15T10:00:00Z")).isOpen, "the 15th")
        #expect(!merged.availability(at: try instant("2026-12-14T10:00:00Z")).isOpen)
    }

    @Test("an entry stored before monthly schedules were read still loads, with none")
    func olderEntry() throws {
        let old = #"""
            {"id": "oruk-s", "feedID": "s", "destination": false, "name": "Club", "organization": "", "description": "",
             "eligibility": "", "location": "", "contact": "", "phones": [], "hours": {"wednesday": ["15:30-17:30"]},
             "lastChecked": "2026-11-01", "source": "feed"}
            """#
        let entry = try JSONDecoder().decode(DirectoryEntry.self, from: Data(old.utf8))
        #expect(entry.monthly.isEmpty)
        #expect(entry.hours == ["wednesday": ["15:30-17:30"]])
    }

    @Test("monthly schedules a feed gets wrong are each listed")
    func problems() throws {
        let feed = """
            {"organizations": [{"id": "o", "name": "Trust"}],
             "services": [{"id": "s", "organization_id": "o", "name": "Drop-in", "status": "active"}],
             "regular_schedules": [
               {"id": "r1", "service_id": "s", "freq": "MONTHLY", "byday": "6MO", "opens_at": "10:00", "closes_at": "12:00"},
               {"id": "r2", "service_id": "s", "freq": "MONTHLY", "bymonthday": "32", "opens_at": "10:00", "closes_at": "12:00"},
               {"id": "r3", "service_id": "s", "freq": "MONTHLY", "opens_at": "10:00", "closes_at": "12:00"},
               {"id": "r4", "service_id": "s", "freq": "MONTHLY", "byday": "1MO", "bymonthday": 1, "opens_at": "10:00", "closes_at": "12:00"},
               {"id": "r5", "service_id": "s", "freq": "DAILY", "opens_at": "10:00", "closes_at": "12:00"},
               {"id": "r6", "service_id": "s", "freq": "MONTHLY", "interval": 2, "byday": "1MO", "opens_at": "10:00", "closes_at": "12:00"},
               {"id": "r7", "service_id": "s", "byday": "MO", "bymonthday": "1", "opens_at": "10:00", "closes_at": "12:00"}]}
            """
        let error = try #require(throws: DirectoryImportError.self) {
            try OpenReferralImport.entries(
                feed: Data(feed.utf8), mapping: DirectoryMapping(rules: []), pathways: .islington,
                importedOn: try day("2026-11-26"), source: "feed.json")
        }
        #expect(
            error.problems == [
                "regular_schedules[0]: byday '6MO' is not a monthly weekday (1MO the first Monday … -1FR the last Friday)",
                "regular_schedules[1]: bymonthday '32' is not a day of the month (1 to 31, or -1 the last)",
                "regular_schedules[2]: a MONTHLY schedule needs byday (such as 1MO, -1FR) or bymonthday (such as 15, -1)",
                "regular_schedules[3]: give byday or bymonthday on a MONTHLY schedule, not both",
                "regular_schedules[4]: freq 'DAILY' is not read (WEEKLY or MONTHLY)",
                "regular_schedules[5]: interval '2' is not read (only schedules that repeat every week or every month)",
                "regular_schedules[6]: bymonthday is given on a WEEKLY schedule (use freq MONTHLY)",
            ])
    }
}
