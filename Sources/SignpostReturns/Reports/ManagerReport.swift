import Foundation
import SignpostDomain
import SignpostStore

/// The managers' reports, each read from the store's aggregate queries (``ManagerReporting``).
///
/// A report is a ``ReportOutput``: its full figures as one CSV table, and a summary as lines of text with
/// bars and sparklines for the screen and `signpost report NAME --format text`.
///
/// ```swift
/// let output = try ManagerReport.contacts.run(on: store, from: start, to: end, today: today)
/// output.text(width: 80)   // title, totals, a sparkline per day, bars by outcome and by source
/// try output.csv.encoded() // Date,Outcome,Source,Contacts
/// ```
public enum ManagerReport: String, CaseIterable, Sendable, CustomStringConvertible {
    case caseload
    case contacts
    case decisions
    case assessments
    case reviews
    case steps
    case supportingFamilies = "supporting-families"

    public var title: String {
        switch self {
        case .caseload: return "Caseload per lead professional and locality"
        case .contacts: return "Contacts per day by outcome and source"
        case .decisions: return "Time from contact to decision"
        case .assessments: return "CAFs started and completed"
        case .reviews: return "Reviews due and overdue"
        case .steps: return "Step-ups and step-downs"
        case .supportingFamilies: return "Supporting Families outcomes"
        }
    }

    /// What the report counts, in a sentence, for `--help` and the screen.
    public var explanation: String {
        switch self {
        case .caseload: return "open families now, by lead professional and by locality (the period is not used)"
        case .contacts: return "contacts received each day of the period, by outcome and by who made them"
        case .decisions:
            return "referrals made from contacts in the period: days from the contact to the service's decision"
        case .assessments:
            return "early help assessments started and completed in the period, and the days each took"
        case .reviews:
            return "families whose team around the family review is overdue or due in the next 14 days (today)"
        case .steps:
            return "early help episodes closed as stepped up to social care, and opened as a step down from it"
        case .supportingFamilies:
            return
                "families meeting the Supporting Families criteria (3 or more needs) and with significant and "
                + "sustained progress in the period, by headline outcome area"
        }
    }

    public var description: String { rawValue }

    /// How far ahead the reviews report looks.
    public static let reviewHorizonDays = 14

    /// Reads the report's figures for `first`…`last` (London days, both included).
    public func run(
        on store: any ManagerReporting & SupportingFamiliesReporting, from first: CalendarDate, to last: CalendarDate,
        today: CalendarDate
    )
        throws -> ReportOutput
    {
        let period = ReportPeriod(first: first, last: last)
        switch self {
        case .caseload: return ReportBuilders.caseload(try store.openCaseload(), report: self)
        case .contacts:
            return ReportBuilders.contacts(try store.contactCounts(on: period.days), period: period, report: self)
        case .decisions:
            return ReportBuilders.decisions(try store.decisionTimes(on: period.days), period: period, report: self)
        case .assessments:
            return ReportBuilders.assessments(
                try store.assessmentSpans(from: first, to: last), period: period, report: self)
        case .reviews:
            return ReportBuilders.reviews(
                try store.reviewCounts(today: today, horizon: today.adding(days: Self.reviewHorizonDays)),
                today: today, report: self)
        case .steps:
            return ReportBuilders.steps(try store.stepCounts(from: first, to: last), period: period, report: self)
        case .supportingFamilies:
            return ReportBuilders.supportingFamilies(
                try store.supportingFamiliesFigures(from: first, to: last), period: period, report: self)
        }
    }
}

/// A report's period: London days, both ends included.
struct ReportPeriod {
    var first: CalendarDate
    var last: CalendarDate

    var days: [ReportDay] { ReportDay.days(from: first, to: last) }
    var text: String { "\(first.british) to \(last.british)" }

    /// `yyyy-mm` for every month the period touches, in order.
    var months: [String] {
        var months: [String] = []
        var day = (try? CalendarDate(year: first.year, month: first.month, day: 1)) ?? first
        while day <= last {
            months.append(String(day.iso.prefix(7)))
            day = day.adding(months: 1)
        }
        return months
    }
}

/// What a report shows: a summary as text and the full figures as CSV.
public struct ReportOutput: Sendable {
    public var report: ManagerReport
    /// "01/12/2025 to 30/11/2026", or "as at 26/11/2026".
    public var periodText: String
    /// The full figures, one tidy table.
    public var csv: CSVDocument
    /// The summary: blocks of lines, each a heading and its rows.
    var blocks: [ReportBlock]

    /// The summary as lines no wider than `width` characters: a heading, then tables with bars and sparklines.
    public func text(width: Int) -> [String] {
        var lines = [TextChart.fit(report.title, width).trimmingTrailing(), "Period: \(periodText)"]
        for block in blocks {
            lines.append("")
            lines += block.lines(width: width)
        }
        return lines
    }
}

/// One part of a report's summary.
enum ReportBlock: Sendable {
    /// A line of text.
    case line(String)
    /// Lines kept together with no blank line between them (a sentence pair, a small table).
    case lines([String])
    /// Labels with counts, drawn as a table with a bar per row.
    case bars(title: String, rows: [(label: String, count: Int)])
    /// A count per day drawn as a sparkline, folded into weeks or more when the days do not fit.
    case sparkline(title: String, values: [Int], first: CalendarDate)

    func lines(width: Int) -> [String] {
        switch self {
        case .line(let text): return TextChart.wrap(text, width)
        case .lines(let texts): return texts.map { TextChart.fit($0, width).trimmingTrailing() }
        case .bars(let title, let rows):
            guard !rows.isEmpty else { return [title, "  none"] }
            let numberWidth = max(rows.map { String($0.count).count }.max() ?? 1, 3)
            // Labels take the room they need, leaving the bar at least ten columns; a longer label wraps at a word.
            let labelWidth = min(max(rows.map(\.label.count).max() ?? 0, 8), max(width - numberWidth - 15, 8))
            let barWidth = max(width - labelWidth - numberWidth - 5, 1)
            let top = rows.map(\.count).max() ?? 0
            return [title]
                + rows.flatMap { row -> [String] in
                    let label = TextChart.wrap(row.label, labelWidth)
                    return label.dropLast().map { "  " + $0 }
                        + [
                            ("  " + TextChart.fit(label.last ?? "", labelWidth) + " "
                                + TextChart.right(String(row.count), numberWidth) + "  "
                                + TextChart.bar(row.count, of: top, width: barWidth)).trimmingTrailing()
                        ]
                }
        case .sparkline(let title, let values, let first):
            let folded = TextChart.folded(values, into: max(width - 4, 1))
            let unit = folded.perBucket == 1 ? "a character a day" : "a character every \(folded.perBucket) days"
            return [
                TextChart.fit("\(title) (\(unit), from \(first.british); highest \(folded.values.max() ?? 0))", width)
                    .trimmingTrailing(),
                "  " + TextChart.sparkline(folded.values),
            ]
        }
    }
}

extension String {
    func trimmingTrailing() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
