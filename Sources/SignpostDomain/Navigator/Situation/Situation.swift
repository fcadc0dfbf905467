import Foundation

/// What the navigator knows about a family at the moment of a contact: who is in it, their concerns, and consent.
///
/// Any fact may be unknown (nil): the interactive walk then asks the
/// practitioner for it, and the automatic evaluation reports that it could not
/// decide. The JSON form is the one `signpost navigate` reads:
///
/// ```json
/// {"door": "csct", "consent": "given",
///  "people": [
///   {"id": "mum", "role": "adult", "age": 34, "level": 2, "concerns": ["financial"]},
///   {"id": "ava", "role": "child", "dateOfBirth": "2022-03-14", "concerns": ["early-development"]},
///   {"id": "bump", "role": "child", "unborn": true, "expectedDate": "2027-02-01"}]}
/// ```
public struct Situation: Hashable, Sendable {
    /// The door the contact came through, if known.
    public var door: ContactDoor?
    /// The family's answer about early help: the default for every person whose own consent is not recorded
    /// (see ``SituationPerson/consent``); nil when not yet known.
    public var consent: SituationConsent?
    /// The people the contact is about, in the order they are walked.
    public var people: [SituationPerson]

    public init(door: ContactDoor? = nil, consent: SituationConsent? = nil, people: [SituationPerson]) {
        self.door = door
        self.consent = consent
        self.people = people
    }

    /// The person with this id, if any.
    public subscript(person id: PersonID) -> SituationPerson? { people.first { $0.id == id } }
}

/// The family's answer when asked to agree to an early help referral.
public enum SituationConsent: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case given
    case refused
    /// Nobody has asked yet: early help cannot be requested until someone does.
    case notAsked = "not-asked"

    public var description: String { rawValue }
}

/// Whether the navigator treats someone as a child (including a young person up to 25 with SEND) or an adult.
public enum SituationRole: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// A child or young person: under 18, or up to 25 with special educational needs or a disability.
    case child
    case adult

    public var description: String { rawValue }
}

/// One person in a ``Situation``.
public struct SituationPerson: Hashable, Sendable, Identifiable {
    /// An id unique within the situation (`mum`, `ava`, or a stored `PersonID`).
    public var id: PersonID
    /// A name to show; the id is shown when there is none.
    public var name: String?
    public var role: SituationRole
    /// Age in whole years, when no date of birth is given.
    public var age: Int?
    public var dateOfBirth: CalendarDate?
    /// A baby not yet born; then `expectedDate` is the expected date of delivery.
    public var unborn: Bool
    public var expectedDate: CalendarDate?
    /// Has special educational needs or a disability (children's services then serve them up to 25).
    public var send: Bool
    /// The practitioner's level; nil to use the suggested one.
    public var level: NeedLevel?
    /// The concerns raised; nil when not yet known (the walk asks), empty for "none".
    public var concerns: [Concern]?
    /// Threshold indicators ticked for this person, which feed the level suggestion.
    public var indicators: [LevelIndicator]
    /// This person's own answer about early help: an adult's own, a 16–17-year-old's, or a younger child's
    /// judged ``competent``; nil to use the consent that applies to them (see ``Situation/consent(for:)``).
    public var consent: SituationConsent?
    /// A child under 16 judged competent to consent for themselves (Gillick competence).
    public var competent: Bool
    /// Pregnant: Bright Start and midwifery serve the baby from conception.
    public var pregnant: Bool

    public init(
        id: PersonID, name: String? = nil, role: SituationRole, age: Int? = nil, dateOfBirth: CalendarDate? = nil,
        unborn: Bool = false, expectedDate: CalendarDate? = nil, send: Bool = false, level: NeedLevel? = nil,
        concerns: [Concern]? = [], indicators: [LevelIndicator] = [], consent: SituationConsent? = nil,
        competent: Bool = false, pregnant: Bool = false
    ) {
        self.consent = consent
        self.competent = competent
        self.pregnant = pregnant
        self.id = id
        self.name = name
        self.role = role
        self.age = age
        self.dateOfBirth = dateOfBirth
        self.unborn = unborn
        self.expectedDate = expectedDate
        self.send = send
        self.level = level
        self.concerns = concerns
        self.indicators = indicators
    }

    /// The name to show: the given name, or the id.
    public var displayName: String { name ?? id.rawValue }

    /// Age in whole years on `today`: from the date of birth when there is one; nil if unborn or unknown.
    public func age(on today: CalendarDate) -> Int? {
        if unborn { return nil }
        if let dateOfBirth { return dateOfBirth.age(on: today) }
        return age
    }
}
