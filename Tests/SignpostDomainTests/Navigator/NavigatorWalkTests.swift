import Foundation
import SignpostDomain
import Testing

@Suite("Navigator walk")
struct NavigatorWalkTests {
    let at = Instant.weekdayMorning

    /// Consent not yet known: the walk must ask for it.
    var consentUnknown: Situation {
        Situation(
            consent: nil, people: [.child("ava", age: 3, [.earlyDevelopment]), .child("ben", age: 7, [.parenting])])
    }

    @Test("answers from the record are marked as such, and the walk stops at the first unknown")
    func stopsAtUnknown() throws {
        let walk = NavigatorWalk(pathways: .islington, situation: consentUnknown, at: at)
        let pending = try #require(walk.pendingQuestion)
        #expect(pending.question.id == "early-help-consent")
        #expect(pending.person == nil, "consent is a family question")
        #expect(pending.walkFor == "ava")
        #expect(!walk.isFinished && walk.result == nil)
        #expect(
            walk.steps.map(\.node) == ["immediate-danger", "role", "child-age", "child-safeguarding", "child-level"])
        #expect(walk.steps.allSatisfy { $0.source == .situation })
        #expect(walk.steps[0].person == "ava" && walk.steps[0].answer == "No")
    }

    @Test("a family question is answered once for everyone")
    func familyOnce() throws {
        var walk = NavigatorWalk(pathways: .islington, situation: consentUnknown, at: at)
        try walk.answer("given")
        #expect(walk.isFinished, "ben's walk reuses the family's answer")
        let consentSteps = walk.steps.filter { $0.node == "early-help-consent" }
        #expect(consentSteps.map(\.walkFor) == ["ava", "ben"])
        #expect(consentSteps.allSatisfy { $0.source == .practitioner && $0.person == nil })
        let result = try #require(walk.result)
        #expect(result.destinations.map(\.service) == ["bright-start", "bright-futures"])
    }

    @Test("back takes back the last answer, restart all of them")
    func backAndRestart() throws {
        var walk = NavigatorWalk(pathways: .islington, situation: consentUnknown, at: at)
        let before = walk.steps
        try walk.answer("refused")
        #expect(walk.isFinished)
        let tookBack = walk.back()
        #expect(tookBack)
        #expect(walk.pendingQuestion?.question.id == "early-help-consent")
        #expect(walk.steps == before)
        let tookBackAgain = walk.back()
        #expect(!tookBackAgain, "nothing left to take back")
        try walk.answer("given")
        walk.restart()
        #expect(walk.pendingQuestion?.question.id == "early-help-consent")
        #expect(walk.steps == before)
    }

    @Test("answers that are not answers are refused")
    func refusesWrongAnswers() throws {
        var walk = NavigatorWalk(pathways: .islington, situation: consentUnknown, at: at)
        #expect(
            throws: NavigatorWalkError.notAnAnswer(
                "maybe", question: "early-help-consent", allowed: ["given", "refused", "not-asked"])
        ) {
            try walk.answer("maybe")
        }
        try walk.answer("given")
        #expect(throws: NavigatorWalkError.finished) { try walk.answer("given") }
    }

    @Test("unknown concerns are asked about the person, one at a time")
    func unknownConcerns() throws {
        let situation = Situation(
            consent: .given, people: [SituationPerson(id: "kid", role: .child, age: 12, concerns: nil)])
        var walk = NavigatorWalk(pathways: .islington, situation: situation, at: at)
        var asked: [String] = []
        let answers = [
            "immediate-danger": "no", "child-safeguarding": "no", "child-level": "2", "tys-own-concern": "yes",
            "specialist-mental-health": "yes",
        ]
        while let pending = walk.pendingQuestion {
            #expect(pending.person?.id == "kid")
            asked.append(pending.question.id)
            try walk.answer(answers[pending.question.id] ?? "no")
        }
        #expect(
            asked == [
                "immediate-danger", "child-safeguarding", "child-level", "tys-own-concern", "specialist-mental-health",
                "specialist-disability", "specialist-substance", "specialist-offending", "specialist-young-carer",
                "housing", "signpost-financial",
            ], "SEND comes from the person's send flag, which is known (false); pregnancy is known (no)")
        let result = try #require(walk.result)
        #expect(Set(result.destinations.map(\.service)) == ["bright-futures", "targeted-youth-support", "camhs"])
        #expect(walk.steps.first { $0.node == "role" }?.source == .situation)
        #expect(walk.steps.first { $0.node == "child-level" }?.source == .practitioner)
    }

    @Test("the walk and the evaluator agree on every routing case", arguments: routingCases)
    func agree(_ row: RoutingCase) {
        let situation = Situation(door: .csct, consent: row.consent, people: row.people)
        let walk = NavigatorWalk(pathways: .islington, situation: situation, at: row.at)
        #expect(walk.isFinished, "nothing to ask: the situation knows everything")
        #expect(walk.result == Navigator().evaluate(situation, at: row.at))
    }

    @Test("the walk answered by hand agrees with the evaluator given the same facts")
    func handAnsweredAgrees() throws {
        var walk = NavigatorWalk(pathways: .islington, situation: consentUnknown, at: at)
        try walk.answer("given")
        var known = consentUnknown
        known.consent = .given
        let evaluated = Navigator().evaluate(known, at: at)
        #expect(walk.result?.destinations == evaluated.destinations)
        #expect(walk.result?.path == evaluated.path)
    }

    @Test("the evaluator warns when it cannot decide, and still walks the others")
    func evaluatorWarns() {
        let situation = Situation(
            consent: nil, people: [.child("ava", age: 3, [.earlyDevelopment]), .child("kid", age: 8, [.neglect])])
        let result = Navigator().evaluate(situation, at: at)
        #expect(result.destinations.map(\.service) == ["csct"])
        #expect(
            result.warnings.contains {
                $0.hasPrefix(
                    "ava: stopped at “Has the family (or the young person) agreed to early help?” (consent is not known)"
                )
            })
    }

    @Test("warnings: consent not asked for early help; out of hours, CSCT is a next-working-day follow-up")
    func warnings() {
        let notAsked = Navigator().evaluate(
            Situation(consent: .notAsked, people: [.child("ava", age: 3, [.earlyDevelopment])]), at: at)
        #expect(notAsked.warnings.contains { $0.hasPrefix("Consent has not been asked for an early help need") })
        let evening = Navigator().evaluate(
            Situation(consent: .given, people: [.child("kid", age: 8, [.neglect])]), at: Instant.weekdayEvening)
        #expect(evening.destination("csct")?.followUp == "next working day: opens Tue 24/11/2026 09:00")
        #expect(evening.destination("csct")?.actions.contains { $0.contains("020 7226 0992") } == true)
    }

    @Test("the result explains each destination: contact, why per person, path; and prints as text and JSON")
    func resultShape() throws {
        let situation = try Situation.decode(Data(SituationTests.example.utf8))
        let result = Navigator().evaluate(situation, at: at)
        let brightStart = try #require(result.destination("bright-start"))
        #expect(brightStart.contact.phones.first?.number == "020 7527 8376")
        #expect(brightStart.contact.openNow)
        #expect(brightStart.contact.status == "Open until Mon 23/11/2026 17:00")
        #expect(brightStart.contact.sessions == ["Family support surgeries: Mon, Wed, Fri 09:00-12:00"])
        #expect(brightStart.why.map(\.person) == ["ava"])
        #expect(brightStart.why[0].path.last == "Which age band is the child in? Under 5")
        #expect(result.path.first == "immediate-danger")
        #expect(result.path.contains("nothing-raised"), "bump has nothing raised")
        #expect(result.text.contains("1. Access Islington") || result.text.contains("1. Bright Start"))
        #expect(result.text.contains("ava: L2 Early help (suggested)"))
        let json = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Set(object.keys) == ["destinations", "levels", "path", "warnings", "at"])
        let first = try #require((object["destinations"] as? [[String: Any]])?.first)
        for key in ["service", "people", "urgency", "consentRequired", "contact", "why"] {
            #expect(first[key] != nil, "destinations[].\(key)")
        }
        #expect(try JSONDecoder().decode(NavigationResult.self, from: json) == result)
    }
}
