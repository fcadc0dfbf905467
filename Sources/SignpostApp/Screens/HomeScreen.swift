import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The home screen: every family, newest activity first, with search and filters.
///
/// The list is read a page at a time; typing after `/` searches the store as
/// you type (names, also-known-as, postcodes, dates of birth, references).
final class HomeScreen: Screen {
    enum Action: Hashable, Sendable {
        case open, search, newFamily, cycleLocality, cycleLevel, cycleOpen, cycleService, filterLead, clearFilters
        case about, quit, up, down, top, bottom, pageUp, pageDown
        case newContact, drafts, today, exercises, reviews, conflicts
        case reports
        case findOnTeamServer
        case audit
        case duplicates
        case directory
        case retention
    }

    private var model = CaseListModel()
    private var searchField = TextField(maxLength: 80, placeholder: "name, postcode, date of birth or reference")
    private var isSearchFocused = false
    private var loadError: String?
    private var loaded = false
    /// The practitioner's unfinished contacts, counted for the line that offers them.
    private var draftCount = 0
    /// Whether the store is a training store (set when the list is read), for the exercises key.
    private var isTrainingStore = false
    private var table = HomeScreen.makeTable()
    /// Families with a conflict waiting on the team server (from the background sync), marked "!" in the list.
    private var familiesInConflict: Set<FamilyID> = []

    var title: String { "Families" }

    var takesTyping: Bool { isSearchFocused }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if isSearchFocused {
            keys.bind(
                [.enter, .down], .open, hint: "Results", help: "Move from the search box to the results",
                group: "Search")
            keys.bind(
                [.escape], .search, hint: "Clear", help: "Clear the search and show all families", group: "Search")
            return keys
        }
        keys.bind([.enter], .open, hint: "Open", help: "Open the selected family", group: "Families")
        keys.bind(
            [.character("/")], .search, hint: "Search",
            help: "Search by name, also-known-as, postcode, date of birth (14/03/2022) or reference", group: "Families")
        keys.bind(
            [.character("c")], .newContact, hint: "New contact",
            help: "Take a call at the front door: caller, who, what was said, level, consent, route", group: "Contacts")
        keys.bind(
            [.character("D")], .drafts, hint: "Drafts",
            help: "Your unfinished contacts: resume one exactly as it was left, or discard it", group: "Contacts",
            showsInHintBar: draftCount > 0)
        if isTrainingStore {
            keys.bind(
                [.character("E")], .exercises, hint: "Exercises",
                help: "The training exercises: scenarios to triage, with the expected answers", group: "Training")
        }
        keys.bind(
            [.character("F")], .findOnTeamServer, hint: "Find on team server",
            help: "Is this person known anywhere in the service? Search the team server and bring a family here",
            group: "Contacts", showsInHintBar: false)
        keys.bind(
            [.character("T")], .today, hint: "Today",
            help: "Today's contacts, with counts by outcome (yours or everyone's)", group: "Contacts",
            showsInHintBar: false)
        keys.bind(
            [.character("v")], .reviews, hint: "Reviews",
            help: "Team around the family reviews due and overdue: yours (the families you lead), or everyone's",
            group: "Families", showsInHintBar: false)
        keys.bind(
            [.character("M")], .reports, hint: "Reports",
            help: "Managers' reports: caseloads, contacts, decisions, CAFs, reviews, step-ups and step-downs",
            group: "Families", showsInHintBar: false)
        keys.bind(
            [.character("n")], .newFamily, hint: "New family", help: "Add a new family and its first member",
            group: "Families")
        keys.bind(
            [.character("Y")], .conflicts, hint: "Conflicts",
            help: "Fields two people changed differently (families marked !): keep mine, take theirs or combine",
            group: "Families", showsInHintBar: !familiesInConflict.isEmpty)
        keys.bind(
            [.character("=")], .duplicates, hint: "Duplicates",
            help: "Possible duplicates across the store: compare two records side by side and merge them; undo a merge",
            group: "Families", showsInHintBar: false)
        keys.bind(
            [.character("W")], .directory, hint: "Services",
            help: "The service directory: who can help, open now, how to reach them, when last checked (:directory)",
            group: "Families", showsInHintBar: false)
        keys.bind(
            [.character("R")], .retention, hint: "Retention",
            help: "Closed records due for review under the retention policy: keep one until a day, or erase after "
                + "review (:retention)", group: "Families", showsInHintBar: false)
        keys.bind(
            [.character("L")], .cycleLocality, hint: "Locality",
            help: "Filter by locality (North, Central, South, out of borough, all)", group: "Filters",
            showsInHintBar: false)
        keys.bind(
            [.character("V")], .cycleLevel, hint: "Level", help: "Filter by highest current level (1 to 4, all)",
            group: "Filters", showsInHintBar: false)
        keys.bind(
            [.character("O")], .cycleOpen, hint: "Open/closed", help: "Show open families, closed families, or all",
            group: "Filters", showsInHintBar: false)
        keys.bind(
            [.character("S")], .cycleService, hint: "Service",
            help: "Filter by open service (Bright Start, Bright Futures, …)", group: "Filters", showsInHintBar: false)
        keys.bind(
            [.character("P")], .filterLead, hint: "Lead",
            help: "Filter by lead professional: type part of their name (an empty name removes the filter)",
            group: "Filters", showsInHintBar: false)
        keys.bind(
            [.character("x")], .clearFilters, hint: "Clear filters", help: "Remove every filter", group: "Filters",
            showsInHintBar: false)
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Previous family", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Next family", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("g"), .home], .top, hint: "Top", help: "First family", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("G"), .end], .bottom, hint: "Bottom", help: "Last family", group: "Moving",
            showsInHintBar: false)
        keys.bind([.pageUp], .pageUp, hint: "Page up", help: "Up a screenful", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.pageDown], .pageDown, hint: "Page down", help: "Down a screenful", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("i")], .about, hint: "About",
            help: "Which store is open, how many families, who is recorded in the audit trail", group: "General",
            showsInHintBar: false)
        keys.bind(
            [.character("A")], .audit, hint: "Audit trail",
            help: "The whole store's audit trail, for managers: who created, changed, viewed or exported what, "
                + "filtered by person, kind of action and dates", group: "General", showsInHintBar: false)
        keys.bind([.character("q")], .quit, hint: "Quit", help: "Quit Signpost", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) {
        countDrafts(app)
        reload(app)
    }

    /// Drafts change only on other screens, so they are counted when this one appears, not on every search keystroke.
    private func countDrafts(_ app: AppEnvironment) {
        draftCount = (try? app.store.drafts(for: app.practitioner).count) ?? 0
        isTrainingStore = app.storeKind == .training && !app.trainingScenarios.isEmpty
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        if !loaded { reload(app) }
        var y = area.y
        // The search line doubles as the filter summary, so one glance says what the list holds.
        let label = "Search: "
        surface.put(label, at: Point(x: area.x, y: y), style: Style(.header))
        let fieldArea = Rect(x: area.x + label.count, y: y, width: min(50, area.width - label.count - 2), height: 1)
        searchField.draw(on: surface, in: fieldArea, focused: isSearchFocused)
        let count =
            model.isSearching
            ? "\(model.rows.count) match\(model.rows.count == 1 ? "" : "es")"
            : (model.totalCount == 0 ? "0 families" : "\(model.absolutePosition) of \(model.totalCount)")
        y += 1
        // While searching, say why the selected family matched: the list itself keeps to names.
        let line =
            model.isSearching
            ? "Search results · \(count)\(model.selected.flatMap { model.reason(for: $0.id) }.map { " · selected matched \($0)" } ?? "")"
            : "Showing \(model.filterSummary) · \(count)"
        surface.put(line, at: Point(x: area.x, y: y), style: Style(.dim), clip: area)
        let conflicts = app.sync?.status().conflicts ?? []
        familiesInConflict = Set(conflicts.map(\.family))
        var notices: [String] = []
        if draftCount > 0 {
            // Unfinished contacts are the practitioner's own unfinished calls: never let them slip from view.
            notices.append("\(draftCount) unfinished contact\(draftCount == 1 ? "" : "s") · D to resume")
        }
        if !conflicts.isEmpty {
            notices.append("! \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s") · Y to review")
        }
        if !notices.isEmpty && !model.isSearching {
            let text = notices.joined(separator: " · ")
            surface.put(
                text, at: Point(x: area.maxX - DisplayWidth.of(text), y: y), style: Style(.warning, [.bold]),
                clip: area)
        }
        y += 1

        let listArea = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
        if let loadError {
            surface.put(
                "The case list could not be read: \(loadError)", at: Point(x: area.x, y: y), style: Style(.error),
                clip: area)
            return
        }
        if model.rows.isEmpty && !model.isSearching && model.query == FamilyListQuery(limit: model.query.limit) {
            drawWelcome(on: surface, in: listArea, app: app)
            return
        }
        table.rows = model.rows.map { row(for: $0, today: app.today) }
        table.rowStyles = model.rows.map { Style($0.highestLevel.map(HomeScreen.role(for:)) ?? .normal) }
        table.emptyText =
            model.isSearching
            ? "No family matches “\(model.searchText)”." : "No families match these filters (x clears them)."
        table.cursor.selected = model.selection
        table.draw(on: surface, in: listArea, focused: !isSearchFocused)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if !loaded { reload(app) }
        if isSearchFocused {
            switch key {
            case .enter, .down:
                isSearchFocused = false
                return .handled
            case .escape:
                searchField.text = ""
                isSearchFocused = false
                model.searchText = ""
                reload(app)
                return .handled
            default:
                let before = searchField.text
                guard searchField.handle(key) != .ignored else { return .ignored }
                if searchField.text != before {
                    model.searchText = searchField.text
                    model.selection = 0
                    reload(app)
                }
                return .handled
            }
        }
        if case .mouseClick(let point) = key {
            let listTop = area.y + 3
            let row = point.y - listTop + table.cursor.scrollOffset(height: area.maxY - listTop - 1)
            guard point.y >= listTop, model.rows.indices.contains(row) else { return .ignored }
            model.selection = row
            return .handled
        }
        guard let action = keys.action(for: key) else { return .ignored }
        return perform(action, app: app, pageSize: max(1, area.height - 4))
    }

    private func perform(_ action: Action, app: AppEnvironment, pageSize: Int) -> Transition {
        do {
            switch action {
            case .open:
                guard let summary = model.selected else { return .handled }
                return .push(FamilyScreen(familyID: summary.id, app: app))
            case .search:
                isSearchFocused = true
            case .newFamily:
                return .push(NewFamilyScreen(app: app))
            case .newContact:
                return .push(TriageScreen(app: app))
            case .drafts:
                return .push(DraftsScreen(app: app))
            case .today:
                return .push(TodayScreen(app: app))
            case .reviews:
                return .push(ReviewsScreen(login: app.practitioner, app: app))
            case .reports:
                return .push(ReportsScreen(app: app))
            case .findOnTeamServer:
                return .push(TeamFindScreen(app: app))
            case .exercises:
                return .command("exercises")
            case .conflicts:
                return .push(ConflictsScreen(app: app))
            case .duplicates:
                return .push(DuplicatesScreen(family: nil, app: app))
            case .directory:
                return .push(DirectoryScreen(app: app))
            case .retention:
                return .push(RetentionScreen(app: app))
            case .cycleLocality:
                model.query.locality = HomeScreen.next(model.query.locality, in: Locality.allCases)
                resetPage(app)
            case .cycleLevel:
                model.query.level = HomeScreen.next(model.query.level, in: NeedLevel.allCases)
                resetPage(app)
            case .cycleOpen:
                model.query.isOpen = HomeScreen.next(model.query.isOpen, in: [true, false])
                resetPage(app)
            case .cycleService:
                model.query.service = HomeScreen.next(model.query.service, in: ServiceNames.filterable)
                resetPage(app)
            case .filterLead:
                return .openPalette("lead \(model.query.leadProfessional ?? "")")
            case .clearFilters:
                model.query = FamilyListQuery(limit: model.query.limit)
                resetPage(app)
            case .about:
                return .push(AboutScreen())
            case .audit:
                return .push(AuditScreen(family: nil, app: app))
            case .quit:
                return .quit
            case .up: try model.move(by: -1, in: app.store)
            case .down: try model.move(by: 1, in: app.store)
            case .pageUp: try model.move(by: -pageSize, in: app.store)
            case .pageDown: try model.move(by: pageSize, in: app.store)
            case .top: try model.jump(toTop: true, in: app.store)
            case .bottom: try model.jump(toTop: false, in: app.store)
            }
        } catch {
            return .message("the case list could not be read: \(error)", .error)
        }
        return .handled
    }

    /// Shows only families whose lead professional's name contains `name` (all families when empty).
    func filterByLead(_ name: String, app: AppEnvironment) {
        model.query.leadProfessional = name.isEmpty ? nil : name
        resetPage(app)
    }

    private func resetPage(_ app: AppEnvironment) {
        model.query.offset = 0
        model.selection = 0
        reload(app)
    }

    private func reload(_ app: AppEnvironment) {
        if !loaded { countDrafts(app) }
        do {
            try model.reload(from: app.store)
            loadError = nil
        } catch {
            loadError = "\(error)"
        }
        loaded = true
    }

    private func drawWelcome(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let lines = [
            "No families are recorded in this store yet.",
            "",
            "To start:",
            "  c   take a call: a new front-door contact",
            "  n   add a family and its first member",
            "  ?   see every key this screen answers",
            "",
            "To explore with fictional families first, quit (q) and run:  signpost demo",
            "",
            "Store: \(app.storeLocation)",
        ]
        for (offset, line) in lines.enumerated() where offset < area.height {
            surface.put(
                line, at: Point(x: area.x + 2, y: area.y + offset), style: offset == 0 ? Style(.title) : .normal,
                clip: area)
        }
    }

    private func row(for summary: FamilySummary, today: CalendarDate) -> [String] {
        let members = summary.members.map { member in
            "\(member.givenName) \(SummaryFormatting.age(of: member, today: today))"
        }.joined(separator: ", ")
        let level = summary.highestLevel.map { "L\($0.rawValue)" } ?? "–"
        let services =
            summary.openServices.isEmpty
            ? "closed" : summary.openServices.map(ServiceNames.name).joined(separator: ", ")
        // The marker is text, so it reads without colour: "! Quillfeather" has a conflict to review (Y).
        return [
            familiesInConflict.contains(summary.id) ? "! \(summary.name)" : summary.name, members, level, services,
            summary.leadProfessional ?? "–",
            SummaryFormatting.relative(summary.lastActivity, today: today),
        ]
    }

    private static func makeTable() -> Table {
        Table(
            columns: [
                TableColumn("Family", minWidth: 14, idealWidth: 18),
                TableColumn("Members and ages", minWidth: 20, idealWidth: 40, isFlexible: true),
                TableColumn("Level", minWidth: 5, idealWidth: 5),
                // Headings that fit their narrowest column whole, in the family screen's words ("Open to").
                TableColumn("Open to", minWidth: 12, idealWidth: 22),
                TableColumn("Lead", minWidth: 10, idealWidth: 18),
                TableColumn("Activity", minWidth: 11, idealWidth: 13),
            ], rows: [], gap: 1, emptyText: "No families")
    }

    static func role(for level: NeedLevel) -> StyleRole {
        switch level {
        case .universal: return .level1
        case .earlyHelp: return .level2
        case .complex: return .level3
        case .acute: return .level4
        }
    }

    /// The next value in a cycle that passes through "none" (nil) after the last.
    static func next<Value: Equatable>(_ current: Value?, in values: [Value]) -> Value? {
        guard let current, let index = values.firstIndex(of: current) else { return values.first }
        return index + 1 < values.count ? values[index + 1] : nil
    }
}
