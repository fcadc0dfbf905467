import SignpostDomain
import SignpostTerminal

/// Step 5 of a contact: whether the family agreed to early help, and who said so.
///
/// Keys: Tab/↓ next field, Shift-Tab/↑ previous field; ←/→ or Space change the
/// answer; letters type who gave or refused it. What is taken here is stored on
/// the family as a consent record when the contact is recorded.
///
/// When the family has consent on file, the first answer is that consent "as on
/// record": the navigator uses it from the record and nothing new is stored; the
/// practitioner can still choose another answer, which is taken in this contact.
struct ConsentStep: FormStep {
    typealias Action = FormStepAction

    /// The answers in the order the choice offers them, after "not known yet".
    private static let answers: [SituationConsent] = [.given, .refused, .notAsked]

    var form: FormFields
    /// The family's consent as the record holds it, when the family has one on file.
    private(set) var onFile: SituationConsent?

    init(draft: ContactDraft, onFile: SituationConsent? = nil) {
        self.onFile = onFile
        let chosen = draft.consent.flatMap { Self.answers.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        let first = onFile.map { "as on record: \($0.rawValue)" } ?? "not known yet"
        form = FormFields([
            FormFields.choice(
                "consent", "Consent to early help", options: [first, "given", "refused", "not asked"],
                chosen: chosen),
            FormFields.text(
                "by", "Given or refused by", value: draft.consentBy, maxLength: 120,
                placeholder: "mother, on the phone"),
        ])
    }

    /// Shows the family's consent on file as the first answer, keeping what was typed and chosen.
    mutating func showOnFile(_ consent: SituationConsent?, draft: ContactDraft) {
        guard consent != onFile else { return }
        self = ConsentStep(draft: draft, onFile: consent)
    }

    func sync(into draft: inout ContactDraft) {
        let consent = form.chosen("consent")
        draft.consent = consent == 0 ? nil : Self.answers[consent - 1]
        draft.consentBy = form.text("by")
    }

    func draw(on surface: any Surface, in area: Rect) -> Point? {
        form.draw(on: surface, in: area, labelWidth: 30)
        let cursor = surface.cursor
        surface.putNote(
            onFile == nil
                ? "Early help needs the family's consent; safeguarding referrals do not wait for it."
                : "The family's consent is on file: the navigator uses it from the record unless you change it.",
            in: area)
        return cursor
    }
}
