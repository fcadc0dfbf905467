import Foundation
import SignpostDomain
import Testing

@Suite("Service directory and opening hours")
struct ServiceDirectoryTests {
    let directory = Pathways.islington.directory

    func service(_ id: ServiceID) throws -> DirectoryService { try #require(directory[id]) }

    @Test("CSCT on a weekday morning is open until 17:00")
    func csctOpen() throws {
        #expect(
            try service("csct").availability(at: Instant.weekdayMorning)
                == .open(until: Timestamp.date("2026-11-23T17:00:00Z")))
    }

    @Test("CSCT in the evening is closed until 09:00, with the Emergency Duty Team meanwhile")
    func csctEvening() throws {
        #expect(
            try service("csct").availability(at: Instant.weekdayEvening)
                == .closed(opensAt: Timestamp.date("2026-11-24T09:00:00Z"), alternative: "emergency-duty-team"))
    }

    @Test("the Emergency Duty Team is open through the night and the weekend")
    func edt() throws {
        let edt = try service("emergency-duty-team")
        #expect(edt.availability(at: Instant.weekdayEvening) == .open(until: Timestamp.date("2026-11-24T09:00:00Z")))
        #expect(edt.availability(at: Instant.saturday) == .open(until: Timestamp.date("2026-11-30T09:00:00Z")))
        #expect(!edt.availability(at: Instant.weekdayMorning).isOpen)
    }

    @Test("on a bank holiday office services are closed and the Emergency Duty Team is open")
    func bankHoliday() throws {
        #expect(
            try service("csct").availability(at: Instant.bankHoliday)
                == .closed(opensAt: Timestamp.date("2026-12-29T09:00:00Z"), alternative: "emergency-duty-team"))
        #expect(
            try service("emergency-duty-team").availability(at: Instant.bankHoliday)
                == .open(until: Timestamp.date("2026-12-29T09:00:00Z")))
        #expect(!directory.isOfficeHours(at: Instant.bankHoliday))
    }

    @Test("hours are London's in summer time")
    func summerTime() throws {
        #expect(
            try service("csct").availability(at: Instant.summerMorning)
                == .open(until: Timestamp.date("2026-07-15T17:00:00+01:00")))
        #expect(directory.isOfficeHours(at: Instant.summerMorning))
        #expect(!directory.isOfficeHours(at: Instant.summerEvening))
    }

    @Test("Bright Start's office hours are weekdays; its surgeries are Monday, Wednesday and Friday mornings")
    func brightStart() throws {
        let tuesday = Timestamp.date("2026-11-24T10:00:00Z")!
        let brightStart = try service("bright-start")
        #expect(brightStart.availability(at: tuesday) == .open(until: Timestamp.date("2026-11-24T17:00:00Z")))
        #expect(brightStart.sessions.map(\.description) == ["Family support surgeries: Mon, Wed, Fri 09:00-12:00"])
        let result = Navigator().evaluate(
            Situation(consent: .given, people: [.child("ava", age: 3, [.parenting])]), at: tuesday)
        #expect(result.destination("bright-start")?.contact.openNow == true, "a Tuesday referral is not 'closed'")
        #expect(result.text.contains("Drop-in: Family support surgeries: Mon, Wed, Fri 09:00-12:00"))
    }

    @Test("999 and the directory are always open")
    func alwaysOpen() throws {
        #expect(try service("emergency-services").availability(at: Instant.bankHoliday) == .open(until: nil))
        #expect(try service("universal").availability(at: Instant.weekdayEvening).summary == "Open at all times")
    }

    @Test(
        "England's bank holidays 2025 to 2027 are known",
        arguments: ["2025-04-18", "2025-12-26", "2026-08-31", "2026-12-28", "2027-03-29", "2027-12-27", "2027-12-28"])
    func bankHolidays(_ day: String) throws {
        #expect(directory.bankHolidays.contains(try CalendarDate(iso: day)))
        #expect(directory.holidays.contains(try CalendarDate(iso: day)))
    }

    @Test(
        "bank holidays after the file's list are computed: Easter, May and August Mondays, substitute days",
        arguments: [
            "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25",
            "2028-12-26", "2030-04-19", "2030-04-22", "2032-12-27", "2032-12-28", "2033-01-03", "2035-03-23",
            "2035-03-26",
        ])
    func computedBankHolidays(_ day: String) throws {
        #expect(directory.holidays.contains(try CalendarDate(iso: day)))
        #expect(!directory.holidays.isConfirmed(try CalendarDate(iso: day)))
    }

    @Test("the computed rules give the file's own dates for 2025 to 2027")
    func rulesAgreeWithTheFile() {
        for year in 2025...2027 {
            let listed = directory.bankHolidays.filter { $0.year == year }
            #expect(BankHolidayCalendar.computed(year: year) == listed, "\(year)")
        }
    }

    @Test("a weekday in 2030 that is a bank holiday is not office hours, and the result warns the date is computed")
    func beyondTheList() throws {
        let easterMonday2030 = Timestamp.date("2030-04-22T10:00:00+01:00")!
        #expect(!directory.isOfficeHours(at: easterMonday2030))
        let result = Navigator().evaluate(
            Situation(consent: .given, people: [.child("kid", age: 9, [.neglect])]), at: easterMonday2030)
        #expect(result.destination("csct")?.followUp != nil, "CSCT is closed: the follow-up is the next working day")
        #expect(result.warnings.contains { $0.hasPrefix("Bank holidays for 2030 are worked out from England's rules") })
    }

    @Test("every service says where its details come from and when they were checked")
    func sources() {
        for service in directory.services {
            #expect(!service.source.isEmpty, "\(service.id)")
        }
        let ids = Set(directory.services.map(\.id.rawValue))
        for required in [
            "family-information-service", "childrens-centres", "early-years-send", "health-visiting", "midwifery",
            "school-nursing", "youth-justice", "housing-advice", "fairer-together-hubs", "icope",
            "domestic-abuse-support", "marac", "income-maximisation", "adult-substance-misuse", "young-carers",
        ] {
            #expect(ids.contains(required), "missing \(required)")
        }
    }

    @Test("every service has real contact details and the numbers from the glossary")
    func contacts() throws {
        #expect(directory.services.allSatisfy { $0.hasContactRoute })
        let numbers: [ServiceID: String] = [
            "emergency-services": "999", "csct": "020 7527 7400", "emergency-duty-team": "020 7226 0992",
            "bright-start": "020 7527 8376", "bright-futures": "020 7527 4343", "camhs": "020 3316 1824",
            "disabled-childrens-team": "020 7527 3366", "adult-social-care": "020 7527 2299",
            "access-islington": "020 7527 2000",
        ]
        for (id, number) in numbers { #expect(try service(id).phones.first?.number == number, "\(id)") }
        #expect(try service("targeted-youth-support").email == "TYS@islington.gov.uk")
        #expect(try service("send-support").email == "islingtonsend@family-action.org.uk")
    }

    @Test("weekdays count from Sunday as 1")
    func weekdays() throws {
        #expect(try CalendarDate(iso: "2026-11-23").weekday == 2)
        #expect(try CalendarDate(iso: "2026-11-28").weekday == 7)
        #expect(try CalendarDate(iso: "1969-12-28").weekday == 1)
    }
}
