import Foundation

/// A fact of the situation that can answer a question without asking the practitioner.
///
/// In a pathways file a question names its fact (`"fact": "age-band"`); the
/// answers' values must be ones the fact can produce, which ``load`` checks.
/// Concern facts name the concern: `concern:mental-health`.
public enum NavigatorFact: Hashable, Sendable, CustomStringConvertible {
    /// The consent that applies to the person's early help (their own, else the adults', else the family's; see
    /// ``Situation/consent(for:today:)``): `given`, `refused`, `not-asked`. A family question: when nothing is
    /// recorded the practitioner is asked once for the family, and a person's own recorded answer still wins.
    case consent
    /// Whether the practitioner set the person's level (rather than it being suggested): `yes`, `no`.
    case levelGiven
    /// Whether it is office hours in London (weekday 09:00–17:00, not a bank holiday): `yes`, `no`.
    case officeHours
    /// The door the contact came through: a ``ContactDoor`` id.
    case door
    /// `child` or `adult`.
    case role
    /// The age band services are organised by: see ``ServiceAgeBand``.
    case ageBand
    /// Under 18 (an unborn child counts): `yes`, `no`. Children's health services such as CAMHS stop at 18 even where
    /// children's services carry on to 25 for SEND.
    case under18
    /// Has special educational needs or a disability: `yes`, `no`.
    case send
    /// The person's level, given or suggested: `1` to `4`.
    case level
    /// Whether any concern or indicator is recorded for the person, or one is lived with at home (think
    /// family): `yes`, `no`.
    case hasConcerns
    /// Whether any concern of the person's own is recorded (not one they live with): `yes`, `no`.
    case ownConcerns
    /// Whether a safeguarding service must hear about the person (``Situation/isSafeguarding(_:today:)``):
    /// a safeguarding concern or indicator, domestic abuse at home for a child, a risk from the household.
    case safeguarding
    /// Whether a safeguarding matter cannot wait for the next working day (level 4, a disclosure of abuse,
    /// a missing child, FGM, forced marriage, trafficking): `yes`, `no`.
    case urgentSafeguarding
    /// Whether an adult's record carries a risk to the household's children: `yes`, `no`.
    case householdRisk
    /// Whether the person is pregnant: `yes`, `no`.
    case pregnant
    /// Domestic abuse at high risk: the MARAC indicator, or domestic abuse at level 4: `yes`, `no`.
    case highRiskDomesticAbuse
    /// Whether this concern is recorded for the person: `yes`, `no`.
    case concern(Concern)

    /// Reads a fact id (`office-hours`, `concern:self-harm`); nil if it is not one.
    public init?(id: String) {
        if id.hasPrefix("concern:") {
            guard let concern = Concern(rawValue: String(id.dropFirst("concern:".count))) else { return nil }
            self = .concern(concern)
            return
        }
        switch id {
        case "consent": self = .consent
        case "office-hours": self = .officeHours
        case "door": self = .door
        case "role": self = .role
        case "age-band": self = .ageBand
        case "under-18": self = .under18
        case "send": self = .send
        case "level": self = .level
        case "has-concerns": self = .hasConcerns
        case "own-concerns": self = .ownConcerns
        case "level-given": self = .levelGiven
        case "safeguarding": self = .safeguarding
        case "urgent-safeguarding": self = .urgentSafeguarding
        case "household-risk": self = .householdRisk
        case "pregnant": self = .pregnant
        case "high-risk-domestic-abuse": self = .highRiskDomesticAbuse
        default: return nil
        }
    }

    /// The fact's id as pathways files write it.
    public var id: String {
        switch self {
        case .consent: return "consent"
        case .officeHours: return "office-hours"
        case .door: return "door"
        case .role: return "role"
        case .ageBand: return "age-band"
        case .under18: return "under-18"
        case .send: return "send"
        case .level: return "level"
        case .hasConcerns: return "has-concerns"
        case .ownConcerns: return "own-concerns"
        case .levelGiven: return "level-given"
        case .safeguarding: return "safeguarding"
        case .urgentSafeguarding: return "urgent-safeguarding"
        case .householdRisk: return "household-risk"
        case .pregnant: return "pregnant"
        case .highRiskDomesticAbuse: return "high-risk-domestic-abuse"
        case .concern(let concern): return "concern:\(concern.rawValue)"
        }
    }

    public var description: String { id }

    /// Whether the fact is about the family (and so answered once) or about a person.
    public var scope: QuestionScope {
        switch self {
        case .consent, .officeHours, .door: return .family
        default: return .person
        }
    }

    /// Every value the fact can produce; a question's answers must be among them.
    public var values: [String] {
        switch self {
        case .consent: return SituationConsent.allCases.map(\.rawValue)
        case .door: return ContactDoor.allCases.map(\.rawValue)
        case .role: return SituationRole.allCases.map(\.rawValue)
        case .ageBand: return ServiceAgeBand.allCases.map(\.rawValue)
        case .level: return NeedLevel.allCases.map { String($0.rawValue) }
        case .officeHours, .send, .hasConcerns, .ownConcerns, .levelGiven, .safeguarding, .urgentSafeguarding,
            .householdRisk,
            .pregnant, .highRiskDomesticAbuse, .concern, .under18:
            return ["yes", "no"]
        }
    }

    /// The fact's value for `person` in `situation` at `instant`; nil when the situation does not say.
    public func value(
        for person: SituationPerson, in situation: Situation, directory: ServiceDirectory, at instant: Date
    )
        -> String?
    {
        func yesNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
        let today = LondonTime.today(at: instant)
        switch self {
        case .consent: return situation.consent(for: person, today: today)?.rawValue
        case .officeHours: return yesNo(directory.isOfficeHours(at: instant))
        case .door: return situation.door?.rawValue
        case .role: return person.role.rawValue
        case .ageBand: return ServiceAgeBand(person, today: today)?.rawValue
        case .under18:
            // A child whose age is unknown is treated as a child: the children's front door takes the call.
            if person.role == .adult && person.age(on: today) == nil { return "no" }
            return yesNo(Situation.isUnder18(person, today: today))
        case .send: return yesNo(person.send || person.concerns?.contains(.send) == true)
        case .level: return situation.effectiveLevel(for: person, today: today).map { String($0.rawValue) }
        case .hasConcerns:
            if !situation.householdConcerns(for: person, today: today).isEmpty || !person.indicators.isEmpty {
                return "yes"
            }
            return person.concerns.map { yesNo(!$0.isEmpty) }
        case .ownConcerns: return person.concerns.map { yesNo(!$0.isEmpty) }
        case .levelGiven: return yesNo(person.level != nil)
        case .safeguarding:
            if situation.isSafeguarding(person, today: today) { return "yes" }
            return person.concerns.map { _ in "no" }
        case .urgentSafeguarding: return yesNo(situation.isUrgentSafeguarding(person, today: today))
        case .householdRisk: return yesNo(situation.posesHouseholdRisk(person, today: today))
        case .pregnant: return yesNo(person.pregnant)
        case .highRiskDomesticAbuse:
            let domesticAbuse = person.concerns?.contains(.domesticAbuse) == true
            let level = situation.effectiveLevel(for: person, today: today)
            return yesNo(
                person.indicators.contains(.domesticViolenceHeardAtMARAC) || (domesticAbuse && level == .acute))
        case .concern(let concern): return person.concerns.map { yesNo($0.contains(concern)) }
        }
    }
}

/// The age bands the navigator routes on, cut where Islington's early help services start and stop.
///
/// Not the household ``AgeBand`` (school phases): Targeted Youth Support starts at 10 and runs to 21.
///
/// Bright Start: pregnancy to under 5. Bright Futures: 5–19 (25 with SEND).
/// Targeted Youth Support: 10–21.
public enum ServiceAgeBand: String, CaseIterable, Codable, Sendable {
    case unborn
    case under5 = "under-5"
    case from5to9 = "5-9"
    case from10to19 = "10-19"
    case from20to21 = "20-21"
    case from22to25 = "22-25"
    case over25 = "over-25"

    /// The band for a person on `today`; nil when their age is not known.
    public init?(_ person: SituationPerson, today: CalendarDate) {
        if person.unborn {
            // A baby past the expected date with no date of birth recorded is, for services, under 5.
            if let expected = person.expectedDate, expected < today {
                self = .under5
            } else {
                self = .unborn
            }
            return
        }
        guard let age = person.age(on: today) else { return nil }
        switch age {
        case ..<5: self = .under5
        case 5...9: self = .from5to9
        case 10...19: self = .from10to19
        case 20...21: self = .from20to21
        case 22...25: self = .from22to25
        default: self = .over25
        }
    }
}
