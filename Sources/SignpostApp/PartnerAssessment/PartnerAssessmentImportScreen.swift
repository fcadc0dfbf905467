import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Choosing a partner's assessment file to import: the folder and the file's path inside it. Ctrl-O reads the
/// file, checks it and finds the child, then shows the review (nothing is saved before the review).
final class PartnerAssessmentImportScreen: Screen {
    typealias Action = FormAction

    /// The family whose CAF tab the import was started from, if any: the review warns when the child is elsewhere.
    private let family: Family?
    private var fields: FormFields
    private let initial: [String: String]

    init(
        family: Family?, folder: String? = nil, file: String = "",
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.family = family
        fields = FormFields([
            FormFields.text(
                "folder", "Folder", required: true,
                value: folder ?? PartnerAssessmentFile.defaultFolder(environment: environment), maxLength: 400),
            FormFields.text(
                "file", "File", required: true, value: file, maxLength: 400,
                placeholder: "e.g. hornsey-road/ava-caf.json"),
        ])
        fields.focus.focus(1)
        initial = fields.values
    }

    /// `:import-caf PATH`: straight to the review when the file reads; otherwise this form, saying why.
    static func open(path: String, family: Family?, app: AppEnvironment, environment: [String: String]) -> Transition {
        let (folder, file) = PartnerAssessmentFile.split(
            path, defaultFolder: PartnerAssessmentFile.defaultFolder(environment: environment))
        let screen = PartnerAssessmentImportScreen(family: family, folder: folder, file: file, environment: environment)
        guard !file.isEmpty else { return .push(screen) }
        switch screen.review(app) {
        case .replace(let review): return .push(review)
        default: return .push(screen)
        }
    }

    var title: String { "Import a partner's early help assessment" }

    var takesTyping: Bool { fields.focusedTakesTyping }

    var hasUnsavedChanges: Bool { fields.values != initial }

    var familyContext: Family? { family }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Read the file, check it and find the child, then review it before anything is saved",
            leaves: "Leave without importing", group: "Import", arrowsMoveFields: true)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        y += surface.putWrapped(
            "A partner's assessment in the signpost-caf/1 JSON format (docs/partner-caf-format.md), named inside "
                + "the folder. It is checked and matched to the child, then shown in full for review: nothing is "
                + "saved until you save it there.",
            in: Rect(x: area.x, y: y, width: area.width, height: 4))
        surface.put(
            "* required · Tab/↓ next field · Ctrl-O reads it for review", at: Point(x: area.x, y: y),
            style: Style(.dim), clip: area)
        y += 2
        fields.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), labelWidth: 12)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &fields.focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without importing?") ?? review(app)
        }
        return fields.handle(key)
    }

    /// Reads and checks the file and puts its review in place of this form; a problem stays on the form.
    private func review(_ app: AppEnvironment) -> Transition {
        let file = fields.text("file")
        do {
            let data = try PartnerAssessmentFile.read(file, in: fields.text("folder"))
            let review = try ImportPartnerAssessment(context: app.casework).review(
                data, file: (file as NSString).lastPathComponent)
            return .replace(PartnerAssessmentReviewScreen(review: review, openedFrom: family?.id, app: app))
        } catch let problem as PartnerAssessmentFile.Problem {
            fields.refuse(problem.description, at: problem.field)
        } catch {
            fields.problem = "the child could not be looked for: \(error)"
        }
        return .handled
    }
}
