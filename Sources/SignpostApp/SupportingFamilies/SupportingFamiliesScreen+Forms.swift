import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The three short forms of the Supporting Families screen, each recorded through ``SupportingFamiliesWork``
/// so a rule broken (a date in the future, an outcome before its need) is shown on its field and nothing saved.
extension SupportingFamiliesScreen {
    private static var areaOptions: [String] { OutcomeArea.allCases.map(\.shortTitle) }

    private static func areaIndex(_ area: OutcomeArea) -> Int { OutcomeArea.allCases.firstIndex(of: area) ?? 0 }

    /// Identifying a need against an area (the selected one offered first).
    static func needForm(_ family: Family, area: OutcomeArea, app: AppEnvironment) -> any Screen {
        CaseworkFormScreen(
            title: "Add a need", family: family,
            about: [
                "Identify a need against one of the ten headline outcome areas. A family counts for Supporting "
                    + "Families with \(SupportingFamiliesRule.minimumNeeds) or more needs identified."
            ],
            fields: [
                FormFields.choice(
                    "area", "Outcome area", options: areaOptions, chosen: areaIndex(area), required: true),
                FormFields.text(
                    "on", "Identified on", value: app.today.british, maxLength: 10, placeholder: "DD/MM/YYYY"),
                FormFields.text("by", "Identified by", required: true, value: app.practitioner, maxLength: 80),
                FormFields.text("note", "Why it is a need", maxLength: 300, placeholder: "what was seen or assessed"),
            ],
            saves: "Record the need"
        ) { fields, casework in
            let chosen = OutcomeArea.allCases[fields.chosen("area")]
            let work = SupportingFamiliesWork(family: casework.family, context: casework.context)
            try work.identifyNeed(
                chosen, on: try fields.date("on", defaultingTo: casework.context.today), by: fields.text("by"),
                note: fields.text("note"))
            return "need identified: \(chosen.title)"
        }
    }

    /// Recording the outcome achieved for the selected area's need.
    static func outcomeForm(_ family: Family, area: OutcomeArea, app: AppEnvironment) -> any Screen {
        let need = family.supportingFamiliesNeed(area)
        return CaseworkFormScreen(
            title: "Outcome achieved", family: family,
            about: [
                need.map { "\(area.title): need identified \($0.identifiedOn.british). " }
                    .map { $0 + "Its six-month check falls due six months after the date achieved." }
                    ?? "\(area.title): no need is identified yet; identify it first (a)."
            ],
            fields: [
                FormFields.choice(
                    "area", "Outcome area", options: areaOptions, chosen: areaIndex(area), required: true),
                FormFields.text(
                    "on", "Achieved on", value: app.today.british, maxLength: 10, placeholder: "DD/MM/YYYY"),
                FormFields.text(
                    "evidence", "Evidence", required: true, maxLength: 300, placeholder: "what shows it was achieved"),
            ],
            saves: "Record the outcome achieved"
        ) { fields, casework in
            let chosen = OutcomeArea.allCases[fields.chosen("area")]
            let day = try fields.date("on", defaultingTo: casework.context.today)
            let work = SupportingFamiliesWork(family: casework.family, context: casework.context)
            try work.recordOutcome(chosen, on: day, evidence: fields.text("evidence"))
            return
                "outcome achieved: \(chosen.shortTitle); six-month check due \(day.adding(months: SupportingFamiliesRule.sustainMonths).british)"
        }
    }

    /// Recording the six-month check of the selected area's outcome.
    static func checkForm(_ family: Family, area: OutcomeArea, app: AppEnvironment) -> any Screen {
        let need = family.supportingFamiliesNeed(area)
        let about =
            need?.checkDueOn.map {
                "\(area.title): outcome achieved \(need?.achievement?.on.british ?? ""); check due \($0.british)."
            }
            ?? "\(area.title): no outcome is recorded yet; record it first (o)."
        return CaseworkFormScreen(
            title: "Six-month check", family: family,
            about: [about, "Sustained means it has lasted six months: that can be recorded from the due date on."],
            fields: [
                FormFields.choice(
                    "area", "Outcome area", options: areaOptions, chosen: areaIndex(area), required: true),
                FormFields.choice(
                    "sustained", "Has it lasted?", options: ["Sustained", "Not sustained"], chosen: 0, required: true),
                FormFields.text("on", "Checked on", value: app.today.british, maxLength: 10, placeholder: "DD/MM/YYYY"),
                FormFields.text("note", "What was checked", maxLength: 300, placeholder: "required when not sustained"),
            ],
            saves: "Record the six-month check"
        ) { fields, casework in
            let chosen = OutcomeArea.allCases[fields.chosen("area")]
            let sustained = fields.chosen("sustained") == 0
            let work = SupportingFamiliesWork(family: casework.family, context: casework.context)
            try work.recordCheck(
                chosen, on: try fields.date("on", defaultingTo: casework.context.today), sustained: sustained,
                note: fields.text("note"))
            return "six-month check: \(chosen.shortTitle) \(sustained ? "sustained" : "not sustained")"
        }
    }
}
