import SignpostTerminal

/// The keys every form shares: save, move between fields, and leave (asking first if anything is typed).
enum FormAction: Hashable, Sendable {
    case save, nextField, previousField, cancel
}

/// The form keys, with words for what this form saves.
///
/// - Parameters:
///   - saves: what Ctrl-O does here ("Save the note to the chronology").
///   - leaves: what Esc does here ("Leave without saving …").
///   - arrowsMoveFields: whether ↑/↓ also move between fields (forms of one-line fields).
func formKeys(saves: String, leaves: String, group: String, arrowsMoveFields: Bool = false) -> KeyRegistry<FormAction> {
    var keys = KeyRegistry<FormAction>()
    keys.bind([.control("o")], .save, hint: "Save", help: saves, group: group)
    keys.bind(
        arrowsMoveFields ? [.tab, .down] : [.tab], .nextField, hint: "Next field", help: "Move to the next field",
        group: group)
    keys.bind(
        arrowsMoveFields ? [.backTab, .up] : [.backTab], .previousField, hint: "Previous field",
        help: "Move to the previous field", group: group, showsInHintBar: false)
    keys.bind([.escape], .cancel, hint: "Cancel", help: leaves, group: group)
    return keys
}

/// Carries out a form key: moving focus, or leaving with a question when typing would be lost.
///
/// Saving is the form's own business: for ``FormAction/save`` this returns nil and the form saves,
/// after the focus ring is no longer being changed here.
///
/// - Parameters:
///   - hidden: fields not shown just now, which focus passes over.
///   - leaveQuestion: asked before leaving a form with unsaved typing.
///   - leave: what leaving does once agreed (a form that keeps a draft throws it away first).
func perform(
    _ action: FormAction, focus: inout FocusRing, hidden: Set<Int> = [], hasUnsavedChanges: Bool,
    leaveQuestion: String, leave: @escaping () -> Transition = { .pop }
) -> Transition? {
    switch action {
    case .save: return nil
    case .nextField: focus.focusNext(skipping: hidden)
    case .previousField: focus.focusPrevious(skipping: hidden)
    case .cancel:
        guard hasUnsavedChanges else { return leave() }
        return .confirm(Confirmation(leaveQuestion, yes: "Leave", no: "Stay", onYes: leave))
    }
    return .handled
}

/// Leaving a form whose typing is kept as a draft: the draft is thrown away with the typing.
func leaveDiscarding(_ draft: inout FormDraftKeeper, app: AppEnvironment) -> Transition {
    if let problem = draft.discard(app: app) { return .popWithMessage("not saved; \(problem)") }
    return .pop
}
