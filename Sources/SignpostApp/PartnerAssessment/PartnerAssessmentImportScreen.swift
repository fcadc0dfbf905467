import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Choosing a partner's assessment file to import: the folder and the file's path inside it. Ctrl-O reads the
/// file, checks it and finds the child, then shows the review (nothing is saved before the review).
final class PartnerAssessmentImportScreen: FileFormScreen {
    /// - Parameter family: The family whose CAF tab the import was started from, if any: the review warns
    ///   when the child is elsewhere.
    init(
        family: Family?, folder: String? = nil, file: String = "",
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        super.init(
            FileForm(
                title: "Import a partner's early help assessment", family: family,
                fields: [
                    FormFields.text(
                        "folder", "Folder", required: true,
                        value: folder ?? PartnerAssessmentFile.defaultFolder(environment: environment), maxLength: 400),
                    FormFields.text(
                        "file", "File", required: true, value: file, maxLength: 400,
                        placeholder: "e.g. hornsey-road/ava-caf.json"),
                ],
                focusedField: 1,
                explanation: "A partner's assessment in the signpost-caf/1 JSON format (docs/partner-caf-format.md), "
                    + "named inside the folder. It is checked and matched to the child, then shown in full for "
                    + "review: nothing is saved until you save it there.",
                explanationHeight: 4, keysLine: "* required · Tab/↓ next field · Ctrl-O reads it for review",
                labelWidth: 12,
                saves: "Read the file, check it and find the child, then review it before anything is saved",
                leaves: "Leave without importing", group: "Import", leaveQuestion: "Leave without importing?",
                // Reads and checks the file and puts its review in place of this form.
                submit: { fields, app in
                    let file = fields.text("file")
                    let data = try PartnerAssessmentFile.read(file, in: fields.text("folder"))
                    let review = try ImportPartnerAssessment(context: app.casework).review(
                        data, file: (file as NSString).lastPathComponent)
                    return .replace(PartnerAssessmentReviewScreen(review: review, openedFrom: family?.id, app: app))
                },
                problemField: { error in
                    (error as? PartnerAssessmentFile.Problem).map { ($0.field, $0.description) }
                },
                failure: "the child could not be looked for"))
    }

    /// `:import-caf PATH`: straight to the review when the file reads; otherwise this form, saying why.
    static func open(path: String, family: Family?, app: AppEnvironment, environment: [String: String]) -> Transition {
        let (folder, file) = PartnerAssessmentFile.split(
            path, defaultFolder: PartnerAssessmentFile.defaultFolder(environment: environment))
        let screen = PartnerAssessmentImportScreen(family: family, folder: folder, file: file, environment: environment)
        guard !file.isEmpty else { return .push(screen) }
        switch screen.submit(app) {
        case .replace(let review): return .push(review)
        default: return .push(screen)
        }
    }
}
