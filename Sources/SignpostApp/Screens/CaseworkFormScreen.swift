import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// A short form that records one stage of a case (a referral's outcome, an episode, the lead professional
/// or the team): what it is about, a column of fields, and Ctrl-O to record it through the casework layer.
///
/// The rules live in ``CaseLifecycle``: a refusal (a declined referral cannot be accepted, a second
/// episode needs a reason) is shown under the fields, on the field it is about, and nothing is saved.
///
/// ```swift
/// CaseworkFormScreen(title: "Referral outcome", about: ["Referral to CSCT, sent 02/09/2026"], fields: fields,
///                    saves: "Record the outcome") { fields, casework in
///     try casework.recordOutcome(of: id, .accepted, on: try fields.date("on"), reason: fields.text("reason"))
///     return "the referral is now accepted"
/// }
/// ```
final class CaseworkFormScreen: Screen {
    typealias Action = FormAction
    /// Records the form: returns the message for the family screen, or throws a ``CaseworkFormProblem`` or
    /// ``CaseworkRefusal``.
    typealias Record = (FormFields, CaseLifecycle) throws -> String

    let title: String
    private let about: [String]
    private let savesHelp: String
    private var fields: FormFields
    private let initial: [String: String]
    private let family: Family
    private let record: Record
    /// The question to ask before recording what the fields say, when it takes something away (nil records
    /// straight away).
    private let confirmation: (FormFields) -> String?
    /// The rows that belong to what the fields say now (the fields of the direction or action chosen); the
    /// others are hidden and focus passes over them.
    private let shown: (FormFields) -> Set<String>?

    /// - Parameter shown: the ids of the rows to show for what the fields say (nil shows every row); asked
    ///   again after every key, so the form follows a choice as it changes.
    init(
        title: String, family: Family, about: [String], fields: [FormFields.Row], saves: String,
        confirmingFirst confirmation: @escaping (FormFields) -> String? = { _ in nil },
        showing shown: @escaping (FormFields) -> Set<String>? = { _ in nil },
        record: @escaping Record
    ) {
        self.title = title
        self.family = family
        self.about = about
        self.savesHelp = saves
        self.fields = FormFields(fields)
        self.initial = self.fields.values
        self.confirmation = confirmation
        self.shown = shown
        self.record = record
        hideRowsNotShown()
    }

    /// Hides the rows that do not belong to what the fields say now.
    private func hideRowsNotShown() {
        guard let ids = shown(fields) else { return }
        fields.hiddenIDs = Set(fields.rows.map(\.id)).subtracting(ids)
    }

    var takesTyping: Bool { fields.focusedTakesTyping }

    var hasUnsavedChanges: Bool { fields.values != initial }

    var keys: KeyRegistry<Action> {
        formKeys(saves: savesHelp, leaves: "Leave without recording anything", group: "Form", arrowsMoveFields: true)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        for line in about {
            y += surface.putWrapped(line, in: Rect(x: area.x, y: y, width: area.width, height: 2))
        }
        let hasChoices = fields.rows.contains {
            guard !fields.hiddenIDs.contains($0.id) else { return false }
            if case .choice = $0.input { return true } else { return false }
        }
        surface.put(
            "* required · Tab/↓ next field\(hasChoices ? " · ←/→/Space change a choice" : "") · Ctrl-O records",
            at: Point(x: area.x, y: y), style: Style(.dim), clip: area)
        y += 2
        fields.draw(
            on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y),
            labelWidth: 28)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &fields.focus, hidden: fields.hiddenRows, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without recording this? What you typed will be lost.") ?? save(app)
        }
        let outcome = fields.handle(key)
        hideRowsNotShown()
        return outcome
    }

    private func save(_ app: AppEnvironment) -> Transition {
        guard let question = confirmation(fields) else { return commit(app) }
        var confirm = Confirmation(question, yes: "Remove", no: "Keep") { [self] in commit(app) }
        confirm.onNo = { .message("Nothing removed.", .info) }
        return .confirm(confirm)
    }

    private func commit(_ app: AppEnvironment) -> Transition {
        let casework = CaseLifecycle(
            family: family,
            context: CaseworkContext(store: app.store, practitioner: app.practitioner, clock: app.clock))
        do {
            return .popWithMessage(try record(fields, casework))
        } catch let problem as CaseworkFormProblem {
            fields.refuse(problem.message, at: problem.field)
        } catch let refusal as CaseworkRefusal {
            if let field = refusal.field, fields.has(field) {
                fields.refuse(refusal.description, at: field)
            } else {
                fields.problem = refusal.description
            }
        } catch {
            fields.problem = "nothing was saved: \(error)"
        }
        return .handled
    }
}

/// A field typed wrongly (a date that is not a date): shown under the form, on that field.
struct CaseworkFormProblem: Error {
    var field: String
    var message: String
}

extension FormFields {
    /// The date typed in a text row as DD/MM/YYYY, or `today` when it is left empty.
    ///
    /// - Throws: ``CaseworkFormProblem`` on that row when it is not a date.
    func date(_ id: String, defaultingTo today: CalendarDate) throws -> CalendarDate {
        let typed = text(id)
        guard !typed.isEmpty else { return today }
        do {
            return try CalendarDate(parsing: typed)
        } catch {
            throw CaseworkFormProblem(field: id, message: "\(error)")
        }
    }
}
