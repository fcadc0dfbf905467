import ArgumentParser
import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// `signpost match`: what the front-door matcher returns for a query, for scripts, support and bug reports.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Show the people the front-door matcher finds for what a practitioner types, best first.",
        discussion: """
            The query is read as the contact screen reads it: name words in any order, misspelt or \
            heard ("shivawn" finds Siobhan), a date of birth or part of one (14/3, 3/2022, 14 Mar 2022) \
            and a postcode or its start (N7, N7 8ZZ). Each person found is shown with their family, \
            date of birth, postcode, score (higher is better; comparable within one query only) and \
            the reasons they matched.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "What was typed, in quotes or as several words.")
    var words: [String]

    @Option(help: "Most people to show.")
    var limit = 8

    @Option(help: "text: one person a line; json: one JSON object a line.")
    var format: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        if words.joined().trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("give what was typed, such as \"zoe quillfeather 14/3\"")
        }
        if limit < 1 || limit > 1000 { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        let text = words.joined(separator: " ")
        let query = MatchQuery(text, today: LondonTime.today(at: Date()))
        let matches = try StoreOpening.run { try store.matchPeople(query, limit: limit) }
        // Who may be who is case data: reading it is audited like a search.
        try storeOptions.recordRead(in: store) {
            try $0.recordRead(
                action: "match-people",
                summary: "matched “\(text)”: \(matches.count) \(matches.count == 1 ? "person" : "people") found",
                by: storeOptions.practitioner)
        }
        switch format {
        case .json:
            for match in matches { Console.print(try MatchJSON.line(match)) }
        case .text:
            guard !matches.isEmpty else {
                Console.print(visible("No one matches “\(text)”."))
                return
            }
            for match in matches { Console.print(MatchText.row(match)) }
        }
    }
}

/// One match as a line of text: person, family, date of birth, postcode, score and reasons.
enum MatchText {
    static func row(_ match: PersonMatch) -> String {
        let born = match.dateOfBirth?.british ?? "born not known"
        let postcode = match.postcode.isEmpty ? "no postcode" : match.postcode
        let score = String(format: "%.3f", match.score)
        return visible(
            "\(match.personID)  \(match.personName)  \(match.familyID) \(match.familyName)  \(born)  \(postcode)"
                + "  score \(score)  — \(match.reasonText)")
    }
}

/// One match as a JSON line for `match --format json`.
enum MatchJSON {
    struct Line: Encodable {
        var personID: String
        var personName: String
        var familyID: String
        var familyName: String
        var dateOfBirth: String?
        var postcode: String
        var score: Double
        var reasons: [String]
    }

    static func line(_ match: PersonMatch) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = Line(
            personID: match.personID.rawValue, personName: match.personName, familyID: match.familyID.rawValue,
            familyName: match.familyName, dateOfBirth: match.dateOfBirth?.iso, postcode: match.postcode,
            score: match.score, reasons: match.reasons.map(\.description))
        return String(decoding: try encoder.encode(line), as: UTF8.self)
    }
}
