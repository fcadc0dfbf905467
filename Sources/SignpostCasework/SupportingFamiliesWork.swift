import Foundation
import SignpostDomain
import SignpostStore

/// Recording a family's Supporting Families work (#17): a need identified against a headline outcome area,
/// the outcome achieved with its evidence, and the check six months on.
///
/// The rules a practitioner meets are here, each a ``CaseworkRefusal`` naming the field to fix: no date in
/// the future or before the family was known, one need per area, an outcome only for a need identified and
/// with its evidence, and a check only once an outcome is achieved (finding it sustained only from the day
/// six months on, as the programme's guidance asks). Nothing is saved when one is refused.
///
/// ```swift
/// let work = SupportingFamiliesWork(family: family, context: context)
/// try work.identifyNeed(.secureHousing, on: today, by: "Sam Okafor", note: "rent arrears; notice served")
/// try work.recordOutcome(.secureHousing, on: later, evidence: "arrears cleared; tenancy secure")
/// ```
public struct SupportingFamiliesWork: Sendable {
    public let family: Family
    public let context: CaseworkContext

    public init(family: Family, context: CaseworkContext) {
        self.family = family
        self.context = context
    }

    /// Identifies a need against `area`.
    public func identifyNeed(_ area: OutcomeArea, on day: CalendarDate, by who: String, note: String) throws {
        try checkDay(day, field: "on")
        if let need = family.supportingFamiliesNeed(area) {
            throw CaseworkRefusal(
                "\(area.title) is already identified (on \(need.identifiedOn.british)); record its outcome instead",
                field: "area")
        }
        let identifier = who.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !identifier.isEmpty else { throw CaseworkRefusal("say who identified the need", field: "by") }
        let need = SupportingFamiliesNeed(
            area: area, identifiedOn: day, identifiedBy: identifier,
            note: note.trimmingCharacters(in: .whitespacesAndNewlines))
        try apply(.identifyNeed(need))
    }

    /// Records the outcome achieved for the need identified against `area`.
    public func recordOutcome(_ area: OutcomeArea, on day: CalendarDate, evidence: String) throws {
        try checkDay(day, field: "on")
        guard let need = family.supportingFamiliesNeed(area) else {
            throw CaseworkRefusal("identify \(area.title.lowercased()) as a need first", field: "area")
        }
        if need.achievement != nil, need.check?.sustained != false {
            throw CaseworkRefusal(
                "the \(area.title.lowercased()) outcome is already recorded (\(need.status.label))", field: "area")
        }
        guard day >= need.identifiedOn else {
            throw CaseworkRefusal(
                "an outcome cannot be achieved before the need was identified on \(need.identifiedOn.british)",
                field: "on")
        }
        let evidence = evidence.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !evidence.isEmpty else {
            throw CaseworkRefusal("give the evidence that the outcome was achieved", field: "evidence")
        }
        try apply(
            .recordOutcome(area, OutcomeAchievement(on: day, evidence: evidence, recordedBy: context.practitioner)))
    }

    /// Records the six-month check of the outcome achieved against `area`.
    public func recordCheck(_ area: OutcomeArea, on day: CalendarDate, sustained: Bool, note: String) throws {
        try checkDay(day, field: "on")
        guard let need = family.supportingFamiliesNeed(area), let achieved = need.achievement,
            let due = need.checkDueOn
        else {
            throw CaseworkRefusal("record the \(area.title.lowercased()) outcome before checking it", field: "area")
        }
        guard need.check == nil else {
            throw CaseworkRefusal(
                "the \(area.title.lowercased()) outcome is already checked (\(need.status.label))", field: "area")
        }
        guard day >= achieved.on else {
            throw CaseworkRefusal(
                "the check cannot come before the outcome was achieved on \(achieved.on.british)", field: "on")
        }
        if sustained, day < due {
            throw CaseworkRefusal(
                "an outcome is sustained once it has lasted six months: the check is due on \(due.british)",
                field: "on")
        }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if !sustained, note.isEmpty {
            throw CaseworkRefusal("say why the outcome has not lasted", field: "note")
        }
        try apply(
            .recordCheck(
                area, SustainCheck(on: day, sustained: sustained, note: note, recordedBy: context.practitioner)))
    }

    private func checkDay(_ day: CalendarDate, field: String) throws {
        guard day <= context.today else {
            throw CaseworkRefusal("\(day.british) is in the future: give a date up to today", field: field)
        }
        let known = LondonTime.today(at: family.createdAt)
        guard day >= known else {
            throw CaseworkRefusal(
                "\(day.british) is before the family was first recorded (\(known.british))", field: field)
        }
    }

    private func apply(_ change: SupportingFamiliesChange) throws {
        try context.store.apply([.supportingFamilies(family: family.id, change)], by: context.practitioner)
    }
}
