import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Exporting a family's whole record for a meeting or a request: the format, the chronology's scope
/// and the folder, then Ctrl-O writes the file (readable only by the practitioner) and audits the export.
final class RecordExportScreen: FileFormScreen {
    init(family: Family, app: AppEnvironment, environment: [String: String] = ProcessInfo.processInfo.environment) {
        super.init(
            FileForm(
                title: "Export the record · \(family.name) family", family: family,
                fields: [
                    FileForm.exportFormat,
                    FormFields.choice(
                        "chronology", "Chronology", options: ["Everything", "Significant events only"], chosen: 0,
                        required: true),
                    FileForm.exportFolder(environment: environment),
                ],
                explanation: "The whole record: members, levels with history, relationships, consent, lead "
                    + "professional and team, episodes, referrals, assessments (CAF) in full and the chronology. "
                    + "Text, Markdown, or a page to print.",
                explanationHeight: 3,
                keysLine: "* required · Tab/↓ next field · ←/→/Space change a choice · Ctrl-O exports",
                labelWidth: 16,
                saves: "Write the record to a file in the folder (readable only by you) and audit the export",
                leaves: "Leave without exporting", group: "Export", leaveQuestion: "Leave without exporting?",
                submit: { fields, app in
                    let options = RecordExportOptions(
                        significantOnly: fields.chosen("chronology") == 1, exportedBy: app.practitioner,
                        at: app.clock())
                    let file = try RecordExportFile.export(
                        family, as: RecordExportFormat.allCases[fields.chosen("format")], options: options,
                        into: fields.text("folder"), store: app.store)
                    return .popWithMessage("exported to \(file.path) (readable only by you)")
                },
                problemField: FileForm.exportProblemOnFolder, failure: "nothing was exported"))
    }
}

extension FileForm {
    /// The format a record or a subject access copy is written in (text first), as
    /// ``RecordExportFormat/allCases`` lists them: read back with `fields.chosen("format")`.
    static var exportFormat: FormFields.Row {
        FormFields.choice(
            "format", "Format", options: RecordExportFormat.allCases.map(\.label), chosen: 0, required: true)
    }

    /// The folder a record or a subject access copy is written to, starting at the default export folder
    /// (``RecordExportFile/defaultFolder(environment:)``).
    static func exportFolder(environment: [String: String]) -> FormFields.Row {
        FormFields.text(
            "folder", "Folder", required: true, value: RecordExportFile.defaultFolder(environment: environment),
            maxLength: 400)
    }

    /// An export's own problem (a folder that cannot be made, a file that cannot be written) is about the
    /// folder field; any other problem is about no one field.
    static func exportProblemOnFolder(_ error: any Error) -> (field: String, message: String)? {
        (error as? RecordExportProblem).map { ("folder", $0.description) }
    }
}
