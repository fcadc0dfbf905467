import Foundation
import SignpostDomain

/// Erasing a whole family after a retention review (#16): which, when and why.
///
/// Erasing people one by one stops at a family's last member (a family has at least one), so a closed
/// record due for removal is erased whole instead: the family, everyone and everything in it, its search
/// and match entries, its aliases, its retention decisions, drafts and outbox entries about it. The audit
/// entries about it keep their place in the chain with their values replaced by a marker, and one entry
/// says a family was erased, when, by whom and why, with counts, never the content. The change travels to
/// the team server like any other, carrying only the family's id and the reason.
///
/// ```swift
/// try store.apply([.eraseFamily(FamilyErasure(family: "F-0001", reason: "retention review", at: now))], by: "jo")
/// ```
public struct FamilyErasure: Hashable, Codable, Sendable {
    public var family: FamilyID
    /// Why the family's record is erased (a retention review, an upheld request); required.
    public var reason: String
    public var at: Date

    public init(family: FamilyID, reason: String, at: Date) {
        self.family = family
        self.reason = reason
        self.at = at
    }
}

extension CaseChange {
    /// The family a whole-family erasure removes, or nil for any other change.
    package var familyErasure: FamilyErasure? {
        if case .eraseFamily(let erasure) = self { return erasure }
        return nil
    }

    /// Whether this change erases anything (a person or a whole family): the store's log is emptied after it.
    package var erasesData: Bool { erasure != nil || familyErasure != nil }

    /// Checks a family erasure before it is applied: it needs a reason. The family itself is left as it is
    /// here; the store removes it with everything about it.
    func applyingFamilyErasure(to family: Family) throws -> Family {
        guard case .eraseFamily(let erasure) = self else { return family }
        if erasure.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalidChange("erasing a family needs a reason")
        }
        return family
    }

    /// "erased family F-0001 (3 members, 4 notes, …): reason": counts and the id, never content.
    func familyErasureAuditSummary(before: Family?) -> String {
        guard case .eraseFamily(let erasure) = self else { return action }
        let tally = before.map(Self.familyErasureTally) ?? "nothing held here"
        return "erased family \(erasure.family) (\(tally)): \(erasure.reason)"
    }

    /// The counts the erasure entry keeps of what went, kinds only ("3 members, 5 levels, 2 notes").
    ///
    /// The erasure screen shows the same words before asking, so the practitioner sees what will go:
    ///
    /// ```swift
    /// CaseChange.familyErasureTally(family)  // "2 members, 1 note"
    /// ```
    public static func familyErasureTally(_ family: Family) -> String {
        let counts: [(Int, String, String)] = [
            (family.members.count, "member", "members"),
            (family.members.reduce(0) { $0 + $1.levelHistory.count }, "level", "levels"),
            (family.relationships.count, "relationship", "relationships"),
            (family.notes.count, "note", "notes"),
            (family.contacts.count, "contact", "contacts"),
            (family.referrals.count, "referral", "referrals"),
            (family.consents.count, "consent", "consents"),
            (family.episodes.count, "episode", "episodes"),
            (family.assessments.count, "assessment", "assessments"),
        ]
        return counts.filter { $0.0 > 0 }.map { "\($0.0) \($0.0 == 1 ? $0.1 : $0.2)" }.joined(separator: ", ")
    }

    /// The marker that replaces the values of every audit entry about an erased family.
    package func familyErasureMarker() -> AuditDetail? {
        guard case .eraseFamily(let erasure) = self else { return nil }
        return AuditDetail(changes: [], erased: "a family erased: \(erasure.reason)")
    }

    static func decodeFamilyErasure(kind: String, from container: KeyedDecodingContainer<CodingKeys>) throws
        -> CaseChange?
    {
        guard kind == "erase-family" else { return nil }
        return .eraseFamily(try container.decode(FamilyErasure.self, forKey: .record))
    }

    func encodeFamilyErasure(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        if case .eraseFamily(let erasure) = self { try container.encode(erasure, forKey: .record) }
    }
}

extension Family {
    /// The strings that identify the family and its people in free text: the ids, the family's name,
    /// each member's ``Person/identifyingStrings`` and surname. An erased family's drafts and searches
    /// are found by them.
    package var erasureStrings: [String] {
        var strings = [id.rawValue]
        if name.count >= 3 { strings.append(name) }
        for person in members {
            strings += person.identifyingStrings
            if person.familyName.count >= 3 { strings.append(person.familyName) }
        }
        return Array(Set(strings)).sorted()
    }
}
