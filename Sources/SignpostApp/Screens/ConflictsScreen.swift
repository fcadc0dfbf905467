import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The fields two people changed differently, as the team server recorded them, and the choice for each.
///
/// Each conflict shows the family, the field (and whose it is), the value that stands on the
/// server and the value that was held back, each with who set it and when. Keeping mine, taking
/// theirs, or typing a value made from both is a new change (``CaseChange/resolveConflict(_:)``):
/// saved and audited here at once, sent at the next sync, where it clears the conflict for everyone.
/// Until then the server's value stands. Opened from the palette (`conflicts`), the home screen
/// (`Y`) or a family with conflicts (`!`, showing only that family's).
final class ConflictsScreen: Screen {
    enum Action: Hashable, Sendable {
        case up, down, keepMine, takeTheirs, combine, save, cancelEdit, back
    }

    /// Only this family's conflicts, when opened from a family.
    let family: FamilyID?
    private var list = ScrollList(rows: [], emptyText: "")
    private var conflicts: [TeamConflict] = []
    private var editor: TextField?

    init(app: AppEnvironment, family: FamilyID? = nil) {
        self.family = family
        reload(app)
    }

    var title: String { family.map { "Conflicts in \($0)" } ?? "Conflicts" }

    var takesTyping: Bool { editor != nil }

    var hasUnsavedChanges: Bool { editor != nil }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if editor != nil {
            keys.bind(
                [.enter, .control("o")], .save, hint: "Save", help: "Save the combined value as the resolution",
                group: "Combined value")
            keys.bind(
                [.escape], .cancelEdit, hint: "Cancel", help: "Stop editing; nothing is saved", group: "Combined value")
            return keys
        }
        if !conflicts.isEmpty {
            keys.bind(
                [.character("m")], .keepMine, hint: "Keep mine",
                help: "Resolve with your value (a new change, audited and sent at the next sync)", group: "Resolve")
            keys.bind(
                [.character("t")], .takeTheirs, hint: "Take theirs",
                help: "Resolve with your colleague's value (a new change, audited and sent at the next sync)",
                group: "Resolve")
            keys.bind(
                [.character("e")], .combine, hint: "Edit combined",
                help: "Type a value made from both, then Enter to save it as the resolution", group: "Resolve")
            keys.bind(
                [.up, .character("k")], .up, hint: "Up", help: "Previous conflict", group: "Moving",
                showsInHintBar: false)
            keys.bind(
                [.down, .character("j")], .down, hint: "Down", help: "Next conflict", group: "Moving",
                showsInHintBar: false)
        }
        keys.bind(
            [.escape, .character("q")], .back, hint: "Back", help: "Back to the previous screen", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) { reload(app) }

    /// Re-reads the conflicts the background sync last heard of.
    func reload(_ app: AppEnvironment) {
        let status = app.sync?.status()
        let known = status?.conflicts ?? []
        conflicts = family.map { id in known.filter { $0.family == id } } ?? known
        list.rows = conflicts.map { conflict in
            ListRow("! \(familyName(conflict.family, app)) · \(fieldDescription(conflict, app))")
        }
    }

    // MARK: Drawing

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        guard let sync = app.sync else {
            surface.putWrapped(
                "This store has not joined a team server, so nobody else's changes can conflict with yours. "
                    + "To share a record with your team: signpost team join URL.",
                in: Rect(x: area.x, y: y, width: area.width, height: 3))
            surface.cursor = area.origin
            return
        }
        let status = sync.status()
        if conflicts.isEmpty {
            let known: String
            switch status.connection {
            case .offline, .starting, .unavailable:
                known = " The team server has not answered yet, so conflicts may be waiting there."
            case .online(let at):
                known = " (as of the last sync, \(SyncStatus.clockTime(at)))"
            }
            surface.putWrapped(
                "No conflicts to review\(family.map { " in \($0)" } ?? "").\(known)",
                in: Rect(x: area.x, y: y, width: area.width, height: 3))
            surface.cursor = area.origin
            return
        }
        if let asOf = status.conflictsAsOf {
            y += surface.putWrapped(
                "As of the last sync, \(SyncStatus.clockTime(asOf)): the team server has not answered since, "
                    + "so some of these may have been resolved there.",
                in: Rect(x: area.x, y: y, width: area.width, height: 2))
        }
        y += surface.putWrapped(
            "Two people changed these fields differently. The value that stands on the server stays until "
                + "you choose: keep mine (m), take theirs (t) or edit a value made from both (e).",
            in: Rect(x: area.x, y: y, width: area.width, height: 3), style: Style(.dim))
        y += 1
        let listHeight = min(max(1, conflicts.count), max(1, (area.maxY - y) / 3))
        list.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: listHeight), focused: editor == nil)
        y += listHeight + 1
        guard let index = list.selectedIndex, conflicts.indices.contains(index) else { return }
        drawDetail(conflicts[index], login: status.login, on: surface, from: y, in: area, app: app)
    }

    private func drawDetail(
        _ conflict: TeamConflict, login: String, on surface: any Surface, from top: Int, in area: Rect,
        app: AppEnvironment
    ) {
        var y = top
        let labelWidth = 12
        let valueArea = { (row: Int, height: Int) in
            Rect(x: area.x + labelWidth, y: row, width: area.width - labelWidth, height: height)
        }
        func line(_ label: String, _ text: String, style: Style = .normal, height: Int = 2) {
            guard y < area.maxY else { return }
            surface.put(label, at: Point(x: area.x, y: y), style: Style(.header), clip: area)
            y += surface.putWrapped(text, in: valueArea(y, min(height, area.maxY - y)), style: style)
        }
        line("Family", "\(familyName(conflict.family, app)) family (\(conflict.family))")
        line("Field", fieldDescription(conflict, app))
        let (mine, theirs) = sides(of: conflict, login: login)
        line(
            mine.label, "\(ConflictResolution.text(of: mine.value)) — \(mine.who), \(LondonTime.timestamp(mine.when))",
            style: Style(.normal, [.bold]))
        line(
            theirs.label,
            "\(ConflictResolution.text(of: theirs.value)) — \(theirs.who), \(LondonTime.timestamp(theirs.when))",
            style: Style(.normal, [.bold]))
        line(
            "Stands", "\(conflict.serverAuthor)'s value stands on the server until this is resolved.",
            style: Style(.dim))
        if var editor, y < area.maxY {
            y += 1
            surface.put("Combined", at: Point(x: area.x, y: y), style: Style(.header), clip: area)
            editor.draw(on: surface, in: valueArea(y, 1), focused: true)
            self.editor = editor
        }
    }

    /// "Mine" is the value this login set; "theirs" the other. Someone who set neither sees both by name.
    private func sides(of conflict: TeamConflict, login: String) -> (
        mine: (label: String, value: JSONValue, who: String, when: Date),
        theirs: (label: String, value: JSONValue, who: String, when: Date)
    ) {
        let server = (conflict.serverValue, conflict.serverAuthor, conflict.serverChangedAt)
        let pushed = (conflict.pushedValue, conflict.pushedAuthor, conflict.pushedAt)
        let mineIsServer = conflict.serverAuthor == login && conflict.pushedAuthor != login
        let mine = mineIsServer ? server : pushed
        let theirs = mineIsServer ? pushed : server
        return (("Mine", mine.0, mine.1, mine.2), ("Theirs", theirs.0, theirs.1, theirs.2))
    }

    private func familyName(_ id: FamilyID, _ app: AppEnvironment) -> String {
        ((try? app.store.family(id)) ?? nil)?.name ?? id.rawValue
    }

    /// "phone of Zoë Quillfeather", "address of the family".
    private func fieldDescription(_ conflict: TeamConflict, _ app: AppEnvironment) -> String {
        let field = ConflictResolution.label(forField: conflict.field)
        let family = (try? app.store.family(conflict.family)) ?? nil
        switch conflict.edits {
        case "update-person":
            return "\(field) of \(family?.member(PersonID(conflict.record))?.fullName ?? conflict.record)"
        case "update-family": return "\(field) of the family"
        case "save-assessment": return "\(field) of assessment \(conflict.record)"
        default: return "\(field) of \(conflict.record)"
        }
    }

    // MARK: Keys

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if var field = editor {
            if let action = keys.action(for: key) { return perform(action, app: app) }
            guard field.handle(key) != .ignored else { return .ignored }
            editor = field
            return .handled
        }
        guard let action = keys.action(for: key) else { return .ignored }
        return perform(action, app: app)
    }

    private func perform(_ action: Action, app: AppEnvironment) -> Transition {
        let selected = list.selectedIndex.flatMap { conflicts.indices.contains($0) ? conflicts[$0] : nil }
        let login = app.sync?.status().login ?? ""
        switch action {
        case .up:
            list.cursor.selected -= 1
        case .down:
            list.cursor.selected += 1
        case .back:
            return .pop
        case .cancelEdit:
            editor = nil
            return .message("Nothing saved: the conflict is still open.", .info)
        case .keepMine, .takeTheirs:
            guard let selected else { return .handled }
            let (mine, theirs) = sides(of: selected, login: login)
            let choice: ConflictResolution.Choice = action == .keepMine ? .keepMine : .takeTheirs
            let value = action == .keepMine ? mine.value : theirs.value
            return confirm(selected.resolution(choice, value: value), app: app)
        case .combine:
            guard let selected else { return .handled }
            let (mine, theirs) = sides(of: selected, login: login)
            guard case .string(let start) = mine.value, theirs.value.isTextOrEmpty else {
                return .message(
                    "This field is not plain text: keep mine (m) or take theirs (t), then edit the record.", .warning)
            }
            var field = TextField(text: start, maxLength: 500)
            field.selectAll()
            editor = field
        case .save:
            guard let selected, let typed = editor?.text else { return .handled }
            editor = nil
            return confirm(selected.resolution(.combined, value: .string(typed)), app: app)
        }
        return .handled
    }

    /// Asks before settling (the other person's value is overwritten for everyone), then saves the resolution.
    private func confirm(_ resolution: ConflictResolution, app: AppEnvironment) -> Transition {
        let value = ConflictResolution.text(of: resolution.value)
        var question = Confirmation(
            "Set \(resolution.fieldLabel) to “\(value)” (\(resolution.choice.label))? "
                + "Your team receives it at the next sync.", yes: "Resolve", no: "Not yet"
        ) { [unowned self] in
            do {
                try app.store.apply([.resolveConflict(resolution)], by: app.practitioner)
            } catch {
                return .message("The resolution was not saved: \(error)", .error)
            }
            app.sync?.noteResolved(conflict: resolution.conflict)
            app.sync?.requestSync()
            reload(app)
            return .message("Resolved: \(resolution.fieldLabel) is now “\(value)”; sent at the next sync.", .success)
        }
        question.defaultsToYes = true
        question.onNo = { .message("Not resolved: the server's value still stands.", .info) }
        return .confirm(question)
    }
}

extension JSONValue {
    /// True for text and for nothing: the values a typed combination can replace.
    fileprivate var isTextOrEmpty: Bool {
        switch self {
        case .string, .null: true
        default: false
        }
    }
}
