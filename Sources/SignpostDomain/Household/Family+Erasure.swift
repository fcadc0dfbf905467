import Foundation

/// What erasing one person removed from a family, counted by kind (never the content itself).
///
/// The audit entry an erasure leaves names these counts and the person's id, so that it says what
/// was erased without holding anything erased.
public struct ErasureTally: Hashable, Codable, Sendable {
    public var relationships = 0
    public var notes = 0
    public var contacts = 0
    public var referrals = 0
    public var consents = 0
    public var assessments = 0
    /// Records kept because they also concern others, with the person taken out of them.
    public var recordsKeptForOthers = 0

    public init() {}

    /// "2 relationships, 1 note, …", leaving out kinds with none.
    public var summary: String {
        let parts: [(Int, String)] = [
            (relationships, "relationship"), (notes, "note"), (contacts, "contact"), (referrals, "referral"),
            (consents, "consent"), (assessments, "assessment"), (recordsKeptForOthers, "shared record"),
        ]
        let named = parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return named.isEmpty ? "no other records" : named.joined(separator: ", ")
    }
}

/// Why a person cannot be erased from a family.
public struct ErasureProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Person {
    /// The strings that identify this person in free text and in stored records: their id, names and
    /// date of birth. An erasure removes every record holding one of them and checks none is left.
    public var identifyingStrings: [String] {
        var strings = [id.rawValue, fullName]
        if givenName.count >= 3 { strings.append(givenName) }
        strings += alsoKnownAs.filter { $0.count >= 3 }
        if let dateOfBirth { strings.append(dateOfBirth.description) }
        return strings
    }
}

extension Family {
    /// The family with one person erased: the member, their levels and relationships, the notes,
    /// contacts and referrals only about them, the consents they gave, the assessments of them.
    ///
    /// Records that also concern others are kept with the person taken out of them, and any of the
    /// person's names in their free text replaced by `[erased]`, so a note about two children still
    /// tells the other child's story. The family itself stays (its name and address are the household's).
    ///
    /// ```swift
    /// let (erased, tally) = try family.erasing(PersonID("P-0003"))
    /// ```
    ///
    /// - Throws: ``ErasureProblem`` when the person is not a member, or is the family's only member.
    public func erasing(_ personID: PersonID) throws -> (Family, ErasureTally) {
        guard let person = member(personID) else {
            throw ErasureProblem("\(personID) is not a member of family \(id)")
        }
        guard members.count > 1 else {
            throw ErasureProblem(
                "\(personID) is the only member of family \(id): a family cannot be left with no one, "
                    + "so erase the whole family instead (signpost erase --family \(id), or Ctrl-E on the retention review)"
            )
        }
        var family = self
        var tally = ErasureTally()
        let names =
            [person.fullName, person.givenName].filter { $0.count >= 3 }
            + person.alsoKnownAs.filter {
                $0.count >= 3
            }
        func scrub(_ text: String) -> String {
            names.reduce(text) { $0.replacingOccurrences(of: $1, with: "[erased]", options: .caseInsensitive) }
        }
        func mentions(_ text: String) -> Bool {
            names.contains { text.range(of: $0, options: .caseInsensitive) != nil }
        }

        family.members.removeAll { $0.id == personID }
        let relationshipCount = family.relationships.count
        family.relationships.removeAll { $0.from == personID || $0.to == personID }
        tally.relationships = relationshipCount - family.relationships.count
        family.relationshipHistory.removeAll { $0.relationship.from == personID || $0.relationship.to == personID }

        family.notes = family.notes.compactMap { note in
            guard
                note.about.contains(personID) || mentions(note.text)
                    || note.amendments.contains(where: { mentions($0.text) })
            else { return note }
            var kept = note
            kept.about.removeAll { $0 == personID }
            if kept.about.isEmpty && note.about.contains(personID) {
                tally.notes += 1
                return nil
            }
            kept.text = scrub(kept.text)
            kept.amendments = kept.amendments.map { amendment in
                var scrubbed = amendment
                scrubbed.text = scrub(amendment.text)
                scrubbed.reason = scrub(amendment.reason)
                return scrubbed
            }
            tally.recordsKeptForOthers += 1
            return kept
        }
        var removedContacts: Set<ContactID> = []
        family.contacts = family.contacts.compactMap { contact in
            let named = mentions(contact.caller.name) || mentions(contact.concernInCallersWords)
            guard contact.about.contains(personID) || named else { return contact }
            var kept = contact
            kept.about.removeAll { $0 == personID }
            if kept.about.isEmpty {
                tally.contacts += 1
                removedContacts.insert(contact.id)
                return nil
            }
            if mentions(kept.caller.name) {
                kept.caller = Caller(name: "[erased]", agency: "", relationship: "", phone: "")
            }
            kept.concernInCallersWords = scrub(kept.concernInCallersWords)
            kept.outcomeReason = scrub(kept.outcomeReason)
            tally.recordsKeptForOthers += 1
            return kept
        }
        family.referrals = family.referrals.compactMap { referral in
            guard referral.people.contains(personID) || mentions(referral.reason) else { return referral }
            var kept = referral
            kept.people.removeAll { $0 == personID }
            if kept.people.isEmpty && referral.people.contains(personID) {
                tally.referrals += 1
                return nil
            }
            if let contact = kept.contact, removedContacts.contains(contact) { kept.contact = nil }
            kept.reason = scrub(kept.reason)
            kept.outcomeReason = kept.outcomeReason.map(scrub)
            tally.recordsKeptForOthers += 1
            return kept
        }
        let consentCount = family.consents.count
        family.consents.removeAll { $0.person == personID || mentions($0.givenBy) }
        tally.consents = consentCount - family.consents.count
        let assessmentCount = family.assessments.count
        family.assessments.removeAll { $0.subject == personID }
        tally.assessments = assessmentCount - family.assessments.count
        if let meetings = family.meetingRecords {
            family.meetingRecords = meetings.map { meeting in
                var kept = meeting
                kept.attendees = meeting.attendees.map { mentions($0) ? "[erased]" : $0 }
                kept.familyViews = scrub(meeting.familyViews)
                kept.childViews = scrub(meeting.childViews)
                return kept
            }
        }
        return (family, tally)
    }
}
