import SignpostDomain
import SignpostTerminal

/// What a step of a front-door contact did with a key.
///
/// Each step (``CallerStep``, ``WhoStep``, ``SaidStep``, ``LevelStep``,
/// ``ConsentStep``, ``RouteStep``) owns its state and its keys: its `keys`
/// registry says what every key does on that step, its `perform` does it, and
/// its `type` takes keys for the field in focus. ``TriageScreen`` only moves
/// between steps, saves the draft after every key, and records the contact.
enum StepResult: Equatable {
    /// The key was of no use here.
    case ignored
    case handled
    /// Nothing was done, for this reason (shown until the next key).
    case problem(String)
    /// Record the contact: routed by the navigator, or closed with this reason as advice given / no further action.
    case record(closingReason: String?)
}

extension KeyRegistry {
    /// The same bindings with each action wrapped, so a screen can carry a step's own keys.
    func mapped<Other: Hashable & Sendable>(_ wrap: (Action) -> Other) -> KeyRegistry<Other> {
        KeyRegistry<Other>(
            bindings.map { binding in
                KeyBinding(
                    binding.keys, action: wrap(binding.action), hint: binding.hint, help: binding.help,
                    group: binding.group, showsInHintBar: binding.showsInHintBar)
            })
    }
}

extension Transition {
    /// What a form's answer to a key means to a step.
    var stepResult: StepResult { wasUsed ? .handled : .ignored }
}

extension Surface {
    /// A dim line of guidance at the foot of a step.
    func putNote(_ text: String, in area: Rect) {
        put(
            TextLayout.truncate(text, to: area.width), at: Point(x: area.x, y: area.maxY - 1), style: Style(.dim),
            clip: area)
    }
}

/// The group every step's own keys are listed under in help.
let contactKeyGroup = "Contact"

/// The keys of a step that is a short form (``CallerStep``, ``ConsentStep``).
enum FormStepAction: Hashable, Sendable {
    case nextField, previousField
}

/// A contact step that is one short form: Tab/↓ and Shift-Tab/↑ move between its
/// fields, and every other key goes to the field in focus.
///
/// The two form steps share these keys so that they cannot drift apart; what a
/// step asks and how it writes the draft stay in the step's own type.
protocol FormStep {
    var form: FormFields { get set }
}

extension FormStep {
    var keys: KeyRegistry<FormStepAction> {
        var keys = KeyRegistry<FormStepAction>()
        keys.bind(
            [.tab, .down], .nextField, hint: "Next field", help: "Move to the next field", group: contactKeyGroup)
        keys.bind(
            [.backTab, .up], .previousField, hint: "Previous field", help: "Move to the previous field",
            group: contactKeyGroup, showsInHintBar: false)
        return keys
    }

    /// Letters go into the focused field when it is a text field.
    var acceptsTyping: Bool {
        if case .text = form.rows[form.focus.focused].input { return true } else { return false }
    }

    mutating func perform(_ action: FormStepAction) -> StepResult {
        switch action {
        case .nextField: form.focus.focusNext(skipping: [])
        case .previousField: form.focus.focusPrevious(skipping: [])
        }
        return .handled
    }

    mutating func type(_ key: Key) -> StepResult { form.handle(key).stepResult }
}
