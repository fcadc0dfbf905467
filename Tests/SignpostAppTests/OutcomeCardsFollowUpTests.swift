import Foundation
import SignpostDomain
import Testing

@testable import SignpostApp

/// Out of hours, the card for the children's front door is a next-working-day follow-up, never "same day".
@Suite("Outcome cards: out-of-hours follow-ups")
struct OutcomeCardsFollowUpTests {
    @Test("a disclosure on Christmas Eve: the Emergency Duty Team card first, CSCT's card says when it opens")
    func followUpCard() {
        let situation = Situation(
            consent: .given,
            people: [SituationPerson(id: "kid", name: "Kit", role: .child, age: 9, concerns: [.sexualAbuse])])
        let result = Navigator().evaluate(situation, at: Timestamp.date("2025-12-24T18:00:00Z")!)
        let cards = OutcomeCards(result: result, situation: situation, directory: Pathways.islington.directory)
        let texts = cards.lines(width: 100).map(\.text)
        #expect(texts.contains("1. Emergency Duty Team — IMMEDIATE"), "\(texts)")
        #expect(
            texts.contains("2. Children's Services Contact Team (CSCT) — NEXT WORKING DAY: OPENS MON 29/12/2025 09:00"),
            "\(texts)")
        #expect(!texts.contains { $0.contains("SAME DAY") })
        #expect(!texts.contains { $0.contains("Instead now:") }, "the follow-up is not told to use another team")
    }
}
