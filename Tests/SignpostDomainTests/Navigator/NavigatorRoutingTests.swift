import Foundation
import SignpostDomain
import Testing

/// One expected destination: the service, exactly who it is for, how soon, and whether consent is needed.
struct Expected: Hashable, Sendable, CustomStringConvertible {
    var service: ServiceID
    var people: [PersonID]
    var urgency: Urgency
    var consentRequired: Bool

    init(_ service: ServiceID, _ people: [PersonID], _ urgency: Urgency, consent: Bool) {
        self.service = service
        self.people = people
        self.urgency = urgency
        self.consentRequired = consent
    }

    var description: String { "\(service) \(people) \(urgency) consent:\(consentRequired)" }
}

/// A situation, an instant, and the exact destinations it must lead to.
struct RoutingCase: Sendable, CustomTestStringConvertible {
    var name: String
    var at: Date
    var consent: SituationConsent?
    var people: [SituationPerson]
    var expected: [Expected]

    init(
        _ name: String, at: Date = Instant.weekdayMorning, consent: SituationConsent? = .given,
        _ people: [SituationPerson], _ expected: [Expected]
    ) {
        self.name = name
        self.at = at
        self.consent = consent
        self.people = people
        self.expected = expected
    }

    var testDescription: String { name }
}

private let morning = Instant.weekdayMorning
private let evening = Instant.weekdayEvening

/// Every rule the issue sets for the default pathways, one situation per row.
let routingCases: [RoutingCase] = [
    // Immediate danger: 999 first, then CSCT (child) or Adult Social Care (adult) in office hours, EDT out of hours.
    RoutingCase(
        "child in danger, weekday 11:00", [.child("kid", age: 6, [.immediateDanger])],
        [
            Expected("emergency-services", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .immediate, consent: false),
        ]),
    RoutingCase(
        "child in danger, weekday 19:30", at: evening, [.child("kid", age: 6, [.immediateDanger])],
        [
            Expected("emergency-services", ["kid"], .immediate, consent: false),
            Expected("emergency-duty-team", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "child in danger, Saturday", at: Instant.saturday, [.child("kid", age: 6, [.immediateDanger])],
        [
            Expected("emergency-services", ["kid"], .immediate, consent: false),
            Expected("emergency-duty-team", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "child in danger, bank holiday Monday 11:00", at: Instant.bankHoliday,
        [.child("kid", age: 6, [.immediateDanger])],
        [
            Expected("emergency-services", ["kid"], .immediate, consent: false),
            Expected("emergency-duty-team", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "child in danger, 09:30 BST is office hours", at: Instant.summerMorning,
        [.child("kid", age: 6, [.immediateDanger])],
        [
            Expected("emergency-services", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .immediate, consent: false),
        ]),
    RoutingCase(
        "child in danger, 17:30 BST is out of hours", at: Instant.summerEvening,
        [.child("kid", age: 6, [.immediateDanger])],
        [
            Expected("emergency-services", ["kid"], .immediate, consent: false),
            Expected("emergency-duty-team", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "adult in danger, weekday 11:00", [.adult("mum", [.immediateDanger])],
        [
            Expected("emergency-services", ["mum"], .immediate, consent: false),
            Expected("adult-social-care", ["mum"], .immediate, consent: false),
        ]),
    RoutingCase(
        "adult in danger, Saturday", at: Instant.saturday, [.adult("mum", [.immediateDanger])],
        [
            Expected("emergency-services", ["mum"], .immediate, consent: false),
            Expected("emergency-duty-team", ["mum"], .immediate, consent: false),
            Expected("adult-social-care", ["mum"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "mother and child both in danger: 999 for both, then each front door", consent: .refused,
        [.adult("mum", [.immediateDanger, .domesticAbuse]), .child("kid", age: 3, [.immediateDanger])],
        [
            Expected("emergency-services", ["mum", "kid"], .immediate, consent: false),
            Expected("adult-social-care", ["mum"], .immediate, consent: false),
            Expected("csct", ["kid"], .immediate, consent: false),
            Expected("marac", ["mum"], .routine, consent: false),
            Expected("domestic-abuse-support", ["mum"], .routine, consent: false),
        ]),

    // Suspected abuse, neglect or exploitation: CSCT by phone, consent or not.
    RoutingCase(
        "neglect, consent given, office hours", [.child("kid", age: 7, [.neglect])],
        [Expected("csct", ["kid"], .immediate, consent: false)]),
    RoutingCase(
        "neglect, consent refused, still CSCT", consent: .refused, [.child("kid", age: 7, [.neglect])],
        [Expected("csct", ["kid"], .immediate, consent: false)]),
    RoutingCase(
        "sexual abuse, consent not asked, weekday evening: EDT now, CSCT the next working day", at: evening,
        consent: .notAsked, [.child("kid", age: 9, [.sexualAbuse])],
        [
            Expected("emergency-duty-team", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "physical abuse at level 4, weekday evening: Emergency Duty Team", at: evening,
        [.child("kid", age: 9, level: .acute, [.physicalAbuse])],
        [
            Expected("emergency-duty-team", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "exploitation of a 15-year-old at level 3, Saturday", at: Instant.saturday,
        [.child("teen", age: 15, [.exploitation])],
        [Expected("csct", ["teen"], .sameDay, consent: false)]),
    RoutingCase(
        "exploitation at level 4 on a bank holiday", at: Instant.bankHoliday,
        [.child("teen", age: 15, level: .acute, [.exploitation])],
        [
            Expected("emergency-duty-team", ["teen"], .immediate, consent: false),
            Expected("csct", ["teen"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "missing child in summer time office hours", at: Instant.summerMorning, [.child("teen", age: 14, [.missing])],
        [Expected("csct", ["teen"], .immediate, consent: false)]),
    RoutingCase(
        "neglect and mental health with consent: CSCT and CAMHS", [.child("kid", age: 11, [.neglect, .mentalHealth])],
        [Expected("csct", ["kid"], .immediate, consent: false), Expected("camhs", ["kid"], .routine, consent: true)]),
    RoutingCase(
        "neglect and mental health without consent: CSCT only", consent: .refused,
        [.child("kid", age: 11, [.neglect, .mentalHealth])], [Expected("csct", ["kid"], .immediate, consent: false)]),
    RoutingCase(
        "emotional abuse given level 2 still goes to CSCT",
        [.child("kid", age: 4, level: .earlyHelp, [.emotionalAbuse])],
        [Expected("csct", ["kid"], .immediate, consent: false)]),
    RoutingCase(
        "unborn baby with a safeguarding concern", [.unborn("bump", due: "2027-02-01", [.neglect])],
        [Expected("csct", ["bump"], .immediate, consent: false)]),

    // Level 4 and level 3 without a safeguarding concern.
    RoutingCase(
        "acute health need at level 4, office hours", [.child("kid", age: 5, level: .acute, [.physicalHealth])],
        [Expected("csct", ["kid"], .immediate, consent: false)]),
    RoutingCase(
        "acute health need at level 4, weekday evening", at: evening,
        [.child("kid", age: 5, level: .acute, [.physicalHealth])],
        [
            Expected("emergency-duty-team", ["kid"], .immediate, consent: false),
            Expected("csct", ["kid"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "complex needs with consent: CSCT referral", [.child("kid", age: 8, level: .complex, [.substanceUse])],
        [Expected("csct", ["kid"], .routine, consent: true)]),
    RoutingCase(
        "complex needs without consent: consult CSCT, no referral", consent: .refused,
        [.child("kid", age: 8, level: .complex, [.substanceUse])],
        [Expected("csct", ["kid"], .routine, consent: false)]),
    RoutingCase(
        "a child living with domestic abuse, consent refused: CSCT now, consent is not a precondition",
        consent: .refused, [.child("kid", age: 8, [.domesticAbuse])],
        [Expected("csct", ["kid"], .immediate, consent: false)]),
    RoutingCase(
        "disabled child with complex needs: CSCT and the Disabled Children's Team",
        [.child("kid", age: 10, level: .complex, [.disability])],
        [
            Expected("csct", ["kid"], .routine, consent: true),
            Expected("disabled-childrens-team", ["kid"], .routine, consent: true),
        ]),

    // Level 2: early help with consent, by age band.
    RoutingCase(
        "under five: Bright Start", [.child("ava", born: "2022-03-14", [.earlyDevelopment])],
        [Expected("bright-start", ["ava"], .routine, consent: true)]),
    RoutingCase(
        "unborn at level 2: Bright Start", [.unborn("bump", due: "2027-02-01", level: .earlyHelp)],
        [Expected("bright-start", ["bump"], .routine, consent: true)]),
    RoutingCase(
        "seven-year-old: Bright Futures", [.child("kid", age: 7, [.schoolAttendance])],
        [Expected("bright-futures", ["kid"], .routine, consent: true)]),
    RoutingCase(
        "fourteen-year-old with their own concern: Bright Futures and TYS", [.child("teen", age: 14, [.exclusion])],
        [
            Expected("bright-futures", ["teen"], .routine, consent: true),
            Expected("targeted-youth-support", ["teen"], .routine, consent: true),
        ]),
    RoutingCase(
        "twelve-year-old at level 2 with no concern of their own: Bright Futures only",
        [.child("kid", age: 12, level: .earlyHelp)], [Expected("bright-futures", ["kid"], .routine, consent: true)]),
    RoutingCase(
        "children under and over five: Bright Start and Bright Futures together",
        [.child("ava", age: 3, [.parenting]), .child("ben", age: 8, [.parenting])],
        [
            Expected("bright-start", ["ava"], .routine, consent: true),
            Expected("bright-futures", ["ben"], .routine, consent: true),
        ]),
    RoutingCase(
        "unborn, four and eleven: Bright Start for two, Bright Futures and TYS for one",
        [
            .unborn("bump", due: "2027-02-01", level: .earlyHelp), .child("ava", age: 4, [.earlyDevelopment]),
            .child("cal", age: 11, [.youngCarer]),
        ],
        [
            Expected("bright-start", ["bump", "ava"], .routine, consent: true),
            Expected("bright-futures", ["cal"], .routine, consent: true),
            Expected("targeted-youth-support", ["cal"], .routine, consent: true),
            Expected("young-carers", ["cal"], .routine, consent: true),
        ]),
    RoutingCase(
        "23 with SEND: Bright Futures and SEND advice", [.child("sam", age: 23, send: true, [.send])],
        [
            Expected("bright-futures", ["sam"], .routine, consent: true),
            Expected("send-support", ["sam"], .routine, consent: false),
        ]),
    RoutingCase(
        "20 with SEND and mental health: Bright Futures, TYS, SEND advice; iCope for mental health, not CAMHS",
        [.child("sam", age: 20, send: true, [.mentalHealth])],
        [
            Expected("bright-futures", ["sam"], .routine, consent: true),
            Expected("targeted-youth-support", ["sam"], .routine, consent: true),
            Expected("icope", ["sam"], .routine, consent: false),
            Expected("send-support", ["sam"], .routine, consent: false),
        ]),
    RoutingCase(
        "20 without SEND: TYS only", [.child("jo", age: 20, [.offending])],
        [Expected("targeted-youth-support", ["jo"], .routine, consent: true)]),
    RoutingCase(
        "24 without SEND: past children's early help, universal services", [.child("jo", age: 24, [.isolation])],
        [
            Expected("universal", ["jo"], .routine, consent: false),
            Expected("family-information-service", ["jo"], .routine, consent: false),
        ]),
    RoutingCase(
        "13 with mental health: Bright Futures, TYS and CAMHS", [.child("teen", age: 13, [.mentalHealth])],
        [
            Expected("bright-futures", ["teen"], .routine, consent: true),
            Expected("targeted-youth-support", ["teen"], .routine, consent: true),
            Expected("camhs", ["teen"], .routine, consent: true),
        ]),
    RoutingCase(
        "disabled six-year-old at level 2: Bright Futures and SEND advice",
        [.child("kid", age: 6, level: .earlyHelp, [.disability])],
        [
            Expected("bright-futures", ["kid"], .routine, consent: true),
            Expected("send-support", ["kid"], .routine, consent: false),
        ]),
    RoutingCase(
        "early help refused: no referral, universal and self-referral", consent: .refused,
        [.child("kid", age: 6, [.parenting])],
        [
            Expected("universal", ["kid"], .routine, consent: false),
            Expected("family-information-service", ["kid"], .routine, consent: false),
        ]),
    RoutingCase(
        "early help not asked: no referral yet", consent: .notAsked, [.child("kid", age: 2, [.earlyDevelopment])],
        [
            Expected("universal", ["kid"], .routine, consent: false),
            Expected("family-information-service", ["kid"], .routine, consent: false),
        ]),
    RoutingCase(
        "consent refused, one child neglected and one with early help needs", consent: .refused,
        [.child("kid", age: 6, [.parenting]), .child("baby", age: 1, [.neglect])],
        [
            Expected("csct", ["baby"], .immediate, consent: false),
            Expected("universal", ["kid"], .routine, consent: false),
            Expected("family-information-service", ["kid"], .routine, consent: false),
        ]),

    // Level 1: universal services, no referral.
    RoutingCase(
        "level 1 child: universal services, and the school nurse for a health concern",
        [.child("kid", age: 6, level: .universal, [.physicalHealth])],
        [
            Expected("universal", ["kid"], .routine, consent: false),
            Expected("family-information-service", ["kid"], .routine, consent: false),
            Expected("school-nursing", ["kid"], .routine, consent: false),
        ]),
    RoutingCase(
        "a disabled three-year-old at level 2: Bright Start, SEND advice and Early Years SEND",
        [.child("ava", age: 3, level: .earlyHelp, [.disability])],
        [
            Expected("bright-start", ["ava"], .routine, consent: true),
            Expected("send-support", ["ava"], .routine, consent: false),
            Expected("early-years-send", ["ava"], .routine, consent: false),
        ]),
    RoutingCase("a child with nothing raised: no destination", [.child("kid", age: 6)], []),
    RoutingCase(
        "adult looking for work: unemployment is level 2, Access Islington and iWork", [.adult("dad", [.employment])],
        [
            Expected("access-islington", ["dad"], .routine, consent: false),
            Expected("iwork", ["dad"], .routine, consent: false),
        ]),

    // Adults: think family.
    RoutingCase(
        "adult with debt at level 2: Access Islington and income maximisation",
        [.adult("mum", level: .earlyHelp, [.financial])],
        [
            Expected("access-islington", ["mum"], .routine, consent: false),
            Expected("income-maximisation", ["mum"], .routine, consent: false),
        ]),
    RoutingCase(
        "adult with care and support needs: Adult Social Care", [.adult("gran", age: 78, [.adultCareNeeds])],
        [Expected("adult-social-care", ["gran"], .routine, consent: true)]),
    RoutingCase(
        "disabled adult at level 2: Access Islington and Adult Social Care",
        [.adult("dad", level: .earlyHelp, [.disability])],
        [
            Expected("access-islington", ["dad"], .routine, consent: false),
            Expected("adult-social-care", ["dad"], .routine, consent: true),
        ]),
    RoutingCase(
        "adult with complex needs: Bright Lives coaching",
        [.adult("dad", level: .complex, [.mentalHealth, .substanceUse])],
        [
            Expected("bright-lives", ["dad"], .routine, consent: true),
            Expected("icope", ["dad"], .routine, consent: false),
            Expected("adult-substance-misuse", ["dad"], .routine, consent: false),
        ]),
    RoutingCase(
        "adult with complex needs refusing: Access Islington signpost", consent: .refused,
        [.adult("dad", level: .complex, [.mentalHealth, .substanceUse])],
        [
            Expected("access-islington", ["dad"], .routine, consent: false),
            Expected("icope", ["dad"], .routine, consent: false),
            Expected("adult-substance-misuse", ["dad"], .routine, consent: false),
        ]),
    RoutingCase(
        "urgent adult care needs, weekday evening: EDT, then Adult Social Care", at: evening,
        [.adult("gran", age: 80, level: .acute, [.adultCareNeeds])],
        [
            Expected("emergency-duty-team", ["gran"], .immediate, consent: false),
            Expected("adult-social-care", ["gran"], .routine, consent: true),
        ]),
    RoutingCase(
        "urgent adult care needs, office hours: Adult Social Care now",
        [.adult("gran", age: 80, level: .acute, [.adultCareNeeds])],
        [Expected("adult-social-care", ["gran"], .immediate, consent: false)]),
    RoutingCase(
        "adult at risk of abuse, office hours", [.adult("gran", age: 80, [.physicalAbuse])],
        [Expected("adult-social-care", ["gran"], .sameDay, consent: false)]),
    RoutingCase(
        "adult disclosing abuse, Saturday: EDT now, Adult Social Care when it opens", at: Instant.saturday,
        [.adult("gran", age: 80, [.physicalAbuse])],
        [
            Expected("emergency-duty-team", ["gran"], .immediate, consent: false),
            Expected("adult-social-care", ["gran"], .sameDay, consent: false),
        ]),
    RoutingCase(
        "adults only: one isolated, one with care needs",
        [.adult("ann", age: 70, [.isolation]), .adult("bob", age: 74, [.adultCareNeeds])],
        [
            Expected("access-islington", ["ann"], .routine, consent: false),
            Expected("bright-lives", ["ann"], .routine, consent: true),
            Expected("fairer-together-hubs", ["ann"], .routine, consent: false),
            Expected("adult-social-care", ["bob"], .routine, consent: true),
        ]),
    RoutingCase(
        "think family: mother's domestic abuse makes her child's case a safeguarding one",
        [.adult("mum", [.domesticAbuse]), .child("kid", age: 6, [.parenting])],
        [
            Expected("bright-lives", ["mum"], .routine, consent: true),
            Expected("domestic-abuse-support", ["mum"], .routine, consent: false),
            Expected("csct", ["kid"], .immediate, consent: false),
        ]),
    RoutingCase(
        "the issue's example family",
        [
            .adult("mum", age: 34, level: .earlyHelp, [.financial]),
            .child("ava", born: "2022-03-14", [.earlyDevelopment]),
            .unborn("bump", due: "2027-02-01"),
        ],
        [
            Expected("access-islington", ["mum"], .routine, consent: false),
            Expected("income-maximisation", ["mum"], .routine, consent: false),
            Expected("bright-start", ["ava"], .routine, consent: true),
        ]),
]

@Suite("Navigator routing (Islington pathways)")
struct NavigatorRoutingTests {
    @Test("there are at least 40 routing cases") func enoughCases() { #expect(routingCases.count >= 40) }

    @Test("each situation reaches exactly the expected destinations", arguments: routingCases)
    func routes(_ row: RoutingCase) throws {
        let situation = Situation(door: .csct, consent: row.consent, people: row.people)
        try situation.validate(today: LondonTime.today(at: row.at))
        let result = Navigator().evaluate(situation, at: row.at)
        let actual = Set(
            result.destinations.map { Expected($0.service, $0.people, $0.urgency, consent: $0.consentRequired) })
        #expect(actual == Set(row.expected), "\(result.text)")
        #expect(!result.warnings.contains { $0.contains("stopped at") }, "every fact was known")
    }

    @Test("destinations are listed most urgent first, 999 before the team that follows it")
    func urgentFirst() {
        let situation = Situation(
            consent: .given, people: [.child("ava", age: 3, [.parenting]), .child("kid", age: 6, [.immediateDanger])])
        let result = Navigator().evaluate(situation, at: Instant.weekdayMorning)
        #expect(result.destinations.map(\.service) == ["emergency-services", "csct", "bright-start"])
    }
}
