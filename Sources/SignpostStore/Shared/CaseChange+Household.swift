import Foundation
import SignpostDomain

/// The household changes: a move of address and relationships added, changed or removed.
///
/// Kept apart from the older kinds so that each area's names, JSON, audit words
/// and rules sit in one file.
extension CaseChange {
    var householdFamily: FamilyID {
        switch self {
        case .changeAddress(let id, _), .addRelationship(let id, _, _, _), .changeRelationship(let id, _, _, _),
            .removeRelationship(let id, _, _, _, _):
            return id
        default: preconditionFailure("not a household change: \(action)")
        }
    }

    var householdAction: String {
        switch self {
        case .changeAddress: return "change-address"
        case .addRelationship: return "add-relationship"
        case .changeRelationship: return "change-relationship"
        case .removeRelationship: return "remove-relationship"
        default: preconditionFailure("not a household change")
        }
    }

    /// The family's own id for a move; for a relationship, the first person's id (the audit names both).
    var householdRecordID: String {
        switch self {
        case .changeAddress(let id, _): return id.rawValue
        case .addRelationship(_, let relationship, _, _), .changeRelationship(_, let relationship, _, _):
            return relationship.from.rawValue
        case .removeRelationship(_, let first, _, _, _): return first.rawValue
        default: preconditionFailure("not a household change: \(action)")
        }
    }

    static func decodeHousehold(
        kind: String, family: FamilyID, from container: KeyedDecodingContainer<CodingKeys>
    ) throws -> CaseChange? {
        switch kind {
        case "change-address":
            return .changeAddress(family: family, try container.decode(AddressMove.self, forKey: .record))
        case "add-relationship":
            return .addRelationship(
                family: family, try container.decode(Relationship.self, forKey: .record),
                at: try container.decode(Date.self, forKey: .at), by: try container.decode(String.self, forKey: .by))
        case "change-relationship":
            return .changeRelationship(
                family: family, try container.decode(Relationship.self, forKey: .record),
                at: try container.decode(Date.self, forKey: .at), by: try container.decode(String.self, forKey: .by))
        case "remove-relationship":
            return .removeRelationship(
                family: family, between: try container.decode(PersonID.self, forKey: .between),
                and: try container.decode(PersonID.self, forKey: .and),
                at: try container.decode(Date.self, forKey: .at), by: try container.decode(String.self, forKey: .by))
        default:
            return nil
        }
    }

    func encodeHousehold(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        switch self {
        case .changeAddress(_, let move):
            try container.encode(move, forKey: .record)
        case .addRelationship(_, let relationship, let at, let by),
            .changeRelationship(_, let relationship, let at, let by):
            try container.encode(relationship, forKey: .record)
            try container.encode(at, forKey: .at)
            try container.encode(by, forKey: .by)
        case .removeRelationship(_, let first, let second, let at, let by):
            try container.encode(first, forKey: .between)
            try container.encode(second, forKey: .and)
            try container.encode(at, forKey: .at)
            try container.encode(by, forKey: .by)
        default:
            preconditionFailure("not a household change: \(action)")
        }
    }

    /// Applies a move or a relationship change to `family`, refusing contradictions with the practitioner's words.
    func applyHousehold(to family: inout Family) throws {
        switch self {
        case .changeAddress(_, let move):
            do {
                family = try family.moving(move)
            } catch {
                throw StoreError.invalidChange(error.description)
            }
        case .addRelationship(_, let relationship, let at, let by),
            .changeRelationship(_, let relationship, let at, let by):
            let replacing: Bool
            if case .changeRelationship = self { replacing = true } else { replacing = false }
            do {
                try family.checkRelationship(relationship, replacing: replacing)
            } catch {
                throw StoreError.invalidChange(error.description)
            }
            let previous = family.relationship(between: relationship.from, and: relationship.to)
            let previousKind = previous.map { $0.from == relationship.from ? $0.kind : $0.kind.inverse }
            if let index = family.relationships.firstIndex(where: { $0 == previous }) {
                family.relationships[index] = relationship
            } else {
                family.relationships.append(relationship)
            }
            family.relationshipHistory.append(
                RelationshipEvent(
                    at: at, by: by, kind: replacing ? .changed : .added, relationship: relationship,
                    previous: previousKind))
        case .removeRelationship(_, let first, let second, let at, let by):
            try family.checkMembers([first, second])
            guard let existing = family.relationship(between: first, and: second) else {
                let names = [first, second].map { family.member($0)?.givenName ?? $0.rawValue }
                throw StoreError.invalidChange("No relationship between \(names[0]) and \(names[1]) is recorded.")
            }
            family.relationships.removeAll { $0 == existing }
            family.relationshipHistory.append(
                RelationshipEvent(at: at, by: by, kind: .removed, relationship: existing))
        default:
            preconditionFailure("not a household change: \(action)")
        }
    }

    func householdAuditSummary(before: Family?, after: Family) -> String {
        func name(_ person: PersonID) -> String {
            after.member(person)?.fullName ?? before?.member(person)?.fullName ?? person.rawValue
        }
        switch self {
        case .changeAddress(_, let move):
            let old = before?.address.singleLine ?? ""
            return
                "moved from \(old.isEmpty ? "no recorded address" : old) to \(after.address.singleLine) on \(move.movedOn.british)"
        case .addRelationship(_, let relationship, _, _):
            return "recorded \(name(relationship.from)) as \(relationship.kind.label) of \(name(relationship.to))"
        case .changeRelationship(_, let relationship, _, _):
            let was = after.relationshipHistory.last?.previous.map { " (was \($0.label))" } ?? ""
            return
                "changed \(name(relationship.from)) to \(relationship.kind.label) of \(name(relationship.to))\(was)"
        case .removeRelationship(_, let first, let second, _, _):
            return "removed the relationship between \(name(first)) and \(name(second))"
        default:
            preconditionFailure("not a household change: \(action)")
        }
    }
}
