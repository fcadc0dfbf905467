import ArgumentParser
import Foundation
import SignpostDomain
import SignpostReturns
import SignpostStore

/// `signpost returns`: the national returns, written as CSV files into a folder.
struct ReturnsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "returns",
        abstract:
            "Write national returns (Ofsted Annex A, children in need census factors, Supporting Families) as CSV files.",
        subcommands: [AnnexACommand.self, CINFactorsCommand.self, SupportingFamiliesCommand.self])
}

/// The period a return or report covers: two London days, both included.
struct PeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The first day: YYYY-MM-DD or DD/MM/YYYY.", valueName: "date"))
    var from: String

    @Option(help: ArgumentHelp("The last day, included: YYYY-MM-DD or DD/MM/YYYY.", valueName: "date"))
    var to: String

    func validate() throws { _ = try period() }

    /// The two days; refused when either is not a date or they are the wrong way round.
    func period() throws -> (first: CalendarDate, last: CalendarDate) {
        let first = try Self.day(from, option: "--from")
        let last = try Self.day(to, option: "--to")
        guard first <= last else {
            throw ValidationError(
                "--from (\(first.british)) is after --to (\(last.british)): give the earlier day first")
        }
        return (first, last)
    }

    static func day(_ text: String, option: String) throws -> CalendarDate {
        do {
            return try CalendarDate(parsing: text)
        } catch {
            throw ValidationError("\(option) \(text.debugDescription) is not a date: give YYYY-MM-DD or DD/MM/YYYY")
        }
    }
}

/// `signpost returns annex-a`: Ofsted Annex A lists 1 to 3, and the gaps the record leaves.
struct AnnexACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annex-a",
        abstract: "Write Ofsted Annex A lists 1 (contacts), 2 (early help assessments) and 3 (referrals) as CSV.",
        discussion: """
            Column headers, codes and dd/mm/yyyy dates follow the published Annex A specification. Files are \
            created readable only by you (0600) in --output, with Annex_A_gaps.csv listing each child and field \
            the record could not fill (left blank, never invented). List 4 is not produced: Signpost records \
            early help and holds no social-care continuous assessment (its start date, whether the child was \
            seen, authorisation, outcome, allocated team and worker). The export is recorded in the audit trail.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var period: PeriodOptions
    @OptionGroup var pathwaysOptions: PathwaysOptions

    @Option(help: ArgumentHelp("The folder to write the lists into (created 0700 if missing).", valueName: "folder"))
    var output: String

    func run() throws {
        let (first, last) = try period.period()
        let pathways = try pathwaysOptions.load()
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        let folder = try ExportFolder(path: output)
        let annex = try StoreOpening.run {
            try AnnexAReturn.build(from: store, from: first, to: last, pathways: pathways)
        }
        for file in annex.files {
            try folder.write(try file.document.encoded(), toFileNamed: file.name)
        }
        let counts =
            "list 1 \(annex.list1.rows.count) rows, list 2 \(annex.list2.rows.count), list 3 \(annex.list3.rows.count)"
        try storeOptions.recordRead(in: store) {
            try $0.recordRead(
                action: "export-annex-a",
                summary:
                    "exported Ofsted Annex A \(first.british) to \(last.british) (\(counts); \(annex.gaps.count) gaps)",
                by: storeOptions.practitioner)
        }
        Console.print("Wrote Ofsted Annex A for \(first.british) to \(last.british) to \(folder.url.path): \(counts).")
        Console.print(AnnexAReturn.list4Omission)
        ReturnsCommand.printGaps(annex.gaps, file: "Annex_A_gaps.csv")
    }
}

/// `signpost returns cin-factors`: the children in need census factors of assessments completed in a period.
struct CINFactorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cin-factors",
        abstract: "Write the children in need census factors identified at the end of assessment as CSV.",
        discussion: """
            One row per assessment completed in the period and factor recorded on it (LAchildID, \
            AssessmentActualStartDate, AssessmentAuthorisationDate, AssessmentFactors). A completed assessment \
            with no factors is listed as a gap. Created 0600 in --output; recorded in the audit trail.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var period: PeriodOptions

    @Option(help: ArgumentHelp("The folder to write the file into (created 0700 if missing).", valueName: "folder"))
    var output: String

    func run() throws {
        let (first, last) = try period.period()
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        let folder = try ExportFolder(path: output)
        let census = try StoreOpening.run { try CINFactorsReturn.build(from: store, from: first, to: last) }
        try folder.write(try census.document.encoded(), toFileNamed: CINFactorsReturn.fileName)
        try storeOptions.recordRead(in: store) {
            try $0.recordRead(
                action: "export-cin-factors",
                summary:
                    "exported children in need census factors \(first.british) to \(last.british) (\(census.document.rows.count) rows; \(census.gaps.count) gaps)",
                by: storeOptions.practitioner)
        }
        Console.print(
            "Wrote \(census.document.rows.count) factor row\(census.document.rows.count == 1 ? "" : "s") to \(folder.url.appendingPathComponent(CINFactorsReturn.fileName).path)."
        )
        ReturnsCommand.printGaps(census.gaps, file: nil)
    }
}

extension ReturnsCommand {
    /// Lists the gaps on standard error, the first twenty in full.
    static func printGaps(_ gaps: [AnnexAGap], file: String?) {
        guard !gaps.isEmpty else {
            Console.print("No gaps: every row has what the specification needs.")
            return
        }
        Console.error(
            "\(gaps.count) gap\(gaps.count == 1 ? "" : "s") to fill before submitting"
                + (file.map { " (all in \($0))" } ?? "") + ":")
        for gap in gaps.prefix(20) { Console.error("  \(gap.description)") }
        if gaps.count > 20 { Console.error("  … and \(gaps.count - 20) more") }
    }
}

/// `signpost report NAME`: a managers' report as text (tables, bars, sparklines) or CSV.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a managers' report: " + ManagerReport.allCases.map(\.rawValue).joined(separator: ", ") + ".",
        discussion: ManagerReport.allCases.map { "\($0.rawValue): \($0.explanation)." }.joined(separator: "\n"))

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv }

    @OptionGroup var storeOptions: StoreOptions

    @Argument(
        help: ArgumentHelp("Which report.", valueName: ManagerReport.allCases.map(\.rawValue).joined(separator: "|")))
    var name: String

    @Option(help: ArgumentHelp("The first day (default: a year before --to).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("The last day, included (default: today).", valueName: "date"))
    var to: String?

    @Option(help: "text (tables and charts) or csv (every figure).")
    var format: Format = .text

    @Option(help: "The width of the text, in columns.")
    var width = 80

    func validate() throws {
        _ = try report()
        _ = try period(today: LondonTime.today(at: Date()))
        if width < 40 || width > 400 { throw ValidationError("--width must be between 40 and 400") }
    }

    func report() throws -> ManagerReport {
        guard let report = ManagerReport(rawValue: name) else {
            throw ValidationError(
                "no report called \(name.debugDescription): choose one of "
                    + ManagerReport.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return report
    }

    func period(today: CalendarDate) throws -> (first: CalendarDate, last: CalendarDate) {
        let last = try to.map { try PeriodOptions.day($0, option: "--to") } ?? today
        let first =
            try from.map { try PeriodOptions.day($0, option: "--from") } ?? last.adding(years: -1).adding(days: 1)
        guard first <= last else {
            throw ValidationError(
                "--from (\(first.british)) is after --to (\(last.british)): give the earlier day first")
        }
        return (first, last)
    }

    func run() throws {
        let today = LondonTime.today(at: Date())
        let (first, last) = try period(today: today)
        let report = try report()
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        let output = try StoreOpening.run { try report.run(on: store, from: first, to: last, today: today) }
        try storeOptions.recordRead(in: store) {
            try $0.recordRead(
                action: "read-report", summary: "read the \(report.rawValue) report (\(output.periodText))",
                by: storeOptions.practitioner)
        }
        switch format {
        case .text: Console.print(output.text(width: width).joined(separator: "\n"))
        case .csv: Console.writeCSV(try output.csv.encoded())
        }
    }
}
