import Foundation
import SignpostReturns
import SignpostSQLiteStore

extension Measures {
    /// Each managers' report over the year to the day the synthetic families are generated around, read and
    /// drawn as 80-column text: the figure the report screen and `signpost report` wait for.
    ///
    /// A year's report is far slower than a keystroke, so it runs at most 20 times after 2 warm-ups.
    func reports(_ store: SQLiteCaseStore) throws -> [Result] {
        let today = StoreFactory.today
        let first = today.adding(years: -1).adding(days: 1)
        return try ManagerReport.allCases.map { report in
            let timing = try Timing.measure(runs: min(settings.runs, 20), warmup: min(settings.warmup, 2)) {
                _ = try report.run(on: store, from: first, to: today, today: today).text(width: 80)
            }
            return Result(
                measure: "report \(report.rawValue) (a year)", families: families, timing: timing,
                target: "≤ 1 s at 100,000")
        }
    }
}
