import ArgumentParser
import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// `signpost directory`: the service directory the navigator and the directory screen read.
struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Keep the service directory current from the council's Open Referral UK feed.",
        subcommands: [DirectoryImportCommand.self, DirectoryConvertMappingCommand.self])
}

/// `signpost directory import FEED --mapping MAPPING.toml`: read an Open Referral UK feed (a file, standard input
/// or a local URL) into the store's directory.
struct DirectoryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an Open Referral UK (HSDS) JSON feed into the navigator's service directory.",
        discussion: """
            The feed (organizations, services, locations, service_at_locations, regular_schedules, \
            eligibilitys, contacts, phones, taxonomys, service_taxonomys) is read from a file, from \
            standard input (-), or from an http:// or https:// address on this machine (localhost, \
            127.0.0.1, [::1]). It is checked whole first: every problem is listed and a feed with any is \
            refused, nothing imported. The mapping file (TOML; docs/directory-mapping.md) names, once, \
            which of the feed's services, organisations or taxonomy terms are the pathways' \
            destinations; every problem in it is listed with its line. The other services are added for \
            practitioners to find. Each entry keeps its last-checked date: the feed's assured_date, else \
            its last_modified, else the import date. An import replaces the previous one and is audited. \
            An old JSON mapping is converted once with `signpost directory convert-mapping`.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var pathwaysOptions: PathwaysOptions

    @Option(
        help: ArgumentHelp(
            "The council's mapping of feed services, organisations and taxonomy terms to pathway destinations (TOML).",
            valueName: "file"))
    var mapping: String

    @Option(help: ArgumentHelp("Seconds to wait for a local URL to answer in full.", valueName: "seconds"))
    var timeout: Int = 10

    @Argument(help: "The Open Referral UK JSON feed: a file, - for standard input, or a local http(s):// URL.")
    var feed: String

    /// The largest feed read: a borough's whole directory of a few thousand services is a few megabytes.
    static let feedLimit = 64 << 20
    /// The largest mapping file read: a mapping line per service of a large directory is well under this.
    static let mappingLimit = 1 << 20

    func validate() throws {
        guard (1...300).contains(timeout) else {
            throw ValidationError("--timeout must be between 1 and 300 seconds")
        }
    }

    func run() throws {
        let pathways = try pathwaysOptions.load()
        let location = try FeedLocation(feed)
        let parsedMapping = try Self.readMapping(mapping)
        let data = try location.read(limit: Self.feedLimit, timeout: TimeInterval(timeout))
        let store = try storeOptions.openExisting()
        let today = LondonTime.today(at: Date())
        let name = location.name
        let entries: [DirectoryEntry]
        do {
            entries = try OpenReferralImport.entries(
                feed: data, mapping: parsedMapping, pathways: pathways, importedOn: today, source: name)
        } catch {
            throw CommandFailure.badInput("\(visible(name)): \(visible(error.description, keepingLines: true))")
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

    /// The TOML mapping at `path`, or every problem in it; an old JSON mapping is refused with the command that
    /// converts it.
    static func readMapping(_ path: String) throws -> DirectoryMapping {
        let data = try InputFile.read(path, limit: mappingLimit, what: "the mapping file")
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure.badInput("the mapping file \(visible(path)) is not UTF-8 text; nothing was imported")
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
            throw CommandFailure.badInput(
                "the mapping file \(visible(path)) is the old JSON form; convert it once with `signpost directory convert-mapping \(visible(path)) --output mapping.toml` and pass the TOML file; nothing was imported"
            )
        }
        do {
            return try DirectoryMappingFile.parse(text, name: (path as NSString).lastPathComponent)
        } catch {
            throw CommandFailure.badInput(visible(error.description, keepingLines: true))
        }
    }
}

/// `signpost directory convert-mapping OLD.json [--output NEW.toml]`: the first, JSON, mapping as TOML.
struct DirectoryConvertMappingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert-mapping",
        abstract: "Convert an old JSON directory mapping ({\"services\": {…}}) to the TOML mapping file.",
        discussion: """
            Writes the same rules as TOML under [services] to standard output, or to --output (created \
            0600, never over an existing file). Check the result with `signpost directory import FEED \
            --mapping NEW.toml`.
            """)

    @Argument(help: "The JSON mapping file.")
    var json: String

    @Option(help: ArgumentHelp("Where to write the TOML mapping (a new file).", valueName: "file"))
    var output: String?

    func run() throws {
        let data = try InputFile.read(json, limit: DirectoryImportCommand.mappingLimit, what: "the JSON mapping")
        let legacy: LegacyJSONDirectoryMapping
        do {
            legacy = try JSONDecoder().decode(LegacyJSONDirectoryMapping.self, from: data)
        } catch {
            throw CommandFailure.badInput(
                "\(visible(json)) is not a JSON mapping like {\"services\": {\"feed-id\": \"csct\"}}; nothing was written"
            )
        }
        let mapping = DirectoryMapping(services: legacy.services.mapValues { ServiceID($0) })
        let text = DirectoryMappingFile.toml(mapping, from: (json as NSString).lastPathComponent)
        guard let output else {
            Console.print(String(text.dropLast()))
            return
        }
        let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
            throw CommandFailure.badInput("cannot write \(visible(output)): \(reason); nothing was written")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        Console.print(
            "Wrote \(mapping.rules.count) mapping\(mapping.rules.count == 1 ? "" : "s") to \(visible(output)); pass it to `signpost directory import --mapping`."
        )
    }
}
