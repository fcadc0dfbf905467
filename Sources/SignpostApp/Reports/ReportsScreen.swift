import Foundation
import SignpostDomain
import SignpostReturns
import SignpostStore
import SignpostTerminal

/// The managers' reports: caseloads, contacts, decisions, CAFs, reviews, steps and Supporting Families outcomes, as tables with bars and
/// sparklines that read the same without colour, over a period chosen with `p`.
///
/// The figures come from the store's aggregate queries (``ManagerReporting``), read again when the report or
/// the period changes; each reading is audited ("read-report"), as `signpost report` is.
final class ReportsScreen: Screen {
    enum Action: Hashable, Sendable {
        case choose(ManagerReport)
        case next, previous, period, up, down, pageUp, pageDown, top, bottom, back
    }

    /// The periods `p` cycles through, each ending today.
    enum Period: CaseIterable {
        case week, month, quarter, year

        var label: String {
            switch self {
            case .week: return "last 7 days"
            case .month: return "last 30 days"
            case .quarter: return "last 3 months"
            case .year: return "last 12 months"
            }
        }

        func first(endingOn today: CalendarDate) -> CalendarDate {
            switch self {
            case .week: return today.adding(days: -6)
            case .month: return today.adding(days: -29)
            case .quarter: return today.adding(months: -3).adding(days: 1)
            case .year: return today.adding(years: -1).adding(days: 1)
            }
        }
    }

    private(set) var report: ManagerReport
    private(set) var period: Period = .month
    private var output: ReportOutput?
    private var loadError: String?
    private var top = 0

    init(app: AppEnvironment, report: ManagerReport = .caseload) {
        self.report = report
        load(app)
    }

    var title: String { "Reports" }

    /// Short names for the tabs, in order.
    static func tabName(_ report: ManagerReport) -> String {
        switch report {
        case .caseload: return "Caseload"
        case .contacts: return "Contacts"
        case .decisions: return "Decisions"
        case .assessments: return "CAFs"
        case .reviews: return "Reviews"
        case .steps: return "Steps"
        case .supportingFamilies: return "Outcomes"
        }
    }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        for (index, report) in ManagerReport.allCases.enumerated() {
            keys.bind(
                [.character(Character(String(index + 1)))], .choose(report), hint: Self.tabName(report),
                help: "\(report.title): \(report.explanation)", group: "Reports", showsInHintBar: false)
        }
        keys.bind([.right, .tab], .next, hint: "Next report", help: "The next report", group: "Reports")
        keys.bind(
            [.left, .backTab], .previous, hint: "Previous", help: "The previous report", group: "Reports",
            showsInHintBar: false)
        keys.bind(
            [.character("p")], .period, hint: "Period",
            help: "The period, ending today: last 7 days, 30 days, 3 months or 12 months", group: "Reports")
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Scroll down a line", group: "Reading",
            showsInHintBar: false)
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Scroll up a line", group: "Reading", showsInHintBar: false)
        keys.bind(
            [.pageDown, .character(" ")], .pageDown, hint: "Page down", help: "Scroll down a screenful",
            group: "Reading",
            showsInHintBar: false)
        keys.bind(
            [.pageUp], .pageUp, hint: "Page up", help: "Scroll up a screenful", group: "Reading", showsInHintBar: false)
        keys.bind(
            [.character("g"), .home], .top, hint: "Top", help: "Go to the start", group: "Reading",
            showsInHintBar: false)
        keys.bind(
            [.character("G"), .end], .bottom, hint: "End", help: "Go to the end", group: "Reading",
            showsInHintBar: false)
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back to the families", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) { load(app) }

    private func load(_ app: AppEnvironment) {
        let today = app.today
        do {
            let output = try report.run(
                on: app.store, from: report.usesPeriod ? period.first(endingOn: today) : today, to: today, today: today)
            try app.store.recordRead(
                action: "read-report", summary: "read the \(report.rawValue) report (\(output.periodText))",
                by: app.practitioner)
            self.output = output
            loadError = nil
        } catch {
            output = nil
            loadError = "the report could not be read: \(error)"
        }
        top = 0
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var x = area.x
        var cursor = Point(x: area.x, y: area.y)
        for (index, report) in ManagerReport.allCases.enumerated() {
            let selected = report == self.report
            let tab = selected ? "[\(index + 1) \(Self.tabName(report))]" : " \(index + 1) \(Self.tabName(report)) "
            if selected { cursor = Point(x: x + 1, y: area.y) }
            x = surface.put(
                tab, at: Point(x: x, y: area.y), style: selected ? Style(.header, [.bold]) : .normal, clip: area)
        }
        if report.usesPeriod {
            surface.put(
                "Period (p): \(period.label)", at: Point(x: area.x, y: area.y + 1), style: Style(.dim), clip: area)
        } else {
            surface.put(
                "Counted as things stand now", at: Point(x: area.x, y: area.y + 1), style: Style(.dim), clip: area)
        }
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(area.height - 2, 0))
        if let loadError {
            surface.putWrapped(loadError, in: body, style: Style(.error))
        } else if let output {
            let lines = output.text(width: max(body.width - 1, 20))
            // When the report is longer than the screen, its last row says which lines are shown.
            let scrolls = lines.count > body.height
            let shown = scrolls ? max(body.height - 1, 1) : body.height
            top = min(top, max(0, lines.count - shown))
            for (row, line) in lines.dropFirst(top).prefix(shown).enumerated() {
                surface.put(
                    line, at: Point(x: body.x, y: body.y + row), style: row + top == 0 ? Style(.header) : .normal,
                    clip: body)
            }
            if scrolls {
                let position = "lines \(top + 1)–\(min(top + shown, lines.count)) of \(lines.count) · ↓ PgDn for more"
                surface.put(
                    position, at: Point(x: body.maxX - DisplayWidth.of(position), y: body.maxY - 1), style: Style(.dim),
                    clip: body)
            }
        }
        surface.cursor = cursor
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        let all = ManagerReport.allCases
        let page = max(1, area.height - 3)
        switch action {
        case .choose(let chosen):
            report = chosen
            load(app)
        case .next:
            report = all[(all.firstIndex(of: report)! + 1) % all.count]
            load(app)
        case .previous:
            report = all[(all.firstIndex(of: report)! + all.count - 1) % all.count]
            load(app)
        case .period:
            let periods = Period.allCases
            period = periods[(periods.firstIndex(of: period)! + 1) % periods.count]
            load(app)
        case .down: top += 1
        case .up: top = max(0, top - 1)
        case .pageDown: top += page
        case .pageUp: top = max(0, top - page)
        case .top: top = 0
        case .bottom: top = Int.max / 2
        case .back: return .pop
        }
        return .handled
    }
}

extension ManagerReport {
    /// Caseload and reviews are counted as things stand; the others over a period.
    var usesPeriod: Bool { self != .caseload && self != .reviews }
}
