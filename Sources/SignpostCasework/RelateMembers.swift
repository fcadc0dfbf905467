import Foundation
import SignpostDomain
import SignpostStore

/// Adds, changes and removes how two members of a family are related, from either person's side.
///
/// A contradiction (a person related to themselves, two relationships between
/// the same two people, someone who would be their own parent or grandparent, siblings who would also
/// be parent and child) is refused with the reason before anything is saved.
///
/// ```swift
/// try RelateMembers(family: family, context: context).add(Relationship(from: marta, kind: .parent, to: ava))
/// ```
public struct RelateMembers: Sendable {
    public let family: Family
    public let context: CaseworkContext

    public init(family: Family, context: CaseworkContext) {
        self.family = family
        self.context = context
    }

    /// The change that relates two people not yet related.
    public func addition(_ relationship: Relationship) throws(CaseworkRefusal) -> CaseChange {
        try check(relationship, replacing: false)
        return .addRelationship(family: family.id, relationship, at: context.clock(), by: context.practitioner)
    }

    /// The change that replaces how two people are related.
    public func replacement(_ relationship: Relationship) throws(CaseworkRefusal) -> CaseChange {
        try check(relationship, replacing: true)
        return .changeRelationship(family: family.id, relationship, at: context.clock(), by: context.practitioner)
    }

    /// The change that removes the relationship between two people.
    public func removal(between first: PersonID, and second: PersonID) throws(CaseworkRefusal) -> CaseChange {
        guard family.relationship(between: first, and: second) != nil else {
            let names = [first, second].map { family.member($0)?.givenName ?? $0.rawValue }
            throw CaseworkRefusal("No relationship between \(names[0]) and \(names[1]) is recorded.")
        }
        return .removeRelationship(
            family: family.id, between: first, and: second, at: context.clock(), by: context.practitioner)
    }

    /// Relates two people not yet related, or changes how they are related when they are; saved at once.
    ///
    /// - Throws: ``CaseworkRefusal`` for a contradiction, or the store's error; nothing is saved then.
    public func save(_ relationship: Relationship) throws {
        let change =
            family.relationship(between: relationship.from, and: relationship.to) == nil
            ? try addition(relationship) : try replacement(relationship)
        try context.store.apply([change], by: context.practitioner)
    }

    /// Adds a relationship between two people not yet related; saved at once.
    public func add(_ relationship: Relationship) throws {
        try context.store.apply([try addition(relationship)], by: context.practitioner)
    }

    /// Removes the relationship between two people; saved at once.
    public func remove(between first: PersonID, and second: PersonID) throws {
        try context.store.apply([try removal(between: first, and: second)], by: context.practitioner)
    }

    private func check(_ relationship: Relationship, replacing: Bool) throws(CaseworkRefusal) {
        do {
            try family.checkRelationship(relationship, replacing: replacing)
        } catch {
            throw CaseworkRefusal(error.description, field: "kind")
        }
    }
}
