import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// People who may be recorded twice: store-wide a page at a time (`=` on the families list), or one family's.
///
/// Enter compares the selected pair side by side to merge them (``MergeScreen``); two people in two
/// families are merged by merging their families first, after which the pair shows again as two
/// people of one family. `h` lists the history of merges made, to undo one.
final class DuplicatesScreen: Screen {
    enum Action: Hashable, Sendable { case merge, open, more, merges, up, down, back }

    static let pageSize = 20

    private let family: FamilyID?
    private var pairs: [DuplicatePair] = []
    private var next: String?
    private var list = ScrollList(rows: [], emptyText: "No possible duplicates found.")
    private var loadError: String?

    /// - Parameter family: the family whose members to check; nil lists the whole store's.
    init(family: FamilyID?, app: AppEnvironment) {
        self.family = family
        reload(app)
    }

    var title: String { family.map { "Possible duplicates · \($0)" } ?? "Possible duplicates" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if !pairs.isEmpty {
            keys.bind(
                [.enter], .merge, hint: "Compare and merge",
                help: "Compare the pair side by side and merge them (asks first)", group: "Duplicates")
            keys.bind(
                [.character("o")], .open, hint: "Open", help: "Open the family of the right-hand person",
                group: "Duplicates")
        }
        if next != nil {
            keys.bind(
                [.character("]")], .more, hint: "More", help: "Look further through the store for more pairs",
                group: "Duplicates")
        }
        keys.bind(
            [.character("h")], .merges, hint: "Merges", help: "The history of merges made, to undo one",
            group: "Duplicates")
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Previous pair", group: "Duplicates", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Next pair", group: "Duplicates", showsInHintBar: false
        )
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) { reload(app) }

    private func reload(_ app: AppEnvironment) {
        do {
            if let family {
                guard let held = try app.store.family(family) else {
                    pairs = []
                    loadError = "\(family) is no longer in this store"
                    return
                }
                pairs = try held.possibleDuplicatePairs(in: app.store, limit: 100)
                next = nil
            } else {
                let page = try app.store.possibleDuplicatePairs(after: nil, limit: Self.pageSize)
                pairs = page.pairs
                next = page.next
            }
            loadError = nil
        } catch {
            pairs = []
            loadError = "the possible duplicates could not be read: \(error)"
        }
        refreshRows()
    }

    private func refreshRows() {
        list.rows = pairs.map { pair in
            ListRow(
                "\(pair.first.personName) (\(pair.first.familyID))  ~  \(pair.second.personName) (\(pair.second.familyID))"
            )
        }
    }

    static func person(_ match: PersonMatch) -> String {
        "\(match.personName) \(match.dateOfBirth?.british ?? "born not known") (\(match.familyName) \(match.familyID))"
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let scope = family.map { "Members of \($0) who look like someone else on record" } ?? "Across the store"
        let more = next == nil ? "" : " · ] looks further"
        surface.put(
            "\(scope): \(pairs.count) pair\(pairs.count == 1 ? "" : "s")\(more)", at: area.origin, width: area.width,
            style: Style(.header))
        if let loadError {
            surface.put(loadError, at: Point(x: area.x, y: area.y + 2), width: area.width, style: Style(.error))
            return
        }
        // The selected pair in full below the list, wrapped: rows are cut at the edge, this is not.
        let detailRows = pairs.isEmpty ? 0 : 4
        list.draw(
            on: surface, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2 - detailRows),
            focused: true)
        if let index = list.selectedIndex {
            let pair = pairs[index]
            let kind = pair.inOneFamily ? "two people of one family" : "two families: merging joins them"
            surface.putWrapped(
                "\(Self.person(pair.first)) and \(Self.person(pair.second)): \(kind). Why: \(pair.second.reasonText)",
                in: Rect(
                    x: area.x, y: area.y + area.height - detailRows + 1, width: area.width, height: detailRows - 1),
                style: Style(.dim))
        }
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .merge:
            guard let index = list.selectedIndex else { return .handled }
            guard let screen = MergeScreen(pair: pairs[index], app: app) else {
                return .message("one of the two records can no longer be read; the list is read again", .warning)
            }
            return .push(screen)
        case .open:
            guard let index = list.selectedIndex else { return .handled }
            return .push(FamilyScreen(familyID: pairs[index].second.familyID, app: app))
        case .more:
            do {
                let page = try app.store.possibleDuplicatePairs(after: next, limit: Self.pageSize)
                pairs += page.pairs
                next = page.next
                refreshRows()
            } catch {
                return .message("no more could be read: \(error)", .error)
            }
        case .merges: return .push(MergesScreen(family: family, app: app))
        case .up, .down: _ = list.handle(key, in: Rect(x: 0, y: 0, width: area.width, height: area.height - 6))
        case .back: return .pop
        }
        return .handled
    }
}

/// The merges made (store-wide, or into one family), newest first; `u` undoes the selected one.
final class MergesScreen: Screen {
    enum Action: Hashable, Sendable { case undo, save, up, down, back }

    private let family: FamilyID?
    private var records: [MergeRecord] = []
    private var list = ScrollList(rows: [], emptyText: "No merges have been made.")
    private var reason = TextField(maxLength: 200, placeholder: "why the merge is undone")
    private var askingReason = false
    private var problem: String?

    init(family: FamilyID?, app: AppEnvironment) {
        self.family = family
        reload(app)
    }

    var title: String { "Merges" }

    var takesTyping: Bool { askingReason }

    var hasUnsavedChanges: Bool { askingReason && !reason.text.isEmpty }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if askingReason {
            keys.bind(
                [.control("o")], .save, hint: "Undo merge", help: "Undo the merge for this reason (asks first)",
                group: "Merges")
            keys.bind([.escape], .back, hint: "Back", help: "Back to the merges, undoing nothing", group: "Merges")
            return keys
        }
        if records.contains(where: { $0.undoneAt == nil }) {
            keys.bind(
                [.character("u")], .undo, hint: "Undo",
                help: "Undo the selected merge: both records back as they were (asks why, then asks first)",
                group: "Merges")
        }
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Previous merge", group: "Merges", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Next merge", group: "Merges", showsInHintBar: false)
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) { reload(app) }

    private func reload(_ app: AppEnvironment) {
        do {
            records = try app.store.mergeRecords(family: family, limit: 200)
            problem = nil
        } catch {
            records = []
            problem = "the merges could not be read: \(error)"
        }
        list.rows = records.map { record in
            let state = record.undoneAt.map { "undone \(LondonTime.today(at: $0).british)" } ?? "in force"
            return ListRow(
                "\(LondonTime.today(at: record.at).british)  \(record.description)  by \(record.by)  \(state)  — \(record.reason)",
                style: record.undoneAt == nil ? .normal : Style(.dim))
        }
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        surface.put(
            "Merges, newest first: undoing one puts both records back exactly as they were",
            at: area.origin, width: area.width, style: Style(.header))
        let listHeight = area.height - (askingReason ? 6 : 3)
        list.draw(
            on: surface, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: listHeight),
            focused: !askingReason)
        var y = area.y + 2 + listHeight
        if askingReason {
            surface.put("Why undo this merge?", at: Point(x: area.x, y: y), width: area.width, style: Style(.header))
            y += 1
            reason.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: 1), focused: true)
            y += 1
        }
        if let problem {
            surface.putWrapped(problem, in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.error))
        }
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if askingReason, keys.action(for: key) == nil {
            return reason.handle(key) == .ignored ? .ignored : .handled
        }
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .undo:
            guard let index = list.selectedIndex else { return .handled }
            let record = records[index]
            if let refusal = record.undoProblem(current: try? app.store.family(record.survivorFamily)) {
                problem = refusal
                return .handled
            }
            askingReason = true
            problem = nil
        case .save:
            guard let index = list.selectedIndex else { return .handled }
            let record = records[index]
            let why = reason.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !why.isEmpty else {
                problem = "Say why the merge is undone: the reason is kept in the audit trail."
                return .handled
            }
            let restored = record.before.map { "\($0.name) (\($0.id))" }.joined(separator: " and ")
            return .confirm(
                Confirmation(
                    "Undo merge \(record.id)? \(restored) go back exactly as they were before it.", yes: "Undo merge",
                    no: "Cancel"
                ) {
                    [self] in
                    do {
                        try app.store.apply(
                            [.undoMerge(record.undo(reason: why, at: app.clock()))], by: app.practitioner)
                    } catch {
                        problem = "Not undone: \(error)"
                        return .handled
                    }
                    askingReason = false
                    reason = TextField(maxLength: 200, placeholder: "why the merge is undone")
                    reload(app)
                    return .message("undid merge \(record.id): \(restored) are as they were", .success)
                })
        case .up, .down:
            _ = list.handle(key, in: Rect(x: 0, y: 0, width: area.width, height: max(1, area.height - 3)))
        case .back:
            if askingReason {
                askingReason = false
                return .handled
            }
            return .pop
        }
        return .handled
    }
}
