import Foundation
import SignpostDomain

/// Erasing one person from a family after review (#16): what, when and why.
///
/// The change travels to the team server like any other, so every laptop holding the family erases
/// the person too. It carries only the person's id and the reason, never anything erased.
///
/// ```swift
/// try store.apply([.erasePerson(PersonErasure(family: "F-0001", person: "P-0003", reason: "retention review", at: now))], by: "jo")
/// ```
public struct PersonErasure: Hashable, Codable, Sendable {
    public var family: FamilyID
    public var person: PersonID
    /// Why the person's data is erased (a retention review, an upheld request); required.
    public var reason: String
    public var at: Date

    public init(family: FamilyID, person: PersonID, reason: String, at: Date) {
        self.family = family
        self.person = person
        self.reason = reason
        self.at = at
    }
}

extension CaseChange {
    /// The sentence left in place of an erased audit entry's own (its values become ``AuditDetail/erased``).
    public static let erasedSummary = "[erased]"

    /// The person an erasure removes, or nil for any other change.
    package var erasure: PersonErasure? {
        if case .erasePerson(let erasure) = self { return erasure }
        return nil
    }

    /// Whether this erases a person `family` no longer holds.
    ///
    /// The team server keeps a family's history with an erased person already taken out of it, so a
    /// laptop that brings the family afresh replays an erasure with nothing left to erase: pulled, it is
    /// applied as done (and audited); made here, it is refused as naming no member.
    package func erasesSomeoneAlreadyGone(from family: Family?) -> Bool {
        guard case .erasePerson(let erasure) = self, let family else { return false }
        return family.member(erasure.person) == nil
    }

    func applyingErasure(to family: Family) throws -> Family {
        guard case .erasePerson(let erasure) = self else { return family }
        if erasure.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalidChange("erasing a person needs a reason")
        }
        do {
            return try family.erasing(erasure.person).0
        } catch let problem as ErasureProblem {
            throw StoreError.invalidChange(problem.description)
        }
    }

    /// "erased person P-0003 (member, 1 relationship, 2 notes): reason" — kinds and ids, never content.
    func erasureAuditSummary(before: Family?) -> String {
        guard case .erasePerson(let erasure) = self else { return action }
        let tally = (try? before?.erasing(erasure.person).1)?.summary ?? "no other records"
        return "erased person \(erasure.person) (the member and their levels; \(tally)): \(erasure.reason)"
    }

    /// The marker that replaces the values of an audit entry about an erased person: what was erased and why.
    package func erasureMarker() -> AuditDetail? {
        guard case .erasePerson(let erasure) = self else { return nil }
        return AuditDetail(changes: [], erased: "a person erased from \(erasure.family): \(erasure.reason)")
    }

    static func decodeErasure(kind: String, from container: KeyedDecodingContainer<CodingKeys>) throws -> CaseChange? {
        guard kind == "erase-person" else { return nil }
        return .erasePerson(try container.decode(PersonErasure.self, forKey: .record))
    }

    func encodeErasure(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        if case .erasePerson(let erasure) = self { try container.encode(erasure, forKey: .record) }
    }
}

extension AuditEntry {
    /// Whether this entry, about `family`, names the person: their record, or one of their identifying
    /// strings in its sentence or values.
    ///
    /// - Parameter strings: ``Person/identifyingStrings`` of the person, taken before erasing them.
    package func concerns(_ person: PersonID, of family: FamilyID, strings: [String]) -> Bool {
        guard self.family == family else { return false }
        if recordID == person.rawValue { return true }
        let detailText = detail.map { String(decoding: $0.encoded(), as: UTF8.self) } ?? ""
        return strings.contains { summary.contains($0) || detailText.contains($0) }
    }
}

extension ChangeEnvelope {
    /// This outbox envelope with an erased person taken out (itself when it never named them), or nil when it must go.
    ///
    /// A new family waiting to be sent is kept with the person erased from it, so the rest of the
    /// household still reaches the team server; any other change naming the person is dropped (the
    /// erasure that follows it in the outbox removes the person on the server and other laptops). A
    /// change already sent is kept only to recognise it when it comes back from the server: its content
    /// becomes the erasure itself, so it holds nothing of the person and is still acknowledged, not
    /// applied a second time.
    ///
    /// - Parameters:
    ///   - strings: ``Person/identifyingStrings`` of the person, taken before erasing them.
    ///   - sent: Whether the server has taken the change already.
    package func erasing(_ erasure: PersonErasure, strings: [String], sent: Bool = false) -> ChangeEnvelope? {
        guard family == erasure.family,
            let json = try? ChangeCoding.encoder.encode(self),
            strings.contains(where: { String(decoding: json, as: UTF8.self).contains($0) })
        else { return self }
        if sent {
            var kept = self
            kept.kind = CaseChange.erasePerson(erasure).action
            kept.fields = nil
            kept.change = .erasePerson(erasure)
            return kept
        }
        if case .addFamily(let family) = change, let erased = try? family.erasing(erasure.person).0 {
            var kept = self
            kept.change = .addFamily(erased)
            return kept
        }
        return nil
    }
}
