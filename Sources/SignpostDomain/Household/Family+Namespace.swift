/// Which of a family's records are outside a namespace: the check behind keeping fictional and live data apart.
extension Family {
    /// Every record of the family whose id is not in `namespace`, named so a person can find it.
    ///
    /// Covers the family, its people, the people its relationships, notes, contacts, referrals and
    /// assessments refer to, and its contacts, referrals, notes, consents, episodes and assessments.
    /// Level entries belong to a person and are covered by the person's id.
    ///
    /// ```swift
    /// family.recordsOutside(.live)   // ["person ZZ-P-0001-2 (Ava Quillfeather) of family F-0001"]
    /// ```
    public func recordsOutside(_ namespace: IDNamespace) -> [String] {
        var found: [String] = []
        func note(_ text: String, _ what: @autoclosure () -> String) {
            if IDNamespace.of(text) != namespace { found.append(what()) }
        }
        let of = "of family \(id)"
        note(id.rawValue, "family \(id) (\(name))")
        for person in members { note(person.id.rawValue, "person \(person.id) (\(person.fullName)) \(of)") }
        for relationship in relationships {
            note(relationship.from.rawValue, "a relationship's person \(relationship.from) \(of)")
            note(relationship.to.rawValue, "a relationship's person \(relationship.to) \(of)")
        }
        for contact in contacts {
            note(contact.id.rawValue, "contact \(contact.id) \(of)")
            for person in contact.about {
                note(person.rawValue, "person \(person) named by contact \(contact.id) \(of)")
            }
        }
        for referral in referrals {
            note(referral.id.rawValue, "referral \(referral.id) \(of)")
            if let contact = referral.contact {
                note(contact.rawValue, "contact \(contact) named by referral \(referral.id) \(of)")
            }
            for person in referral.people {
                note(person.rawValue, "person \(person) named by referral \(referral.id) \(of)")
            }
        }
        for caseNote in notes {
            note(caseNote.id.rawValue, "case note \(caseNote.id) \(of)")
            for person in caseNote.about {
                note(person.rawValue, "person \(person) named by case note \(caseNote.id) \(of)")
            }
        }
        for consent in consents { note(consent.id.rawValue, "consent \(consent.id) \(of)") }
        for episode in episodes { note(episode.id.rawValue, "episode \(episode.id) \(of)") }
        for assessment in assessments {
            note(assessment.id.rawValue, "assessment \(assessment.id) \(of)")
            note(assessment.subject.rawValue, "person \(assessment.subject) assessed by \(assessment.id) \(of)")
        }
        return found
    }
}
