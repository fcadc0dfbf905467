import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Who created, changed, viewed or exported case data, when, and the values changed: newest first,
/// a page at a time.
///
/// Opened on a family (`A` on the family screen) it shows that family's trail; opened from the
/// families list (`A`, `:audit`) it shows the whole store's, for managers, with filters by person,
/// kind of action and dates (`f`). Only one page (``pageSize`` entries) is read at a time; moving
/// past the last row reads the next. Opening it is itself audited as a read (`view-audit`).
final class AuditScreen: Screen {
    enum Action: Hashable, Sendable {
        case up, down, top, bottom, pageUp, pageDown, open, filter, clearFilters, back
    }

    /// Entries read at a time.
    static let pageSize = 50

    private let family: Family?
    private(set) var query: AuditQuery
    private var entries: [AuditEntry] = []
    private var hasMore = false
    private var list = ScrollList(rows: [], emptyText: "No audit entries match.")
    private var loadError: String?

    init(family: Family?, app: AppEnvironment) {
        self.family = family
        query = AuditQuery(family: family?.id, limit: Self.pageSize)
        reload(app)
        let what = family.map { "the audit trail of \($0.id.rawValue)" } ?? "the store's audit trail"
        try? app.store.recordRead(action: "view-audit", summary: "viewed \(what)", by: app.practitioner)
    }

    var title: String { family.map { "Audit trail · \($0.name) family" } ?? "Audit trail · every family" }

    var familyContext: Family? { family }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.enter], .open, hint: "Read in full", help: "Read the selected entry with every value", group: "Audit")
        keys.bind(
            [.character("f")], .filter, hint: "Filter",
            help: family == nil
                ? "Filter by person (login), kind of action (created, changed, viewed, exported) and dates"
                : "Filter by person (login), kind of action and dates", group: "Audit")
        keys.bind(
            [.character("x")], .clearFilters, hint: "Clear filters", help: "Remove every filter", group: "Audit",
            showsInHintBar: false)
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Newer entry", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Older entry (reads the next page at the end)",
            group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("g"), .home], .top, hint: "Top", help: "Newest entry", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("G"), .end], .bottom, hint: "Bottom", help: "Last entry read so far", group: "Moving",
            showsInHintBar: false)
        keys.bind([.pageUp], .pageUp, hint: "Page up", help: "Up a screenful", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.pageDown], .pageDown, hint: "Page down", help: "Down a screenful", group: "Moving", showsInHintBar: false)
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Close the audit trail", group: "General")
        return keys
    }

    /// Reads the first page again for the current filters.
    func reload(_ app: AppEnvironment) {
        var first = query
        first.before = nil
        do {
            entries = try app.store.auditEntries(first)
            hasMore = entries.count == first.limit
            loadError = nil
        } catch {
            entries = []
            hasMore = false
            loadError = "the audit trail could not be read: \(error)"
        }
        list.rows = rows()
        list.cursor.selected = 0
    }

    /// Sets the filters (the family stays) and reads the first page.
    func apply(_ filters: AuditQuery, app: AppEnvironment) {
        query = filters
        query.family = family?.id
        query.limit = Self.pageSize
        reload(app)
    }

    private func readMore(_ app: AppEnvironment) {
        guard hasMore, let last = entries.last?.sequence else { return }
        var next = query
        next.before = last
        do {
            let page = try app.store.auditEntries(next)
            entries += page
            hasMore = page.count == next.limit
        } catch {
            hasMore = false
            loadError = "the next page could not be read: \(error)"
        }
        let selected = list.cursor.selected
        list.rows = rows()
        list.cursor.selected = selected
    }

    private func rows() -> [ListRow] {
        entries.map { entry in
            let kind = AuditActionKind(action: entry.action)
            return ListRow(
                AuditFormatting.line(entry, showingFamily: family == nil),
                style: kind == .changed || kind == .created ? .normal : Style(.dim))
        }
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        let loaded = "\(entries.count) entr\(entries.count == 1 ? "y" : "ies") read\(hasMore ? ", more below" : "")"
        y += surface.putWrapped(
            "Newest first · \(AuditFormatting.describe(query)) · \(loaded)",
            in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.dim))
        if let loadError {
            y += surface.putWrapped(
                loadError, in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.error))
        }
        list.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), focused: true)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        let listArea = Rect(x: 0, y: 0, width: area.width, height: max(1, area.height - 2))
        switch action {
        case .up, .top, .pageUp, .bottom:
            _ = list.handle(key, in: listArea)
        case .down, .pageDown:
            // At the last entry read, the next page is read first: every read stays one page.
            if list.cursor.selected >= entries.count - 1 { readMore(app) }
            _ = list.handle(key, in: listArea)
        case .open:
            guard let index = list.selectedIndex, entries.indices.contains(index) else { return .handled }
            return .push(TextReadScreen(title: "Audit entry", text: AuditFormatting.full(entries[index])))
        case .filter:
            return .push(AuditFilterScreen(current: query, isStoreWide: family == nil, audit: self))
        case .clearFilters:
            apply(AuditQuery(family: family?.id), app: app)
            return .message("filters cleared", .info)
        case .back:
            return .pop
        }
        return .handled
    }
}
