import Foundation
import SignpostDomain

/// The changes of one record per person (#16): merging two families or two people, and undoing a merge.
///
/// Kept apart from the older kinds so that their kind names, JSON, validation and audit wording read
/// together. Each travels whole to the team server (no field-level base): a merge carries what it
/// needs to give the same result in every store (``FamilyMerge``), an undo the families it restores.
extension CaseChange {
    /// The surviving family: the one the change is about.
    var mergingFamily: FamilyID {
        switch self {
        case .mergeFamilies(let merge): return merge.survivor
        case .mergePeople(let merge): return merge.family
        case .undoMerge(let undo): return undo.family
        default: return family
        }
    }

    /// `merge-families`, `merge-people`, `undo-merge`.
    var mergingAction: String {
        switch self {
        case .mergeFamilies: return "merge-families"
        case .mergePeople: return "merge-people"
        case .undoMerge: return "undo-merge"
        default: return action
        }
    }

    /// The merge's id (an undo names the merge it undoes).
    var mergingRecordID: String {
        switch self {
        case .mergeFamilies(let merge): return merge.id.rawValue
        case .mergePeople(let merge): return merge.id.rawValue
        case .undoMerge(let undo): return undo.merge.rawValue
        default: return recordID
        }
    }

    /// The merge or undo's id and the ids it retires or brings back, for the store's alias table.
    package var mergeID: MergeID? {
        switch self {
        case .mergeFamilies(let merge): return merge.id
        case .mergePeople(let merge): return merge.id
        case .undoMerge(let undo): return undo.merge
        default: return nil
        }
    }

    /// The surviving family after a merge, or the survivor as it was before an undo.
    ///
    /// A family merge folds in the absorbed family the change carries; a store that holds that family
    /// passes its own copy in the change (see ``FamilyMerge``). The other families an undo restores
    /// are the store's to add (``MergeUndo/restored``).
    func applyingMerging(to family: Family) throws -> Family {
        switch self {
        case .mergeFamilies(let merge):
            try Self.requireReason(merge.reason, for: "merging two families")
            return try family.absorbing(merge.absorbed, fields: merge.fields)
        case .mergePeople(let merge):
            try Self.requireReason(merge.reason, for: "merging two people")
            return try family.mergingPeople(merge)
        case .undoMerge(let undo):
            try Self.requireReason(undo.reason, for: "undoing a merge")
            guard let survivor = undo.restored.first, survivor.id == undo.family else {
                throw StoreError.invalidChange("undoing \(undo.merge) must restore \(undo.family) first")
            }
            for restored in undo.restored {
                try restored.checkIDs()
                try restored.validateForStore()
            }
            return survivor
        default:
            return family
        }
    }

    private static func requireReason(_ reason: String, for what: String) throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalidChange("\(what) needs a reason")
        }
    }

    /// What a merge or an undo did, in plain words for the audit trail.
    func mergingAuditSummary(before: Family?, after: Family) -> String {
        switch self {
        case .mergeFamilies(let merge):
            let absorbed = merge.absorbed
            let chosen = merge.fields.keys.map(\.rawValue).sorted()
            let kept = chosen.isEmpty ? "" : "; kept from \(absorbed.id): " + chosen.joined(separator: ", ")
            return "merged family \(absorbed.name) (\(absorbed.id)) into \(after.name) (\(after.id)), "
                + "\(absorbed.members.count) people moved\(kept): \(merge.reason)"
        case .mergePeople(let merge):
            let absorbedName = before?.member(merge.absorbed)?.fullName ?? merge.absorbed.rawValue
            let survivorName = after.member(merge.survivor)?.fullName ?? merge.survivor.rawValue
            let chosen = merge.fields.keys.map(\.rawValue).sorted()
            let kept = chosen.isEmpty ? "" : "; kept from \(merge.absorbed): " + chosen.joined(separator: ", ")
            return "merged \(absorbedName) (\(merge.absorbed)) into \(survivorName) (\(merge.survivor))\(kept): "
                + merge.reason
        case .undoMerge(let undo):
            let families = undo.restored.map(\.id.rawValue).joined(separator: " and ")
            return "undid merge \(undo.merge): restored \(families) as they were before it: \(undo.reason)"
        default:
            return action
        }
    }

    static func decodeMerging(kind: String, from container: KeyedDecodingContainer<CodingKeys>) throws -> CaseChange? {
        switch kind {
        case "merge-families": return .mergeFamilies(try container.decode(FamilyMerge.self, forKey: .merge))
        case "merge-people": return .mergePeople(try container.decode(PersonMerge.self, forKey: .merge))
        case "undo-merge": return .undoMerge(try container.decode(MergeUndo.self, forKey: .merge))
        default: return nil
        }
    }

    func encodeMerging(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        switch self {
        case .mergeFamilies(let merge): try container.encode(merge, forKey: .merge)
        case .mergePeople(let merge): try container.encode(merge, forKey: .merge)
        case .undoMerge(let undo): try container.encode(undo, forKey: .merge)
        default: break
        }
    }
}

extension CaseChange {
    /// The change with every id a merge retired replaced by the id that record now has.
    ///
    /// A change made before a merge (offline on another laptop, or waiting in an outbox) names the
    /// absorbed family or person; applied after the merge it reaches the survivor, so nothing recorded
    /// against an old id is lost. `aliases` answers, for the strings the change holds, those that are
    /// retired ids and what each now names. A new family and an undo are taken as they are: they name
    /// the families they bring back.
    ///
    /// ```swift
    /// let resolved = try change.resolvingAliases { strings in try db.aliases(among: strings) }
    /// ```
    package func resolvingAliases(_ aliases: (Set<String>) throws -> [String: String]) throws -> CaseChange {
        switch self {
        case .addFamily, .undoMerge: return self
        default: break
        }
        let json = try JSONValue(encoding: self)
        let replacements = try aliases(json.allStrings)
        guard !replacements.isEmpty else { return self }
        return try json.replacingStrings(replacements).decoded(as: CaseChange.self)
    }
}
