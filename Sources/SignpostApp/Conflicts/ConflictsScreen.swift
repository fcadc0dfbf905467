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
        /// The combined-value editors' own keys (``CombinedValueEditor``).
        case nextPart, previousPart, both, removeItem, addItem, theirsHere
    }

    /// The actions an open editor answers itself.
    private static let editorActions: Set<Action> = [
        .up, .down, .nextPart, .previousPart, .both, .removeItem, .addItem, .theirsHere,
    ]

    /// Only this family's conflicts, when opened from a family.
    let family: FamilyID?
    private var list = ScrollList(rows: [], emptyText: "")
    private var conflicts: [TeamConflict] = []
    /// The value being made from both, in the editor for the field's kind.
    private(set) var editor: (any CombinedValueEditor)?

    init(app: AppEnvironment, family: FamilyID? = nil) {
        self.family = family
        reload(app)
    }

    var title: String { family.map { "Conflicts in \($0)" } ?? "Conflicts" }

    var takesTyping: Bool { editor?.takesTyping ?? false }

    var hasUnsavedChanges: Bool { editor?.isChanged ?? false }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if let editor {
            editor.bindKeys(&keys)
            keys.bind(
                editor.enterSaves ? [.enter, .control("o")] : [.control("o")], .save, hint: "Save",
                help: "Check the combined value and save it as the resolution (asks first)", group: "Combined value")
            keys.bind(
                [.escape], .cancelEdit, hint: "Cancel",
                help: "Stop editing (asks first when you changed anything); nothing is saved", group: "Combined value")
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
            // A field whose parts belong together offers no combined value: the screen says why instead.
            if !isSelectedCannotCombine {
                keys.bind(
                    [.character("e")], .combine, hint: "Edit combined",
                    help:
                        "Make a value from both: text typed, an address part by part, a list of both, a choice picked, "
                        + "a date typed; then Enter to save it as the resolution",
                    group: "Resolve")
            }
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

    /// Whether the highlighted conflict is on a field that cannot be combined.
    private var isSelectedCannotCombine: Bool {
        guard let index = list.selectedIndex, conflicts.indices.contains(index),
            case .cannotCombine = conflicts[index].combining
        else { return false }
        return true
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
        let index = list.selectedIndex.flatMap { conflicts.indices.contains($0) ? $0 : nil }
        if let editor, let index {
            // While a value is being made, the conflict's details and the editor have the room.
            y = drawDetail(conflicts[index], login: status.login, on: surface, from: y, in: area, app: app)
            editor.draw(
                on: surface, in: Rect(x: area.x, y: y + 1, width: area.width, height: max(0, area.maxY - y - 1)))
            return
        }
        y += surface.putWrapped(
            "Two people changed these fields differently. The value that stands on the server stays until "
                + "you choose: keep mine (m), take theirs (t) or edit a value made from both (e).",
            in: Rect(x: area.x, y: y, width: area.width, height: 3), style: Style(.dim))
        y += 1
        let listHeight = min(max(1, conflicts.count), max(1, (area.maxY - y) / 3))
        list.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: listHeight), focused: true)
        y += listHeight + 1
        guard let index else { return }
        let end = drawDetail(conflicts[index], login: status.login, on: surface, from: y, in: area, app: app)
        let next = line(
            "Stands", "\(conflicts[index].serverAuthor)'s value stands on the server until this is resolved.",
            on: surface, at: end, in: area, style: Style(.dim))
        if case .cannotCombine(let why) = conflicts[index].combining {
            line(
                "Combined", "Not offered: \(why) Keep mine (m) or take theirs (t), then edit the record.",
                on: surface, at: next, in: area, style: Style(.dim))
        }
    }

    /// The family, the field and both values with who set them and when, each wrapped in full; returns the next row.
    private func drawDetail(
        _ conflict: TeamConflict, login: String, on surface: any Surface, from top: Int, in area: Rect,
        app: AppEnvironment
    ) -> Int {
        var y = top
        let kind = conflict.combining
        y = line(
            "Family", "\(familyName(conflict.family, app)) family (\(conflict.family))", on: surface, at: y, in: area)
        y = line("Field", fieldDescription(conflict, app), on: surface, at: y, in: area)
        let (mine, theirs) = sides(of: conflict, login: login)
        for side in [mine, theirs] {
            y = line(
                side.label, "\(kind.words(for: side.value)) — \(side.who), \(LondonTime.timestamp(side.when))",
                on: surface, at: y, in: area, style: Style(.normal, [.bold]))
        }
        return y
    }

    /// One labelled detail, wrapped to as many rows as it needs (as many as are left); returns the next row.
    @discardableResult
    private func line(
        _ label: String, _ text: String, on surface: any Surface, at y: Int, in area: Rect, style: Style = .normal
    ) -> Int {
        let labelWidth = 12
        guard y < area.maxY else { return y }
        surface.put(label, at: Point(x: area.x, y: y), style: Style(.header), clip: area)
        let width = area.width - labelWidth
        let needed = TextLayout.wrap(text, width: width).count
        return y
            + surface.putWrapped(
                text, in: Rect(x: area.x + labelWidth, y: y, width: width, height: min(needed, area.maxY - y)),
                style: style)
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
        if var open = editor {
            if let action = keys.action(for: key) { return perform(action, app: app) }
            guard open.handle(key) != .ignored else { return .ignored }
            editor = open
            return .handled
        }
        guard let action = keys.action(for: key) else { return .ignored }
        return perform(action, app: app)
    }

    private func perform(_ action: Action, app: AppEnvironment) -> Transition {
        let selected = list.selectedIndex.flatMap { conflicts.indices.contains($0) ? conflicts[$0] : nil }
        let login = app.sync?.status().login ?? ""
        if var open = editor, Self.editorActions.contains(action) {
            open.perform(action)
            editor = open
            return .handled
        }
        switch action {
        case .up:
            list.cursor.selected -= 1
        case .down:
            list.cursor.selected += 1
        case .back:
            return .pop
        case .cancelEdit:
            return cancelEdit()
        case .keepMine, .takeTheirs:
            guard let selected else { return .handled }
            let (mine, theirs) = sides(of: selected, login: login)
            let choice: ConflictResolution.Choice = action == .keepMine ? .keepMine : .takeTheirs
            let value = action == .keepMine ? mine.value : theirs.value
            return confirm(selected.resolution(choice, value: value), app: app)
        case .combine:
            guard let selected else { return .handled }
            let (mine, theirs) = sides(of: selected, login: login)
            editor = combinedValueEditor(for: selected, mine: mine.value, theirs: theirs.value)
        case .save:
            guard let selected, var open = editor else { return .handled }
            let family = (try? app.store.family(selected.family)) ?? nil
            do {
                let value = try selected.combinedValue(open.draft, on: family, today: app.today)
                return confirm(selected.resolution(.combined, value: value), app: app)
            } catch {
                // Refused: the editor stays open with everything typed, the refusal under it.
                open.refusal = error
                if var address = open as? CombinedAddressEditor {
                    address.focusPart(named: error.part)
                    open = address
                }
                editor = open
                return .handled
            }
        case .nextPart, .previousPart, .both, .removeItem, .addItem, .theirsHere:
            break
        }
        return .handled
    }

    /// Closes the editor; when something was changed, only after asking.
    private func cancelEdit() -> Transition {
        guard editor?.isChanged == true else {
            editor = nil
            return .message("Nothing saved: the conflict is still open.", .info)
        }
        var question = Confirmation(
            "Drop the combined value you made? The conflict stays open.", yes: "Drop it", no: "Keep editing"
        ) { [unowned self] in
            editor = nil
            return .message("Nothing saved: the conflict is still open.", .info)
        }
        question.onNo = { .handled }
        return .confirm(question)
    }

    /// Asks before settling (the other person's value is overwritten for everyone), then saves the resolution.
    ///
    /// A combined value's editor stays open until the answer is yes, so "Not yet" loses nothing typed.
    private func confirm(_ resolution: ConflictResolution, app: AppEnvironment) -> Transition {
        let value = ConflictResolution.combining(edits: resolution.edits, field: resolution.field)
            .words(for: resolution.value)
        var question = Confirmation(
            "Set \(resolution.fieldLabel) to “\(value)” (\(resolution.choice.label))? "
                + "Your team receives it at the next sync.", yes: "Resolve", no: "Not yet"
        ) { [unowned self] in
            do {
                try app.store.apply([.resolveConflict(resolution)], by: app.practitioner)
            } catch {
                return .message("The resolution was not saved: \(error)", .error)
            }
            editor = nil
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
