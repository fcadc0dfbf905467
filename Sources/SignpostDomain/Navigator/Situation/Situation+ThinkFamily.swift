import Foundation

/// Something a child lives with because of an adult in the household: the adult's concern or indicator, as it
/// bears on the child ("think family").
///
/// ```swift
/// situation.householdConcerns(for: ava, today: today)
/// // [HouseholdConcern(adult: "mum", reason: "Lives with Mum's domestic abuse", level: .complex, isSafeguarding: true)]
/// ```
public struct HouseholdConcern: Hashable, Sendable {
    /// The adult whose concern it is.
    public var adult: PersonID
    /// In words, naming the adult: "Lives with Mum's domestic abuse".
    public var reason: String
    /// The level it points at for the child.
    public var level: NeedLevel
    /// Whether it is a safeguarding matter for the child (domestic abuse, a risk from someone in the household).
    public var isSafeguarding: Bool

    public init(adult: PersonID, reason: String, level: NeedLevel, isSafeguarding: Bool) {
        self.adult = adult
        self.reason = reason
        self.level = level
        self.isSafeguarding = isSafeguarding
    }
}

extension Situation {
    /// Whether the person is a child for safeguarding on `today`: unborn, under 18, or a child whose age is unknown.
    ///
    /// From 18 safeguarding is adult safeguarding (Care Act 2014 s42), even for a young adult still
    /// served by SEND services to 25.
    public static func isUnder18(_ person: SituationPerson, today: CalendarDate) -> Bool {
        if person.unborn { return true }
        if let age = person.age(on: today) { return age < 18 }
        return person.role == .child
    }

    /// What a child lives with because of the adults in the situation; empty for anyone 18 or over.
    ///
    /// An adult's domestic abuse (or a "domestic abuse between carers" or MARAC indicator) makes every child
    /// of the household a safeguarding matter at level 3 or above; a known sex offender joining, the home
    /// used for drug dealing, or a risk to children likewise; parental substance misuse or mental
    /// ill-health is an emerging need (level 2) for each child.
    public func householdConcerns(for person: SituationPerson, today: CalendarDate) -> [HouseholdConcern] {
        guard Situation.isUnder18(person, today: today) else { return [] }
        var found: [HouseholdConcern] = []
        for adult in people where adult.id != person.id && !Situation.isUnder18(adult, today: today) {
            let name = adult.displayName
            for concern in adult.concerns ?? [] {
                switch concern {
                case .domesticAbuse:
                    found.append(
                        HouseholdConcern(
                            adult: adult.id, reason: "Lives with \(name)'s domestic abuse", level: .complex,
                            isSafeguarding: true))
                case .substanceUse:
                    found.append(
                        HouseholdConcern(
                            adult: adult.id, reason: "Lives with \(name)'s substance use", level: .earlyHelp,
                            isSafeguarding: false))
                case .mentalHealth:
                    found.append(
                        HouseholdConcern(
                            adult: adult.id, reason: "Lives with \(name)'s mental ill-health", level: .earlyHelp,
                            isSafeguarding: false))
                default: continue
                }
            }
            for indicator in adult.indicators where indicator.isRiskToHouseholdChildren {
                found.append(
                    HouseholdConcern(
                        adult: adult.id, reason: "\(indicator.label) (recorded on \(name))",
                        level: max(indicator.level, .complex), isSafeguarding: true))
            }
        }
        return found
    }

    /// The level suggested for a person, counting what they live with; nil when nothing about them is known.
    public func suggestedLevel(for person: SituationPerson, today: CalendarDate) -> LevelSuggestion? {
        let household = householdConcerns(for: person, today: today)
        if person.concerns == nil && person.indicators.isEmpty && household.isEmpty { return nil }
        // On an adult, a risk to the household's children is the children's level, not the adult's own need.
        let adult = !Situation.isUnder18(person, today: today)
        let own = person.indicators.filter { !(adult && $0.isRiskToHouseholdChildren) }
        return LevelSuggestion.suggest(concerns: person.concerns ?? [], indicators: own, household: household)
    }

    /// The level the walk uses for a person: the practitioner's, else the suggestion counting the household.
    public func effectiveLevel(for person: SituationPerson, today: CalendarDate) -> NeedLevel? {
        person.level ?? suggestedLevel(for: person, today: today)?.level
    }

    /// Whether a safeguarding service must hear about this person: a safeguarding concern or indicator of
    /// their own, domestic abuse at home for a child, or a risk to children from an adult in the household.
    public func isSafeguarding(_ person: SituationPerson, today: CalendarDate) -> Bool {
        let under18 = Situation.isUnder18(person, today: today)
        if (person.concerns ?? []).contains(where: { $0.isSafeguarding || (under18 && $0 == .domesticAbuse) }) {
            return true
        }
        if person.indicators.contains(where: { $0.isSafeguarding && (under18 || !$0.isRiskToHouseholdChildren) }) {
            return true
        }
        return householdConcerns(for: person, today: today).contains(where: \.isSafeguarding)
    }

    /// Whether an adult's record carries a risk to the household's children (a known sex offender joining,
    /// the home used for drug dealing, domestic abuse at MARAC): the children's front door must hear of it
    /// even when the children are not named in the contact.
    public func posesHouseholdRisk(_ person: SituationPerson, today: CalendarDate) -> Bool {
        !Situation.isUnder18(person, today: today) && person.indicators.contains(where: \.isRiskToHouseholdChildren)
    }

    /// Whether a safeguarding matter cannot wait for the next working day: level 4 (given or suggested), a
    /// disclosure of abuse, a missing child, FGM, forced marriage or trafficking.
    public func isUrgentSafeguarding(_ person: SituationPerson, today: CalendarDate) -> Bool {
        let suggested = suggestedLevel(for: person, today: today)?.level
        if person.level == .acute || suggested == .acute { return true }
        let urgentConcerns: Set<Concern> = [.immediateDanger, .physicalAbuse, .emotionalAbuse, .sexualAbuse, .missing]
        if (person.concerns ?? []).contains(where: urgentConcerns.contains) { return true }
        return person.indicators.contains { [.femaleGenitalMutilation, .forcedMarriage, .trafficking].contains($0) }
    }

    /// The consent that applies to a person's early help.
    ///
    /// A person's own recorded answer comes first: an adult's own, a 16–17-year-old's, or a younger child's
    /// judged competent. Otherwise, for a child, the adults': given when any adult in the situation has
    /// given theirs, refused when one has refused and none has given. Otherwise the family's answer.
    public func consent(for person: SituationPerson, today: CalendarDate) -> SituationConsent? {
        if let own = person.consent { return own }
        guard Situation.isUnder18(person, today: today) else { return consent }
        let adults = people.filter { !Situation.isUnder18($0, today: today) }.compactMap(\.consent)
        if adults.contains(.given) { return .given }
        if adults.contains(.refused) { return .refused }
        return consent
    }
}
