/// What a widget did with a key.
public enum KeyOutcome: Hashable, Sendable {
    /// Not the widget's key: the screen may use it.
    case ignored
    /// The widget used the key (its state may have changed; redraw).
    case handled
    /// The user finished: Enter on a field, a choice picked, a dialog confirmed.
    case submitted
    /// The user backed out (usually Esc).
    case cancelled
}
