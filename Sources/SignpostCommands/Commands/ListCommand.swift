import ArgumentParser
import Foundation
import SignpostDomain
import SignpostStore

/// `signpost list`: the case list, newest activity first, a page at a time.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List families, newest activity first.",
        discussion: "Filters combine. Pages with --limit and --offset; the store is never read whole.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only families in this locality: north, central, south or out-of-borough.")
    var locality: Locality?

    @Option(help: "Only families whose highest current level is this (1–4).")
    var level: NeedLevel?

    @Option(help: "Only families open to this service (e.g. bright-start).")
    var service: String?

    @Option(help: "Only families whose lead professional's name contains this.")
    var lead: String?

    @Flag(help: "Only families with an open episode or referral.")
    var open = false

    @Flag(help: "Only closed families.")
    var closed = false

    @Option(help: "How many families to show.")
    var limit = 50

    @Option(help: "How many to skip (for the next page).")
    var offset = 0

    @Flag(help: "Print JSON lines instead of a table.")
    var json = false

    func validate() throws {
        if open && closed { throw ValidationError("--open and --closed cannot be used together") }
        if limit < 1 || limit > 10_000 { throw ValidationError("--limit must be between 1 and 10000") }
        if offset < 0 { throw ValidationError("--offset cannot be negative") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        let query = FamilyListQuery(
            locality: locality, level: level, service: service.map { ServiceID($0) }, leadProfessional: lead,
            isOpen: open ? true : (closed ? false : nil), offset: offset, limit: limit)
        let page = try StoreOpening.run { try store.families(query) }
        try storeOptions.recordRead(in: store) {
            try $0.recordRead(
                action: "list-families",
                summary:
                    "listed families \(page.offset + 1)–\(page.offset + page.summaries.count) of \(page.totalCount)",
                by: storeOptions.practitioner)
        }
        let today = LondonTime.today(at: Date())
        if json {
            for summary in page.summaries { Console.writeJSON(try SummaryJSON.line(summary, today: today)) }
            return
        }
        if page.summaries.isEmpty {
            Console.print(page.totalCount == 0 ? "No families match." : "No families on this page.")
            return
        }
        for summary in page.summaries { Console.print(SummaryText.row(summary, today: today)) }
        let last = page.offset + page.summaries.count
        Console.print("— \(page.offset + 1)–\(last) of \(page.totalCount)")
    }
}

extension Locality: ExpressibleByArgument {}

extension NeedLevel: ExpressibleByArgument {
    public init?(argument: String) {
        let digits = argument.trimmingCharacters(in: CharacterSet(charactersIn: "Ll "))
        guard let number = Int(digits), let level = NeedLevel(rawValue: number) else { return nil }
        self = level
    }
}
