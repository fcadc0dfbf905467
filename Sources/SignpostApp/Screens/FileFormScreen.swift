import Foundation
import SignpostDomain
import SignpostTerminal

/// What a file form says and does: which file it writes or reads, in the words it uses.
///
/// One ``FileFormScreen`` draws and answers every such form; a target only names its fields, its words
/// and what Ctrl-O does with them. See ``RecordExportScreen`` for one that writes a file and
/// ``PartnerAssessmentImportScreen`` for one that reads a file.
struct FileForm {
    /// The screen's title.
    var title: String
    /// The family the form is about, if any (the navigator opened from the form starts from it).
    var family: Family?
    /// The form's fields (the folder, and what else it asks), top to bottom.
    var fields: [FormFields.Row]
    /// The field focused when the form opens.
    var focusedField = 0
    /// What the form does, said above the fields.
    var explanation: String
    /// The lines the explanation may take.
    var explanationHeight: Int
    /// The dim line of keys under the explanation ("* required · Tab/↓ next field · … · Ctrl-O exports").
    var keysLine: String
    /// The width of the fields' labels.
    var labelWidth: Int
    /// Help for the save key and the leave key, and the help's group.
    var saves: String
    var leaves: String
    var group: String
    /// The question asked before leaving with something changed.
    var leaveQuestion: String
    /// What Ctrl-O does with the fields: the transition once the file is written or read. A problem it
    /// throws is shown under the form: on a field when ``problemField`` names one, otherwise after
    /// ``failure``.
    var submit: (_ fields: FormFields, _ app: AppEnvironment) throws -> Transition
    /// The field a problem thrown by ``submit`` is about, and what to say there; nil for a problem that is
    /// about no one field.
    var problemField: (_ error: any Error) -> (field: String, message: String)?
    /// Said before an unexpected problem's own words ("nothing was exported").
    var failure: String
}

/// A form that names a file to write or read: an explanation, a line of keys, a column of fields (the
/// folder among them), then Ctrl-O writes or reads the file.
///
/// A problem (a folder that cannot be written, a file that is not the right format) stays on the form,
/// on the field it is about, with everything typed kept; leaving with something changed asks first.
/// Subclasses only describe their ``FileForm``, as ``ErasureTarget`` does for the erase screens.
///
/// ```swift
/// final class SubjectAccessScreen: FileFormScreen {
///     init(family: Family, person: Person) {
///         super.init(FileForm(title: "Subject access · \(person.fullName)", family: family, fields: [...], ...))
///     }
/// }
/// ```
class FileFormScreen: Screen {
    typealias Action = FormAction

    let form: FileForm
    private var fields: FormFields
    /// The values the form opened with, so leaving it untouched asks nothing.
    private let initial: [String: String]

    init(_ form: FileForm) {
        self.form = form
        fields = FormFields(form.fields)
        fields.focus.focus(form.focusedField)
        initial = fields.values
    }

    var title: String { form.title }

    var takesTyping: Bool { fields.focusedTakesTyping }

    var hasUnsavedChanges: Bool { fields.values != initial }

    var familyContext: Family? { form.family }

    var keys: KeyRegistry<Action> {
        formKeys(saves: form.saves, leaves: form.leaves, group: form.group, arrowsMoveFields: true)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        y += surface.putWrapped(
            form.explanation, in: Rect(x: area.x, y: y, width: area.width, height: form.explanationHeight))
        surface.put(form.keysLine, at: Point(x: area.x, y: y), style: Style(.dim), clip: area)
        y += 2
        fields.draw(
            on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y),
            labelWidth: form.labelWidth)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &fields.focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: form.leaveQuestion) ?? submit(app)
        }
        return fields.handle(key)
    }

    /// Does what Ctrl-O does: the form's transition, or `.handled` with the problem shown on the form.
    func submit(_ app: AppEnvironment) -> Transition {
        do {
            return try form.submit(fields, app)
        } catch {
            if let refusal = form.problemField(error) {
                fields.refuse(refusal.message, at: refusal.field)
            } else {
                fields.problem = "\(form.failure): \(error)"
            }
        }
        return .handled
    }
}
