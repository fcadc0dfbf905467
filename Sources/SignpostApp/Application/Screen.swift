import SignpostDomain
import SignpostTerminal

/// One screen of the application: it draws its body and answers keys.
///
/// A screen's ``keys`` registry is the single list of what it does: the hint
/// bar and the `?` help are both drawn from it, so they can never disagree
/// with each other or with what the keys really do.
protocol Screen: AnyObject {
    associatedtype Action: Hashable & Sendable

    /// The title bar's text ("Quillfeather family").
    var title: String { get }

    /// The keys this screen answers right now (they may change with focus).
    var keys: KeyRegistry<Action> { get }

    /// True while something typed has not been saved; leaving then asks first.
    var hasUnsavedChanges: Bool { get }

    /// Draws the body into `area`, setting `surface.cursor` on the focused item.
    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment)

    /// Answers a key: typing into a focused field first, then the registry.
    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition

    /// True while the focused item takes typing: printable keys go into it, so only the F-keys reach
    /// the application (F1 help, F2 the navigator, F3 a new contact) and the hint bar and help say so.
    var takesTyping: Bool { get }

    /// True when what is typed here is kept as a draft after every key, so quitting loses none of it.
    var keepsTypingAsDraft: Bool { get }

    /// Called when the screen comes back to the top of the stack, to re-read what may have changed.
    func willReappear(app: AppEnvironment)

    /// The family this screen is about, if any: the navigator opened from here starts from its record.
    var familyContext: Family? { get }
}

extension Screen {
    var hasUnsavedChanges: Bool { false }
    var keepsTypingAsDraft: Bool { false }
    var takesTyping: Bool { false }
    func willReappear(app: AppEnvironment) {}
    var familyContext: Family? { nil }

    /// The hint bar's entries: key labels and short hints.
    var hintEntries: [(keys: String, hint: String)] {
        keys.hintBindings.map { ($0.keyLabel, $0.hint) }
    }

    /// The help overlay's entries, grouped.
    var helpEntries: [(group: String, lines: [(keys: String, help: String)])] {
        keys.helpGroups.map { group in (group.group, group.bindings.map { ($0.keyLabel, $0.help) }) }
    }
}

/// What happens after a key.
enum Transition {
    /// The key was used; redraw.
    case handled
    /// The screen has no use for the key; the application may.
    case ignored
    case push(any Screen)
    /// Put this screen in place of the one on top (a finished exercise becomes its result).
    case replace(any Screen)
    /// Close this screen (already confirmed if it had unsaved changes).
    case pop
    /// Close this screen and show a message on the one below.
    case popWithMessage(String)
    /// Close this screen and the form under it (a question asked over a form, answered by saving it), then
    /// show a message.
    case popFormWithMessage(String)
    /// Ask before doing something destructive or losing typing.
    case confirm(Confirmation)
    case message(String, ToastKind)
    /// Open the `:` command line with this text already typed (`lead `).
    case openPalette(String)
    /// Run one of the `:` commands, as if typed (`exercises`).
    case command(String)
    case quit
}

extension Transition {
    /// False when the key was of no use to whoever was asked.
    var wasUsed: Bool {
        if case .ignored = self { return false }
        return true
    }
}

/// A yes/no question, and what to do on yes.
struct Confirmation {
    var question: String
    var yesLabel: String
    var noLabel: String
    var onYes: () -> Transition
    /// What to do on no, when declining needs saying (so nothing is ever dropped silently).
    var onNo: (() -> Transition)?
    /// True when Enter should press yes: for questions whose yes loses nothing (saving), never for destructive ones.
    var defaultsToYes = false

    init(_ question: String, yes: String = "Yes", no: String = "No", onYes: @escaping () -> Transition) {
        self.question = question
        self.yesLabel = yes
        self.noLabel = no
        self.onYes = onYes
    }
}

/// How a message is shown (the toolkit's toast kinds: information, success, warning, error).
typealias ToastKind = Toast.Kind
