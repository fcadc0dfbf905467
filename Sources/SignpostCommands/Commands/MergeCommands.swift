import ArgumentParser
import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// `signpost duplicates`: people who may be recorded twice, store-wide a page at a time or on one family.
struct DuplicatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "List people who may be one person recorded twice, for merging.",
        discussion: """
            Store-wide, people who share a name word and a birthday are compared with the front \
            door's rule (the first name agrees, and the surname or the whole date of birth does); \
            one page at a time, and the next page's --after is printed on standard error. With \
            --family, each member is checked against the whole store as when a person is added.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only the possible duplicates of this family's members.")
    var family: String?

    @Option(help: "Most pairs a page.")
    var limit = 20

    @Option(help: "Where the page starts: the value a previous page printed.")
    var after: String?

    @Option(help: "text: one pair a line; json: one JSON object a line.")
    var format: MatchCommand.OutputFormat = .text

    func validate() throws {
        if limit < 1 || limit > 1000 { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() throws {
        let store = try storeOptions.openExisting(forReadingOnly: true)
        let pairs: [DuplicatePair]
        var next: String?
        if let family {
            guard let held = try StoreOpening.run({ try store.family(FamilyID(family)) }) else {
                throw CommandFailure.notFound("there is no family \(family) in this store")
            }
            pairs = try StoreOpening.run { try held.possibleDuplicatePairs(in: store, limit: limit) }
        } else {
            let page = try StoreOpening.run { try store.possibleDuplicatePairs(after: after, limit: limit) }
            pairs = page.pairs
            next = page.next
        }
        switch format {
        case .json:
            for pair in pairs { Console.print(try DuplicateJSON.line(pair)) }
        case .text:
            if pairs.isEmpty {
                Console.print(
                    family.map { "No possible duplicates of \($0)'s members." }
                        ?? "No possible duplicates on this page.")
            }
            for pair in pairs { Console.print(DuplicateText.row(pair)) }
        }
        if let next {
            FileHandle.standardError.write(Data(visible("more: signpost duplicates --after \"\(next)\"\n").utf8))
        }
    }
}

/// One pair as a line of text.
enum DuplicateText {
    static func person(_ match: PersonMatch) -> String {
        let born = match.dateOfBirth?.british ?? "born not known"
        return "\(match.personID) \(match.personName) (\(match.familyID) \(match.familyName), \(born))"
    }

    static func row(_ pair: DuplicatePair) -> String {
        let reasons = pair.reasons.map(\.description).joined(separator: ", ")
        return visible("\(person(pair.first))  ~  \(person(pair.second))  — \(reasons)")
    }
}

/// One pair as a JSON line for `duplicates --format json`.
enum DuplicateJSON {
    struct Line: Encodable {
        var first: MatchJSON.Line
        var second: MatchJSON.Line
        var reasons: [String]
    }

    static func line(_ pair: DuplicatePair) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func person(_ match: PersonMatch) -> MatchJSON.Line {
            MatchJSON.Line(
                personID: match.personID.rawValue, personName: match.personName, familyID: match.familyID.rawValue,
                familyName: match.familyName, dateOfBirth: match.dateOfBirth?.iso, postcode: match.postcode,
                score: match.score, reasons: match.reasons.map(\.description))
        }
        let line = Line(
            first: person(pair.first), second: person(pair.second), reasons: pair.reasons.map(\.description))
        return String(decoding: try encoder.encode(line), as: UTF8.self)
    }
}

/// `signpost merge`: fold one family into another, or one member into another, keeping the old id as an alias.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge two families (or, with --people, two members of one family) into the first.",
        discussion: """
            Every record of the second moves to the first, which keeps its own details; the second's \
            id becomes an alias of the first, so old references still find it. Audited, sent to the \
            team server like any change, and undone with `signpost undo-merge`. The interface's merge \
            screen chooses the surviving values field by field.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The survivor, then the record merged into it (family ids, or person ids with --people).")
    var ids: [String]

    @Option(help: "With --people: the family both people belong to.")
    var family: String?

    @Flag(help: "Merge two people of one family rather than two families.")
    var people = false

    @Option(help: "Why they are one record (required; audited).")
    var reason: String

    func validate() throws {
        if ids.count != 2 { throw ValidationError("give two ids: the survivor, then the one merged into it") }
        if people && family == nil { throw ValidationError("--people needs --family, the family both belong to") }
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--reason must say why they are one record")
        }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        let id: MergeID = store.kind.idNamespace.generate(prefix: "M")
        let change: CaseChange
        if people, let family {
            change = .mergePeople(
                PersonMerge(
                    id: id, family: FamilyID(family), survivor: PersonID(ids[0]), absorbed: PersonID(ids[1]),
                    fields: [:], reason: reason, at: Date()))
        } else {
            guard let absorbed = try StoreOpening.run({ try store.family(FamilyID(ids[1])) }),
                absorbed.id.rawValue == ids[1]
            else { throw CommandFailure.notFound("there is no family \(ids[1]) in this store") }
            change = .mergeFamilies(
                FamilyMerge(
                    id: id, survivor: FamilyID(ids[0]), absorbed: absorbed, fields: [:], reason: reason, at: Date()))
        }
        try StoreOpening.run { try store.apply([change], by: storeOptions.practitioner) }
        Console.print(visible("Merged \(ids[1]) into \(ids[0]) (merge \(id); undo with signpost undo-merge \(id))."))
    }
}

/// `signpost undo-merge`: put back the families a merge joined, as they were.
struct UndoMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo-merge",
        abstract: "Undo a merge: both records back exactly as they were before it, the alias removed.",
        discussion: """
            Refused once the surviving family has changed since the merge (what was recorded since \
            would be lost) or when the merge was already undone. Without an id, lists the merges.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The merge's id (M-…), as `signpost merge` printed it.")
    var merge: String?

    @Option(help: "Why the merge is undone (required with an id; audited).")
    var reason: String?

    func run() throws {
        let store = try storeOptions.openExisting()
        let records = try StoreOpening.run { try store.mergeRecords(family: nil, limit: 1000) }
        guard let merge else {
            if records.isEmpty { Console.print("No merges in this store.") }
            for record in records {
                let undone = record.undoneAt.map { " (undone \(Timestamp.text($0)))" } ?? ""
                Console.print(
                    visible(
                        "\(record.id)  \(Timestamp.text(record.at))  \(record.by)  \(record.description)\(undone)  — \(record.reason)"
                    ))
            }
            return
        }
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CommandFailure.badInput("--reason must say why the merge is undone")
        }
        guard let record = records.first(where: { $0.id.rawValue == merge }) else {
            throw CommandFailure.notFound("there is no merge \(merge) in this store")
        }
        let current = try StoreOpening.run { try store.family(record.survivorFamily) }
        if let problem = record.undoProblem(current: current) { throw CommandFailure.badInput(problem) }
        try StoreOpening.run {
            try store.apply([.undoMerge(record.undo(reason: reason, at: Date()))], by: storeOptions.practitioner)
        }
        Console.print(
            visible(
                "Undid merge \(merge): \(record.before.map(\.id.rawValue).joined(separator: " and ")) are as they were."
            ))
    }
}
