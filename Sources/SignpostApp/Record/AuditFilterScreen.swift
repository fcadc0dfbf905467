import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The audit trail's filters: a person (login), a kind of action, and a range of days.
final class AuditFilterScreen: Screen {
    typealias Action = FormAction

    private static let kinds: [AuditActionKind?] = [nil] + AuditActionKind.allCases

    private var fields: FormFields
    private let initial: [String: String]
    private weak var audit: AuditScreen?

    init(current: AuditQuery, isStoreWide: Bool, audit: AuditScreen) {
        self.audit = audit
        fields = FormFields([
            FormFields.text(
                "actor", "Person (login)", value: current.actor ?? "", maxLength: 80, placeholder: "everyone"),
            FormFields.choice(
                "kind", "Kind of action",
                options: Self.kinds.map { $0?.label ?? "Everything" },
                chosen: Self.kinds.firstIndex(of: current.kind) ?? 0),
            FormFields.text(
                "since", "From (DD/MM/YYYY)", value: current.since.map { LondonTime.today(at: $0).british } ?? "",
                maxLength: 10, placeholder: "any date"),
            FormFields.text(
                "until", "To, inclusive (DD/MM/YYYY)",
                value: current.until.map { LondonTime.today(at: $0.addingTimeInterval(-1)).british } ?? "",
                maxLength: 10, placeholder: "any date"),
        ])
        initial = fields.values
    }

    var title: String { "Filter the audit trail" }

    var takesTyping: Bool { fields.focusedTakesTyping }

    var hasUnsavedChanges: Bool { fields.values != initial }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Show the entries that match", leaves: "Leave the filters as they were", group: "Filter",
            arrowsMoveFields: true)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        surface.put(
            "Leave a field empty for any · Tab/↓ next field · ←/→ change the kind · Ctrl-O shows the entries",
            at: area.origin, width: area.width, style: Style(.dim), clip: area)
        fields.draw(
            on: surface, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2), labelWidth: 30)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &fields.focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without changing the filters?") ?? save(app)
        }
        return fields.handle(key)
    }

    private func day(_ id: String) throws -> CalendarDate? {
        let typed = fields.text(id).trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return nil }
        do {
            return try CalendarDate(parsing: typed)
        } catch {
            throw CaseworkFormProblem(field: id, message: "\(error)")
        }
    }

    private func save(_ app: AppEnvironment) -> Transition {
        var query = AuditQuery()
        do {
            let since = try day("since")
            let until = try day("until")
            if let since, let until, until < since {
                throw CaseworkFormProblem(field: "until", message: "the last day comes before the first")
            }
            query.since = since.map(LondonTime.start(of:))
            // The last day is inclusive: entries before the start of the day after it.
            query.until = until.map { LondonTime.start(of: $0.adding(days: 1)) }
        } catch let problem as CaseworkFormProblem {
            fields.refuse(problem.message, at: problem.field)
            return .handled
        } catch {
            fields.problem = "\(error)"
            return .handled
        }
        let actor = fields.text("actor").trimmingCharacters(in: .whitespaces)
        query.actor = actor.isEmpty ? nil : actor
        query.kind = Self.kinds[fields.chosen("kind")]
        audit?.apply(query, app: app)
        return .popWithMessage("showing \(AuditFormatting.describe(query))")
    }
}
