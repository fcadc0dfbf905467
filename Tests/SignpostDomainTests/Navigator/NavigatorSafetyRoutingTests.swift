import Foundation
import SignpostDomain
import Testing

/// Friday 19 December 2025, 17:30 GMT: CSCT has just closed for the weekend.
private let fridayEvening = Timestamp.date("2025-12-19T17:30:00Z")!
/// Wednesday 24 December 2025 (Christmas Eve), 18:00 GMT: CSCT next opens on Monday 29 December.
private let christmasEve = Timestamp.date("2025-12-24T18:00:00Z")!
private let morning = Instant.weekdayMorning

extension SituationPerson {
    static func withIndicators(
        _ person: SituationPerson, _ indicators: [LevelIndicator], consent: SituationConsent? = nil
    ) -> SituationPerson {
        var person = person
        person.indicators = indicators
        person.consent = consent
        return person
    }
}

/// The routing defects of issue 11, one situation each, with the destinations the sources require.
let safetyRoutingCases: [RoutingCase] = [
    // 1. Think family: an adult's concern reaches every child of the household, unborn included.
    RoutingCase(
        "think family: mother's domestic abuse makes her children and unborn baby a safeguarding matter",
        [.adult("mum", [.domesticAbuse]), .child("kid", age: 6, [.parenting]), .unborn("bump", due: "2027-02-01")],
        [
            Expected("csct", ["kid", "bump"], .immediate, consent: false),
            Expected("bright-lives", ["mum"], .routine, consent: true),
            Expected("domestic-abuse-support", ["mum"], .routine, consent: false),
        ]),
    RoutingCase(
        "think family: a father's substance use brings early help for his child, who has no concern of her own",
        [.adult("dad", level: .earlyHelp, [.substanceUse]), .child("ava", age: 3)],
        [
            Expected("access-islington", ["dad"], .routine, consent: false),
            Expected("adult-substance-misuse", ["dad"], .routine, consent: false),
            Expected("bright-start", ["ava"], .routine, consent: true),
        ]),
    RoutingCase(
        "think family: a known sex offender joining the household, recorded on the adult, reaches the child",
        [.withIndicators(.adult("partner"), [.sexOffenderJoiningHousehold]), .child("kid", age: 8)],
        [
            Expected("csct", ["kid"], .immediate, consent: false),
            Expected("universal", ["partner"], .routine, consent: false),
        ]),

    // 2. Safeguarding indicators are safeguarding whatever the level typed and whatever the consent.
    RoutingCase(
        "a trafficking indicator at level 2 with consent refused still goes to CSCT", consent: .refused,
        [.withIndicators(.child("teen", age: 15, level: .earlyHelp), [.trafficking])],
        [Expected("csct", ["teen"], .immediate, consent: false)]),
    RoutingCase(
        "a known sex offender joining the household, ticked for the child at level 1, goes to CSCT",
        [.withIndicators(.child("kid", age: 7, level: .universal), [.sexOffenderJoiningHousehold])],
        [Expected("csct", ["kid"], .immediate, consent: false)]),
    RoutingCase(
        "FGM at level 1 with consent not asked goes to CSCT", consent: .notAsked,
        [.withIndicators(.child("girl", age: 10, level: .universal), [.femaleGenitalMutilation])],
        [Expected("csct", ["girl"], .immediate, consent: false)]),

    // 3. Out of hours: the Emergency Duty Team now, CSCT the next working day.
    RoutingCase(
        "a disclosure of sexual abuse at 17:30 on a Friday: EDT now, CSCT on Monday", at: fridayEvening,
        [.child("kid", age: 9, [.sexualAbuse])],
        [
            Expected("emergency-duty-team", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "a disclosure of abuse on Christmas Eve evening: EDT now", at: christmasEve,
        [.child("kid", age: 12, [.physicalAbuse])],
        [
            Expected("emergency-duty-team", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "a child in danger out of hours: 999, EDT, and CSCT the next working day", at: christmasEve,
        [.child("kid", age: 6, [.immediateDanger])],
        [
            Expected("emergency-services", ["kid"], .immediate, consent: false),
            Expected("emergency-duty-team", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .sameDay, consent: false),
        ]),

    // 4. Adults are adults: from 18, adult safeguarding; every age range holds.
    RoutingCase(
        "a 20-year-old with SEND disclosing abuse: Adult Social Care, and keeps Bright Futures and SEND advice",
        [.child("sam", age: 20, send: true, [.physicalAbuse])],
        [
            Expected("adult-social-care", ["sam"], .sameDay, consent: false),
            Expected("bright-futures", ["sam"], .routine, consent: true),
            Expected("targeted-youth-support", ["sam"], .routine, consent: true),
            Expected("send-support", ["sam"], .routine, consent: false),
        ]),
    RoutingCase(
        "a 24-year-old with SEND and a disability at level 3: Adult Social Care, not the Disabled Children's Team",
        [.child("jo", age: 24, level: .complex, send: true, [.disability])],
        [
            Expected("adult-social-care", ["jo"], .routine, consent: true),
            Expected("bright-futures", ["jo"], .routine, consent: true),
            Expected("send-support", ["jo"], .routine, consent: false),
        ]),

    // 5. Level 1 still gets somewhere.
    RoutingCase(
        "a level-1 family asking about play and childcare: the Family Information Service and children's centres",
        [.adult("mum", level: .universal), .child("ava", age: 2, level: .universal)],
        [
            Expected("universal", ["mum"], .routine, consent: false),
            Expected("family-information-service", ["ava"], .routine, consent: false),
            Expected("childrens-centres", ["ava"], .routine, consent: false),
            Expected("health-visiting", ["ava"], .routine, consent: false),
        ]),

    // 6. Pregnancy: Bright Start from conception, and midwifery.
    RoutingCase(
        "a pregnant 19-year-old: Bright Start and midwifery as well as her own services",
        [SituationPerson(id: "lou", role: .adult, age: 19, level: .earlyHelp, concerns: [.isolation], pregnant: true)],
        [
            Expected("bright-start", ["lou"], .routine, consent: true),
            Expected("midwifery", ["lou"], .routine, consent: false),
            Expected("access-islington", ["lou"], .routine, consent: false),
            Expected("bright-lives", ["lou"], .routine, consent: true),
            Expected("fairer-together-hubs", ["lou"], .routine, consent: false),
        ]),

    // 7. Isolated adults reach Bright Lives coaching.
    RoutingCase(
        "an adult alone and isolated after abuse, at level 2: Bright Lives coaching",
        [.adult("ann", age: 52, level: .earlyHelp, [.isolation, .domesticAbuse])],
        [
            Expected("access-islington", ["ann"], .routine, consent: false),
            Expected("bright-lives", ["ann"], .routine, consent: true),
            Expected("domestic-abuse-support", ["ann"], .routine, consent: false),
            Expected("fairer-together-hubs", ["ann"], .routine, consent: false),
        ]),

    // Per-person consent: a 16-year-old's own consent, and one parent's refusal does not bind the other adult.
    RoutingCase(
        "a 16-year-old who agrees for herself gets early help though the family refused", consent: .refused,
        [SituationPerson(id: "mia", role: .child, age: 16, concerns: [.exclusion], consent: .given)],
        [
            Expected("bright-futures", ["mia"], .routine, consent: true),
            Expected("targeted-youth-support", ["mia"], .routine, consent: true),
        ]),
    RoutingCase(
        "a child's early help goes ahead with one parent's consent while the other refuses",
        consent: nil,
        [
            SituationPerson(id: "mum", role: .adult, age: 33, concerns: [], consent: .given),
            SituationPerson(id: "dad", role: .adult, age: 35, concerns: [], consent: .refused),
            .child("kid", age: 7, [.schoolAttendance]),
        ],
        [Expected("bright-futures", ["kid"], .routine, consent: true)]),

    // Concerns that had no route of their own.
    RoutingCase(
        "offending at 14: the Youth Justice Service",
        [.child("kai", age: 14, [.offending])],
        [
            Expected("bright-futures", ["kai"], .routine, consent: true),
            Expected("targeted-youth-support", ["kai"], .routine, consent: true),
            Expected("youth-justice", ["kai"], .routine, consent: true),
        ]),
    RoutingCase(
        "a young carer of 12: a young carer's assessment", [.child("cal", age: 12, [.youngCarer])],
        [
            Expected("bright-futures", ["cal"], .routine, consent: true),
            Expected("targeted-youth-support", ["cal"], .routine, consent: true),
            Expected("young-carers", ["cal"], .routine, consent: true),
        ]),
    RoutingCase(
        "housing for a child: Housing Needs", [.child("ben", age: 8, [.housing])],
        [
            Expected("bright-futures", ["ben"], .routine, consent: true),
            Expected("housing-advice", ["ben"], .routine, consent: false),
        ]),
]

@Suite("Navigator safety routing (issue 11)")
struct NavigatorSafetyRoutingTests {
    @Test("each situation reaches exactly the expected destinations", arguments: safetyRoutingCases)
    func routes(_ row: RoutingCase) throws {
        let situation = Situation(door: .csct, consent: row.consent, people: row.people)
        try situation.validate(today: LondonTime.today(at: row.at))
        let result = Navigator().evaluate(situation, at: row.at)
        let actual = Set(
            result.destinations.map { Expected($0.service, $0.people, $0.urgency, consent: $0.consentRequired) })
        #expect(actual == Set(row.expected), "\(result.text)")
        #expect(!result.warnings.contains { $0.contains("stopped at") }, "every fact was known")
    }

    @Test("think family: the why names the adult whose concern reached the child, and the level is at least 3")
    func thinkFamilyWhy() throws {
        let situation = Situation(
            consent: .given,
            people: [
                SituationPerson(id: "mum", name: "Amara", role: .adult, age: 30, concerns: [.domesticAbuse]),
                .child("kid", age: 6),
            ])
        let result = Navigator().evaluate(situation, at: morning)
        let csct = try #require(result.destination("csct"))
        let why = try #require(csct.why.first { $0.person == "kid" })
        #expect(why.path.first == "Think family: Lives with Amara's domestic abuse")
        #expect(result.levels.first { $0.person == "kid" }?.level == .complex)
    }

    @Test("out of hours the CSCT follow-up says when it opens, not 'same day'")
    func nextWorkingDayFollowUp() throws {
        let situation = Situation(consent: .given, people: [.child("kid", age: 9, [.sexualAbuse])])
        let result = Navigator().evaluate(situation, at: christmasEve)
        let csct = try #require(result.destination("csct"))
        #expect(csct.followUp == "next working day: opens Mon 29/12/2025 09:00")
        #expect(result.text.contains("Children's Services Contact Team (CSCT) (next working day: opens Mon 29/12/2025"))
        #expect(!result.text.contains("(same day"))
        #expect(result.destinations.first?.service == "emergency-duty-team", "the team to phone now comes first")
    }

    @Test("a consent refusal gets the clearest warning: nothing without consent, safeguarding still proceeds")
    func refusalWarning() {
        let situation = Situation(consent: .refused, people: [.child("kid", age: 6, [.parenting])])
        let warnings = Navigator().evaluate(situation, at: morning).warnings
        let refusal = warnings.first { $0.hasPrefix("Consent was refused") }
        #expect(refusal?.contains("no early help referral is made") == true, "\(warnings)")
        #expect(refusal?.contains("Safeguarding does not need consent") == true)
    }

    @Test("text output names services, never ids")
    func namesNotIds() {
        let situation = Situation(consent: .given, people: [.child("kid", age: 6, level: .acute, [.physicalHealth])])
        let text = Navigator().evaluate(situation, at: Instant.weekdayEvening).text
        #expect(!text.contains("emergency-duty-team"), "\(text)")
        let closed = Navigator().evaluate(
            Situation(consent: .given, people: [.adult("gran", age: 80, level: .acute, [.adultCareNeeds])]),
            at: Instant.weekdayEvening)
        #expect(!closed.text.contains("Now: emergency-duty-team"))
    }

    @Test("every concern in the vocabulary reaches at least one destination for some person")
    func everyConcernRoutes() {
        let shapes: [SituationPerson] = [
            .child("a", age: 2), .child("b", age: 8), .child("c", age: 15), .child("d", age: 20, send: true),
            .adult("e", age: 40), .adult("f", age: 80),
        ]
        for concern in Concern.allCases {
            let reached = shapes.contains { shape in
                var person = shape
                person.concerns = [concern]
                let result = Navigator().evaluate(Situation(consent: .given, people: [person]), at: morning)
                return !result.destinations.isEmpty
            }
            #expect(reached, "\(concern.rawValue) reaches no destination for anyone")
        }
    }
}
