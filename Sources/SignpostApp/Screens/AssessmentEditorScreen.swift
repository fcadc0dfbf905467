import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The early help assessment (CAF) form, section by section, saved as it is filled in.
///
/// Every field that is changed is saved to the store at once as a draft, and the
/// field being typed is kept as a form draft after every key, so a crash or a
/// closed terminal loses nothing: opening the assessment again reopens that field
/// with its typing. "Complete"
/// checks every required field and, when one is missing, moves to it and says
/// which it is.
final class AssessmentEditorScreen: Screen {
    enum Action: Hashable, Sendable {
        case edit, up, down, pageUp, pageDown, top, bottom, nextSection, previousSection
        case complete, addCarer, addAction, addReview, export, back, newVersion
        case save, cancelEdit, nextChoice, previousChoice
        case censusFactors
    }

    private let family: Family
    private(set) var assessment: EarlyHelpAssessment
    private var form: AssessmentForm
    private var cursor: ListCursor
    /// The field being typed into, if any.
    private var editor: FieldEditor?
    private var problem: String?
    /// The first line of the field list shown, kept between frames so the list does not jump.
    private var lineOffset = 0
    /// The typing in the open field, kept after every key so a crash loses nothing.
    private var fieldDraft: FormDraftKeeper

    private enum FieldEditor {
        case line(TextField)
        case area(TextArea)
    }

    init(family: Family, assessment: EarlyHelpAssessment, app: AppEnvironment) {
        self.family = family
        self.assessment = assessment
        form = AssessmentForm(assessment)
        cursor = ListCursor(count: form.fields.count)
        let subject = family.member(assessment.subject)?.fullName ?? assessment.subject.rawValue
        fieldDraft = FormDraftKeeper(
            form: FormDraftKey(kind: DraftedForm.assessmentField, family: family.id, person: assessment.subject),
            summary: "a field of \(subject)'s assessment (CAF)", app: app)
        reopenDraftedField()
    }

    /// The census factors screen saves the factors itself: take them, so this form's next save keeps them rather
    /// than writing back the copy it opened with.
    func willReappear(app: AppEnvironment) {
        guard let family = try? app.store.family(family.id),
            let stored = family.assessments.first(where: { $0.id == assessment.id })
        else { return }
        assessment.factorsIdentified = stored.factorsIdentified
    }

    /// Reopens the field whose typing a crash left in a draft, with that typing (not selected, so it is not replaced).
    private func reopenDraftedField() {
        guard let earlier = fieldDraft.restored, earlier.fields["assessment"] == assessment.id.rawValue,
            let index = form.fields.firstIndex(where: { $0.id == earlier.fields["field"] })
        else { return }
        cursor.selected = index
        let typed = earlier.fields["text"] ?? ""
        switch form.fields[index].kind {
        case .longText: editor = .area(TextArea(text: typed))
        case .text, .date: editor = .line(TextField(text: typed, maxLength: 2000))
        case .choice, .yesNo: return
        }
        problem = fieldDraft.restoredNotice
    }

    /// The text in the open field editor, if one is open.
    private var typed: String? {
        switch editor {
        case .line(let text): return text.text
        case .area(let text): return text.text
        case nil: return nil
        }
    }

    /// Whether the open editor holds something other than what the field has saved.
    private var typedDiffers: Bool { typed.map { $0 != field.read(assessment) } ?? false }

    /// Keeps the open editor's typing as a draft (or removes the draft once it matches the saved value).
    private func keepTyping(app: AppEnvironment) {
        guard let typed else { return }
        fieldDraft.keep(
            ["assessment": assessment.id.rawValue, "field": field.id, "text": typed], hasTyping: typedDiffers, app: app)
    }

    var field: AssessmentFormField { form.fields[min(cursor.selected, form.fields.count - 1)] }

    var title: String {
        let name = family.member(assessment.subject)?.fullName ?? assessment.subject.rawValue
        let version = assessment.versionNumber > 1 ? " · version \(assessment.versionNumber)" : ""
        return "Assessment (CAF) · \(name)\(version) · \(assessment.status.label)"
    }

    var hasUnsavedChanges: Bool { typedDiffers }

    var keepsTypingAsDraft: Bool { true }

    var takesTyping: Bool { editor != nil }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if let editor {
            if case .area = editor {
                keys.bind(
                    [.control("o")], .save, hint: "Save field",
                    help: "Keep what is typed in this field (Enter starts a new line)", group: "Editing")
            } else {
                keys.bind(
                    [.enter, .control("o")], .save, hint: "Save field",
                    help: "Keep what is typed in this field", group: "Editing")
            }
            keys.bind([.escape], .cancelEdit, hint: "Cancel", help: "Leave the field as it was", group: "Editing")
            return keys
        }
        keys.bind(
            [.enter], .edit, hint: choiceLike ? "Change" : "Edit",
            help: "Edit the selected field (choices move to the next option)", group: "Form")
        if choiceLike {
            keys.bind(
                [.right, .character(" ")], .nextChoice, hint: "Next option", help: "Choose the next option",
                group: "Form", showsInHintBar: false)
            keys.bind(
                [.left], .previousChoice, hint: "Previous option", help: "Choose the previous option", group: "Form",
                showsInHintBar: false)
        }
        keys.bind(
            [.character("]"), .tab], .nextSection, hint: "Next section", help: "Jump to the next section of the form",
            group: "Form")
        keys.bind(
            [.character("["), .backTab], .previousSection, hint: "Previous section",
            help: "Jump to the previous section", group: "Form", showsInHintBar: false)
        if assessment.isLocked, family.newerVersion(of: assessment.id) == nil {
            keys.bind(
                [.character("V")], .newVersion, hint: "New version",
                help: "Change this completed CAF: start a new version holding what it says (this one is kept as it is)",
                // The refusal on Enter names V; the bar keeps its room for help at 80 columns.
                group: "Form", showsInHintBar: false)
        }
        if assessment.status == .draft {
            keys.bind(
                [.character("c")], .complete, hint: "Complete",
                help: "Check every required field and mark the assessment complete; moves to the first missing field",
                group: "Form")
        }
        keys.bind(
            [.character("p")], .addCarer, hint: "Add carer", help: "Add a parent or carer row", group: "Rows",
            showsInHintBar: false)
        keys.bind(
            [.character("a")], .addAction, hint: "Add action", help: "Add an action: who does what by when",
            group: "Rows", showsInHintBar: false)
        keys.bind(
            [.character("r")], .addReview, hint: "Add review", help: "Add a review date (locally every 4 to 12 weeks)",
            group: "Rows", showsInHintBar: false)
        keys.bind(
            [.character("x")], .export, hint: "Read/export",
            help: "Read the whole form and export it as text or Markdown", group: "Form")
        keys.bind(
            [.character("F")], .censusFactors, hint: "Census factors",
            help: "The children in need census factors identified at the end of the assessment, with suggestions",
            group: "Form", showsInHintBar: false)
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Previous field", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Next field", group: "Moving", showsInHintBar: false)
        keys.bind([.pageUp], .pageUp, hint: "Page up", help: "Up a screenful", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.pageDown], .pageDown, hint: "Page down", help: "Down a screenful", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("g"), .home], .top, hint: "Top", help: "First field", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("G"), .end], .bottom, hint: "Bottom", help: "Last field", group: "Moving", showsInHintBar: false
        )
        keys.bind(
            [.escape, .character("q")], .back, hint: "Back", help: "Back to the family (everything is already saved)",
            group: "General")
        return keys
    }

    private var choiceLike: Bool {
        switch field.kind {
        case .choice, .yesNo: return true
        default: return false
        }
    }

    // MARK: Drawing

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let missing = assessment.missingRequiredFields()
        let next =
            assessment.nextReview.map { "; next review due \($0.dueOn.short)" } ?? "; no review booked (r adds one)"
        let status: String
        switch assessment.status {
        case .draft:
            status =
                missing.isEmpty
                ? "Draft: every required field is filled; press c to complete"
                : "Draft: \(missing.count) required field\(missing.count == 1 ? "" : "s") to fill (* marks them); saved as you go"
        case .complete: status = "Complete since \(assessment.completedOn?.short ?? "–")\(next)"
        case .reviewed: status = "Reviewed\(next)"
        case .closed:
            status = "Closed \(assessment.closure.map { "on \($0.closedOn.short): \($0.reason.label)" } ?? "")"
        }
        surface.put(status, at: area.origin, style: Style(missing.isEmpty ? .success : .dim), clip: area)
        let listArea = listArea(in: area)
        let labelWidth = min(48, area.width / 2)
        let missingIDs = Set(missing.compactMap { form.index(of: $0) })
        for (row, line) in visibleLines(height: listArea.height).enumerated() {
            let rowRect = Rect(x: listArea.x, y: listArea.y + row, width: listArea.width, height: 1)
            switch line {
            case .heading(let section):
                surface.put(
                    "\(section.rawValue). \(section.title)", at: rowRect.origin, style: Style(.header, [.bold]),
                    clip: rowRect)
            case .field(let index):
                let field = form.fields[index]
                let selected = index == cursor.selected
                // ">" marks the selected field and "*" a required one still empty, so neither depends on colour.
                let marker = (selected ? ">" : " ") + (missingIDs.contains(index) ? "*" : " ")
                let style =
                    selected ? Style(.selected, [.reverse]) : (missingIDs.contains(index) ? Style(.warning) : .normal)
                if selected { surface.fill(rowRect, style: style) }
                surface.put(
                    "\(marker)\(TextLayout.pad(TextLayout.truncate(field.label, to: labelWidth - 3), to: labelWidth - 2))",
                    at: rowRect.origin, style: style, clip: rowRect)
                let value = field.display(assessment).replacingOccurrences(of: "\n", with: " ⏎ ")
                surface.put(
                    value.isEmpty ? "–" : value, at: Point(x: listArea.x + labelWidth, y: rowRect.y),
                    width: listArea.width - labelWidth, style: style, clip: rowRect)
                if selected && editor == nil { surface.cursor = rowRect.origin }
            }
        }
        let editorHeight = self.editorHeight
        let editorArea = Rect(x: area.x, y: area.maxY - editorHeight, width: area.width, height: editorHeight)
        drawEditor(on: surface, in: editorArea)
    }

    /// One line of the field list: a section's heading or a field.
    private enum ListLine: Equatable {
        case heading(AssessmentSection)
        case field(Int)
    }

    /// The form as the list shows it: each section's heading, then its fields.
    private var listLines: [ListLine] {
        var lines: [ListLine] = []
        var lastSection: AssessmentSection?
        for (index, field) in form.fields.enumerated() {
            if field.section != lastSection {
                lines.append(.heading(field.section))
                lastSection = field.section
            }
            lines.append(.field(index))
        }
        return lines
    }

    /// The rows the editor box takes under the list: three, or seven while a long text is written.
    private var editorHeight: Int { editor == nil ? 3 : (isAreaEditor ? 7 : 3) }

    /// Where the field list is drawn: under the status line, above the editor box.
    private func listArea(in area: Rect) -> Rect {
        Rect(x: area.x, y: area.y + 1, width: area.width, height: max(1, area.height - 1 - editorHeight))
    }

    /// The lines shown in `height` rows, scrolled so the selected field is one of them.
    ///
    /// Headings take rows too, so the scroll position is counted in lines, not fields (counting
    /// fields let the selection slide below the list once a few headings were above it). Moving
    /// up onto a section's first field brings its heading into view with it.
    private func visibleLines(height: Int) -> ArraySlice<ListLine> {
        let lines = listLines
        let height = max(1, height)
        let selectedLine = lines.firstIndex(of: .field(cursor.selected)) ?? 0
        var wantedTop = selectedLine
        if selectedLine > 0, case .heading = lines[selectedLine - 1] { wantedTop = selectedLine - 1 }
        var top = min(lineOffset, max(0, lines.count - height))
        if wantedTop < top { top = wantedTop }
        if selectedLine >= top + height { top = selectedLine - height + 1 }
        lineOffset = max(0, top)
        return lines[lineOffset..<min(lines.count, lineOffset + height)]
    }

    private var isAreaEditor: Bool {
        if case .area = editor { return true }
        return false
    }

    private func drawEditor(on surface: any Surface, in area: Rect) {
        let line = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        surface.fill(line, style: Style(.border))
        surface.put(" \(field.label) ", at: line.origin, style: Style(.header, [.bold]), clip: line)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        switch editor {
        case .line(let text): text.draw(on: surface, in: body.row(0), focused: true)
        case .area(let text): text.draw(on: surface, in: body, focused: true)
        case nil:
            let hint: String
            switch field.kind {
            case .choice(let options): hint = "Options: " + options.map(\.label).joined(separator: " · ")
            case .yesNo: hint = "Yes or no: Space changes it"
            case .date: hint = "A date as DD/MM/YYYY; Enter to edit"
            case .longText: hint = "Enter to write; Ctrl-O keeps it"
            case .text: hint = "Enter to edit"
            }
            surface.put(hint, at: body.origin, style: Style(.dim), clip: body)
        }
        if let problem {
            surface.put(problem, at: Point(x: body.x, y: body.maxY - 1), style: Style(.error, [.bold]), clip: body)
        }
    }

    // MARK: Keys

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if editor != nil, keys.action(for: key) == nil {
            switch editor {
            case .line(var text):
                let outcome = text.handle(key)
                editor = .line(text)
                keepTyping(app: app)
                return outcome == .ignored ? .ignored : .handled
            case .area(var text):
                let outcome = text.handle(key, in: Rect(x: 0, y: 0, width: max(10, area.width), height: 5))
                editor = .area(text)
                keepTyping(app: app)
                return outcome == .ignored ? .ignored : .handled
            case nil: break
            }
        }
        let listArea = listArea(in: area)
        if case .mouseClick(let point) = key {
            guard listArea.contains(point) else { return .ignored }
            let shown = Array(visibleLines(height: listArea.height))
            let row = point.y - listArea.y
            if row < shown.count, case .field(let index) = shown[row] { cursor.selected = index }
            return .handled
        }
        guard let action = keys.action(for: key) else { return .ignored }
        problem = nil
        if let refusal = lockRefusal(for: action) { return refusal }
        switch action {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            _ = cursor.handle(key, rowsIn: listArea)
        case .nextSection, .previousSection:
            let forward = action == .nextSection
            let sections = AssessmentSection.allCases
            var index = sections.firstIndex(of: field.section)!
            repeat {
                index = (index + (forward ? 1 : -1) + sections.count) % sections.count
            } while form.firstIndex(in: sections[index]) == nil
            cursor.selected = form.firstIndex(in: sections[index])!
        case .edit:
            switch field.kind {
            case .choice, .yesNo: return change(by: 1, app: app)
            case .longText: editor = .area(TextArea(text: field.read(assessment)))
            case .text, .date:
                // Selected, so typing replaces what is there; ← or → first to change it instead.
                var line = TextField(text: field.read(assessment), maxLength: 2000)
                line.selectAll()
                editor = .line(line)
            }
        case .nextChoice: return change(by: 1, app: app)
        case .previousChoice: return change(by: -1, app: app)
        case .save:
            let typed: String
            switch editor {
            case .line(let text): typed = text.text
            case .area(let text): typed = text.text
            case nil: return .handled
            }
            if let transition = write(typed, app: app) { return transition }
            editor = nil
            fieldDraft.discard(app: app)
        case .cancelEdit:
            guard typedDiffers else {
                editor = nil
                fieldDraft.discard(app: app)
                return .handled
            }
            return .confirm(
                Confirmation(
                    "Leave “\(field.label)” as it was? What you typed in it will be lost.", yes: "Leave it",
                    no: "Keep typing"
                ) { [self] in
                    editor = nil
                    if let problem = fieldDraft.discard(app: app) {
                        return .message("field left; \(problem)", .warning)
                    }
                    return .handled
                })
        case .complete: return complete(app)
        case .addCarer:
            return addRow(app, in: .parentsAndCarers) {
                $0.parentsAndCarers.append(ParentCarerDetails(name: "", relationship: ""))
            }
        case .addAction:
            return addRow(app, in: .conclusions) { $0.actions.append(AssessmentAction(who: "", what: "", byWhen: nil)) }
        case .addReview:
            let due = app.today.adding(days: 42)
            return addRow(app, in: .review) { $0.reviews.append(AssessmentReview(dueOn: due)) }
        case .export: return .push(AssessmentReadScreen(family: family, assessment: assessment))
        case .newVersion: return newVersion(app)
        case .censusFactors: return .push(AssessmentFactorsScreen(family: family, assessment: assessment, app: app))
        case .back: return .pop
        }
        return .handled
    }

    /// What a completed (locked) CAF says instead of changing what was assessed: its reviews and closure still
    /// change; anything else needs a new version. Nil when the action may go ahead.
    private func lockRefusal(for action: Action) -> Transition? {
        guard assessment.isLocked else { return nil }
        let changesContent: Bool
        switch action {
        case .edit, .nextChoice, .previousChoice: changesContent = field.section != .review
        case .addCarer, .addAction: changesContent = true
        default: changesContent = false
        }
        guard changesContent else { return nil }
        if let newer = family.newerVersion(of: assessment.id) {
            return .message(
                "this version is kept as it was: version \(newer.versionNumber) replaced it (open it from the CAF tab)",
                .warning)
        }
        return .message(
            "this CAF is \(assessment.status.label.lowercased()) and locked: V starts a new version (this one is kept)",
            .warning)
    }

    /// Starts a new draft version of this completed CAF and opens it in place of this one.
    private func newVersion(_ app: AppEnvironment) -> Transition {
        let next = assessment.newVersion(id: app.newID("A"), startedOn: app.today)
        do {
            try app.store.apply([.saveAssessment(family: family.id, next)], by: app.practitioner)
            let current = try app.store.family(family.id) ?? family
            return .replace(AssessmentEditorScreen(family: current, assessment: next, app: app))
        } catch {
            return .message("the new version could not be started: \(error)", .error)
        }
    }

    /// Moves a choice or yes/no field to another option and saves it.
    private func change(by step: Int, app: AppEnvironment) -> Transition {
        let current = field.read(assessment)
        let values: [String]
        switch field.kind {
        case .choice(let options): values = options.map(\.value)
        case .yesNo: values = ["no", "yes"]
        default: return .ignored
        }
        let index = values.firstIndex(of: current) ?? -1
        let next = values[((index + step) % values.count + values.count) % values.count]
        return write(next, app: app) ?? .handled
    }

    /// Writes a value into the focused field and saves the draft; returns a transition only on failure.
    private func write(_ value: String, app: AppEnvironment) -> Transition? {
        var updated = assessment
        do {
            try field.write(&updated, value)
        } catch {
            problem = "\(error)"
            return .handled
        }
        return save(updated, app: app)
    }

    private func save(_ changed: EarlyHelpAssessment, app: AppEnvironment) -> Transition? {
        var updated = changed
        updated.settleStatus()
        do {
            // The consent section writes back to the family's consent records in the same save.
            try SaveAssessment(family: family, context: app.casework).run(updated, previous: assessment)
        } catch {
            problem = "not saved: \(error)"
            return .message("the assessment was not saved: \(error)", .error)
        }
        let selectedID = field.id
        assessment = updated
        form = AssessmentForm(updated)
        cursor.count = form.fields.count
        if let index = form.fields.firstIndex(where: { $0.id == selectedID }) { cursor.selected = index }
        return nil
    }

    private func addRow(
        _ app: AppEnvironment, in section: AssessmentSection, _ change: (inout EarlyHelpAssessment) -> Void
    ) -> Transition {
        var updated = assessment
        change(&updated)
        if let failure = save(updated, app: app) { return failure }
        if let last = form.fields.lastIndex(where: { $0.section == section }) {
            let rowSize = section == .parentsAndCarers ? 5 : (section == .conclusions ? 4 : 3)
            cursor.selected = max(0, last - rowSize + 1)
        }
        return .handled
    }

    private func complete(_ app: AppEnvironment) -> Transition {
        var updated = assessment
        do {
            try updated.complete(on: app.today)
        } catch AssessmentTransitionError.incomplete(let missing) {
            let first = missing[0]
            if form.index(of: first) == nil {
                // The first gap is a row that does not exist yet: add one so there is somewhere to type.
                switch first {
                case .parentsAndCarers:
                    _ = addRow(app, in: .parentsAndCarers) {
                        $0.parentsAndCarers.append(ParentCarerDetails(name: "", relationship: ""))
                    }
                case .actions:
                    _ = addRow(app, in: .conclusions) {
                        $0.actions.append(AssessmentAction(who: "", what: "", byWhen: nil))
                    }
                case .reviewDate:
                    let due = app.today.adding(days: 42)
                    _ = addRow(app, in: .review) { $0.reviews.append(AssessmentReview(dueOn: due)) }
                default: break
                }
            }
            if let index = form.index(of: first, in: assessment) { cursor.selected = index }
            problem = "Missing: \(first.label)"
            return .message(
                "\(missing.count) required field\(missing.count == 1 ? " is" : "s are") missing; moved to the first",
                .warning)
        } catch {
            return .message("\(error)", .warning)
        }
        if let failure = save(updated, app: app) { return failure }
        return .message("assessment complete; next review \(updated.nextReview?.dueOn.short ?? "not booked")", .success)
    }
}
