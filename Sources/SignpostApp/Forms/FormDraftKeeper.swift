import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Keeps a free-text form's typing in the store after every key, and gives it back when the form opens again.
///
/// Contacts have always been drafts; this does the same for case notes, level
/// reasons, members and new families. A form owns one keeper: it reports its
/// fields after each key (``keep(_:hasTyping:app:)``), and removes the draft once
/// the form is saved or its typing is discarded on purpose (``discard(app:)``).
/// What an earlier session left (a crash, a killed terminal, a quit) is in
/// ``restored`` when the form opens, and the form starts from it.
///
/// ```swift
/// var keeper = FormDraftKeeper(form: FormDraftKey(kind: "case-note", family: family.id), summary: "…", app: app)
/// if let earlier = keeper.restored { text = TextArea(text: earlier.fields["text"] ?? "") }
/// keeper.keep(["text": text.text], hasTyping: !text.text.isEmpty, app: app)
/// ```
struct FormDraftKeeper {
    let form: FormDraftKey
    let summary: String
    /// The draft found when the form opened, if any.
    let restored: FormDraft?
    /// The fields as last kept, so a key that changes nothing writes nothing.
    private var lastKept: [String: String]?
    /// Why typing could not be kept, shown on the form until a later key is kept.
    private(set) var problem: String?

    init(form: FormDraftKey, summary: String, app: AppEnvironment) {
        self.form = form
        self.summary = summary
        do {
            restored = try app.store.formDraft(form, for: app.practitioner)
        } catch {
            restored = nil
            problem = "an earlier draft of this form could not be read: \(error)"
        }
        lastKept = restored?.fields
    }

    /// A line saying the form holds typing from an earlier session, or nil.
    var restoredNotice: String? {
        restored.map {
            "Restored what you typed at \(LondonTime.timestamp($0.updatedAt)) (not saved yet); Esc discards it"
        }
    }

    /// Draws, on the first line of `area`, why typing could not be kept (as an error) or that the form
    /// holds typing from an earlier session (as a warning); returns false when there is neither, so the
    /// form draws its own first line.
    ///
    /// ```swift
    /// if !draft.drawNotice(on: surface, in: area) {
    ///     surface.put("* required · Ctrl-O saves", at: area.origin, style: Style(.dim), clip: area)
    /// }
    /// ```
    func drawNotice(on surface: any Surface, in area: Rect) -> Bool {
        guard let notice = problem ?? restoredNotice else { return false }
        surface.put(
            notice, at: area.origin, width: area.width, style: Style(problem != nil ? .error : .warning), clip: area)
        return true
    }

    /// Saves the fields as the form's draft when they changed; with no typing left, removes the draft.
    mutating func keep(_ fields: [String: String], hasTyping: Bool, app: AppEnvironment) {
        guard fields != lastKept else { return }
        do {
            if hasTyping {
                try app.store.saveFormDraft(
                    FormDraft(
                        form: form, practitioner: app.practitioner, summary: summary, fields: fields,
                        updatedAt: app.clock()))
            } else {
                try app.store.discardFormDraft(form, by: app.practitioner)
            }
            lastKept = fields
            problem = nil
        } catch {
            problem = "what you type is not being kept as a draft: \(error)"
        }
    }

    /// Removes the draft: the form was saved, or the practitioner chose to throw the typing away.
    ///
    /// - Returns: a message when the draft could not be removed (it would be offered again).
    @discardableResult
    mutating func discard(app: AppEnvironment) -> String? {
        do {
            try app.store.discardFormDraft(form, by: app.practitioner)
            lastKept = nil
            return nil
        } catch {
            return "its draft could not be removed (\(error)); it will be offered again"
        }
    }
}

/// The kinds of form whose typing is kept as a draft, and how each is opened again from its draft.
enum DraftedForm {
    static let caseNote = "case-note"
    static let level = "level"
    static let member = "member"
    static let newFamily = "new-family"
    static let assessmentField = "assessment-field"

    /// The screens that reopen a draft's form (its family first, then the form), or nil when its family is gone.
    static func screens(for draft: FormDraft, app: AppEnvironment) -> [any Screen]? {
        if draft.form.kind == newFamily { return [NewFamilyScreen(app: app)] }
        guard let familyID = draft.form.family, let family = try? app.store.family(familyID) else { return nil }
        let person = draft.form.person.flatMap { family.member($0) }
        if draft.form.person != nil && person == nil { return nil }
        let form: any Screen
        switch draft.form.kind {
        case caseNote: form = CaseNoteScreen(family: family, about: person, app: app)
        case level:
            guard let person else { return nil }
            form = LevelChangeScreen(family: family, person: person, app: app)
        case member: form = MemberScreen(family: family, editing: person, app: app)
        case assessmentField:
            guard let id = draft.fields["assessment"],
                let assessment = family.assessments.first(where: { $0.id.rawValue == id })
            else { return nil }
            form = AssessmentEditorScreen(family: family, assessment: assessment, app: app)
        default: return nil
        }
        return [FamilyScreen(familyID: family.id, app: app), form]
    }
}
