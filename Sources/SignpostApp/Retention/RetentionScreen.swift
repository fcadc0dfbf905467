import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The closed records due for review under the retention policy (#16), a page at a time (`R` on the
/// families, `:retention`), each with why it is due; the reviewer opens the family, keeps the record
/// until a day with a reason, or erases its people after review.
///
/// The list is ``RetentionReview``'s, the same query `signpost retention` prints: a record kept by a
/// review leaves it until the day it was kept until.
final class RetentionScreen: Screen {
    enum Action: Hashable, Sendable { case open, keep, erase, nextPage, previousPage, up, down, back }

    /// How many records a page lists.
    static let pageSize = 50

    private let review: RetentionReview
    /// Where each page shown so far began (nil: the first), so `[` goes back a page.
    private var pageStarts: [FamilyID?] = [nil]
    private var page = RetentionReview.Page(records: [], nextAfter: nil)
    private var list = ScrollList(rows: [], emptyText: "No closed records are due for review today.")
    private var loadError: String?

    init(app: AppEnvironment) {
        review = RetentionReview(
            policy: RetentionPolicy(yearsAfterEighteen: app.retentionYears), context: app.casework)
        reload(app)
    }

    var title: String { "Retention review" }

    private var selected: RetentionReview.DueRecord? {
        list.selectedIndex.flatMap { page.records.indices.contains($0) ? page.records[$0] : nil }
    }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if selected != nil {
            keys.bind([.enter], .open, hint: "Open family", help: "Open the selected family", group: "Retention")
            keys.bind(
                [.character("K")], .keep, hint: "Keep until",
                help: "Keep the record until a day, with the reason (audited): it leaves this list until then",
                group: "Retention")
            keys.bind(
                [.control("e")], .erase, hint: "Erase",
                help:
                    "Erase the whole family after review, or its people one by one, with the reason (confirmed; audited)",
                group: "Retention")
        }
        if page.nextAfter != nil {
            keys.bind(
                [.character("]")], .nextPage, hint: "Next page", help: "The next page of records due",
                group: "Retention")
        }
        if pageStarts.count > 1 {
            keys.bind(
                [.character("[")], .previousPage, hint: "Previous page", help: "The previous page of records due",
                group: "Retention")
        }
        keys.bind([.up, .character("k")], .up, hint: "Up", help: "Previous", group: "Moving", showsInHintBar: false)
        keys.bind([.down, .character("j")], .down, hint: "Down", help: "Next", group: "Moving", showsInHintBar: false)
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back to the families", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) { reload(app) }

    private func reload(_ app: AppEnvironment) {
        do {
            page = try review.due(on: app.today, after: pageStarts.last ?? nil, limit: Self.pageSize)
            loadError = nil
        } catch {
            page = RetentionReview.Page(records: [], nextAfter: nil)
            loadError = "the records due could not be read: \(error)"
        }
        list.rows = page.records.map { record in
            let people = record.memberCount == 1 ? "1 person" : "\(record.memberCount) people"
            return ListRow(
                "due since \(record.standing.dueOn.british)  \(record.familyName) (\(record.familyID)) · \(people)")
        }
        if let index = list.selectedIndex, index >= page.records.count {
            list.cursor.selected = max(0, page.records.count - 1)
        }
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        let years = review.policy.yearsAfterEighteen
        y += surface.putWrapped(
            "Policy: a closed record is kept \(years) year\(years == 1 ? "" : "s") after the youngest child turns "
                + "18, then listed for review (a household with no children: its youngest member).",
            in: Rect(x: area.x, y: y, width: area.width, height: 2))
        let pageNumber = pageStarts.count
        let more = page.nextAfter == nil ? "" : "; more on the next page (])"
        surface.put(
            "Due on \(app.today.british): page \(pageNumber), \(page.records.count) record"
                + "\(page.records.count == 1 ? "" : "s")\(more)",
            at: Point(x: area.x, y: y), style: Style(.header), clip: area)
        y += 2
        if let loadError {
            surface.putWrapped(loadError, in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.error))
            return
        }
        // The selected record's reasons sit under the list, which is as tall as its rows allow.
        let detailHeight = selected == nil ? 0 : min(5, max(0, area.maxY - y - 3))
        let listHeight = max(1, min(max(1, page.records.count), area.maxY - y - detailHeight - 1))
        list.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: listHeight), focused: true)
        guard let record = selected, detailHeight > 0 else { return }
        surface.putWrapped(
            Self.why(record), in: Rect(x: area.x, y: y + listHeight + 1, width: area.width, height: detailHeight),
            style: Style(.dim))
    }

    /// Why the record is due, in the words the screen and `signpost retention` use.
    static func why(_ record: RetentionReview.DueRecord) -> String {
        let standing = record.standing
        let closed = standing.closedOn.map { "Closed on \($0.british)" } ?? "Closed (no episode or referral recorded)"
        let who = standing.countsFromChild ? "youngest child" : "youngest member (no children)"
        var text =
            "\(closed) · \(who) turns 18 on \(standing.youngestTurnsEighteenOn.british) · kept \(standing.keptYears) "
            + "years · due since \(standing.dueOn.british)."
        if let decision = standing.decision {
            text += " Last review: kept until \(decision.keptUntil.british) by \(decision.by): \(decision.reason)"
        }
        return text
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .open:
            guard let record = selected else { return .handled }
            return .push(FamilyScreen(familyID: record.familyID, app: app))
        case .keep:
            guard let record = selected, let family = try? app.store.family(record.familyID) else {
                return .message("that family could not be read", .warning)
            }
            return .push(Self.keepForm(record, family: family, review: review, today: app.today))
        case .erase:
            guard let record = selected, let family = try? app.store.family(record.familyID) else {
                return .message("that family could not be read", .warning)
            }
            return .push(RetentionEraseScreen(family: family, record: record))
        case .nextPage:
            guard let next = page.nextAfter else { return .handled }
            pageStarts.append(next)
            list.cursor.selected = 0
            reload(app)
        case .previousPage:
            guard pageStarts.count > 1 else { return .handled }
            pageStarts.removeLast()
            list.cursor.selected = 0
            reload(app)
        case .up, .down:
            _ = list.handle(key, in: Rect(x: 0, y: 0, width: area.width, height: max(1, area.height - 8)))
        case .back: return .pop
        }
        return .handled
    }

    /// The form that keeps a record until a day, with the reason, through ``RetentionReview/keep(_:until:reason:)``.
    static func keepForm(
        _ record: RetentionReview.DueRecord, family: Family, review: RetentionReview, today: CalendarDate
    ) -> any Screen {
        CaseworkFormScreen(
            title: "Keep a record · \(record.familyName) family", family: family,
            about: [
                why(record),
                "Keeping it records the review (audited, and sent to the team): the record leaves the list until the day.",
            ],
            fields: [
                FormFields.text(
                    "until", "Keep until (date)", required: true, value: today.adding(years: 1).british, maxLength: 10,
                    placeholder: "DD/MM/YYYY"),
                FormFields.text(
                    "reason", "Reason", required: true, maxLength: 200, placeholder: "why it is kept (audited)"),
            ],
            saves: "Record the review: keep the record until the day, for the reason"
        ) { fields, casework in
            let until = try fields.date("until", defaultingTo: today)
            var reviewing = review
            reviewing.context = casework.context
            try reviewing.keep(record.familyID, until: until, reason: fields.text("reason"))
            return "\(record.familyName) (\(record.familyID)) kept until \(until.british); the audit trail says why"
        }
    }
}
