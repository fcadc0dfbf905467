import SignpostDomain
import SignpostTerminal

/// Step 5 of a contact: whether the family agreed to early help, and who said so.
///
/// Keys: Tab/↓ next field, Shift-Tab/↑ previous field; ←/→ or Space change the
/// answer; letters type who gave or refused it. What is taken here is stored on
/// the family as a consent record when the contact is recorded.
struct ConsentStep {
    enum Action: Hashable, Sendable {
        case nextField, previousField
    }

    /// The answers in the order the choice offers them, after "not known yet".
    private static let answers: [SituationConsent] = [.given, .refused, .notAsked]

    private(set) var form: FormFields

    init(draft: ContactDraft) {
        let chosen = draft.consent.flatMap { Self.answers.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        form = FormFields([
            FormFields.choice(
                "consent", "Consent to early help", options: ["not known yet", "given", "refused", "not asked"],
                chosen: chosen),
            FormFields.text(
                "by", "Given or refused by", value: draft.consentBy, maxLength: 120,
                placeholder: "mother, on the phone"),
        ])
    }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.tab, .down], .nextField, hint: "Next field", help: "Move to the next field", group: contactKeyGroup)
        keys.bind(
            [.backTab, .up], .previousField, hint: "Previous field", help: "Move to the previous field",
            group: contactKeyGroup, showsInHintBar: false)
        return keys
    }

    var acceptsTyping: Bool {
        if case .text = form.rows[form.focus.focused].input { return true } else { return false }
    }

    mutating func perform(_ action: Action) -> StepResult {
        switch action {
        case .nextField: form.focus.focusNext(skipping: [])
        case .previousField: form.focus.focusPrevious(skipping: [])
        }
        return .handled
    }

    mutating func type(_ key: Key) -> StepResult { form.handle(key).stepResult }

    func sync(into draft: inout ContactDraft) {
        let consent = form.chosen("consent")
        draft.consent = consent == 0 ? nil : Self.answers[consent - 1]
        draft.consentBy = form.text("by")
    }

    func draw(on surface: any Surface, in area: Rect) -> Point? {
        form.draw(on: surface, in: area, labelWidth: 30)
        let cursor = surface.cursor
        surface.putNote(
            "Early help needs the family's consent; safeguarding referrals do not wait for it.", in: area)
        return cursor
    }
}
