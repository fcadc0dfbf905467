import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// A family's Supporting Families outcomes (`U` on the family screen): the ten headline outcome areas, each
/// marked in words and brackets (never colour alone) as no need, need identified, outcome achieved with its
/// six-month check date, sustained, or not sustained; whether the family meets the criteria (three or more
/// needs) and has shown significant and sustained progress; and the selected area's detail below.
///
/// `a` identifies a need against the selected area, `o` records its outcome achieved with evidence, `c`
/// records the six-month check; each is a short form whose rules are ``SupportingFamiliesWork``'s.
final class SupportingFamiliesScreen: Screen {
    enum Action: Hashable, Sendable { case addNeed, outcome, check, read, up, down, top, bottom, back }

    let familyID: FamilyID
    private var family: Family?
    private var loadError: String?
    private var list = ScrollList(rows: [])

    init(family: FamilyID, app: AppEnvironment) {
        familyID = family
        reload(app)
    }

    var title: String { "Supporting Families" }

    var familyContext: Family? { family }

    private var selectedArea: OutcomeArea { OutcomeArea.allCases[list.selectedIndex ?? 0] }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        // The three main keys always show, short enough to fit beside Help at 80 columns; a key that
        // does not apply to the selected area says why when its form is saved.
        keys.bind(
            [.character("a")], .addNeed, hint: "Need",
            help: "Identify a need against the selected outcome area: when, by whom and why", group: "Outcomes")
        keys.bind(
            [.character("o")], .outcome, hint: "Achieved",
            help: "Record the selected area's outcome as achieved, with the date and the evidence", group: "Outcomes")
        keys.bind(
            [.character("c")], .check, hint: "Check",
            help: "Record the six-month check of the selected outcome: sustained (from six months on) or not",
            group: "Outcomes")
        keys.bind(
            [.enter], .read, hint: "Read",
            help: "Read everything recorded for the selected area: the need, the evidence, the check",
            group: "Outcomes")
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Previous area", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Next area", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("g"), .home], .top, hint: "Top", help: "First area", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("G"), .end], .bottom, hint: "Bottom", help: "Last area", group: "Moving", showsInHintBar: false)
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back to the family", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) { reload(app) }

    private func reload(_ app: AppEnvironment) {
        do {
            family = try app.store.family(familyID)
            loadError = family == nil ? "this family is no longer in the store" : nil
        } catch {
            loadError = "the family could not be read: \(error)"
        }
    }

    /// One line per area: the marker, the area's name and where it stands, fitted to `width`.
    static func rows(_ family: Family, width: Int, today: CalendarDate) -> [ListRow] {
        let nameWidth = width >= 110 ? 56 : 24
        return OutcomeArea.allCases.map { area in
            let status = family.outcomeStatus(area)
            let name = width >= 110 ? area.title : area.shortTitle
            let padded = name + String(repeating: " ", count: max(nameWidth - name.count, 0))
            var text = "\(status.marker) \(padded) "
            switch status {
            case .notIdentified: text += "-"
            case .identified:
                text += "need since \(family.supportingFamiliesNeed(area)?.identifiedOn.british ?? "")"
            case .achieved(let due):
                let achieved = family.supportingFamiliesNeed(area)?.achievement?.on.british ?? ""
                text += "achieved \(achieved); check \(due < today ? "OVERDUE" : "due") \(due.british)"
            case .sustained(let on): text += "sustained, checked \(on.british)"
            case .notSustained(let on): text += "NOT sustained, checked \(on.british)"
            }
            return ListRow(text, style: status == .notIdentified ? Style(.dim) : .normal)
        }
    }

    /// The two lines that say whether the family counts and has made its progress.
    static func summary(_ family: Family, today: CalendarDate) -> [String] {
        let needs = family.supportingFamiliesNeeds
        let minimum = SupportingFamiliesRule.minimumNeeds
        let criteria =
            SupportingFamiliesRule.eligibleOn(needs).map {
                "\(needs.count) of 10 areas identified: MEETS the criteria (\(minimum) or more) since \($0.british)"
            }
            ?? "\(needs.count) of 10 areas identified: does not meet the criteria yet (\(minimum) or more needed)"
        let progress: String
        if let on = SupportingFamiliesRule.progressOn(needs) {
            progress = "Significant and sustained progress: YES, on \(on.british)"
        } else {
            let sustained = needs.filter { if case .sustained = $0.status { true } else { false } }.count
            let overdue = needs.compactMap { need -> CalendarDate? in
                guard case .achieved(let due) = need.status, due < today else { return nil }
                return due
            }
            progress =
                "Significant and sustained progress: not yet (\(sustained) of \(needs.count) outcomes sustained"
                + (overdue.isEmpty ? ")" : "; \(overdue.count) check\(overdue.count == 1 ? "" : "s") due now)")
        }
        return [criteria, progress]
    }

    /// Everything recorded for `area`, in sentences.
    static func detail(_ family: Family, area: OutcomeArea) -> String {
        guard let need = family.supportingFamiliesNeed(area) else {
            return "\(area.title): no need identified. Press a to identify one."
        }
        var lines = [
            "\(area.title): need identified \(need.identifiedOn.british) by \(need.identifiedBy)"
                + (need.note.isEmpty ? "." : ": \(need.note)")
        ]
        if let achievement = need.achievement {
            lines.append(
                "Outcome achieved \(achievement.on.british) (recorded by \(achievement.recordedBy)): \(achievement.evidence)"
            )
        } else {
            lines.append("Outcome not yet achieved. Press o when it is, with the evidence.")
        }
        if let check = need.check {
            lines.append(
                "Six-month check \(check.on.british): \(check.sustained ? "sustained" : "NOT sustained")"
                    + (check.note.isEmpty ? "." : ": \(check.note)")
                    + (check.sustained ? "" : " Press o to record the outcome achieved again."))
        } else if let due = need.checkDueOn {
            lines.append("Six-month check due \(due.british). Press c to record it.")
        }
        return lines.joined(separator: "\n")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        guard let family else {
            surface.putWrapped(loadError ?? "", in: area, style: Style(.error))
            return
        }
        var y = area.y
        for line in Self.summary(family, today: app.today) {
            y += surface.putWrapped(
                line, in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.header))
        }
        surface.put(
            "[ ] none  [N] need  [A] achieved  [S] sustained 6 months  [!] not sustained",
            at: Point(x: area.x, y: y), width: area.width, style: Style(.dim), clip: area)
        y += 1
        list.rows = Self.rows(family, width: area.width - 2, today: app.today)
        let listHeight = min(OutcomeArea.allCases.count, max(area.maxY - y - 2, 3))
        list.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: listHeight), focused: true)
        let cursor = surface.cursor
        y += listHeight + 1
        if y < area.maxY {
            surface.putWrapped(
                Self.detail(family, area: selectedArea),
                in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y))
        }
        surface.cursor = cursor
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        guard let family else { return action == .back ? .pop : .handled }
        let chosen = selectedArea
        switch action {
        case .addNeed: return .push(Self.needForm(family, area: chosen, app: app))
        case .outcome, .check:
            guard family.outcomeStatus(chosen) != .notIdentified else {
                // Said at once rather than after filling in a form that cannot be saved.
                return .message("identify \(chosen.title.lowercased()) as a need first: press a", .warning)
            }
            return .push(
                action == .outcome
                    ? Self.outcomeForm(family, area: chosen, app: app) : Self.checkForm(family, area: chosen, app: app))
        case .read:
            return .push(TextReadScreen(title: chosen.title, text: Self.detail(family, area: chosen)))
        case .up, .down, .top, .bottom:
            _ = list.handle(key, in: Rect(x: 0, y: 0, width: area.width, height: OutcomeArea.allCases.count))
        case .back: return .pop
        }
        return .handled
    }
}
