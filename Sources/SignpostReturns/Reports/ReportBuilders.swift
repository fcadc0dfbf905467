import Foundation
import SignpostDomain
import SignpostStore

/// Turns each report's counts into its CSV table and its summary.
enum ReportBuilders {
    static func caseload(_ counts: [CaseloadCount], report: ManagerReport) -> ReportOutput {
        let noLead = "(no lead professional)"
        let rows = counts.sorted {
            ($0.leadProfessional ?? "", $0.locality.rawValue) < ($1.leadProfessional ?? "", $1.locality.rawValue)
        }
        var byLead: [String: Int] = [:]
        var byLocality: [Locality: Int] = [:]
        for count in counts {
            byLead[count.leadProfessional ?? noLead, default: 0] += count.families
            byLocality[count.locality, default: 0] += count.families
        }
        let total = counts.reduce(0) { $0 + $1.families }
        return ReportOutput(
            report: report, periodText: "now",
            csv: CSVDocument(
                headers: ["Lead professional", "Locality", "Open families"],
                rows: rows.map { [$0.leadProfessional ?? "", $0.locality.label, String($0.families)] }),
            blocks: [
                .line("\(total) open famil\(total == 1 ? "y" : "ies")"),
                .bars(
                    title: "Per lead professional (most first)",
                    rows: byLead.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }),
                .bars(
                    title: "Per locality",
                    rows: Locality.allCases.compactMap { locality in
                        byLocality[locality].map { (locality.label, $0) }
                    }),
            ])
    }

    static func contacts(_ counts: [ContactCount], period: ReportPeriod, report: ManagerReport) -> ReportOutput {
        let rows = counts.sorted {
            ($0.day, $0.outcome.rawValue, $0.source.rawValue) < ($1.day, $1.outcome.rawValue, $1.source.rawValue)
        }
        var perDay: [CalendarDate: Int] = [:]
        var byOutcome: [ContactOutcome: Int] = [:]
        var bySource: [ContactSource: Int] = [:]
        for count in counts {
            perDay[count.day, default: 0] += count.contacts
            byOutcome[count.outcome, default: 0] += count.contacts
            bySource[count.source, default: 0] += count.contacts
        }
        let total = counts.reduce(0) { $0 + $1.contacts }
        let days = period.days.map(\.day)
        let busiest = perDay.max { ($0.value, $1.key) < ($1.value, $0.key) }
        return ReportOutput(
            report: report, periodText: period.text,
            csv: CSVDocument(
                headers: ["Date", "Outcome", "Source", "Contacts"],
                rows: rows.map { [$0.day.british, $0.outcome.label, $0.source.label, String($0.contacts)] }),
            blocks: [
                .line(
                    "\(total) contact\(total == 1 ? "" : "s") over \(days.count) day\(days.count == 1 ? "" : "s")"
                        + (busiest.map { "; busiest \($0.key.british) with \($0.value)" } ?? "")),
                .sparkline(title: "Per day", values: days.map { perDay[$0] ?? 0 }, first: period.first),
                .bars(
                    title: "By outcome",
                    rows: ContactOutcome.allCases.compactMap { outcome in byOutcome[outcome].map { (outcome.label, $0) }
                    }),
                .bars(
                    title: "By source",
                    rows: ContactSource.allCases.compactMap { source in bySource[source].map { (source.label, $0) } }),
            ])
    }

    /// The bands the decision times are counted in, as a front-door manager reads them.
    static let decisionBands: [(label: String, range: ClosedRange<Int>)] = [
        ("Same day", 0...0), ("1 day", 1...1), ("2-3 days", 2...3), ("4-7 days", 4...7), ("8-14 days", 8...14),
        ("15-28 days", 15...28), ("Over 28 days", 29...Int.max),
    ]

    static func decisions(_ times: [DecisionTime], period: ReportPeriod, report: ManagerReport) -> ReportOutput {
        let rows = times.sorted { ($0.contactDay, $0.daysToDecision ?? -1) < ($1.contactDay, $1.daysToDecision ?? -1) }
        let decided = times.filter { $0.daysToDecision != nil }
        let awaiting = times.filter { $0.daysToDecision == nil }.reduce(0) { $0 + $1.referrals }
        let decidedCount = decided.reduce(0) { $0 + $1.referrals }
        var bands = decisionBands.map { band in
            (
                band.label,
                decided.filter { band.range.contains(max($0.daysToDecision ?? 0, 0)) }.reduce(0) { $0 + $1.referrals }
            )
        }
        bands.append(("No decision yet", awaiting))
        let median = Statistics.median(decided.map { (value: $0.daysToDecision ?? 0, count: $0.referrals) })
        let mean =
            decidedCount == 0
            ? nil : Double(decided.reduce(0) { $0 + ($1.daysToDecision ?? 0) * $1.referrals }) / Double(decidedCount)
        return ReportOutput(
            report: report, periodText: period.text,
            csv: CSVDocument(
                headers: ["Contact date", "Days to decision", "Referrals"],
                rows: rows.map {
                    [$0.contactDay.british, $0.daysToDecision.map(String.init) ?? "", String($0.referrals)]
                }),
            blocks: [
                .line(
                    "\(decidedCount + awaiting) referral\(decidedCount + awaiting == 1 ? "" : "s") from contacts; "
                        + "\(decidedCount) decided, \(awaiting) awaiting a decision"),
                .line(
                    "Median \(median.map { "\($0) day\($0 == 1 ? "" : "s")" } ?? "-"), mean "
                        + (mean.map { String(format: "%.1f days", $0) } ?? "-")),
                .bars(title: "Days from contact to decision", rows: bands),
            ])
    }

    static func assessments(_ spans: [AssessmentSpan], period: ReportPeriod, report: ManagerReport) -> ReportOutput {
        let range = period.first...period.last
        let rows = spans.sorted {
            ($0.startedOn, $0.completedOn?.iso ?? "") < ($1.startedOn, $1.completedOn?.iso ?? "")
        }
        let started = spans.filter { range.contains($0.startedOn) }
        let completed = spans.filter { $0.completedOn.map(range.contains) ?? false }
        let taken = completed.map { (value: $0.daysTaken ?? 0, count: $0.assessments) }
        let startedCount = started.reduce(0) { $0 + $1.assessments }
        let completedCount = completed.reduce(0) { $0 + $1.assessments }
        let median = Statistics.median(taken)
        let longest = taken.map(\.value).max()
        var startedByMonth: [String: Int] = [:]
        var completedByMonth: [String: Int] = [:]
        for span in started { startedByMonth[String(span.startedOn.iso.prefix(7)), default: 0] += span.assessments }
        for span in completed {
            if let day = span.completedOn {
                completedByMonth[String(day.iso.prefix(7)), default: 0] += span.assessments
            }
        }
        return ReportOutput(
            report: report, periodText: period.text,
            csv: CSVDocument(
                headers: ["Started", "Completed", "Days taken", "Assessments"],
                rows: rows.map {
                    [
                        $0.startedOn.british, $0.completedOn?.british ?? "", $0.daysTaken.map(String.init) ?? "",
                        String($0.assessments),
                    ]
                }),
            blocks: [
                .line("\(startedCount) started and \(completedCount) completed in the period"),
                .line(
                    "Days taken to complete: median \(median.map(String.init) ?? "-"), longest "
                        + (longest.map(String.init) ?? "-")),
                .bars(title: "Started per month", rows: period.months.map { ($0, startedByMonth[$0] ?? 0) }),
                .bars(title: "Completed per month", rows: period.months.map { ($0, completedByMonth[$0] ?? 0) }),
            ])
    }

    static func reviews(_ counts: [ReviewCount], today: CalendarDate, report: ManagerReport) -> ReportOutput {
        let rows = counts.sorted { ($1.overdue, $0.leadProfessional ?? "") < ($0.overdue, $1.leadProfessional ?? "") }
        let overdue = counts.reduce(0) { $0 + $1.overdue }
        let soon = counts.reduce(0) { $0 + $1.dueSoon }
        let name = { (count: ReviewCount) in count.leadProfessional ?? "(no lead professional)" }
        return ReportOutput(
            report: report, periodText: "as at \(today.british)",
            csv: CSVDocument(
                headers: ["Lead professional", "Overdue", "Due in the next \(ManagerReport.reviewHorizonDays) days"],
                rows: rows.map { [$0.leadProfessional ?? "", String($0.overdue), String($0.dueSoon)] }),
            blocks: [
                .line("\(overdue) overdue, \(soon) due in the next \(ManagerReport.reviewHorizonDays) days"),
                .bars(
                    title: "Overdue, per lead professional",
                    rows: rows.filter { $0.overdue > 0 }.map { (name($0), $0.overdue) }),
                .bars(
                    title: "Due in the next \(ManagerReport.reviewHorizonDays) days",
                    rows: rows.filter { $0.dueSoon > 0 }.map { (name($0), $0.dueSoon) }),
            ])
    }

    static func steps(_ counts: [StepCount], period: ReportPeriod, report: ManagerReport) -> ReportOutput {
        let rows = counts.sorted { ($0.day, $0.direction.rawValue) < ($1.day, $1.direction.rawValue) }
        var blocks: [ReportBlock] = []
        var totals: [StepDirection: Int] = [:]
        for count in counts { totals[count.direction, default: 0] += count.episodes }
        blocks.append(.line("\(totals[.up] ?? 0) step-ups to social care, \(totals[.down] ?? 0) step-downs from it"))
        for direction in StepDirection.allCases {
            var perMonth: [String: Int] = [:]
            for count in counts where count.direction == direction {
                perMonth[String(count.day.iso.prefix(7)), default: 0] += count.episodes
            }
            blocks.append(
                .bars(title: "\(direction.label) per month", rows: period.months.map { ($0, perMonth[$0] ?? 0) }))
        }
        return ReportOutput(
            report: report, periodText: period.text,
            csv: CSVDocument(
                headers: ["Date", "Direction", "Episodes"],
                rows: rows.map { [$0.day.british, $0.direction.label, String($0.episodes)] }),
            blocks: blocks)
    }
}

enum Statistics {
    /// The lower median of values given with how often each occurs; nil when there are none.
    static func median(_ counted: [(value: Int, count: Int)]) -> Int? {
        let total = counted.reduce(0) { $0 + $1.count }
        guard total > 0 else { return nil }
        var seen = 0
        for item in counted.sorted(by: { $0.value < $1.value }) {
            seen += item.count
            if seen * 2 >= total { return item.value }
        }
        return nil
    }
}
