import Foundation
import SignpostDomain

/// Supporting Families work on a family (#17), carried by ``CaseChange/supportingFamilies(family:_:)``: a need
/// identified against one of the ten headline outcome areas, the outcome achieved, and the check six months
/// on of whether it lasted.
///
/// Each is a new fact that travels whole. When two laptops record the same fact for one area (both identify
/// housing as a need), the first to reach a store stands and the second changes nothing: it is still audited.
/// A change that breaks a rule (an outcome before its need, a check finding an outcome sustained before six
/// months have passed) is refused with ``StoreError/invalidChange(_:)``.
///
/// ```swift
/// try store.apply([.supportingFamilies(family: id, .identifyNeed(need))], by: "sam.okafor")
/// ```
public enum SupportingFamiliesChange: Hashable, Sendable {
    /// A need identified against an area (its outcome and check empty).
    case identifyNeed(SupportingFamiliesNeed)
    /// The outcome achieved for an identified need; it replaces one found not sustained.
    case recordOutcome(OutcomeArea, OutcomeAchievement)
    /// The six-month check of an achieved outcome.
    case recordCheck(OutcomeArea, SustainCheck)

    /// The audit action and kind on the wire.
    public var action: String {
        switch self {
        case .identifyNeed: return "identify-sf-need"
        case .recordOutcome: return "record-sf-outcome"
        case .recordCheck: return "record-sf-check"
        }
    }

    /// The area the change is about.
    public var area: OutcomeArea {
        switch self {
        case .identifyNeed(let need): return need.area
        case .recordOutcome(let area, _), .recordCheck(let area, _): return area
        }
    }

    /// The record id the audit and the change log name: `sf-` and the area.
    var recordID: String { "sf-\(area.rawValue)" }

    /// The family after the change; throws ``StoreError`` for a need not identified or a rule broken.
    func applying(to family: Family) throws -> Family {
        var family = family
        var needs = family.supportingFamiliesNeeds
        switch self {
        case .identifyNeed(let need):
            guard !need.identifiedBy.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw StoreError.invalidChange("say who identified the \(need.area.title.lowercased()) need")
            }
            guard need.achievement == nil, need.check == nil else {
                throw StoreError.invalidChange("a need is identified before its outcome is recorded")
            }
            // Identified already, here or on another laptop: the first stands.
            guard !needs.contains(where: { $0.area == need.area }) else { return family }
            needs.append(need)
        case .recordOutcome(let area, let achievement):
            guard let index = needs.firstIndex(where: { $0.area == area }) else {
                throw StoreError.recordNotFound(family.id, recordID)
            }
            guard !achievement.evidence.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw StoreError.invalidChange("an outcome achieved needs its evidence")
            }
            guard achievement.on >= needs[index].identifiedOn else {
                throw StoreError.invalidChange(
                    "the \(area.title.lowercased()) outcome cannot be achieved before the need was identified on "
                        + needs[index].identifiedOn.british)
            }
            // Achieved again after a check found it had not lasted; otherwise the first achievement stands.
            if needs[index].achievement != nil, needs[index].check?.sustained != false { return family }
            needs[index].achievement = achievement
            needs[index].check = nil
        case .recordCheck(let area, let check):
            guard let index = needs.firstIndex(where: { $0.area == area }) else {
                throw StoreError.recordNotFound(family.id, recordID)
            }
            guard let achieved = needs[index].achievement, let due = needs[index].checkDueOn else {
                throw StoreError.invalidChange("record the \(area.title.lowercased()) outcome before checking it")
            }
            guard check.on >= achieved.on else {
                throw StoreError.invalidChange("a check cannot come before the outcome was achieved")
            }
            if check.sustained, check.on < due {
                throw StoreError.invalidChange(
                    "an outcome is sustained after six months: the check is due on \(due.british)")
            }
            guard needs[index].check == nil else { return family }
            needs[index].check = check
        }
        family.supportingFamiliesNeeds = needs
        return family
    }

    /// What it did, in plain words for the audit trail.
    func auditSummary(before: Family?, after: Family) -> String {
        let unchanged =
            before?.supportingFamiliesNeed(area) == after.supportingFamiliesNeed(area)
            ? " (already recorded; the first stands)" : ""
        switch self {
        case .identifyNeed(let need):
            let count = after.supportingFamiliesNeeds.count
            return
                "Supporting Families need identified: \(need.area.title) on \(need.identifiedOn.british) by \(need.identifiedBy)"
                + "\(unchanged) (\(count) need\(count == 1 ? "" : "s") identified)"
        case .recordOutcome(let area, let achievement):
            return
                "Supporting Families outcome achieved: \(area.title) on \(achievement.on.british): \(achievement.evidence)\(unchanged)"
        case .recordCheck(let area, let check):
            let progress =
                after.significantAndSustainedProgressOn.map { "; significant and sustained progress on \($0.british)" }
                ?? ""
            return
                "Supporting Families six-month check: \(area.title) \(check.sustained ? "sustained" : "not sustained") "
                + "on \(check.on.british)\(check.note.isEmpty ? "" : ": \(check.note)")\(unchanged)\(progress)"
        }
    }

    /// Reads one from a change's JSON form, or nil when `kind` is not one of these.
    static func decode(
        kind: String, from container: KeyedDecodingContainer<CaseChange.CodingKeys>
    ) throws -> SupportingFamiliesChange? {
        switch kind {
        case "identify-sf-need":
            return .identifyNeed(try container.decode(SupportingFamiliesNeed.self, forKey: .record))
        case "record-sf-outcome":
            return .recordOutcome(
                try container.decode(OutcomeArea.self, forKey: .field),
                try container.decode(OutcomeAchievement.self, forKey: .record))
        case "record-sf-check":
            return .recordCheck(
                try container.decode(OutcomeArea.self, forKey: .field),
                try container.decode(SustainCheck.self, forKey: .record))
        default:
            return nil
        }
    }

    /// Writes its own keys (the version, kind and family are already written).
    func encode(into container: inout KeyedEncodingContainer<CaseChange.CodingKeys>) throws {
        switch self {
        case .identifyNeed(let need):
            try container.encode(need, forKey: .record)
        case .recordOutcome(let area, let achievement):
            try container.encode(area, forKey: .field)
            try container.encode(achievement, forKey: .record)
        case .recordCheck(let area, let check):
            try container.encode(area, forKey: .field)
            try container.encode(check, forKey: .record)
        }
    }
}
