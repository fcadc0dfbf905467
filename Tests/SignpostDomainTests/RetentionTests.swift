import Foundation
import SignpostDomain
import Testing

/// The retention policy (#16): a closed record is reviewed the configured years after its youngest child turns 18.
@Suite("Retention")
struct RetentionTests {
    static func day(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }

    static func family(episodeClosed: Bool) -> Family {
        let parent = Person(
            id: "ZZ-P-1", role: .parentOrCarer, givenName: "Ada", familyName: "Example", dateOfBirth: day("1980-01-01"))
        let older = Person(
            id: "ZZ-P-2", role: .child, givenName: "Ben", familyName: "Example", dateOfBirth: day("2000-05-10"))
        let younger = Person(
            id: "ZZ-P-3", role: .child, givenName: "Cy", familyName: "Example", dateOfBirth: day("2002-03-04"))
        return Family(
            id: "ZZ-F-1", name: "Example", locality: .north, members: [parent, older, younger],
            episodes: [
                EarlyHelpEpisode(
                    id: "ZZ-E-1", service: "bright-start", openedOn: day("2010-01-01"),
                    closedOn: episodeClosed ? day("2012-01-01") : nil, closureReason: episodeClosed ? .needsMet : nil)
            ],
            createdAt: Date(timeIntervalSince1970: 1_262_304_000))
    }

    @Test("a closed record is due the configured years after the youngest child's 18th birthday")
    func closedRecord() {
        let family = Self.family(episodeClosed: true)
        #expect(family.retentionReviewDate(under: RetentionPolicy(yearsAfterEighteen: 6)) == Self.day("2026-03-04"))
        #expect(family.retentionReviewDate(under: RetentionPolicy(yearsAfterEighteen: 7)) == Self.day("2027-03-04"))
        #expect(family.isDueForRetentionReview(on: Self.day("2026-03-04"), under: RetentionPolicy()))
        #expect(!family.isDueForRetentionReview(on: Self.day("2026-03-03"), under: RetentionPolicy()))
    }

    @Test("an open record is never due")
    func openRecord() {
        let family = Self.family(episodeClosed: false)
        #expect(family.retentionReviewDate(under: RetentionPolicy()) == nil)
        #expect(!family.isDueForRetentionReview(on: Self.day("2099-01-01"), under: RetentionPolicy()))
    }
}
