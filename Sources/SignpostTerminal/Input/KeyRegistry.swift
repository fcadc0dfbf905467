/// One key binding on a screen: what keys do, described once for both the hint bar and help.
public struct KeyBinding<Action: Hashable & Sendable>: Hashable, Sendable {
    /// The keys that trigger the action (the first is the one shown in hints).
    public var keys: [Key]
    /// What the screen does.
    public var action: Action
    /// A one- or two-word label for the hint bar: "Open", "Search".
    public var hint: String
    /// A sentence for the help overlay.
    public var help: String
    /// The help overlay heading this binding appears under.
    public var group: String
    /// Whether the hint bar shows it (help always does).
    public var showsInHintBar: Bool

    public init(
        _ keys: [Key], action: Action, hint: String, help: String, group: String = "General",
        showsInHintBar: Bool = true
    ) {
        self.keys = keys
        self.action = action
        self.hint = hint
        self.help = help
        self.group = group
        self.showsInHintBar = showsInHintBar
    }

    /// The keys as shown to people: `↑/k`.
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}

/// The key bindings of one screen, in display order.
///
/// The hint bar (``HintBar``) and the help overlay (``HelpOverlay``) both read the registry,
/// so they can never disagree with each other or with what the keys do.
///
/// ```swift
/// enum ListAction { case open, search, quit, help }
/// var keys = KeyRegistry<ListAction>()
/// keys.bind([.enter], .open, hint: "Open", help: "Open the selected family")
/// keys.bind([.character("?")], .help, hint: "Help", help: "Show all keys", group: "General")
/// if let action = keys.action(for: key) { ... }
/// ```
public struct KeyRegistry<Action: Hashable & Sendable>: Sendable {
    public private(set) var bindings: [KeyBinding<Action>] = []

    public init(_ bindings: [KeyBinding<Action>] = []) { self.bindings = bindings }

    /// Adds a binding; a key already bound keeps its first binding.
    public mutating func bind(
        _ keys: [Key], _ action: Action, hint: String, help: String, group: String = "General",
        showsInHintBar: Bool = true
    ) {
        add(KeyBinding(keys, action: action, hint: hint, help: help, group: group, showsInHintBar: showsInHintBar))
    }

    public mutating func add(_ binding: KeyBinding<Action>) { bindings.append(binding) }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> Action? { binding(for: key)?.action }

    /// The first binding that lists `key`.
    public func binding(for key: Key) -> KeyBinding<Action>? { bindings.first { $0.keys.contains(key) } }

    /// Keys listed by more than one binding with different actions: each is a key with two meanings.
    ///
    /// Only the first binding of such a key ever runs, so the later one's hint and help would
    /// promise something the key does not do. A screen's registry (with the keys every screen
    /// shares) should have none; the application's tests check every screen.
    ///
    /// ```swift
    /// keys.bind([.control("o"), .function(2)], .save, hint: "Save", help: "Save the note")
    /// keys.bind([.character("N"), .function(2)], .navigator, hint: "Navigator", help: "Open the navigator")
    /// keys.conflicts.map(\.key)  // [.function(2)]
    /// ```
    public var conflicts: [(key: Key, actions: [Action])] {
        var seen: [Key: [Action]] = [:]
        var order: [Key] = []
        for binding in bindings {
            for key in binding.keys {
                if seen[key] == nil { order.append(key) }
                if !(seen[key]?.contains(binding.action) ?? false) { seen[key, default: []].append(binding.action) }
            }
        }
        return order.compactMap { key in
            guard let actions = seen[key], actions.count > 1 else { return nil }
            return (key, actions)
        }
    }

    /// The bindings shown in the hint bar, in order.
    public var hintBindings: [KeyBinding<Action>] { bindings.filter(\.showsInHintBar) }

    /// Bindings grouped for help, groups in order of first appearance.
    public var helpGroups: [(group: String, bindings: [KeyBinding<Action>])] {
        var order: [String] = []
        var byGroup: [String: [KeyBinding<Action>]] = [:]
        for binding in bindings {
            if byGroup[binding.group] == nil { order.append(binding.group) }
            byGroup[binding.group, default: []].append(binding)
        }
        return order.map { ($0, byGroup[$0] ?? []) }
    }
}
