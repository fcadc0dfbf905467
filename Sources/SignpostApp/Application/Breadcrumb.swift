import SignpostTerminal

/// The title bar's trail of screens, "Signpost › … › Quillfeather family › Episode", fitted to its room.
///
/// The trail shows the last two screens: where you are and what Esc goes back to. When it is too wide it
/// gives way at whole words, in this order: the screen Esc goes back to is shortened at a word (with
/// "…"), the "Signpost" root goes, the screen Esc goes back to goes, and only then is the screen's own
/// title cut, at a word. A word is cut inside only when not even one word fits.
///
/// ```swift
/// Breadcrumb.fitted(titles: ["Families", "Quillfeather family", "Assessment (CAF) · Noor · Complete", "Census factors"], width: 60)
/// // "Signpost › … › Assessment (CAF) · Noor… › Census factors"
/// ```
enum Breadcrumb {
    static let root = "Signpost"
    static let separator = " › "

    /// The trail of `titles` (the stack's titles, bottom first) in at most `width` columns.
    static func fitted(titles: [String], width: Int) -> String {
        guard let current = titles.last else { return root }
        let parent = titles.count > 1 ? titles[titles.count - 2] : nil
        let elided = titles.count > 2 ? ["…"] : []
        func trail(_ parts: [String]) -> String { parts.joined(separator: separator) }
        func fits(_ text: String) -> Bool { DisplayWidth.of(text) <= width }
        var candidates: [[String]] = []
        for head in [[root], []] {
            guard let parent else {
                candidates.append(head + [current])
                continue
            }
            candidates.append(head + elided + [parent, current])
            let rest = DisplayWidth.of(trail(head + elided + ["", current]))
            if width - rest >= 6 {
                candidates.append(head + elided + [TextLayout.shortened(parent, toWidth: width - rest), current])
            }
        }
        if parent != nil {
            candidates.append([root, "…", current])
            candidates.append(["…", current])
        }
        if let fitting = candidates.map(trail).first(where: fits) { return fitting }
        return TextLayout.shortened(current, toWidth: width)
    }

}
