import Foundation

extension ContactDraft {
    /// The navigator's view of the draft: everyone it is about, with the concerns ticked and the levels as they stand.
    ///
    /// `consentOnFile` is the family's answer as the record holds it; the consent taken on the consent
    /// step, when there is one, comes first.
    ///
    /// ```swift
    /// let situation = draft.situation(today: today, consentOnFile: family?.consentOnFile(on: today))
    /// ```
    public func situation(today: CalendarDate, consentOnFile: SituationConsent? = nil) -> Situation {
        Situation(
            door: door, consent: consent ?? consentOnFile,
            people: people.map { person in
                var situationPerson = Self.situationPerson(person)
                situationPerson.level = levels.first { $0.person == person.id }?.level
                return situationPerson
            })
    }

    /// The level suggested for a person of the draft, counting what they live with ("think family"): an
    /// adult's domestic abuse makes each child of the contact at least level 3, naming the adult.
    ///
    /// ```swift
    /// draft.suggestion(for: ava, today: today).reasons  // ["Lives with Marta Wrenfold's domestic abuse: level 3 (think family)"]
    /// ```
    public func suggestion(for person: DraftPerson, today: CalendarDate) -> LevelSuggestion {
        // Levels are left out: a suggestion weighs concerns and indicators, never the levels it is weighed against.
        let situation = Situation(door: door, people: people.map(Self.situationPerson))
        return situation.suggestedLevel(for: Self.situationPerson(person), today: today)
            ?? LevelSuggestion.suggest(concerns: [], indicators: [])
    }

    private static func situationPerson(_ person: DraftPerson) -> SituationPerson {
        SituationPerson(
            id: person.id, name: person.fullName, role: person.role.isAdult ? .adult : .child,
            dateOfBirth: person.role == .unbornChild ? nil : person.dateOfBirth,
            unborn: person.role == .unbornChild, expectedDate: person.expectedDeliveryDate,
            send: person.concerns.contains(.send) || person.concerns.contains(.disability),
            concerns: person.concerns, indicators: person.indicators)
    }
}
