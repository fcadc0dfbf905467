import ArgumentParser
import Foundation
import SignpostDomain
import SignpostReturns
import SignpostStore

/// `signpost returns supporting-families`: the families meeting the Supporting Families criteria or showing
/// significant and sustained progress in a period, and the figures by headline outcome area.
struct SupportingFamiliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supporting-families",
        abstract: "Write the Supporting Families families and outcome-area figures for a period as CSV.",
        discussion: """
            Supporting_Families_families.csv lists each family whose third need was identified (it met the \
            criteria) or whose last outcome was found sustained six months on (significant and sustained \
            progress) in the period; Supporting_Families_by_area.csv counts both, and the needs identified, \
            outcomes achieved and checks made, per headline outcome area. Files are created readable only by \
            you (0600) in --output; the export is recorded in the audit trail.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var period: PeriodOptions

    @Option(help: ArgumentHelp("The folder to write the files into (created 0700 if missing).", valueName: "folder"))
    var output: String

    func run() throws {
        let (first, last) = try period.period()
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        let folder = try ExportFolder(path: output)
        let sf = try StoreOpening.run { try SupportingFamiliesReturn.build(from: store, from: first, to: last) }
        for file in sf.files {
            try folder.write(try file.document.encoded(), toFileNamed: file.name)
        }
        let counted = sf.families.rows.count
        try storeOptions.recordRead(in: store) {
            try $0.recordRead(
                action: "export-supporting-families",
                summary:
                    "exported Supporting Families \(first.british) to \(last.british) (\(counted) famil\(counted == 1 ? "y" : "ies"))",
                by: storeOptions.practitioner)
        }
        Console.print(
            "Wrote Supporting Families for \(first.british) to \(last.british) to \(folder.url.path): "
                + "\(counted) famil\(counted == 1 ? "y" : "ies") listed, figures for the ten outcome areas.")
    }
}
