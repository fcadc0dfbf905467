import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Exporting a family's whole record for a meeting or a request: the format, the chronology's scope
/// and the folder, then Ctrl-O writes the file (readable only by the practitioner) and audits the export.
final class RecordExportScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private var fields: FormFields
    private let initial: [String: String]

    init(family: Family, app: AppEnvironment, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.family = family
        fields = FormFields([
            FormFields.choice(
                "format", "Format", options: RecordExportFormat.allCases.map(\.label), chosen: 0, required: true),
            FormFields.choice(
                "chronology", "Chronology", options: ["Everything", "Significant events only"], chosen: 0,
                required: true),
            FormFields.text(
                "folder", "Folder", required: true, value: RecordExportFile.defaultFolder(environment: environment),
                maxLength: 400),
        ])
        initial = fields.values
    }

    var title: String { "Export the record · \(family.name) family" }

    var takesTyping: Bool { fields.focusedTakesTyping }

    var hasUnsavedChanges: Bool { fields.values != initial }

    var familyContext: Family? { family }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Write the record to a file in the folder (readable only by you) and audit the export",
            leaves: "Leave without exporting", group: "Export", arrowsMoveFields: true)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        y += surface.putWrapped(
            "The whole record: members, levels with history, relationships, consent, lead professional and team, "
                + "episodes, referrals, assessments (CAF) in full and the chronology. Text, Markdown, or a page to print.",
            in: Rect(x: area.x, y: y, width: area.width, height: 3))
        surface.put(
            "* required · Tab/↓ next field · ←/→/Space change a choice · Ctrl-O exports",
            at: Point(x: area.x, y: y), style: Style(.dim), clip: area)
        y += 2
        fields.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), labelWidth: 16)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &fields.focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without exporting?") ?? export(app)
        }
        return fields.handle(key)
    }

    private func export(_ app: AppEnvironment) -> Transition {
        let format = RecordExportFormat.allCases[fields.chosen("format")]
        let options = RecordExportOptions(
            significantOnly: fields.chosen("chronology") == 1, exportedBy: app.practitioner, at: app.clock())
        do {
            let file = try RecordExportFile.export(
                family, as: format, options: options, into: fields.text("folder"), store: app.store)
            return .popWithMessage("exported to \(file.path) (readable only by you)")
        } catch let problem as RecordExportProblem {
            fields.refuse(problem.description, at: "folder")
        } catch {
            fields.problem = "nothing was exported: \(error)"
        }
        return .handled
    }
}
