import Foundation
import SignpostDomain

/// The id of one merge, kept with its aliases so that it can be undone (`M-…`).
public typealias MergeID = EntityID<MergeRecord>

/// Two families found to be one household: everything the absorbed family holds moves to the survivor.
///
/// The change carries the absorbed family as the merging store held it, so a
/// store that never held it (a laptop that only has the survivor in scope)
/// reaches the same result; a store that holds it merges its own copy, which
/// is the same record once both have synced. `fields` are the household details
/// chosen from the absorbed family, set on the survivor (its own values stay
/// for every field not named).
///
/// ```swift
/// let merge = FamilyMerge(id: "M-0001", survivor: "F-0001", absorbed: duplicate,
///                         fields: [.accessNotes: "call mother's mobile only"], reason: "same household", at: now)
/// try store.apply([.mergeFamilies(merge)], by: "jo")
/// ```
public struct FamilyMerge: Hashable, Codable, Sendable {
    public var id: MergeID
    public var survivor: FamilyID
    /// The family merged away, whole, as the merging store held it.
    public var absorbed: Family
    /// Household details taken from the absorbed family.
    public var fields: [FamilyField: JSONValue]
    public var reason: String
    public var at: Date

    public init(
        id: MergeID, survivor: FamilyID, absorbed: Family, fields: [FamilyField: JSONValue], reason: String, at: Date
    ) {
        self.id = id
        self.survivor = survivor
        self.absorbed = absorbed
        self.fields = fields
        self.reason = reason
        self.at = at
    }
}

/// Two members of one family found to be one person: the absorbed person's records move to the survivor.
///
/// Levels, notes, contacts, referrals, consents, assessments, relationships and
/// every other record naming the absorbed person name the survivor afterwards;
/// `fields` are the details chosen from the absorbed person.
///
/// ```swift
/// let merge = PersonMerge(id: "M-0002", family: "F-0001", survivor: "P-0001-1", absorbed: "P-0001-3",
///                         fields: [.phone: "020 7946 0001"], reason: "added twice", at: now)
/// ```
public struct PersonMerge: Hashable, Codable, Sendable {
    public var id: MergeID
    public var family: FamilyID
    public var survivor: PersonID
    public var absorbed: PersonID
    /// Details taken from the absorbed person.
    public var fields: [PersonField: JSONValue]
    public var reason: String
    public var at: Date

    public init(
        id: MergeID, family: FamilyID, survivor: PersonID, absorbed: PersonID, fields: [PersonField: JSONValue],
        reason: String, at: Date
    ) {
        self.id = id
        self.family = family
        self.survivor = survivor
        self.absorbed = absorbed
        self.fields = fields
        self.reason = reason
        self.at = at
    }
}

/// A merge undone: the families are put back exactly as they stood before it, and its aliases removed.
///
/// The families travel whole, so every store that applies the undo restores the same records.
///
/// ```swift
/// let record = try store.mergeRecords(family: "F-0001", limit: 1)[0]
/// try store.apply([.undoMerge(record.undo(reason: "not the same family", at: now))], by: "jo")
/// ```
public struct MergeUndo: Hashable, Codable, Sendable {
    public var merge: MergeID
    /// The surviving family as it stands (the change is about it).
    public var family: FamilyID
    /// The families as they were before the merge: the survivor first, then the absorbed family of a family merge.
    public var restored: [Family]
    public var reason: String
    public var at: Date

    public init(merge: MergeID, family: FamilyID, restored: [Family], reason: String, at: Date) {
        self.merge = merge
        self.family = family
        self.restored = restored
        self.reason = reason
        self.at = at
    }
}

/// A merge as a store remembers it: what was merged into what, the families before and after, and whether it was undone.
public struct MergeRecord: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case families, people
    }

    public var id: MergeID
    public var kind: Kind
    public var survivorFamily: FamilyID
    /// The family merged away (a family merge) or the family the people belong to (a person merge).
    public var absorbedFamily: FamilyID
    public var survivorPerson: PersonID?
    public var absorbedPerson: PersonID?
    /// The families before the merge, survivor first.
    public var before: [Family]
    /// The surviving family just after the merge.
    public var after: Family
    public var at: Date
    public var by: String
    public var reason: String
    public var undoneAt: Date?

    public init(
        id: MergeID, kind: Kind, survivorFamily: FamilyID, absorbedFamily: FamilyID, survivorPerson: PersonID?,
        absorbedPerson: PersonID?, before: [Family], after: Family, at: Date, by: String, reason: String,
        undoneAt: Date?
    ) {
        self.id = id
        self.kind = kind
        self.survivorFamily = survivorFamily
        self.absorbedFamily = absorbedFamily
        self.survivorPerson = survivorPerson
        self.absorbedPerson = absorbedPerson
        self.before = before
        self.after = after
        self.at = at
        self.by = by
        self.reason = reason
        self.undoneAt = undoneAt
    }

    /// What the merge joined, in words ("F-0002 into F-0001", "P-0001-3 into P-0001-1 (F-0001)").
    public var description: String {
        switch kind {
        case .families: return "\(absorbedFamily) into \(survivorFamily)"
        case .people:
            return "\(absorbedPerson?.rawValue ?? "?") into \(survivorPerson?.rawValue ?? "?") (\(survivorFamily))"
        }
    }

    /// Why the merge cannot be undone as things stand, or nil when it can.
    ///
    /// An undo puts back the families as they were before the merge, so it is
    /// refused once the surviving family has changed since (anything recorded
    /// after the merge would be lost), and once it has been undone.
    public func undoProblem(current: Family?) -> String? {
        if undoneAt != nil { return "the merge \(id) has already been undone" }
        guard let current else { return "\(survivorFamily) is no longer in this store" }
        if current != after {
            return
                "\(survivorFamily) has changed since the merge; undoing it would lose what was recorded since, so it is refused"
        }
        return nil
    }

    /// The change that undoes this merge.
    public func undo(reason: String, at: Date) -> MergeUndo {
        MergeUndo(merge: id, family: survivorFamily, restored: before, reason: reason, at: at)
    }
}

/// Two people who may be one, found by ``CaseStore/possibleDuplicatePairs(after:limit:)``.
public struct DuplicatePair: Hashable, Sendable {
    public var first: PersonMatch
    public var second: PersonMatch
    /// Why the matcher thinks they are one person ("first name matches, surname matches, date of birth matches").
    public var reasons: [MatchReason]

    public init(first: PersonMatch, second: PersonMatch, reasons: [MatchReason]) {
        self.first = first
        self.second = second
        self.reasons = reasons
    }

    /// True when both are in one family (merge the people) rather than two (merge the families first).
    public var inOneFamily: Bool { first.familyID == second.familyID }
}

/// One page of possible duplicates, and where the next page starts (nil at the end of the store).
public struct DuplicatePage: Hashable, Sendable {
    public var pairs: [DuplicatePair]
    /// Pass to ``CaseStore/possibleDuplicatePairs(after:limit:)`` for the next page.
    public var next: String?

    public init(pairs: [DuplicatePair], next: String?) {
        self.pairs = pairs
        self.next = next
    }
}
