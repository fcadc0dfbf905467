import Foundation
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import SignpostStoreTesting

/// The stores the returns are checked on: the in-memory double and a SQLite file.
enum ReturnsStore: String, CaseIterable, CustomStringConvertible, Sendable {
    case inMemory
    case sqlite

    var description: String { rawValue }

    /// A fresh store holding `families`, and where its file is (nil in memory).
    func make(_ families: [Family], meetings: [(FamilyID, TeamMeeting)] = []) throws -> (any CaseStore, URL?) {
        let store: any CaseStore
        var file: URL?
        switch self {
        case .inMemory: store = try InMemoryCaseStore(kind: .demonstration)
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-returns-tests")
                .appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            file = folder.appendingPathComponent("store.sqlite")
            store = try SQLiteCaseStore(openingOrCreating: file!, kind: .demonstration)
        }
        try store.apply(families.map(CaseChange.addFamily), by: "loader")
        if !meetings.isEmpty {
            try store.apply(meetings.map { CaseChange.recordMeeting(family: $0.0, $0.1) }, by: "loader")
        }
        return (store, file)
    }
}

/// Two fictional families whose every Annex A row, gap and report figure is worked out by hand in the tests.
///
/// The period is 1 April to 30 September 2026. Times are London times (British Summer Time then).
enum ReturnsFixture {
    static func day(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }

    /// `hour` o'clock London time on `iso`.
    static func at(_ iso: String, _ hour: Double) -> Date {
        LondonTime.start(of: day(iso)).addingTimeInterval(hour * 3600)
    }

    static let first = day("2026-04-01")
    static let last = day("2026-09-30")

    static let marta: PersonID = "ZZ-P-0101-1"
    static let ava: PersonID = "ZZ-P-0101-2"
    static let leo: PersonID = "ZZ-P-0101-3"
    static let bump: PersonID = "ZZ-P-0101-4"
    static let kit: PersonID = "ZZ-P-0102-1"
    static let robin: PersonID = "ZZ-P-0102-2"

    static func contact(
        _ id: String, _ when: Date, _ source: ContactSource, door: ContactDoor? = nil, relationship: String = "",
        about: [PersonID], concerns: [Concern] = [], outcome: ContactOutcome
    ) -> Contact {
        Contact(
            id: ContactID(id), receivedAt: when,
            caller: Caller(name: "Caller", agency: "", relationship: relationship), source: source, door: door,
            about: about, concernInCallersWords: "Fictional concern.", concerns: concerns, outcome: outcome,
            outcomeReason: outcome == .adviceGiven ? "Advice given." : "", recordedBy: "front.door")
    }

    static func referral(
        _ id: String, _ service: ServiceID, _ people: [PersonID], _ when: Date, contact: String?,
        status: ReferralStatus, outcomeOn: String? = nil
    ) -> Referral {
        Referral(
            id: ReferralID(id), service: service, people: people, madeAt: when, madeBy: "front.door",
            consent: .notRequired, urgency: .sameDay, status: status, contact: contact.map { ContactID($0) },
            reason: "Fictional.", outcomeOn: outcomeOn.map(day), outcomeReason: outcomeOn == nil ? nil : "Decided.",
            outcomeBy: outcomeOn == nil ? nil : "duty.manager")
    }

    static var quillfeather: Family {
        var family = Family(
            id: "ZZ-F-0101", name: "Quillfeather", locality: .north,
            members: [
                Person(
                    id: marta, role: .parentOrCarer, givenName: "Marta", familyName: "Quillfeather",
                    dateOfBirth: day("1990-02-02"), gender: .female, ethnicity: .whiteBritish),
                Person(
                    id: ava, role: .child, givenName: "Ava", familyName: "Quillfeather", dateOfBirth: day("2022-03-14"),
                    gender: .female, ethnicity: .whiteBritish),
                Person(
                    id: leo, role: .child, givenName: "Leo", familyName: "Quillfeather", dateOfBirth: day("2019-06-01"),
                    gender: .male),
                Person(
                    id: bump, role: .unbornChild, givenName: "Baby", familyName: "Quillfeather",
                    expectedDeliveryDate: day("2026-12-01")),
            ],
            leadProfessional: Professional(
                name: "Sam Okafor", role: "Family support worker", organisation: "Bright Start"),
            episodes: [
                EarlyHelpEpisode(id: "ZZ-E-0101-1", service: "bright-start", openedOn: day("2026-01-10")),
                EarlyHelpEpisode(
                    id: "ZZ-E-0101-2", service: "bright-futures", openedOn: day("2025-11-01"),
                    closedOn: day("2026-05-11"),
                    closureReason: .steppedUpToSocialCare),
            ],
            contacts: [
                contact(
                    "ZZ-C-0101-1", at("2026-05-10", 10), .health, door: .gp, about: [ava, marta],
                    concerns: [.domesticAbuse], outcome: .referred),
                contact("ZZ-C-0101-2", at("2026-03-30", 9), .school, about: [leo], outcome: .signposted),
                contact(
                    "ZZ-C-0101-3", at("2026-06-02", 14), .individual, relationship: "Neighbour", about: [leo, bump],
                    concerns: [.neglect], outcome: .referred),
                contact("ZZ-C-0101-4", at("2026-07-01", 0.5), .health, about: [ava], outcome: .adviceGiven),
            ],
            referrals: [
                referral(
                    "ZZ-R-0101-0", "csct", [ava], at("2025-09-01", 11), contact: nil, status: .declined,
                    outcomeOn: "2025-09-02"),
                referral(
                    "ZZ-R-0101-1", "csct", [ava], at("2026-05-10", 11), contact: "ZZ-C-0101-1", status: .accepted,
                    outcomeOn: "2026-05-12"),
                referral(
                    "ZZ-R-0101-2", "bright-start", [ava], at("2026-05-10", 11), contact: "ZZ-C-0101-1",
                    status: .accepted, outcomeOn: "2026-05-10"),
                referral("ZZ-R-0101-3", "csct", [leo], at("2026-06-02", 15), contact: "ZZ-C-0101-3", status: .sent),
            ],
            assessments: [
                EarlyHelpAssessment(
                    id: "ZZ-A-0101-1", subject: ava, status: .complete, startedOn: day("2026-04-20"),
                    completedOn: day("2026-05-20"),
                    assessor: Professional(
                        name: "Sam Okafor", role: "Family support worker", organisation: "Bright Start North")),
                EarlyHelpAssessment(
                    id: "ZZ-A-0101-2", subject: leo, status: .complete, startedOn: day("2026-03-01"),
                    completedOn: day("2026-04-05"),
                    assessor: Professional(name: "Sam Okafor", role: "Family support worker", organisation: "")),
                EarlyHelpAssessment(id: "ZZ-A-0101-3", subject: leo, startedOn: day("2025-01-01")),
            ])
        family.assessments[0].factorsIdentified = [.neglect, .domesticAbuseParent]
        return family
    }

    static var marchbank: Family {
        Family(
            id: "ZZ-F-0102", name: "Marchbank", locality: .south,
            members: [
                Person(
                    id: kit, role: .child, givenName: "Kit", familyName: "Marchbank", dateOfBirth: day("2012-09-30"),
                    gender: .other, ethnicity: .notObtained),
                Person(
                    id: robin, role: .child, givenName: "Robin", familyName: "Marchbank",
                    dateOfBirth: day("2007-01-01"),
                    gender: .male, needs: SpecialNeeds(hasSEND: true)),
            ],
            episodes: [
                EarlyHelpEpisode(
                    id: "ZZ-E-0102-1", service: "bright-futures", openedOn: day("2026-08-03"),
                    steppedDownFrom: "Children in need plan closed 31/07/2026")
            ],
            contacts: [
                contact("ZZ-C-0102-1", at("2026-08-03", 9), .police, about: [kit, robin], outcome: .safeguarding)
            ],
            referrals: [
                referral(
                    "ZZ-R-0102-1", "csct", [kit, robin], at("2026-08-03", 10), contact: "ZZ-C-0102-1",
                    status: .withdrawn, outcomeOn: "2026-08-04")
            ])
    }

    static var families: [Family] { [quillfeather, marchbank] }
}
