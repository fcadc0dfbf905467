import ArgumentParser
import Foundation
import SignpostDomain
import SignpostStore

/// `signpost search`: find families by part of a name, a postcode, a date of birth or a reference.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find families by name, also-known-as, postcode, address, note text, date of birth or reference.",
        discussion: """
            Case and accents are ignored ("zoe" finds Zoë); each word matches the start of a word \
            ("quill" finds Quillfeather). Dates of birth as DD/MM/YYYY or YYYY-MM-DD.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "What to look for.")
    var words: [String]

    @Option(help: "Most families to show.")
    var limit = 20

    @Flag(help: "Print JSON lines instead of text.")
    var json = false

    func validate() throws {
        if words.joined().trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("give something to search for")
        }
        if limit < 1 || limit > 1000 { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        let text = words.joined(separator: " ")
        let hits = try StoreOpening.run { try store.search(text, limit: limit) }
        try storeOptions.recordRead(in: store) {
            try $0.recordRead(
                action: "search-families",
                summary: "searched for “\(text)”: \(hits.count) famil\(hits.count == 1 ? "y" : "ies") found",
                by: storeOptions.practitioner)
        }
        let today = LondonTime.today(at: Date())
        if json {
            for hit in hits { Console.writeJSON(try SummaryJSON.line(hit.summary, today: today, matched: hit.reason)) }
            return
        }
        guard !hits.isEmpty else {
            Console.print("No family matches “\(text)”.")
            return
        }
        for hit in hits { Console.print(SummaryText.row(hit.summary, today: today, reason: hit.reason)) }
    }
}
