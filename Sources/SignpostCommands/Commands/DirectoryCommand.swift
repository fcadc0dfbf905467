import ArgumentParser
import Foundation
import SignpostDomain
import SignpostStore

/// `signpost directory`: the service directory the navigator and the directory screen read.
struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Keep the service directory current from the council's Open Referral UK feed.",
        subcommands: [DirectoryImportCommand.self])
}

/// `signpost directory import FEED --mapping MAPPING`: read an Open Referral UK feed into the store's directory.
struct DirectoryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an Open Referral UK (HSDS) JSON feed into the navigator's service directory.",
        discussion: """
            The feed (organizations, services, locations, service_at_locations, regular_schedules, \
            eligibilitys, contacts, phones) is checked whole first: every problem is listed and a feed \
            with any is refused, nothing imported. The mapping file names, once, which of the feed's \
            services are the pathways' destinations: {"services": {"feed-service-id": "csct"}}; the \
            others are added for practitioners to find. Each entry keeps its last-checked date: the \
            feed's assured_date, else its last_modified, else the import date. An import replaces the \
            previous one and is audited.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var pathwaysOptions: PathwaysOptions

    @Option(
        help: ArgumentHelp("The council's mapping of feed services to pathway destinations (JSON).", valueName: "file"))
    var mapping: String

    @Argument(help: "The Open Referral UK JSON feed; - reads it from standard input.")
    var feed: String

    /// The largest feed read: a borough's whole directory of a few thousand services is a few megabytes.
    static let feedLimit = 64 << 20

    func run() throws {
        let pathways = try pathwaysOptions.load()
        let mappingData = try InputFile.read(mapping, limit: InputFile.pathwaysLimit, what: "the mapping file")
        let parsedMapping: DirectoryMapping
        do {
            parsedMapping = try JSONDecoder().decode(DirectoryMapping.self, from: mappingData)
        } catch {
            throw CommandFailure.badInput(
                "the mapping file \(mapping) is not a JSON mapping like {\"services\": {\"feed-id\": \"csct\"}}; nothing was imported"
            )
        }
        let data = try InputFile.read(feed, limit: Self.feedLimit, what: "the feed")
        let store = try storeOptions.openExisting()
        let today = LondonTime.today(at: Date())
        let name = feed == "-" ? "standard input" : (feed as NSString).lastPathComponent
        let entries: [DirectoryEntry]
        do {
            entries = try OpenReferralImport.entries(
                feed: data, mapping: parsedMapping, pathways: pathways, importedOn: today, source: name)
        } catch {
            throw CommandFailure.badInput("\(name): \(error.description)")
        }
        let mapped = entries.filter(\.destination).count
        let summary =
            "imported \(entries.count) service\(entries.count == 1 ? "" : "s") from the Open Referral UK feed \(name) (\(mapped) pathway destination\(mapped == 1 ? "" : "s"))"
        try StoreOpening.run { try store.importDirectory(entries, summary: summary, by: storeOptions.practitioner) }
        let oldest = entries.map(\.lastChecked).min()
        Console.print(
            "Imported \(entries.count) service\(entries.count == 1 ? "" : "s") from \(name): \(mapped) mapped to pathway destinations, \(entries.count - mapped) added to the directory"
                + (oldest.map { "; oldest check \($0.british)" } ?? "") + ".")
    }
}
