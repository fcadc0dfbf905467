import Foundation
import SignpostDomain
import SignpostTerminal

/// The service directory: every service the navigator knows, searchable, with what it does, who it is for,
/// whether it is open now, how to reach it and when its details were last checked.
///
/// Entries not checked for ``AppEnvironment/directoryStaleMonths`` months are marked `!` and say so in words,
/// so colour is never the only sign that a number may be out of date.
final class DirectoryScreen: Screen {
    enum Action: Hashable, Sendable { case search, toList, up, down, back }

    private enum Focus { case search, list }

    private var field = TextField(maxLength: 80, placeholder: "a service, an organisation, who it is for")
    private var focus = Focus.list
    private var shown: [DirectoryService] = []
    private var list = ScrollList(rows: [], emptyText: "No service matches the search.")
    private let services: [DirectoryService]
    private let staleBefore: CalendarDate
    private let staleMonths: Int
    private let now: Date

    init(app: AppEnvironment) {
        services = app.pathways.directory.services.sorted {
            $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending
        }
        staleMonths = app.directoryStaleMonths
        staleBefore = app.today.adding(months: -app.directoryStaleMonths)
        now = app.clock()
        filter()
    }

    var title: String { "Service directory" }

    var takesTyping: Bool { focus == .search }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        switch focus {
        case .search:
            keys.bind(
                [.enter, .down], .toList, hint: "Results", help: "Move from the search box to the services found",
                group: "Directory")
            keys.bind([.escape], .toList, hint: "Done", help: "Leave the search box", group: "General")
        case .list:
            keys.bind(
                [.character("/")], .search, hint: "Search",
                help: "Search by name, organisation, who it is for or where",
                group: "Directory")
            keys.bind(
                [.up, .character("k")], .up, hint: "Up", help: "Previous service", group: "Directory",
                showsInHintBar: false)
            keys.bind(
                [.down, .character("j")], .down, hint: "Down", help: "Next service", group: "Directory",
                showsInHintBar: false)
            keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back to the families", group: "General")
        }
        return keys
    }

    /// Whether the directory knows when `service` opens (an imported service whose feed gave no schedule does not).
    static func hoursGiven(_ service: DirectoryService) -> Bool {
        if case .weekly(let hours) = service.schedule, hours.isEmpty { return false }
        return true
    }

    /// Whether `service`'s details were last checked before the configured number of months ago.
    func isStale(_ service: DirectoryService) -> Bool { service.lastChecked < staleBefore }

    /// What the list shows for `text`: services whose name, organisation, eligibility, description or location
    /// contain every word typed (case and accents ignored).
    private func filter() {
        let words = NameText.fold(field.text).split(separator: " ").map(String.init)
        shown = services.filter { service in
            let haystack = NameText.fold(
                [service.name, service.organization, service.eligibility, service.description, service.location]
                    .joined(separator: " "))
            return words.allSatisfy { haystack.contains($0) }
        }
        list.rows = shown.map { service in
            let stale = isStale(service)
            let open =
                Self.hoursGiven(service)
                ? (service.availability(at: now).isOpen ? "open" : "closed") : "hours not given"
            return ListRow(
                "\(stale ? "!" : " ") \(service.name) · \(open) · \(service.ageRange)",
                style: stale ? Style(.warning) : .normal)
        }
        list.cursor.selected = 0
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        let label = "Search: "
        surface.put(label, at: Point(x: area.x, y: y), style: Style(.header), clip: area)
        let fieldArea = Rect(x: area.x + label.count, y: y, width: area.width - label.count, height: 1)
        field.draw(on: surface, in: fieldArea, focused: focus == .search)
        let fieldCursor = surface.cursor
        y += 1
        let stale = services.filter(isStale).count
        y += surface.putWrapped(
            "\(shown.count) of \(services.count) services · \(stale) not checked for over \(staleMonths) months (!)",
            in: Rect(x: area.x, y: y, width: area.width, height: 1), style: Style(.dim))
        let remaining = area.maxY - y
        let listHeight = max(3, min(shown.count, max(remaining / 3, remaining - 14)))
        let listArea = Rect(x: area.x, y: y, width: area.width, height: min(listHeight, remaining))
        list.draw(on: surface, in: listArea, focused: focus == .list)
        y = listArea.maxY
        if let index = list.selectedIndex, y + 1 < area.maxY {
            drawDetails(
                of: shown[index], on: surface,
                in: Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1))
        }
        if focus == .search {
            surface.cursor = fieldCursor
        } else if let selected = list.selectedIndex, !listArea.isEmpty {
            // The hardware cursor sits on the selected service.
            surface.cursor = Point(
                x: listArea.x, y: listArea.y + selected - list.cursor.scrollOffset(height: listArea.height))
        }
    }

    private func drawDetails(of service: DirectoryService, on surface: any Surface, in area: Rect) {
        var lines: [(String, Style)] = [
            (service.name + (service.organization.isEmpty ? "" : " — \(service.organization)"), Style(.header, [.bold]))
        ]
        func add(_ label: String, _ text: String, style: Style = .normal) {
            guard !text.isEmpty else { return }
            for line in TextLayout.wrap("\(label)\(text)", width: area.width) { lines.append((line, style)) }
        }
        // When the details were checked comes first: it is what says whether to trust the rest.
        add(
            "Checked: ",
            service.lastChecked.british
                + (isStale(service)
                    ? " — NOT CHECKED for over \(staleMonths) months: confirm before relying on it" : ""),
            style: isStale(service) ? Style(.warning, [.bold]) : Style(.dim))
        add("What: ", service.description)
        add("Who for: ", [service.eligibility, "(\(service.ageRange))"].filter { !$0.isEmpty }.joined(separator: " "))
        let availability = service.availability(at: now)
        if Self.hoursGiven(service) {
            add("Now: ", availability.summary, style: availability.isOpen ? .normal : Style(.warning))
        } else {
            add("Now: ", "opening hours not given: ask when you reach them", style: Style(.warning))
        }
        // "Open now" counts these too; written out so a practitioner can tell a family the next date.
        if case .weekly(let hours) = service.schedule, !hours.monthly.isEmpty {
            add("Monthly: ", hours.monthly.map(\.description).joined(separator: "; "))
        }
        var routes = service.phones.map { $0.label.isEmpty ? $0.number : "\($0.number) (\($0.label))" }
        if let email = service.email { routes.append(email) }
        if let url = service.url { routes.append(url) }
        add("Reach: ", routes.isEmpty ? "no phone, e-mail or web address given" : routes.joined(separator: " · "))
        add("Where: ", service.location)
        add("Source: ", service.source, style: Style(.dim))
        for (row, line) in lines.prefix(area.height).enumerated() {
            surface.put(line.0, at: Point(x: area.x, y: area.y + row), style: line.1, clip: area)
        }
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if focus == .search, keys.action(for: key) == nil {
            let before = field.text
            guard field.handle(key) != .ignored else { return .ignored }
            if field.text != before { filter() }
            return .handled
        }
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .search: focus = .search
        case .toList: focus = .list
        case .up, .down: _ = list.handle(key, in: Rect(x: 0, y: 0, width: area.width, height: max(1, area.height / 3)))
        case .back: return .pop
        }
        return .handled
    }
}
