import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// A subject access copy for the selected member: the format and the folder, then Ctrl-O writes the file
/// (readable only by the practitioner, third parties redacted) and audits the export.
final class SubjectAccessScreen: FileFormScreen {
    init(
        family: Family, person: Person, environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        super.init(
            FileForm(
                title: "Subject access · \(person.fullName)", family: family,
                fields: [FileForm.exportFormat, FileForm.exportFolder(environment: environment)],
                explanation: "Everything held about \(person.fullName): details, levels, relationships, notes, "
                    + "contacts and referrals about them, consents they gave, their CAFs and who viewed the record. "
                    + "Other people's names and dates of birth are shown as [third party].",
                explanationHeight: 3,
                keysLine: "* required · Tab/↓ next field · ←/→/Space change a choice · Ctrl-O writes",
                labelWidth: 16,
                saves: "Write the subject access copy to a file in the folder (readable only by you) and audit it",
                leaves: "Leave without writing anything", group: "Subject access",
                leaveQuestion: "Leave without writing the copy?",
                submit: { fields, app in
                    let file = try RecordExportFile.exportSubjectAccess(
                        person.id, of: family, as: RecordExportFormat.allCases[fields.chosen("format")],
                        options: RecordExportOptions(exportedBy: app.practitioner, at: app.clock()),
                        into: fields.text("folder"), store: app.store)
                    return .popWithMessage("subject access copy written to \(file.path) (readable only by you)")
                },
                problemField: FileForm.exportProblemOnFolder, failure: "nothing was written"))
    }
}
