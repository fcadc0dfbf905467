import Foundation
import SignpostDomain
import SignpostStore

/// Merges as the in-memory store keeps them: the same aliases, records and undo as the SQLite store's tables.
struct MergingState {
    /// Each retired id and the id it now names.
    var aliases: [String: (newID: String, merge: MergeID)] = [:]
    /// Every merge, oldest first.
    var records: [MergeRecord] = []

    /// The family `id` names now: itself when held, else the family it was merged into.
    func resolvedFamilyID(_ id: FamilyID, in families: [FamilyID: Family]) -> FamilyID? {
        var current = id.rawValue
        for _ in 0..<32 {
            if families[FamilyID(current)] != nil { return FamilyID(current) }
            guard let next = aliases[current]?.newID else { return nil }
            current = next
        }
        return nil
    }

    /// The ids among `strings` a merge retired, each with the id it now names.
    func aliases(among strings: Set<String>) -> [String: String] {
        var found: [String: String] = [:]
        for string in strings where aliases[string] != nil {
            var target = string
            var hops = 0
            while hops < 32, let next = aliases[target]?.newID {
                target = next
                hops += 1
            }
            found[string] = target
        }
        return found
    }

    /// The change as this store applies it: old ids resolved, a merge given the absorbed family as held here.
    func prepare(_ incoming: CaseChange, families: [FamilyID: Family]) throws -> CaseChange {
        var change = aliases.isEmpty ? incoming : try incoming.resolvingAliases { aliases(among: $0) }
        switch change {
        case .addFamily(let family) where aliases[family.id.rawValue] != nil:
            throw StoreError.duplicateFamily(family.id)
        case .mergeFamilies(var merge):
            if let held = families[merge.absorbed.id] {
                merge.absorbed = held
                change = .mergeFamilies(merge)
            }
        case .undoMerge(let undo):
            for restored in undo.restored.dropFirst() where families[restored.id] != nil {
                throw StoreError.duplicateFamily(restored.id)
            }
        default:
            break
        }
        return change
    }

    /// Keeps a merge or an undo once applied: families removed or restored, aliases, the record.
    mutating func record(
        _ change: CaseChange, before: Family?, after: Family, by actor: String, families: inout [FamilyID: Family]
    ) {
        switch change {
        case .mergeFamilies(let merge):
            guard let before else { return }
            families[merge.absorbed.id] = nil
            aliases[merge.absorbed.id.rawValue] = (after.id.rawValue, merge.id)
            records.append(
                MergeRecord(
                    id: merge.id, kind: .families, survivorFamily: after.id, absorbedFamily: merge.absorbed.id,
                    survivorPerson: nil, absorbedPerson: nil, before: [before, merge.absorbed], after: after,
                    at: merge.at, by: actor, reason: merge.reason, undoneAt: nil))
        case .mergePeople(let merge):
            guard let before else { return }
            aliases[merge.absorbed.rawValue] = (merge.survivor.rawValue, merge.id)
            records.append(
                MergeRecord(
                    id: merge.id, kind: .people, survivorFamily: after.id, absorbedFamily: after.id,
                    survivorPerson: merge.survivor, absorbedPerson: merge.absorbed, before: [before], after: after,
                    at: merge.at, by: actor, reason: merge.reason, undoneAt: nil))
        case .undoMerge(let undo):
            for restored in undo.restored.dropFirst() { families[restored.id] = restored }
            aliases = aliases.filter { $0.value.merge != undo.merge }
            for index in records.indices where records[index].id == undo.merge {
                records[index].undoneAt = undo.at
            }
        default:
            return
        }
    }
}

extension InMemoryCaseStore {
    public func mergeRecords(family: FamilyID?, limit: Int) throws -> [MergeRecord] {
        withState { state in
            Array(
                state.merging.records.filter { family == nil || $0.survivorFamily == family }
                    .sorted { ($0.at, $0.id) > ($1.at, $1.id) }.prefix(max(limit, 0)))
        }
    }

    public func resolveFamilyID(_ id: FamilyID) throws -> FamilyID? {
        withState { $0.merging.resolvedFamilyID(id, in: $0.families) }
    }

    /// The same blocks and rule as the SQLite store (``DuplicateScan``), read from every person held.
    public func possibleDuplicatePairs(after cursor: String?, limit: Int) throws -> DuplicatePage {
        guard limit > 0 else { return DuplicatePage(pairs: [], next: cursor) }
        let families = withState { $0.families }
        var blocks: [String: [MatchCandidate]] = [:]
        for family in families.values {
            for person in family.members {
                let candidate = MatchCandidate(person: person, in: family)
                for key in candidate.indexKeys where key.hasPrefix(DuplicateScan.firstKey) {
                    blocks[key, default: []].append(candidate)
                }
            }
        }
        var pairs: [DuplicatePair] = []
        let start = cursor ?? DuplicateScan.firstKey
        for key in blocks.keys.sorted() where key > start {
            guard let block = blocks[key], block.count > 1 else { continue }
            for (first, second, reasons) in DuplicateScan.pairs(
                in: Array(
                    block.sorted { ($0.familyID, $0.personID) < ($1.familyID, $1.personID) }
                        .prefix(DuplicateScan.blockLimit)), key: key)
            {
                func listed(_ candidate: MatchCandidate, _ reasons: [MatchReason]) -> PersonMatch {
                    PersonMatch(
                        RankedMatch(candidate: candidate, score: 0, reasons: reasons),
                        summary: FamilySummary(of: families[candidate.familyID]!))
                }
                pairs.append(DuplicatePair(first: listed(first, []), second: listed(second, reasons), reasons: reasons))
            }
            if pairs.count >= limit { return DuplicatePage(pairs: pairs, next: key) }
        }
        return DuplicatePage(pairs: pairs, next: nil)
    }
}
