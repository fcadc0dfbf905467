import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// A subject access copy for the selected member: the format and the folder, then Ctrl-O writes the file
/// (readable only by the practitioner, third parties redacted) and audits the export.
final class SubjectAccessScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private let person: Person
    private var fields: FormFields
    private let initial: [String: String]

    init(
        family: Family, person: Person, environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.family = family
        self.person = person
        fields = FormFields([
            FormFields.choice(
                "format", "Format", options: RecordExportFormat.allCases.map(\.label), chosen: 0, required: true),
            FormFields.text(
                "folder", "Folder", required: true, value: RecordExportFile.defaultFolder(environment: environment),
                maxLength: 400),
        ])
        initial = fields.values
    }

    var title: String { "Subject access · \(person.fullName)" }

    var takesTyping: Bool { fields.focusedTakesTyping }

    var hasUnsavedChanges: Bool { fields.values != initial }

    var familyContext: Family? { family }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Write the subject access copy to a file in the folder (readable only by you) and audit it",
            leaves: "Leave without writing anything", group: "Subject access", arrowsMoveFields: true)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        y += surface.putWrapped(
            "Everything held about \(person.fullName): details, levels, relationships, notes, contacts and "
                + "referrals about them, consents they gave, their CAFs and who viewed the record. Other people's "
                + "names and dates of birth are shown as [third party].",
            in: Rect(x: area.x, y: y, width: area.width, height: 3))
        surface.put(
            "* required · Tab/↓ next field · ←/→/Space change a choice · Ctrl-O writes",
            at: Point(x: area.x, y: y), style: Style(.dim), clip: area)
        y += 2
        fields.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), labelWidth: 16)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &fields.focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without writing the copy?") ?? export(app)
        }
        return fields.handle(key)
    }

    private func export(_ app: AppEnvironment) -> Transition {
        let format = RecordExportFormat.allCases[fields.chosen("format")]
        let options = RecordExportOptions(exportedBy: app.practitioner, at: app.clock())
        do {
            let file = try RecordExportFile.exportSubjectAccess(
                person.id, of: family, as: format, options: options, into: fields.text("folder"), store: app.store)
            return .popWithMessage("subject access copy written to \(file.path) (readable only by you)")
        } catch let problem as RecordExportProblem {
            fields.refuse(problem.description, at: "folder")
        } catch {
            fields.problem = "nothing was written: \(error)"
        }
        return .handled
    }
}
