import SignpostTerminal

/// A column of labelled one-line fields and choices, as the simpler forms (a new family, a member) use.
///
/// Text fields take typing; choices show `‹ North ›` and change with ←/→ or
/// Space. Enter moves to the next field. The form keys (save, Tab, Esc) stay
/// with the screen, through ``formKeys(saves:leaves:group:arrowsMoveFields:)``.
struct FormFields {
    enum Input {
        case text(TextField)
        case choice(ChoiceList)
    }

    struct Row {
        let id: String
        let label: String
        let isRequired: Bool
        var input: Input
    }

    private(set) var rows: [Row]
    /// The focused row; a text row entered has its text selected, so typing replaces what was there.
    var focus: FocusRing {
        didSet { if focus.focused != oldValue.focused { selectFocusedText() } }
    }
    /// What is wrong, shown under the fields until the next attempt to save.
    var problem: String?
    /// The ids of rows not shown just now (fields of another choice): not drawn, and passed over by focus.
    var hiddenIDs: Set<String> = []

    /// The indices of the rows in ``hiddenIDs``, as the focus ring passes over them.
    var hiddenRows: Set<Int> { Set(rows.indices.filter { hiddenIDs.contains(rows[$0].id) }) }

    init(_ rows: [Row]) {
        self.rows = rows
        focus = FocusRing(count: rows.count)
        selectFocusedText()
    }

    /// Selects the focused text row's text, if it has any.
    private mutating func selectFocusedText() {
        guard rows.indices.contains(focus.focused), case .text(var field) = rows[focus.focused].input else { return }
        field.selectAll()
        rows[focus.focused].input = .text(field)
    }

    /// A text field row.
    static func text(
        _ id: String, _ label: String, required: Bool = false, value: String = "", maxLength: Int = 120,
        placeholder: String = ""
    ) -> Row {
        Row(
            id: id, label: label, isRequired: required,
            input: .text(TextField(text: value, maxLength: maxLength, placeholder: placeholder)))
    }

    /// A choice row showing `options`, with `chosen` selected.
    static func choice(_ id: String, _ label: String, options: [String], chosen: Int, required: Bool = false) -> Row {
        Row(id: id, label: label, isRequired: required, input: .choice(ChoiceList(options: options, chosen: chosen)))
    }

    private func index(_ id: String) -> Int {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { preconditionFailure("no form row \(id)") }
        return index
    }

    /// Whether the form has a row with this id.
    func has(_ id: String) -> Bool { rows.contains { $0.id == id } }

    /// The trimmed text of a text row.
    func text(_ id: String) -> String {
        guard case .text(let field) = rows[index(id)].input else { return "" }
        return field.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The chosen option's index of a choice row.
    func chosen(_ id: String) -> Int {
        guard case .choice(let choice) = rows[index(id)].input else { return 0 }
        return choice.chosen ?? 0
    }

    /// Whether any text row holds typing (choices alone are not worth asking about).
    func hasText(besides initial: [String: String] = [:]) -> Bool {
        rows.contains { row in
            guard case .text(let field) = row.input else { return false }
            return field.text != (initial[row.id] ?? "")
        }
    }

    /// Every row's value by id, as a draft keeps it: a text row's text, a choice row's option number.
    var values: [String: String] {
        var result: [String: String] = [:]
        for row in rows {
            switch row.input {
            case .text(let field): result[row.id] = field.text
            case .choice(let choice): result[row.id] = choice.chosen.map(String.init) ?? ""
            }
        }
        return result
    }

    /// Puts back values kept by ``values``; ids the form does not have, and options out of range, are passed over.
    mutating func restore(_ values: [String: String]) {
        for index in rows.indices {
            guard let value = values[rows[index].id] else { continue }
            switch rows[index].input {
            case .text(var field):
                // Not selected: typing after a restore adds to it rather than replacing what was kept.
                field.text = value
                rows[index].input = .text(field)
            case .choice(var choice):
                guard let chosen = Int(value), choice.options.indices.contains(chosen) else { continue }
                choice.chosen = chosen
                rows[index].input = .choice(choice)
            }
        }
    }

    /// Shows `message` and moves to the row it is about.
    mutating func refuse(_ message: String, at id: String) {
        problem = message
        // A row not shown keeps the focus where it is: the message still says what is wrong.
        guard !hiddenIDs.contains(id) else { return }
        focus.focus(index(id))
    }

    /// Whether the focused row is a text field (a choice answers ←/→ and Space, not typing).
    var focusedTakesTyping: Bool {
        if case .text = rows[focus.focused].input { return true }
        return false
    }

    /// The id of the focused row.
    var focusedID: String { rows[focus.focused].id }

    func draw(on surface: any Surface, in area: Rect, labelWidth: Int = 32) {
        var y = area.y
        for (index, row) in rows.enumerated()
        where y < area.maxY - (problem == nil ? 0 : 3) && !hiddenIDs.contains(row.id) {
            let focused = focus.isFocused(index)
            let label = (focused ? "> " : "  ") + row.label + (row.isRequired ? " *" : "")
            surface.put(label, at: Point(x: area.x, y: y), style: Style(focused ? .focus : .header), clip: area)
            let valueArea = Rect(x: area.x + labelWidth, y: y, width: min(60, area.width - labelWidth), height: 1)
            switch row.input {
            case .text(let field): field.draw(on: surface, in: valueArea, focused: focused)
            case .choice(let choice):
                // Cut at a word with "…" when it must be, so the closing › still shows it is a choice.
                let option = TextLayout.shortened(choice.chosenOption ?? "", toWidth: max(1, valueArea.width - 4))
                surface.put("‹ \(option) ›", at: valueArea.origin, style: Style(.input), clip: valueArea)
                if focused { surface.cursor = Point(x: valueArea.x + 2, y: valueArea.y) }
            }
            y += 1
        }
        if let problem {
            // Two rows, so a refusal that gives its reason is read in full at 80 columns.
            surface.putWrapped(
                problem, in: Rect(x: area.x, y: y + 1, width: area.width, height: min(2, max(0, area.maxY - y - 1))),
                style: Style(.error, [.bold]))
        }
    }

    /// Typing or changing the focused row; `.ignored` when the key is not for it.
    mutating func handle(_ key: Key) -> Transition {
        let index = focus.focused
        switch rows[index].input {
        case .text(var field):
            if key == .enter {
                focus.focusNext(skipping: hiddenRows)
                return .handled
            }
            let outcome = field.handle(key)
            rows[index].input = .text(field)
            return outcome == .ignored ? .ignored : .handled
        case .choice(var choice):
            let count = choice.options.count
            switch key {
            case .left: choice.chosen = ((choice.chosen ?? 0) - 1 + count) % count
            case .right, .character(" "): choice.chosen = ((choice.chosen ?? 0) + 1) % count
            case .enter:
                focus.focusNext(skipping: hiddenRows)
                return .handled
            default: return .ignored
            }
            rows[index].input = .choice(choice)
            return .handled
        }
    }
}
