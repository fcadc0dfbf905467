import Foundation
import SignpostDomain

/// A retention review's decision to keep a closed record (#16), carried by ``CaseChange/decideRetention(family:_:)``.
///
/// The decision is appended to the family (the latest one counts), so the record leaves the list of
/// records due for review until the day it was kept until. It travels to the team server like any other
/// change, so every laptop holding the family stops listing it too.
///
/// ```swift
/// let decision = RetentionDecision(keptUntil: day, reason: "a sibling's case is open", by: "sam.okafor", at: now)
/// try store.apply([.decideRetention(family: "F-0001", decision)], by: "sam.okafor")
/// ```
extension CaseChange {
    /// The audit action and kind on the wire.
    static let retentionAction = "decide-retention"

    func applyingRetention(to family: Family) throws -> Family {
        guard case .decideRetention(_, let decision) = self else { return family }
        if decision.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalidChange("keeping a record after its retention review needs a reason")
        }
        guard !family.isOpen else {
            throw StoreError.invalidChange("\(family.id) is open: a record is only reviewed for retention once closed")
        }
        var family = family
        family.retentionDecisions.append(decision)
        return family
    }

    /// "retention review: kept until 26/11/2027: a sibling's case is still open".
    func retentionAuditSummary() -> String {
        guard case .decideRetention(_, let decision) = self else { return action }
        return "retention review: kept until \(decision.keptUntil.british): \(decision.reason)"
    }

    static func decodeRetention(
        kind: String, family: FamilyID, from container: KeyedDecodingContainer<CodingKeys>
    ) throws -> CaseChange? {
        guard kind == retentionAction else { return nil }
        return .decideRetention(family: family, try container.decode(RetentionDecision.self, forKey: .record))
    }

    func encodeRetention(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        if case .decideRetention(_, let decision) = self { try container.encode(decision, forKey: .record) }
    }
}
