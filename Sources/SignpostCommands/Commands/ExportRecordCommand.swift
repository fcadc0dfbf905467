import ArgumentParser
import Foundation
import SignpostApp
import SignpostDomain
import SignpostStore

/// `signpost export-record`: a family's whole record as text, Markdown or a printable HTML page, for a
/// meeting or a request, written into a folder (the file readable only by you) and audited as an export.
struct ExportRecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-record",
        abstract: "Write a family's whole record (text, Markdown or printable HTML) into a folder, audited.",
        discussion: """
            The file is named from the family's id and the day (record-F-0001-2026-11-26.html), created \
            readable only by you, and never replaces an earlier export (the next is …-2.html).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, html
    }

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The family's id (as `list` and `search` print it).")
    var familyID: String

    @Option(help: "text, markdown or html.")
    var format: Format = .text

    @Option(help: "The folder to write into (made, readable only by you, if missing).")
    var output: String

    @Flag(help: "Only significant events in the chronology.")
    var significantOnly = false

    func run() throws {
        let id: FamilyID
        do throws(EntityIDError) {
            id = try FamilyID(validating: familyID)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        guard let family = try StoreOpening.run({ try store.family(id) }) else {
            throw CommandFailure.notFound("no family with id \(familyID): find one with `signpost search`")
        }
        let chosen = RecordExportFormat(rawValue: format.rawValue) ?? .text
        let options = RecordExportOptions(
            significantOnly: significantOnly, exportedBy: storeOptions.practitioner, at: Date())
        do {
            let file = try RecordExportFile.export(family, as: chosen, options: options, into: output, store: store)
            Console.print("Exported the \(family.name) family's record to \(file.path) (readable only by you).")
        } catch let problem as RecordExportProblem {
            throw CommandFailure.badInput(problem.description)
        } catch let error as StoreError {
            throw CommandFailure.store("the export was not written, because it could not be audited: \(error)")
        }
    }
}
