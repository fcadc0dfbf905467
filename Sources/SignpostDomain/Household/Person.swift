import Foundation

/// One member of a household: a child, an unborn child, or an adult.
///
/// A person's level of need is a history (``levelHistory``), newest last; the
/// current level is the latest entry. An unborn child has an expected date of
/// delivery and no age.
///
/// ```swift
/// let ava = Person(id: "P-ava", role: .child, givenName: "Ava", familyName: "Quillfeather",
///                  dateOfBirth: try CalendarDate(iso: "2022-03-14"))
/// ava.age(on: try CalendarDate(iso: "2026-11-23"))  // 4
/// ```
public struct Person: Identifiable, Hashable, Codable, Sendable {
    public var id: PersonID
    public var role: PersonRole
    public var givenName: String
    public var familyName: String
    /// Other names the person is known by, searched like their real name.
    public var alsoKnownAs: [String]
    /// Date of birth; nil for an unborn child or when not known.
    public var dateOfBirth: CalendarDate?
    /// Expected date of delivery, for an unborn child.
    public var expectedDeliveryDate: CalendarDate?
    public var gender: Gender
    public var ethnicity: Ethnicity?
    public var firstLanguage: String
    public var needs: SpecialNeeds
    public var hasParentalResponsibility: Bool
    /// Phone number, for adults who can be called.
    public var phone: String
    /// Levels of need over time, oldest first.
    public var levelHistory: [LevelEntry]

    public init(
        id: PersonID,
        role: PersonRole,
        givenName: String,
        familyName: String,
        alsoKnownAs: [String] = [],
        dateOfBirth: CalendarDate? = nil,
        expectedDeliveryDate: CalendarDate? = nil,
        gender: Gender = .notKnown,
        ethnicity: Ethnicity? = nil,
        firstLanguage: String = "English",
        needs: SpecialNeeds = SpecialNeeds(),
        hasParentalResponsibility: Bool = false,
        phone: String = "",
        levelHistory: [LevelEntry] = []
    ) {
        self.id = id
        self.role = role
        self.givenName = givenName
        self.familyName = familyName
        self.alsoKnownAs = alsoKnownAs
        self.dateOfBirth = dateOfBirth
        self.expectedDeliveryDate = expectedDeliveryDate
        self.gender = gender
        self.ethnicity = ethnicity
        self.firstLanguage = firstLanguage
        self.needs = needs
        self.hasParentalResponsibility = hasParentalResponsibility
        self.phone = phone
        self.levelHistory = levelHistory
    }

    /// "Given Family".
    public var fullName: String {
        [givenName, familyName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The latest level of need, or nil if none has been set.
    public var currentLevel: NeedLevel? { levelHistory.last?.level }

    /// The latest level entry.
    public var currentLevelEntry: LevelEntry? { levelHistory.last }

    public var isUnborn: Bool { role == .unbornChild }

    /// Age in whole years on `date`; nil for an unborn child or an unknown date of birth.
    public func age(on date: CalendarDate) -> Int? {
        guard !isUnborn, let dateOfBirth else { return nil }
        return dateOfBirth.age(on: date)
    }

    /// The age band services are organised by, on `date`.
    public func ageBand(on date: CalendarDate) -> AgeBand {
        if isUnborn { return .unborn }
        guard let age = age(on: date) else { return role == .child ? .unknownChild : .adult }
        return AgeBand(age: age, hasSEND: needs.hasSEND, isChildRole: role == .child)
    }

    /// "4y", "7m", "unborn (due 1 Feb 2027)", or "age unknown", for lists.
    public func ageDescription(on date: CalendarDate) -> String {
        if isUnborn {
            return expectedDeliveryDate.map { "unborn (due \($0.short))" } ?? "unborn"
        }
        guard let dateOfBirth else { return "age unknown" }
        let years = dateOfBirth.age(on: date)
        if years >= 2 { return "\(years)y" }
        var months = (date.year - dateOfBirth.year) * 12 + date.month - dateOfBirth.month
        if date.day < dateOfBirth.day { months -= 1 }
        return "\(max(months, 0))m"
    }
}

/// A person's place in the household.
public enum PersonRole: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// A child or young person (up to 25 with special educational needs or a disability).
    case child
    /// A baby not yet born, known by an expected date of delivery.
    case unbornChild = "unborn"
    /// A parent or carer.
    case parentOrCarer = "parent-carer"
    /// Another adult in the household (a grandparent, a lodger, an adult sibling).
    case otherAdult = "adult"

    public var isAdult: Bool { self == .parentOrCarer || self == .otherAdult }

    public var label: String {
        switch self {
        case .child: return "Child"
        case .unbornChild: return "Unborn child"
        case .parentOrCarer: return "Parent/carer"
        case .otherAdult: return "Adult"
        }
    }

    public var description: String { rawValue }
}

/// Special educational needs and disability, as recorded on the person.
public struct SpecialNeeds: Hashable, Codable, Sendable {
    /// Special educational needs (SEN support or an EHC plan).
    public var hasSEND: Bool
    /// An Education, Health and Care plan is in place.
    public var hasEHCPlan: Bool
    /// A physical, sensory or learning disability.
    public var hasDisability: Bool
    /// What the needs are, in the practitioner's words.
    public var details: String

    public init(hasSEND: Bool = false, hasEHCPlan: Bool = false, hasDisability: Bool = false, details: String = "") {
        self.hasSEND = hasSEND
        self.hasEHCPlan = hasEHCPlan
        self.hasDisability = hasDisability
        self.details = details
    }

    /// True when anything at all is recorded.
    public var isRecorded: Bool { hasSEND || hasEHCPlan || hasDisability || !details.isEmpty }
}

/// The age bands children's services are organised by.
public enum AgeBand: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case unborn
    /// Under five: Bright Start.
    case earlyYears = "0-4"
    /// Five to ten: primary school.
    case primary = "5-10"
    /// Eleven to fifteen: secondary school.
    case secondary = "11-15"
    /// Sixteen to eighteen.
    case postSixteen = "16-18"
    /// Nineteen to twenty-five with special educational needs or a disability.
    case sendYoungAdult = "19-25-send"
    /// A child whose date of birth is not known.
    case unknownChild = "child-age-unknown"
    case adult

    init(age: Int, hasSEND: Bool, isChildRole: Bool) {
        switch age {
        case ..<5: self = .earlyYears
        case 5..<11: self = .primary
        case 11..<16: self = .secondary
        case 16..<19: self = .postSixteen
        case 19...25 where hasSEND && isChildRole: self = .sendYoungAdult
        default: self = .adult
        }
    }

    public var label: String {
        switch self {
        case .unborn: return "Unborn"
        case .earlyYears: return "0–5"
        case .primary: return "5–11"
        case .secondary: return "11–16"
        case .postSixteen: return "16–19"
        case .sendYoungAdult: return "19–25 with SEND"
        case .unknownChild: return "Child, age unknown"
        case .adult: return "Adult"
        }
    }

    public var description: String { rawValue }
}

/// One judgement of a person's level of need.
///
/// The practitioner decides; when a tool suggested a different level,
/// ``suggestedLevel`` keeps what it said and ``overrodeSuggestion`` is true, and
/// ``reason`` must say why.
public struct LevelEntry: Hashable, Codable, Sendable {
    public var level: NeedLevel
    public var setBy: String
    public var setAt: Date
    /// Why, in the practitioner's words.
    public var reason: String
    /// The indicators ticked, such as "domestic abuse between carers".
    public var indicators: [String]
    /// The level a tool suggested, when one did.
    public var suggestedLevel: NeedLevel?

    public init(
        level: NeedLevel, setBy: String, setAt: Date, reason: String, indicators: [String] = [],
        suggestedLevel: NeedLevel? = nil
    ) {
        self.level = level
        self.setBy = setBy
        self.setAt = setAt
        self.reason = reason
        self.indicators = indicators
        self.suggestedLevel = suggestedLevel
    }

    /// True when the practitioner chose a level other than the one suggested.
    public var overrodeSuggestion: Bool { suggestedLevel.map { $0 != level } ?? false }
}
