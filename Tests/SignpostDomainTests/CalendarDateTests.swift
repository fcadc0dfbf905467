import Foundation
import SignpostDomain
import Testing

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("both written forms parse to the same day", arguments: ["14/03/2022", "2022-03-14", " 14/3/2022 "])
    func parsing(_ text: String) throws {
        #expect(try CalendarDate(parsing: text) == CalendarDate(year: 2022, month: 3, day: 14))
    }

    @Test(
        "impossible and unreadable dates are refused with a reason",
        arguments: ["31/04/2025", "29/02/2023", "00/01/2020", "2020-13-01"])
    func impossible(_ text: String) {
        #expect(throws: CalendarDateError.self) { try CalendarDate(parsing: text) }
    }

    @Test(
        "words are not dates, nor are signed numbers",
        arguments: ["tomorrow", "", "14.03.2022", "14/03/22", "2022-03", "2025-+1-01", "2025--1-01", "+1/03/2022"])
    func unreadable(_ text: String) {
        #expect(throws: CalendarDateError.unreadable(text)) { try CalendarDate(parsing: text) }
    }

    @Test("ages count whole years completed, and a leap-day birthday arrives on 1 March")
    func ages() throws {
        let born = try CalendarDate(iso: "2019-02-28")
        #expect(born.age(on: try CalendarDate(iso: "2026-02-27")) == 6)
        #expect(born.age(on: try CalendarDate(iso: "2026-02-28")) == 7)
        let leap = try CalendarDate(iso: "2020-02-29")
        #expect(leap.age(on: try CalendarDate(iso: "2021-02-28")) == 0)
        #expect(leap.age(on: try CalendarDate(iso: "2021-03-01")) == 1)
        #expect(born.age(on: try CalendarDate(iso: "2010-01-01")) == 0, "never a negative age")
    }

    @Test("day arithmetic crosses months, years and leap days")
    func arithmetic() throws {
        let date = try CalendarDate(iso: "2024-02-28")
        #expect(date.adding(days: 1) == (try CalendarDate(iso: "2024-02-29")))
        #expect(date.adding(days: 2) == (try CalendarDate(iso: "2024-03-01")))
        #expect(date.adding(days: 366) == (try CalendarDate(iso: "2025-02-28")))
        #expect(date.days(to: try CalendarDate(iso: "2025-02-28")) == 366)
        #expect(try CalendarDate(iso: "2025-01-31").adding(months: 1) == (try CalendarDate(iso: "2025-02-28")))
        #expect(try CalendarDate(iso: "2024-02-29").adding(years: 1) == (try CalendarDate(iso: "2025-02-28")))
    }

    @Test("a date in London does not drift: late evening in summer is still the same day")
    func londonDay() throws {
        // 23:30 UTC on 14 July is 00:30 on 15 July in London (BST).
        let instant = Date(timeIntervalSince1970: 1_752_535_800)
        #expect(LondonTime.today(at: instant) == (try CalendarDate(iso: "2025-07-15")))
        #expect(LondonTime.timestamp(instant) == "15/07/2025 00:30")
    }

    @Test("a London day starts at London midnight and is 23 or 25 hours long when the clocks change")
    func londonDayStart() throws {
        func start(_ iso: String) throws -> String { Timestamp.text(LondonTime.start(of: try CalendarDate(iso: iso))) }
        #expect(try start("2026-01-15") == "2026-01-15T00:00:00Z")
        #expect(try start("2026-07-01") == "2026-06-30T23:00:00Z")
        // The clocks go forward at 01:00 GMT on 29 March 2026 and back at 01:00 GMT on 25 October 2026.
        #expect(try start("2026-03-29") == "2026-03-29T00:00:00Z")
        #expect(try start("2026-03-30") == "2026-03-29T23:00:00Z")
        #expect(try start("2026-10-25") == "2026-10-24T23:00:00Z")
        #expect(try start("2026-10-26") == "2026-10-26T00:00:00Z")
    }

    @Test("dates encode as YYYY-MM-DD and refuse bad text when decoding")
    func coding() throws {
        let data = try JSONEncoder().encode([try CalendarDate(iso: "2022-03-14")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2022-03-14"]"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2022-02-30"]"#.utf8))
        }
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test("instants write as UTC ISO 8601 and read back, with offsets and fractions understood")
    func roundTrip() throws {
        let instant = Date(timeIntervalSince1970: 1_795_428_000)
        #expect(Timestamp.text(instant) == "2026-11-23T10:00:00Z")
        #expect(Timestamp.date("2026-11-23T10:00:00Z") == instant)
        #expect(Timestamp.date("2026-11-23T10:00:00+01:00") == instant.addingTimeInterval(-3600))
        #expect(Timestamp.date("2026-11-23T10:00:00.5Z") == instant.addingTimeInterval(0.5))
        #expect(Timestamp.text(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        for bad in ["2026-11-23", "2026-02-30T10:00:00Z", "2026-11-23T25:00:00Z", "2026-11-23T10:00:00", "soon"] {
            #expect(Timestamp.date(bad) == nil, "\(bad)")
        }
    }
}
