import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The children in need census factors identified at the end of an assessment: every national code, ticked or
/// not, with those the family's recorded concerns suggest marked and explained.
///
/// Each tick is saved at once (audited as a save of the assessment), as the rest of the CAF is, so leaving loses
/// nothing. A suggestion is only a suggestion: nothing is ticked until the practitioner ticks it (`a` ticks them
/// all).
final class AssessmentFactorsScreen: Screen {
    enum Action: Hashable, Sendable { case toggle, tickSuggested, up, down, pageUp, pageDown, top, bottom, back }

    private let familyID: FamilyID
    private let assessmentID: AssessmentID
    private var assessment: EarlyHelpAssessment
    private let suggestions: [CINFactor: String]
    private let subjectName: String
    private var list = ScrollList(rows: [])

    init(family: Family, assessment: EarlyHelpAssessment, app: AppEnvironment) {
        familyID = family.id
        assessmentID = assessment.id
        self.assessment = assessment
        subjectName = family.member(assessment.subject)?.fullName ?? assessment.subject.rawValue
        suggestions = Dictionary(
            CINFactor.suggestions(for: assessment.subject, in: family).map { ($0.factor, $0.reason) },
            uniquingKeysWith: { first, _ in first })
        refreshRows()
    }

    var title: String { "Census factors" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.character(" "), .enter], .toggle, hint: "Tick/untick",
            help: "Tick or untick the selected factor (saved at once)", group: "Factors")
        if !suggestions.isEmpty {
            keys.bind(
                [.character("a")], .tickSuggested, hint: "Tick suggested",
                help: "Tick every factor the family's recorded concerns suggest (saved at once)", group: "Factors")
        }
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Previous factor", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Next factor", group: "Moving", showsInHintBar: false)
        keys.bind([.pageUp], .pageUp, hint: "Page up", help: "Up a screenful", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.pageDown], .pageDown, hint: "Page down", help: "Down a screenful", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("g"), .home], .top, hint: "Top", help: "First factor", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("G"), .end], .bottom, hint: "Bottom", help: "Last factor", group: "Moving",
            showsInHintBar: false)
        keys.bind(
            [.escape, .character("q")], .back, hint: "Back", help: "Back to the assessment (every tick is saved)",
            group: "General")
        return keys
    }

    private var ticked: Set<CINFactor> { Set(assessment.factorsIdentified ?? []) }

    private func refreshRows() {
        let ticked = ticked
        list.rows = CINFactor.allCases.map { factor in
            let mark = ticked.contains(factor) ? "[x]" : "[ ]"
            let suggested = suggestions[factor].map { "  · suggested: \($0)" } ?? ""
            return ListRow(
                "\(mark) \(factor.code.padding(toLength: 4, withPad: " ", startingAt: 0)) \(factor.label)\(suggested)",
                style: ticked.contains(factor) ? Style(.normal, [.bold]) : .normal)
        }
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let recorded = assessment.recordedFactors.map(\.code).joined(separator: ", ")
        let summary =
            "\(subjectName)'s assessment. " + (recorded.isEmpty ? "No factors recorded yet." : "Recorded: \(recorded).")
            + (suggestions.isEmpty
                ? " No concerns on the family's contacts suggest any."
                : " Suggested from the concerns recorded: "
                    + suggestions.keys.sorted().map(\.code).joined(separator: ", ") + " (a ticks them).")
        let used = surface.putWrapped(
            summary, in: Rect(x: area.x, y: area.y, width: area.width, height: 3), style: Style(.header))
        // The selected factor in full below the list, so a suggestion's reason is never only cut short.
        let detailHeight = 2
        let listArea = Rect(
            x: area.x, y: area.y + used + 1, width: area.width, height: max(area.height - used - 2 - detailHeight, 0))
        list.draw(on: surface, in: listArea, focused: true)
        if let index = list.selectedIndex {
            let factor = CINFactor.allCases[index]
            let detail = "\(factor.code) \(factor.label)" + (suggestions[factor].map { ": suggested, \($0)" } ?? "")
            surface.putWrapped(
                detail, in: Rect(x: area.x, y: area.maxY - detailHeight, width: area.width, height: detailHeight),
                style: Style(.dim))
        }
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .toggle:
            guard let index = list.selectedIndex else { return .handled }
            let factor = CINFactor.allCases[index]
            var factors = ticked
            if factors.contains(factor) { factors.remove(factor) } else { factors.insert(factor) }
            return save(factors, app: app)
        case .tickSuggested:
            return save(ticked.union(suggestions.keys), app: app)
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            _ = list.handle(key, in: Rect(x: 0, y: 0, width: area.width, height: max(area.height - 4, 1)))
            return .handled
        case .back: return .pop
        }
    }

    /// Saves the ticked factors on the stored assessment (read afresh, so nothing typed elsewhere is undone).
    private func save(_ factors: Set<CINFactor>, app: AppEnvironment) -> Transition {
        do {
            guard let family = try app.store.family(familyID),
                var stored = family.assessments.first(where: { $0.id == assessmentID })
            else {
                return .message("the assessment is no longer on the record", .error)
            }
            stored.factorsIdentified = factors.sorted()
            try app.store.apply([.saveAssessment(family: familyID, stored)], by: app.practitioner)
            assessment = stored
            refreshRows()
            return .handled
        } catch {
            return .message("the factors were not saved: \(error)", .error)
        }
    }
}
