import Foundation

/// A front-door contact as it is being taken: everything typed so far, saved continuously so nothing is lost.
///
/// A draft belongs to the practitioner taking the call. It is saved after every
/// change, so after a crash, a killed terminal or Ctrl-C the next start offers
/// to resume it exactly as it was. Recording the contact (`RecordContact`, in
/// the casework layer) turns the draft into case changes and retires it in the
/// same transaction.
///
/// ```swift
/// var draft = ContactDraft(id: "D-1", practitioner: "sam.okafor", startedAt: now)
/// draft.caller = Caller(name: "Ms Adeyemi", agency: "Hornsey Road Primary", relationship: "class teacher")
/// ```
public struct ContactDraft: Identifiable, Hashable, Codable, Sendable {
    public var id: ContactDraftID
    /// Who is taking the call: drafts are listed and resumed per practitioner.
    public var practitioner: String
    public var startedAt: Date
    public var updatedAt: Date
    /// The step the practitioner was on, so resuming returns there.
    public var step: TriageStep
    public var caller: Caller
    public var door: ContactDoor?
    public var source: ContactSource?
    /// The known family the contact is about, when one was picked.
    public var family: FamilyID?
    /// The family's name as shown when it was picked (or the new family's name).
    public var familyName: String
    /// A new family to create when the contact is recorded (when no known family was picked).
    public var newFamily: NewFamilyDetails?
    /// The people the contact is about, known or new, in the order they were added.
    public var people: [DraftPerson]
    /// What the caller said, in their words.
    public var words: String
    /// The practitioner's judgement of each person's level, with the reason when it overrides the suggestion.
    public var levels: [DraftLevel]
    /// Whether the family agreed to early help; nil until asked.
    public var consent: SituationConsent?
    /// Who gave or refused consent ("mother, on the phone").
    public var consentBy: String
    /// The navigator answers the practitioner gave on the route step, in order.
    public var navigatorAnswers: [String]

    public init(
        id: ContactDraftID, practitioner: String, startedAt: Date, step: TriageStep = .caller,
        caller: Caller = Caller(name: ""), door: ContactDoor? = nil, source: ContactSource? = nil,
        family: FamilyID? = nil, familyName: String = "", newFamily: NewFamilyDetails? = nil,
        people: [DraftPerson] = [], words: String = "", levels: [DraftLevel] = [],
        consent: SituationConsent? = nil, consentBy: String = "", navigatorAnswers: [String] = []
    ) {
        self.id = id
        self.practitioner = practitioner
        self.startedAt = startedAt
        self.updatedAt = startedAt
        self.step = step
        self.caller = caller
        self.door = door
        self.source = source
        self.family = family
        self.familyName = familyName
        self.newFamily = newFamily
        self.people = people
        self.words = words
        self.levels = levels
        self.consent = consent
        self.consentBy = consentBy
        self.navigatorAnswers = navigatorAnswers
    }

    /// True when nothing has been typed or picked: an untouched draft need not be kept.
    public var isEmpty: Bool {
        caller == Caller(name: "") && door == nil && source == nil && family == nil && newFamily == nil
            && people.isEmpty && words.isEmpty && levels.isEmpty && consent == nil && consentBy.isEmpty
    }

    /// One line for the list of drafts: who called, about whom, when it was last touched.
    public var summary: String {
        let who = caller.name.isEmpty ? "caller not named" : caller.summary
        let about = familyName.isEmpty ? "family not chosen" : "\(familyName) family"
        return "\(who) · \(about)"
    }
}

/// The steps of a front-door contact, in order.
public enum TriageStep: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case caller
    case who
    case said
    case level
    case consent
    case route

    /// The step's name on screen.
    public var title: String {
        switch self {
        case .caller: return "Caller"
        case .who: return "Who it is about"
        case .said: return "What was said"
        case .level: return "Level"
        case .consent: return "Consent"
        case .route: return "Route and record"
        }
    }

    /// A one-word name for narrow screens.
    public var shortTitle: String {
        switch self {
        case .caller: return "Caller"
        case .who: return "Who"
        case .said: return "Said"
        case .level: return "Level"
        case .consent: return "Consent"
        case .route: return "Route"
        }
    }

    public var description: String { rawValue }
}

/// A person a contact is about: someone already on record, or someone new to add with the contact.
public struct DraftPerson: Hashable, Codable, Sendable, Identifiable {
    /// The stored person's id, or the id the new person will be given.
    public var id: PersonID
    /// True when the person is not yet on record and will be added when the contact is recorded.
    public var isNew: Bool
    public var givenName: String
    public var familyName: String
    public var role: PersonRole
    public var dateOfBirth: CalendarDate?
    public var expectedDeliveryDate: CalendarDate?
    /// The concerns ticked for this person.
    public var concerns: [Concern]
    /// The threshold indicators ticked for this person, which feed the level suggestion.
    public var indicators: [LevelIndicator]

    public init(
        id: PersonID, isNew: Bool, givenName: String, familyName: String, role: PersonRole,
        dateOfBirth: CalendarDate? = nil, expectedDeliveryDate: CalendarDate? = nil, concerns: [Concern] = [],
        indicators: [LevelIndicator] = []
    ) {
        self.id = id
        self.isNew = isNew
        self.givenName = givenName
        self.familyName = familyName
        self.role = role
        self.dateOfBirth = dateOfBirth
        self.expectedDeliveryDate = expectedDeliveryDate
        self.concerns = concerns
        self.indicators = indicators
    }

    private enum CodingKeys: String, CodingKey {
        case id, isNew, givenName, familyName, role, dateOfBirth, expectedDeliveryDate, concerns, indicators
    }

    /// Drafts saved before indicators were recorded still resume: a missing list is an empty one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(PersonID.self, forKey: .id)
        isNew = try container.decode(Bool.self, forKey: .isNew)
        givenName = try container.decode(String.self, forKey: .givenName)
        familyName = try container.decode(String.self, forKey: .familyName)
        role = try container.decode(PersonRole.self, forKey: .role)
        dateOfBirth = try container.decodeIfPresent(CalendarDate.self, forKey: .dateOfBirth)
        expectedDeliveryDate = try container.decodeIfPresent(CalendarDate.self, forKey: .expectedDeliveryDate)
        concerns = try container.decodeIfPresent([Concern].self, forKey: .concerns) ?? []
        indicators = try container.decodeIfPresent([LevelIndicator].self, forKey: .indicators) ?? []
    }

    /// "Ava Quillfeather".
    public var fullName: String { [givenName, familyName].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// The practitioner's decision on one person's level, and the suggestion it was weighed against.
public struct DraftLevel: Hashable, Codable, Sendable {
    public var person: PersonID
    public var level: NeedLevel
    public var suggested: NeedLevel?
    /// Required when the contact decides `level` and it differs from `suggested`.
    public var reason: String
    /// True once the practitioner set the level themselves (← or → on the level step).
    public var changed: Bool
    /// The person's level on record when the contact reached the level step (nil for new people, or none set).
    public var onRecord: NeedLevel?

    public init(
        person: PersonID, level: NeedLevel, suggested: NeedLevel?, reason: String = "", changed: Bool = false,
        onRecord: NeedLevel? = nil
    ) {
        self.person = person
        self.level = level
        self.suggested = suggested
        self.reason = reason
        self.changed = changed
        self.onRecord = onRecord
    }

    private enum CodingKeys: String, CodingKey {
        case person, level, suggested, reason, changed, onRecord
    }

    /// Drafts saved before `changed` and `onRecord` were kept still resume: the level was not set by hand.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        person = try container.decode(PersonID.self, forKey: .person)
        level = try container.decode(NeedLevel.self, forKey: .level)
        suggested = try container.decodeIfPresent(NeedLevel.self, forKey: .suggested)
        reason = try container.decode(String.self, forKey: .reason)
        changed = try container.decodeIfPresent(Bool.self, forKey: .changed) ?? false
        onRecord = try container.decodeIfPresent(NeedLevel.self, forKey: .onRecord)
    }

    /// True when the practitioner chose a level other than the one suggested.
    public var overridesSuggestion: Bool { suggested.map { $0 != level } ?? false }
}

extension ContactDraft {
    /// Whether this contact decides the person's level: the practitioner set it, ticked concerns or
    /// indicators for them, or what they live with (an adult's concern, "think family") points above
    /// level 1. Everyone else keeps the level on record.
    ///
    /// ```swift
    /// draft.decidesLevel(motherWithNoConcerns)  // false: her level on record is kept
    /// ```
    public func decidesLevel(_ decision: DraftLevel) -> Bool {
        if decision.changed { return true }
        guard let person = people.first(where: { $0.id == decision.person }) else { return false }
        // With nothing ticked for the person, a suggestion above level 1 can only come from the household.
        return !person.concerns.isEmpty || !person.indicators.isEmpty || (decision.suggested ?? .universal) > .universal
    }

    /// True when the contact decides a level other than the suggestion, which needs a reason.
    public func needsReason(_ decision: DraftLevel) -> Bool {
        decidesLevel(decision) && decision.overridesSuggestion
    }

    /// One decision per person, in the people's order.
    ///
    /// A level set by hand is kept; otherwise a person whose level this contact decides (see
    /// ``decidesLevel(_:)``) takes the suggestion, and anyone else shows (and keeps) their level on record.
    /// The suggestion counts the household (see ``suggestion(for:today:)``).
    ///
    /// - Parameters:
    ///   - onRecord: each known person's current level, from the family as stored.
    ///   - today: the day ages are worked out on (who is a child).
    public mutating func settleLevels(onRecord: [PersonID: NeedLevel], today: CalendarDate) {
        let suggestions = Dictionary(
            people.map { ($0.id, suggestion(for: $0, today: today).level) }, uniquingKeysWith: { first, _ in first })
        levels = people.map { person in
            let suggested = suggestions[person.id] ?? .universal
            var decision =
                levels.first { $0.person == person.id }
                ?? DraftLevel(person: person.id, level: suggested, suggested: nil)
            decision.suggested = suggested
            decision.onRecord = onRecord[person.id] ?? decision.onRecord
            if !decision.changed {
                decision.level = decidesLevel(decision) ? suggested : (decision.onRecord ?? suggested)
            }
            return decision
        }
    }
}

/// A family to create with the contact: its name and where it lives.
public struct NewFamilyDetails: Hashable, Codable, Sendable {
    public var name: String
    public var address: Address
    public var locality: Locality

    public init(name: String, address: Address = Address(), locality: Locality = .outOfBorough) {
        self.name = name
        self.address = address
        self.locality = locality
    }
}
