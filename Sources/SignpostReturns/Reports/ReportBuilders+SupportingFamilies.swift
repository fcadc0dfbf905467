import Foundation
import SignpostDomain
import SignpostStore

extension ReportBuilders {
    /// The CSV headers of the Supporting Families figures, one row per headline outcome area and one for all.
    static let supportingFamiliesHeaders = [
        "Outcome area", "Families meeting the criteria", "Families with significant and sustained progress",
        "Needs identified", "Outcomes achieved", "Sustained at six months", "Not sustained",
    ]

    static func supportingFamilies(
        _ figures: SupportingFamiliesFigures, period: ReportPeriod, report: ManagerReport
    ) -> ReportOutput {
        let areas = OutcomeArea.allCases
        func cells(_ area: SupportingFamiliesAreaFigures) -> [String] {
            [
                area.eligibleFamilies, area.progressFamilies, area.identified, area.achieved, area.sustained,
                area.notSustained,
            ].map(String.init)
        }
        var total = SupportingFamiliesAreaFigures()
        for area in areas {
            let figure = figures[area]
            total.identified += figure.identified
            total.achieved += figure.achieved
            total.sustained += figure.sustained
            total.notSustained += figure.notSustained
        }
        total.eligibleFamilies = figures.eligibleFamilies
        total.progressFamilies = figures.progressFamilies
        let rows =
            areas.map { [$0.title] + cells(figures[$0]) } + [["All areas (families counted once)"] + cells(total)]
        let plural = { (count: Int) in count == 1 ? "family" : "families" }
        let eventHeader = "  " + TextChart.fit("Area", 24) + "   Needs Achieved Sustained  Lapsed"
        let eventRows = areas.map { area -> String in
            let figure = figures[area]
            let numbers = [figure.identified, figure.achieved, figure.sustained, figure.notSustained]
            let columns = zip([7, 9, 10, 8], numbers).map { TextChart.right(String($1), $0) }.joined()
            return "  " + TextChart.fit(area.shortTitle, 24) + " " + columns
        }
        return ReportOutput(
            report: report, periodText: period.text,
            csv: CSVDocument(headers: supportingFamiliesHeaders, rows: rows),
            blocks: [
                .lines([
                    "\(figures.eligibleFamilies) \(plural(figures.eligibleFamilies)) came to meet the criteria "
                        + "(\(SupportingFamiliesRule.minimumNeeds) or more needs identified)",
                    "\(figures.progressFamilies) \(plural(figures.progressFamilies)) showed significant and sustained "
                        + "progress (all needs sustained)",
                ]),
                .bars(
                    title: "Families meeting the criteria, by area of need",
                    rows: areas.compactMap { area in
                        figures[area].eligibleFamilies > 0 ? (area.shortTitle, figures[area].eligibleFamilies) : nil
                    }),
                .bars(
                    title: "Families with significant and sustained progress, by area",
                    rows: areas.compactMap { area in
                        figures[area].progressFamilies > 0 ? (area.shortTitle, figures[area].progressFamilies) : nil
                    }),
                .lines(["Needs, outcomes and six-month checks in the period, by area", eventHeader] + eventRows),
            ])
    }
}
