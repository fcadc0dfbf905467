import Foundation

extension Situation {
    /// What a family's record already tells the navigator: its members, their ages, SEND and current levels, and consent on file.
    ///
    /// Concerns are left unknown, so the navigator asks about them; everything else
    /// the record holds answers its question without asking, and is shown as coming
    /// from the record. Consent counts as given while a consent record is in force,
    /// as refused when the latest decision on file is a refusal, and is otherwise unknown.
    ///
    /// - Parameters:
    ///   - family: the family as stored.
    ///   - today: the day of the contact, for ages and consent in force.
    ///   - door: where the contact came in, if known.
    public init(family: Family, on today: CalendarDate, door: ContactDoor? = nil) {
        let latestDecision = family.consents.filter { $0.givenOn <= today }.max { $0.givenOn < $1.givenOn }
        let consent: SituationConsent?
        if family.consents.contains(where: { $0.isInForce(on: today) }) {
            consent = .given
        } else if latestDecision?.decision == .refused {
            consent = .refused
        } else {
            consent = nil
        }
        self.init(
            door: door, consent: consent,
            people: family.members.map { member in
                SituationPerson(
                    id: member.id, name: member.fullName, role: member.role.isAdult ? .adult : .child,
                    dateOfBirth: member.dateOfBirth, unborn: member.isUnborn, expectedDate: member.expectedDeliveryDate,
                    send: member.needs.hasSEND || member.needs.hasEHCPlan || member.needs.hasDisability,
                    level: member.currentLevel, concerns: nil)
            })
    }
}
