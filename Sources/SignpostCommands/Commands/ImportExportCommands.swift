import ArgumentParser
import Foundation
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore

/// `signpost import`: add families from their JSON documents.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add families from JSON documents made by `signpost export`.",
        discussion: """
            All files are read and checked before anything is saved, and then saved together: \
            either every family is imported or none is. Fictional (demonstration or training) \
            families, whose every id starts with ZZ-, cannot be imported into a live store, and live \
            families cannot be imported into a demonstration store; a document whose "fictional" mark \
            disagrees with its ids is refused, naming the record. A family whose people look like \
            people already recorded (the front door's duplicate check) is refused, listing each pair \
            on standard error, unless --accept-duplicates says why they are imported anyway: that \
            decision is audited, and the pairs can be merged afterwards (`signpost duplicates`).
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        help: ArgumentHelp(
            "Import even though some people look like people already recorded, saying why (audited).",
            valueName: "reason"))
    var acceptDuplicates: String?

    @Argument(help: "Family documents to import; - reads one from standard input.")
    var files: [String]

    func run() throws {
        var documents: [FamilyDocument] = []
        for file in files {
            let data = try InputFile.read(file, limit: InputFile.familyLimit, what: "the family document")
            do {
                documents.append(try FamilyDocument(decoding: data))
            } catch let error as FamilyDocumentError {
                throw CommandFailure.badInput("\(file): \(error); nothing was imported")
            }
        }
        let fictional = documents.contains(where: \.fictional)
        if fictional && documents.contains(where: { !$0.fictional }) {
            throw CommandFailure.badInput(
                "the files mix fictional demonstration families with live ones; import them separately. Nothing was imported."
            )
        }
        let kind: StoreKind = fictional ? .demonstration : .live
        if fictional && storeOptions.store == nil {
            throw CommandFailure.badInput(
                "these are fictional demonstration families; they cannot go into the live store. Pass --store with a demonstration store. Nothing was imported."
            )
        }
        // A new file takes the documents' kind; an existing one must already be of that kind.
        let store = try StoreOpening.open {
            do {
                return try SQLiteCaseStore(openingOrCreating: storeOptions.location(for: kind), kind: kind)
            } catch StoreError.wrongKind(let path, let found, _) {
                throw CommandFailure.badInput(
                    fictional
                        ? "\(path) is a \(found) store; fictional demonstration families cannot go into it. Nothing was imported."
                        : "\(path) is a \(found) store; live case data cannot go into it. Nothing was imported.")
            }
        }
        let duplicates = try StoreOpening.run {
            try documents.flatMap { try $0.family.possibleDuplicatePairs(in: store, limit: 100) }
        }
        let reason = acceptDuplicates?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !duplicates.isEmpty && reason.isEmpty {
            for pair in duplicates { Console.error("possible duplicate: " + DuplicateText.row(pair)) }
            throw CommandFailure.badInput(
                "\(duplicates.count) imported \(duplicates.count == 1 ? "person looks" : "people look") like someone already recorded (listed above); nothing was imported. Merge with what is recorded instead, or pass --accept-duplicates \"why\" to import them anyway."
            )
        }
        try StoreOpening.run {
            try store.apply(documents.map { .addFamily($0.family) }, by: storeOptions.practitioner)
            if !duplicates.isEmpty {
                let pairs = duplicates.map { "\($0.first.personID) ~ \($0.second.personID) (\($0.second.familyID))" }
                try store.recordRead(
                    action: "import-despite-duplicates",
                    summary:
                        "imported \(pairs.count) possible duplicate(s) on purpose: \(pairs.joined(separator: ", ")): \(reason)",
                    by: storeOptions.practitioner)
            }
        }
        if !duplicates.isEmpty {
            Console.error(
                "imported \(duplicates.count) possible duplicate(s) on purpose; `signpost duplicates` lists them for merging"
            )
        }
        Console.print(
            "Imported \(documents.count) famil\(documents.count == 1 ? "y" : "ies") into \(storeOptions.location(for: kind).path)."
        )
    }
}

/// `signpost export`: write families as JSON documents.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write families as JSON documents (one per family) that `signpost import` reads back unchanged.")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "Ids of the families to export.")
    var familyIDs: [String] = []

    @Flag(help: "Export every family (needs --output).")
    var all = false

    @Option(
        help: ArgumentHelp(
            "A folder to write FAMILY-ID.json files into (created 0700 if missing). Without it, one family goes to standard output.",
            valueName: "folder"))
    var output: String?

    func validate() throws {
        if all && !familyIDs.isEmpty { throw ValidationError("give family ids or --all, not both") }
        if !all && familyIDs.isEmpty { throw ValidationError("give at least one family id, or --all") }
        if output == nil && (all || familyIDs.count > 1) {
            throw ValidationError("exporting more than one family needs --output FOLDER")
        }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        let kind = store.kind
        let ids: [FamilyID] =
            all
            ? try StoreOpening.run { try allIDs(store) }
            : try familyIDs.map { text throws(CommandFailure) in
                do throws(EntityIDError) {
                    return try FamilyID(validating: text)
                } catch {
                    throw CommandFailure.badInput(error.description)
                }
            }
        let folder = try output.map { try ExportFolder(path: $0) }
        for id in ids {
            guard let family = try StoreOpening.run({ try store.family(id) }) else {
                throw CommandFailure.notFound("no family with id \(id): find one with `signpost search`")
            }
            let data = try FamilyDocument(family: family, isFictional: kind.isFictional).encoded()
            try storeOptions.recordRead(in: store) {
                try $0.recordExported(
                    id,
                    summary: "exported the family as its JSON document"
                        + (folder.map { " to \((try? $0.file(for: id).path) ?? $0.url.path)" } ?? " to standard output"),
                    by: storeOptions.practitioner)
            }
            if let folder {
                try folder.write(data, for: id)
            } else {
                Console.writeJSON(data)
            }
        }
        if let folder {
            Console.print("Exported \(ids.count) famil\(ids.count == 1 ? "y" : "ies") to \(folder.url.path).")
        }
    }

    private func allIDs(_ store: any CaseStore) throws -> [FamilyID] {
        var ids: [FamilyID] = []
        while true {
            let page = try store.familyIDs(after: ids.last, limit: 1000)
            if page.isEmpty { return ids }
            ids += page
        }
    }
}
