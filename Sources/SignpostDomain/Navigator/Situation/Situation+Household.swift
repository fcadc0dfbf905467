extension SituationPerson {
    /// A household member as the navigator sees them, for the screen that opens a family.
    ///
    /// The level is the person's current one (nil, so suggested, when none is
    /// set). Concerns belong to a contact, not to the record, so they are
    /// unknown unless given: the walk then asks for them.
    public init(_ person: Person, concerns: [Concern]? = nil) {
        self.init(
            id: person.id, name: person.fullName, role: person.role.isAdult ? .adult : .child,
            dateOfBirth: person.isUnborn ? nil : person.dateOfBirth, unborn: person.isUnborn,
            expectedDate: person.isUnborn ? person.expectedDeliveryDate : nil,
            send: person.needs.hasSEND || person.needs.hasEHCPlan || person.needs.hasDisability,
            level: person.currentLevel, concerns: concerns)
    }
}

extension Situation {
    /// The situation for some or all members of a stored family.
    ///
    /// - Parameters:
    ///   - about: the people the contact is about, in this order; nil for every member.
    ///   - concerns: the concerns raised for each person; a person missing here has unknown concerns.
    ///   - consent: the family's answer about early help, if it has been asked in this contact.
    public init(
        family: Family, about: [PersonID]? = nil, concerns: [PersonID: [Concern]] = [:],
        consent: SituationConsent? = nil, door: ContactDoor? = nil
    ) {
        let members =
            about.map { ids in ids.compactMap { id in family.members.first { $0.id == id } } } ?? family.members
        self.init(
            door: door, consent: consent, people: members.map { SituationPerson($0, concerns: concerns[$0.id]) })
    }
}
