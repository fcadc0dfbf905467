import Foundation
import SignpostDomain
import Testing

/// The Supporting Families rules: three needs to count, every outcome sustained six months for significant
/// and sustained progress, each worked out by hand.
@Suite("Supporting Families rules")
struct SupportingFamiliesRuleTests {
    static func day(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }

    static func need(
        _ area: OutcomeArea, _ identified: String, achieved: String? = nil, checked: String? = nil,
        sustained: Bool = true
    ) -> SupportingFamiliesNeed {
        SupportingFamiliesNeed(
            area: area, identifiedOn: day(identified), identifiedBy: "Sam Okafor",
            achievement: achieved.map { OutcomeAchievement(on: day($0), evidence: "seen", recordedBy: "sam") },
            check: checked.map { SustainCheck(on: day($0), sustained: sustained, note: "", recordedBy: "sam") })
    }

    @Test("The ten headline outcomes, in the framework's order and words")
    func tenAreas() {
        #expect(OutcomeArea.allCases.count == 10)
        #expect(OutcomeArea.allCases.first?.title == "Getting a good education")
        #expect(OutcomeArea.substanceUse.title == "Promoting recovery and reducing harm from substance use")
        #expect(OutcomeArea.crime.title == "Crime prevention and tackling crime")
        #expect(OutcomeArea.allCases.last?.title == "Financial stability")
        #expect(OutcomeArea.allCases.allSatisfy { $0.shortTitle.count <= 24 })
        #expect(Set(OutcomeArea.allCases.map(\.rawValue)).count == 10)
    }

    @Test("A family counts from the day its third need is identified; two needs never count")
    func threeNeedsToCount() {
        let two = [Self.need(.secureHousing, "2026-01-10"), Self.need(.financialStability, "2026-01-05")]
        #expect(SupportingFamiliesRule.eligibleOn(two) == nil)
        let three = two + [Self.need(.goodEducation, "2026-03-01")]
        #expect(SupportingFamiliesRule.eligibleOn(three) == Self.day("2026-03-01"))
        // Identified out of order: the third day in time, not the third in the list.
        let four = three + [Self.need(.crime, "2026-01-07")]
        #expect(SupportingFamiliesRule.eligibleOn(four) == Self.day("2026-01-10"))
    }

    @Test("The six-month check falls due six calendar months after the outcome, end of month clamped")
    func checkDue() {
        #expect(Self.need(.crime, "2026-01-01", achieved: "2026-03-10").checkDueOn == Self.day("2026-09-10"))
        #expect(Self.need(.crime, "2026-01-01", achieved: "2026-08-31").checkDueOn == Self.day("2027-02-28"))
        #expect(Self.need(.crime, "2026-01-01").checkDueOn == nil)
    }

    @Test("Significant and sustained progress: every need achieved and sustained, on the day of the last check")
    func progress() {
        let done = [
            Self.need(.secureHousing, "2025-09-01", achieved: "2026-01-15", checked: "2026-07-20"),
            Self.need(.financialStability, "2025-09-01", achieved: "2026-02-10", checked: "2026-08-12"),
            Self.need(.goodEducation, "2025-10-06", achieved: "2026-03-02", checked: "2026-09-07"),
        ]
        #expect(SupportingFamiliesRule.progressOn(done) == Self.day("2026-09-07"))
        // One need still open holds the family back.
        #expect(SupportingFamiliesRule.progressOn(done + [Self.need(.crime, "2026-01-01")]) == nil)
        // An outcome that did not last holds it back too.
        var lapsed = done
        lapsed[0] = Self.need(
            .secureHousing, "2025-09-01", achieved: "2026-01-15", checked: "2026-07-20", sustained: false)
        #expect(SupportingFamiliesRule.progressOn(lapsed) == nil)
        #expect(lapsed[0].status == .notSustained(on: Self.day("2026-07-20")))
        // Two needs all sustained: not a family the programme counts, so no progress to claim.
        #expect(SupportingFamiliesRule.progressOn(Array(done.prefix(2))) == nil)
    }

    @Test("Each status has a text marker, so colour never carries it alone")
    func markers() {
        let statuses: [OutcomeStatus] = [
            .notIdentified, .identified, .achieved(checkDue: Self.day("2026-09-10")),
            .sustained(on: Self.day("2026-09-10")), .notSustained(on: Self.day("2026-09-10")),
        ]
        #expect(statuses.map(\.marker) == ["[ ]", "[N]", "[A]", "[S]", "[!]"])
        #expect(statuses[2].label == "achieved; 6-month check due 10/09/2026")
    }

    @Test("A family's needs survive export and import, and a family without any exports as before")
    func coding() throws {
        var family = Family(id: "ZZ-F-9001", name: "Quillfeather", locality: .north)
        let plain = try JSONEncoder().encode(family)
        #expect(!String(decoding: plain, as: UTF8.self).contains("supportingFamilies"))
        family.supportingFamiliesNeeds = [
            Self.need(.secureHousing, "2026-01-10", achieved: "2026-02-01"), Self.need(.goodEducation, "2026-01-10"),
        ]
        #expect(family.supportingFamiliesNeeds.map(\.area) == [.goodEducation, .secureHousing], "framework order")
        let read = try JSONDecoder().decode(Family.self, from: JSONEncoder().encode(family))
        #expect(read.supportingFamiliesNeeds == family.supportingFamiliesNeeds)
        #expect(read.outcomeStatus(.crime) == .notIdentified)
    }

    @Test("Demonstration data with a need dated in the future, or sustained before six months, is caught")
    func implausibleDates() {
        var family = Family(
            id: "ZZ-F-9002", name: "Pumpernickel", locality: .south,
            createdAt: LondonTime.start(of: Self.day("2025-01-01")))
        family.supportingFamiliesNeeds = [
            Self.need(.crime, "2026-12-01"),
            Self.need(.secureHousing, "2026-01-10", achieved: "2026-02-01", checked: "2026-05-01"),
            Self.need(.goodEducation, "2024-06-01"),
        ]
        let problems = family.implausibleRecords(today: Self.day("2026-11-23"))
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.contains { $0.contains("crime") && $0.contains("after today") })
        #expect(problems.contains { $0.contains("secure-housing") && $0.contains("before six months (01/08/2026)") })
        #expect(problems.contains { $0.contains("good-education") && $0.contains("before the family was recorded") })
    }
}
