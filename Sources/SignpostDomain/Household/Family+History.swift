import Foundation

/// An address the family used to live at, with the dates they lived there.
///
/// Kept when the family's address is changed, so a chronology and a check of
/// earlier contacts can still say where the family was.
public struct PreviousAddress: Hashable, Codable, Sendable {
    public var address: Address
    /// When they moved in, if it was known.
    public var from: CalendarDate?
    /// When they moved out (the day the next address began).
    public var until: CalendarDate
    /// Who recorded the move.
    public var recordedBy: String

    public init(address: Address, from: CalendarDate?, until: CalendarDate, recordedBy: String) {
        self.address = address
        self.from = from
        self.until = until
        self.recordedBy = recordedBy
    }

    /// "12 Example Road, N7 0ZZ (from 01/02/2020 to 03/04/2024)".
    public var summary: String {
        let dates = from.map { "from \($0.british) to \(until.british)" } ?? "until \(until.british)"
        return "\(address.singleLine.isEmpty ? "no address recorded" : address.singleLine) (\(dates))"
    }
}

/// A relationship added, changed or removed, kept so the chronology can say when.
public struct RelationshipEvent: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case added, changed, removed
    }

    public var at: Date
    public var by: String
    public var kind: Kind
    /// The relationship as it was added or changed to, or as it stood before it was removed.
    public var relationship: Relationship
    /// What it was before a change.
    public var previous: RelationshipKind?

    public init(
        at: Date, by: String, kind: Kind, relationship: Relationship, previous: RelationshipKind? = nil
    ) {
        self.at = at
        self.by = by
        self.kind = kind
        self.relationship = relationship
        self.previous = previous
    }
}

/// Why a relationship cannot be recorded as asked; `description` is the message a practitioner reads.
public struct RelationshipProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

extension Family {
    /// The relationship recorded between two people, in whichever direction it was recorded.
    public func relationship(between first: PersonID, and second: PersonID) -> Relationship? {
        relationships.first { ($0.from == first && $0.to == second) || ($0.from == second && $0.to == first) }
    }

    /// Checks `relationship` against the family as it would be with it, replacing any between the same two people.
    ///
    /// Refuses a person related to themselves, someone outside the family, two
    /// relationships between the same two people when one is being added, and a
    /// person who would become their own ancestor (a child as parent of their
    /// own parent, or of their grandparent).
    ///
    /// ```swift
    /// try family.checkRelationship(Relationship(from: ava, kind: .parent, to: marta), replacing: false)
    /// // RelationshipProblem: "Ava cannot be the parent of Marta: Marta is already Ava's parent."
    /// ```
    public func checkRelationship(_ relationship: Relationship, replacing: Bool) throws(RelationshipProblem) {
        func name(_ id: PersonID) -> String { member(id).map(\.givenName) ?? id.rawValue }
        guard let from = member(relationship.from), let to = member(relationship.to) else {
            let missing = member(relationship.from) == nil ? relationship.from : relationship.to
            throw RelationshipProblem(description: "\(missing) is not a member of the \(self.name) family.")
        }
        guard from.id != to.id else {
            throw RelationshipProblem(description: "\(from.givenName) cannot be related to themselves.")
        }
        let wanted = "\(from.givenName) cannot be the \(relationship.kind.label) of \(to.givenName)"
        if let existing = self.relationship(between: from.id, and: to.id) {
            let seen = existing.from == from.id ? existing.kind : existing.kind.inverse
            if !replacing {
                guard seen != relationship.kind else {
                    throw RelationshipProblem(
                        description: "\(from.givenName) is already the \(seen.label) of \(to.givenName).")
                }
                throw RelationshipProblem(
                    description:
                        "\(wanted): \(from.givenName) is already the \(seen.label) of \(to.givenName). Change that relationship instead."
                )
            }
        } else if replacing {
            throw RelationshipProblem(
                description: "No relationship between \(from.givenName) and \(to.givenName) is recorded to change.")
        }
        var others = relationships.filter {
            !(($0.from == from.id && $0.to == to.id) || ($0.from == to.id && $0.to == from.id))
        }
        others.append(relationship)
        // Someone up the generations from `to` (a parent, a grandparent…) cannot also be down them.
        let parents = Family.parentLinks(others)
        if Family.isAncestor(from.id, of: from.id, parents: parents) {
            throw RelationshipProblem(
                description:
                    "\(wanted): that would make \(from.givenName) their own ancestor (check who is whose parent).")
        }
        // Siblings share a generation: one cannot be the other's ancestor too.
        for link in others where link.kind == .sibling || link.kind == .halfSibling {
            if Family.isAncestor(link.from, of: link.to, parents: parents)
                || Family.isAncestor(link.to, of: link.from, parents: parents)
            {
                throw RelationshipProblem(
                    description:
                        "\(wanted): \(name(link.from)) and \(name(link.to)) would be both siblings and parent and child."
                )
            }
        }
    }

    /// Child → the people recorded as a generation above them (parents, step-parents, carers, grandparents).
    private static func parentLinks(_ relationships: [Relationship]) -> [PersonID: Set<PersonID>] {
        var parents: [PersonID: Set<PersonID>] = [:]
        for link in relationships {
            switch link.kind {
            case .parent, .stepParent, .fosterCarer, .kinshipCarer, .grandparent:
                parents[link.to, default: []].insert(link.from)
            case .child, .stepChild, .grandchild:
                parents[link.from, default: []].insert(link.to)
            case .sibling, .halfSibling, .partner, .auntOrUncle, .nieceOrNephew, .other:
                break
            }
        }
        return parents
    }

    /// Whether `ancestor` is reached by going up from `person` one generation or more.
    private static func isAncestor(
        _ ancestor: PersonID, of person: PersonID, parents: [PersonID: Set<PersonID>]
    ) -> Bool {
        var seen: Set<PersonID> = []
        var queue = Array(parents[person] ?? [])
        while let next = queue.popLast() {
            if next == ancestor { return true }
            guard seen.insert(next).inserted else { continue }
            queue += parents[next] ?? []
        }
        return false
    }

    /// The people who can give consent on `date`: each adult with parental responsibility, and each
    /// young person of 12 to 17 for themselves (16 and over always; younger when judged competent).
    public func consentGivers(on date: CalendarDate) -> [Person] {
        members.filter { person in
            if person.role.isAdult { return person.hasParentalResponsibility }
            guard let age = person.age(on: date) else { return false }
            return (12...17).contains(age)
        }
    }

    /// The consent records and withdrawals, the moves and the relationship changes, for ``chronology(significantOnly:)``.
    func casePartsOfChronology() -> [ChronologyEntry] {
        var entries: [ChronologyEntry] = consents.map { .consent($0) }
        entries += consents.filter { $0.withdrawnOn != nil }.map { .consentWithdrawn($0) }
        entries += previousAddresses.map { .moved($0) }
        entries += relationshipHistory.map { .relationshipChange($0) }
        entries += assessments.map { .assessmentStarted($0) }
        entries += assessments.filter { $0.completedOn != nil }.map { .assessmentCompleted($0) }
        return entries
    }

    /// Consent to share on file on `date`: the latest record in force that covers sharing.
    public func consentToShare(on date: CalendarDate) -> ConsentRecord? {
        consents.filter { $0.isInForce(on: date) && $0.covers(.share) }.max { $0.givenOn < $1.givenOn }
    }
}

/// A family's move to a new address, as a practitioner records it.
public struct AddressMove: Hashable, Codable, Sendable {
    public var address: Address
    /// The day they moved in (the day the old address ends).
    public var movedOn: CalendarDate
    public var recordedBy: String

    public init(address: Address, movedOn: CalendarDate, recordedBy: String) {
        self.address = address
        self.movedOn = movedOn
        self.recordedBy = recordedBy
    }
}

extension Family {
    /// The family after `move`: the new address from its date, the one they left kept in ``previousAddresses``.
    ///
    /// An address that was never recorded (empty) is not kept as a previous one.
    ///
    /// - Throws: ``AddressProblem`` when the address is the same as now,
    ///   or the move is dated before the family moved to the address they are leaving.
    public func moving(_ move: AddressMove) throws(AddressProblem) -> Family {
        let address = Address(
            lines: move.address.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            postcode: move.address.postcode.trimmingCharacters(in: .whitespaces).uppercased())
        guard !address.singleLine.isEmpty else {
            throw AddressProblem(description: "Give the new address or its postcode.")
        }
        guard address != self.address else {
            throw AddressProblem(description: "\(address.singleLine) is already the family's address.")
        }
        let since = addressSince ?? previousAddresses.last?.until
        if let since, move.movedOn < since {
            throw AddressProblem(
                description:
                    "The move on \(move.movedOn.british) is before the family moved to their present address on \(since.british)."
            )
        }
        var family = self
        if !self.address.singleLine.isEmpty {
            family.previousAddresses.append(
                PreviousAddress(
                    address: self.address, from: addressSince, until: move.movedOn, recordedBy: move.recordedBy))
        }
        family.address = address
        family.addressSince = move.movedOn
        return family
    }
}

/// Why a move cannot be recorded as asked; `description` is the message a practitioner reads.
public struct AddressProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}
