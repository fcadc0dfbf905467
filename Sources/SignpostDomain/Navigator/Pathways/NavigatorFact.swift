import Foundation

/// A fact of the situation that can answer a question without asking the practitioner.
///
/// In a pathways file a question names its fact (`"fact": "age-band"`); the
/// answers' values must be ones the fact can produce, which ``load`` checks.
/// Concern facts name the concern: `concern:mental-health`.
public enum NavigatorFact: Hashable, Sendable, CustomStringConvertible {
    /// The family's consent to early help: `given`, `refused`, `not-asked`.
    case consent
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
    /// Whether any concern is recorded for the person: `yes`, `no`.
    case hasConcerns
    /// Whether any recorded concern is a safeguarding one (abuse, neglect, exploitation, missing, danger, and for a
    /// child, domestic abuse at home): `yes`, `no`.
    case safeguarding
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
        case "safeguarding": self = .safeguarding
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
        case .safeguarding: return "safeguarding"
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
        case .officeHours, .send, .hasConcerns, .safeguarding, .concern, .under18: return ["yes", "no"]
        }
    }

    /// The fact's value for `person` in `situation` at `instant`; nil when the situation does not say.
    public func value(
        for person: SituationPerson, in situation: Situation, directory: ServiceDirectory, at instant: Date
    )
        -> String?
    {
        func yesNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
        switch self {
        case .consent: return situation.consent?.rawValue
        case .officeHours: return yesNo(directory.isOfficeHours(at: instant))
        case .door: return situation.door?.rawValue
        case .role: return person.role.rawValue
        case .ageBand: return ServiceAgeBand(person, today: LondonTime.today(at: instant))?.rawValue
        case .under18:
            if person.unborn { return "yes" }
            return person.age(on: LondonTime.today(at: instant)).map { yesNo($0 < 18) }
        case .send: return yesNo(person.send || person.concerns?.contains(.send) == true)
        case .level: return person.effectiveLevel().map { String($0.rawValue) }
        case .hasConcerns: return person.concerns.map { yesNo(!$0.isEmpty) }
        case .safeguarding:
            // A child living with domestic abuse between carers is a safeguarding matter (level 3 in the
            // threshold guidance), so it goes to CSCT whatever the family says about consent; for an adult,
            // domestic abuse is routed by their own needs instead.
            return person.concerns.map { concerns in
                yesNo(concerns.contains { $0.isSafeguarding || (person.role == .child && $0 == .domesticAbuse) })
            }
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
