import Foundation
import SignpostDomain

/// How two records become one: every list of one is added to the other's, nothing is dropped.
///
/// Merging works on the records' JSON form, so a list a later version adds to
/// a family or a person (a new kind of record) is carried over without this
/// code naming it: a list in the absorbed record is appended to the survivor's,
/// leaving out only entries exactly equal to one already there (a language
/// both speak, the same team member); a single value is the survivor's unless
/// the practitioner chose the absorbed record's.
extension Family {
    /// The family with everything `absorbed` holds, and the household details in `fields` taken from it.
    ///
    /// - Throws: ``StoreError/invalidChange(_:)`` when the families are the same, or together they hold
    ///   two records with one id.
    package func absorbing(_ absorbed: Family, fields: [FamilyField: JSONValue]) throws -> Family {
        guard absorbed.id != id else { throw StoreError.invalidChange("\(id) cannot be merged with itself") }
        let theirs = try JSONValue(encoding: absorbed).replacingStrings([absorbed.id.rawValue: id.rawValue])
        var family = try JSONValue(encoding: self).appendingLists(of: theirs).decoded(as: Family.self)
        family.createdAt = min(createdAt, absorbed.createdAt)
        // One need per Supporting Families area: where both identified one, the survivor's stands.
        var areas: Set<OutcomeArea> = []
        family.supportingFamiliesNeeds = family.supportingFamiliesNeeds.filter { areas.insert($0.area).inserted }
        if !fields.isEmpty { family = try CaseChange.updateFamilyFields(id, fields: fields).applying(to: family) }
        do {
            try family.validateForStore()
        } catch StoreError.duplicateRecord(let record) {
            // Two different records under one id: neither can be dropped, and neither renamed without
            // breaking what refers to it.
            throw StoreError.invalidChange(
                "\(absorbed.id) and \(id) both hold a record \(record) that differs between them, so they cannot "
                    + "be merged as they are (was one family copied under a new id, keeping its records' ids?)")
        }
        return family
    }

    /// The family with `merge.absorbed` folded into `merge.survivor`: one person, every record naming them.
    ///
    /// The survivor keeps their own details except those in `merge.fields`; lists (also-known-as names,
    /// needs) are joined, and the level histories are joined in the order they were set, so the current
    /// level is the latest either record had. A relationship between the two is dropped (it would relate
    /// the person to themselves), and so is one the survivor already has with the same person.
    ///
    /// - Throws: ``StoreError`` when either person is missing, they are the same, or the result is not valid.
    package func mergingPeople(_ merge: PersonMerge) throws -> Family {
        guard merge.survivor != merge.absorbed else {
            throw StoreError.invalidChange("\(merge.survivor) cannot be merged with themselves")
        }
        guard let survivorIndex = members.firstIndex(where: { $0.id == merge.survivor }) else {
            throw StoreError.personNotFound(id, merge.survivor)
        }
        guard let absorbed = member(merge.absorbed) else { throw StoreError.personNotFound(id, merge.absorbed) }
        var person = try JSONValue(encoding: members[survivorIndex]).appendingLists(of: JSONValue(encoding: absorbed))
            .decoded(as: Person.self)
        person.id = merge.survivor
        if !merge.fields.isEmpty {
            person = try FieldValues.setting(merge.fields, on: person, what: "\(merge.survivor)")
        }
        person.levelHistory = (members[survivorIndex].levelHistory + absorbed.levelHistory)
            .enumerated().sorted { ($0.element.setAt, $0.offset) < ($1.element.setAt, $1.offset) }.map(\.element)
        var family = self
        family.members[survivorIndex] = person
        family.members.removeAll { $0.id == merge.absorbed }
        family = try JSONValue(encoding: family)
            .replacingStrings([merge.absorbed.rawValue: merge.survivor.rawValue]).decoded(as: Family.self)
        var related: Set<[PersonID]> = []
        family.relationships = family.relationships.filter { relationship in
            guard relationship.from != relationship.to else { return false }
            return related.insert([relationship.from, relationship.to].sorted()).inserted
        }
        for index in family.notes.indices { family.notes[index].about = family.notes[index].about.uniqued() }
        for index in family.contacts.indices { family.contacts[index].about = family.contacts[index].about.uniqued() }
        for index in family.referrals.indices {
            family.referrals[index].people = family.referrals[index].people.uniqued()
        }
        try family.validateForStore()
        return family
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each only the first time it comes.
    fileprivate func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}

extension JSONValue {
    /// This value with every string equal to a key of `replacements` replaced: one record's id becomes another's.
    ///
    /// Only whole strings are replaced, never part of a text, so a note mentioning an id in its words is left as typed.
    package func replacingStrings(_ replacements: [String: String]) -> JSONValue {
        switch self {
        case .string(let text): return .string(replacements[text] ?? text)
        case .array(let values): return .array(values.map { $0.replacingStrings(replacements) })
        case .object(let object): return .object(object.mapValues { $0.replacingStrings(replacements) })
        case .null, .bool, .number: return self
        }
    }

    /// Every string this value holds, at any depth.
    package var allStrings: Set<String> {
        switch self {
        case .string(let text): return [text]
        case .array(let values): return values.reduce(into: []) { $0.formUnion($1.allStrings) }
        case .object(let object): return object.values.reduce(into: []) { $0.formUnion($1.allStrings) }
        case .null, .bool, .number: return []
        }
    }

    /// This object with each list of `other` appended to its own list of the same name (entries already in it left
    /// out), and a list it lacks taken whole; its single values are kept.
    fileprivate func appendingLists(of other: JSONValue) -> JSONValue {
        guard case .object(var mine) = self, case .object(let theirs) = other else { return self }
        for (key, value) in theirs {
            guard case .array(let added) = value else { continue }
            switch mine[key] {
            case .array(let own)?: mine[key] = .array(own + added.filter { !own.contains($0) })
            case nil, .null?: mine[key] = value
            default: continue
            }
        }
        return .object(mine)
    }
}
