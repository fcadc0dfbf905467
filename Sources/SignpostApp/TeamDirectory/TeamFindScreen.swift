import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// "Is this person known anywhere in the service?": searches the team server as you type and
/// brings a family found there to this laptop, then opens it.
///
/// The search runs off the keystroke path (``TeamSearchWork``): typing never waits for the
/// network, and the last thing typed is always searched. Enter on a restricted family asks for
/// the reason the server requires first; the server audits every opening.
final class TeamFindScreen: Screen, WorksInBackground {
    enum Action: Hashable, Sendable {
        case toResults, back, bring, up, down, focusSearch, submitReason, cancelReason, retry
    }

    private enum Focus: Equatable {
        case search
        case results
        case reason(TeamDirectoryFamily)
    }

    private var field = TextField(maxLength: 80, placeholder: "a name or a date of birth (14/03/2022)")
    private var reasonField = TextField(maxLength: 300, placeholder: "why you need to open this family")
    private var focus = Focus.search
    private var families: [TeamDirectoryFamily] = []
    private var list = ScrollList(rows: [], emptyText: "")
    /// The query the list shows the answer to.
    private var answeredQuery: String?
    /// Why the latest search or bring did not work, said plainly.
    private var problem: String?
    /// What is happening now ("Bringing F-0001 to this laptop…").
    private var bringingNote: String?
    private let work: TeamSearchWork?
    /// Enter was pressed in the box while the list still answered something shorter: the selection
    /// moves to the families when the answer to what was typed arrives, never to the stale list
    /// (whose first family may be someone else's).
    private var movesToResultsWhenAnswered = false

    /// A screen searching through `app.teamDirectory` (none: it says the store has not joined a team server).
    init(app: AppEnvironment) {
        work = app.teamDirectory.map(TeamSearchWork.init(directory:))
    }

    var title: String { "Find on team server" }

    var takesTyping: Bool {
        switch focus {
        case .search, .reason: true
        case .results: false
        }
    }

    var isWaiting: Bool { work?.isBusy ?? false }

    /// What the screen shows for `signpost snapshot`: a query and its answer, without a server.
    func show(query: String, answer: [TeamDirectoryFamily]) {
        field = TextField(text: query, maxLength: 80, placeholder: field.placeholder)
        answeredQuery = query
        families = answer
        refreshRows()
    }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        switch focus {
        case .search:
            keys.bind(
                [.enter, .down], .toResults, hint: "Results", help: "Move from the search box to the families found",
                group: "Find")
            keys.bind([.escape], .back, hint: "Back", help: "Back to the previous screen", group: "General")
        case .results:
            keys.bind(
                [.enter], .bring, hint: "Bring here and open",
                help: "Bring the selected family's whole record to this laptop and open it (a restricted one asks why)",
                group: "Find")
            keys.bind([.character("/")], .focusSearch, hint: "Search", help: "Back to the search box", group: "Find")
            keys.bind(
                [.character("r")], .retry, hint: "Retry", help: "Search again (after being offline)", group: "Find",
                showsInHintBar: problem != nil)
            keys.bind(
                [.up, .character("k")], .up, hint: "Up", help: "Previous family", group: "Find", showsInHintBar: false)
            keys.bind(
                [.down, .character("j")], .down, hint: "Down", help: "Next family", group: "Find", showsInHintBar: false
            )
            keys.bind(
                [.escape, .character("q")], .back, hint: "Back", help: "Back to the previous screen", group: "General")
        case .reason:
            keys.bind(
                [.enter], .submitReason, hint: "Open with this reason",
                help: "Send the reason to the team server (kept in its audit trail for managers) and bring the family",
                group: "Reason")
            keys.bind([.escape], .cancelReason, hint: "Cancel", help: "Do not open the family", group: "Reason")
        }
        return keys
    }

    // MARK: Background work

    func collectFinishedWork(app: AppEnvironment) -> Transition {
        guard let work else { return .ignored }
        if let answer = work.takeAnswer() {
            switch answer.result {
            case .success(let found):
                families = found
                answeredQuery = answer.query
                problem = nil
                refreshRows()
                if movesToResultsWhenAnswered, answer.query == typedQuery {
                    movesToResultsWhenAnswered = false
                    if !families.isEmpty, focus == .search { focus = .results }
                }
            case .failure(let error):
                problem = error.description
                movesToResultsWhenAnswered = false
            }
        }
        guard let brought = work.takeBrought() else { return .ignored }
        bringingNote = nil
        switch brought.result {
        case .success(let done):
            markOnThisLaptop(done.family)
            problem = nil
            guard (try? app.store.family(done.family)) != nil else {
                problem = "The team server gave no record of \(done.family.rawValue) to bring."
                return .handled
            }
            return .push(FamilyScreen(familyID: done.family, app: app))
        case .failure(.reasonRequired):
            reasonField = TextField(maxLength: 300, placeholder: reasonField.placeholder)
            focus = .reason(brought.family)
            problem = nil
            return .handled
        case .failure(let error):
            problem = error.description
            return .handled
        }
    }

    private func markOnThisLaptop(_ family: FamilyID) {
        for index in families.indices where families[index].family == family { families[index].onThisLaptop = true }
        refreshRows()
    }

    // MARK: Drawing

    private func refreshRows() {
        list.rows = families.map { family in
            var facts = [
                TextLayout.pad(family.family.rawValue, to: 14), TextLayout.pad(family.locality ?? "–", to: 14),
            ]
            facts.append(TextLayout.pad(family.restricted ? "restricted" : "", to: 11))
            facts.append(TextLayout.pad(family.onThisLaptop ? "on this laptop" : "not here", to: 15))
            facts.append(family.records.joined(separator: ", "))
            return ListRow(facts.joined(separator: " "))
        }
        list.emptyText = answeredQuery.map { "No one matching “\($0)” is known on the team server." } ?? ""
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        y += surface.putWrapped(
            "Is this person known anywhere in the service? The team server answers with family ids, "
                + "localities and restrictions only, and audits each search.",
            in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.dim))
        y += 1
        let label = "Find: "
        surface.put(label, at: Point(x: area.x, y: y), style: Style(.header), clip: area)
        let fieldArea = Rect(x: area.x + label.count, y: y, width: area.width - label.count, height: 1)
        field.draw(on: surface, in: fieldArea, focused: focus == .search)
        let fieldCursor = surface.cursor
        y += 1
        let status = statusLine(app: app)
        y += surface.putWrapped(
            status.text, in: Rect(x: area.x, y: y, width: area.width, height: 2), style: status.style)
        if case .reason(let family) = focus {
            y += 1
            y += surface.putWrapped(
                "\(family.family.rawValue) is restricted to named workers. Why do you need to open it? "
                    + "The reason is kept in the team server's audit trail and reported to managers.",
                in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.warning))
            let reasonLabel = "Reason: "
            surface.put(reasonLabel, at: Point(x: area.x, y: y), style: Style(.header), clip: area)
            reasonField.draw(
                on: surface,
                in: Rect(x: area.x + reasonLabel.count, y: y, width: area.width - reasonLabel.count, height: 1),
                focused: true)
            return
        }
        y += 1
        guard y < area.maxY else { return }
        let header = [
            TextLayout.pad("Family", to: 14), TextLayout.pad("Locality", to: 14), TextLayout.pad("Restricted", to: 11),
            TextLayout.pad("This laptop", to: 15), "Matched",
        ].joined(separator: " ")
        surface.put("  " + header, at: Point(x: area.x, y: y), width: area.width, style: Style(.header), clip: area)
        y += 1
        let listArea = Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y))
        list.draw(on: surface, in: listArea, focused: focus == .results)
        if focus == .search {
            surface.cursor = fieldCursor
        } else if let selected = list.selectedIndex, !listArea.isEmpty {
            // The hardware cursor sits on the selected family, where Enter acts.
            surface.cursor = Point(
                x: listArea.x, y: listArea.y + selected - list.cursor.scrollOffset(height: listArea.height))
        }
    }

    private func statusLine(app: AppEnvironment) -> (text: String, style: Style) {
        guard let work else {
            return (
                "This store has not joined a team server: run signpost team join URL to search the whole service.",
                Style(.warning)
            )
        }
        if let bringingNote { return (bringingNote, Style(.dim)) }
        if let problem {
            return ("\(problem). What you typed is kept: r (or Enter in the box) tries again.", Style(.error))
        }
        let typed = typedQuery
        if work.isBusy && typed != answeredQuery { return ("Searching the team server for “\(typed)”…", Style(.dim)) }
        if typed.count < 2 && answeredQuery == nil { return ("Type at least two characters.", Style(.dim)) }
        guard let answeredQuery else { return ("", .normal) }
        let count = families.count
        return (
            "\(count) \(count == 1 ? "family" : "families") with someone matching “\(answeredQuery)”"
                + (count > 0 ? ": Enter brings one to this laptop and opens it." : "."), Style(.dim)
        )
    }

    // MARK: Keys

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        switch focus {
        case .search:
            if keys.action(for: key) == nil {
                let before = field.text
                guard field.handle(key) != .ignored else { return .ignored }
                if field.text != before {
                    movesToResultsWhenAnswered = false
                    searchTyped()
                }
                return .handled
            }
        case .reason:
            if keys.action(for: key) == nil {
                return reasonField.handle(key) == .ignored ? .ignored : .handled
            }
        case .results: break
        }
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .back: return .pop
        case .toResults:
            if problem != nil || answeredQuery != typedQuery {
                // The list answers something else: wait for the answer to what was typed.
                searchTyped()
                movesToResultsWhenAnswered = work != nil && typedQuery.count >= 2
                return .handled
            }
            if !families.isEmpty { focus = .results }
        case .focusSearch:
            focus = .search
            movesToResultsWhenAnswered = false
        case .up: _ = list.handle(.up, in: area)
        case .down: _ = list.handle(.down, in: area)
        case .retry: searchTyped()
        case .bring:
            guard let index = list.selectedIndex, families.indices.contains(index) else { return .handled }
            let family = families[index]
            if family.onThisLaptop, (try? app.store.family(family.family)) != nil {
                return .push(FamilyScreen(familyID: family.family, app: app))
            }
            if family.restricted {
                reasonField = TextField(maxLength: 300, placeholder: reasonField.placeholder)
                focus = .reason(family)
                return .handled
            }
            startBringing(family, reason: nil)
        case .submitReason:
            guard case .reason(let family) = focus else { return .handled }
            let reason = reasonField.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else {
                return .message("the team server needs a reason to open a restricted family", .warning)
            }
            focus = .results
            startBringing(family, reason: reason)
        case .cancelReason:
            focus = .results
            return .message("not opened: nothing was sent", .info)
        }
        return .handled
    }

    /// What is in the search box, as it is sent.
    private var typedQuery: String { field.text.trimmingCharacters(in: .whitespaces) }

    private func searchTyped() {
        let typed = typedQuery
        guard let work, typed.count >= 2 else { return }
        problem = nil
        work.search(typed)
    }

    private func startBringing(_ family: TeamDirectoryFamily, reason: String?) {
        guard let work else { return }
        problem = nil
        bringingNote = "Bringing \(family.family.rawValue) to this laptop…"
        work.bring(family, reason: reason)
    }
}

/// A screen whose work runs in the background: the application redraws while it waits and
/// collects what finished before each frame.
protocol WorksInBackground: AnyObject {
    /// True while something is under way.
    var isWaiting: Bool { get }
    /// Takes in what finished since the last frame; may ask to open another screen.
    func collectFinishedWork(app: AppEnvironment) -> Transition
}
