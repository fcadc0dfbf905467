/// The one-line key hint bar at the bottom of a screen, drawn from a ``KeyRegistry``.
///
/// Entries read `Enter Open  / Search  ? Help`; the key in the `hint-key` role, the label in
/// `hint-text`. Entries that do not fit are dropped whole, from the end, so the first
/// bindings (register the important ones first) always show.
public enum HintBar {
    /// The entries that fit in `width` columns, as (key label, hint) pairs.
    public static func entries<Action>(for registry: KeyRegistry<Action>, width: Int) -> [(keys: String, hint: String)]
    {
        func entryWidth(_ binding: KeyBinding<Action>) -> Int {
            visible(binding.keyLabel).displayWidth + 1 + visible(binding.hint).displayWidth
        }
        var result: [(keys: String, hint: String, width: Int)] = []
        var used = 0
        for binding in registry.hintBindings {
            let needed = (result.isEmpty ? 0 : 2) + entryWidth(binding)
            if used + needed > width { break }
            result.append((binding.keyLabel, binding.hint, needed))
            used += needed
        }
        // Help (F1) is how every other key is found, so it gives way last: entries before it are dropped
        // from the end to make room for it.
        if let help = registry.hintBindings.first(where: { $0.keys.contains(.function(1)) }),
            !result.contains(where: { $0.keys == help.keyLabel })
        {
            while !result.isEmpty, used + 2 + entryWidth(help) > width { used -= result.removeLast().width }
            if used + (result.isEmpty ? 0 : 2) + entryWidth(help) <= width {
                result.append((help.keyLabel, help.hint, entryWidth(help)))
            }
        }
        return result.map { ($0.keys, $0.hint) }
    }

    /// Draws the bar on the first row of `area`.
    public static func draw<Action>(_ registry: KeyRegistry<Action>, on surface: any Surface, in area: Rect) {
        let row = area.row(0)
        surface.fill(row, style: Style(.hintText))
        var x = row.x
        for (index, entry) in entries(for: registry, width: row.width).enumerated() {
            if index > 0 { x += 2 }
            x = surface.put(entry.keys, at: Point(x: x, y: row.y), style: Style(.hintKey), clip: row)
            x = surface.put(" " + entry.hint, at: Point(x: x, y: row.y), style: Style(.hintText), clip: row)
        }
    }
}
