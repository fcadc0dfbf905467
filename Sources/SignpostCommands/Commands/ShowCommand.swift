import ArgumentParser
import Foundation
import SignpostDomain
import SignpostStore

/// `signpost show`: one family's record as text, or as its JSON document.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one family: members and levels, services, team, chronology and assessments.")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The family's id (as `list` and `search` print it).")
    var familyID: String

    @Flag(help: "Print the family's JSON document (the export format).")
    var json = false

    @Flag(help: "Only significant events in the chronology.")
    var significant = false

    func run() throws {
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        let id = FamilyID(familyID)
        guard let family = try StoreOpening.run({ try store.family(id) }) else {
            throw CommandFailure.notFound("no family with id \(familyID): find one with `signpost search`")
        }
        let kind = store.kind
        try storeOptions.recordRead(in: store) { try $0.recordViewed(id, by: storeOptions.practitioner) }
        if json {
            Console.writeJSON(try FamilyDocument(family: family, isFictional: kind.isFictional).encoded())
        } else {
            let today = LondonTime.today(at: Date())
            Console.print(FamilyReport.text(family, today: today, significantOnly: significant))
        }
    }
}
