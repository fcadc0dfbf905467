import ArgumentParser
import Foundation
import SignpostDomain
import SignpostSQLiteStore
import SignpostStore
import SignpostSync
import SignpostTeamServer

/// `signpost team find TEXT`: is this person known anywhere in the service?
struct TeamFindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Search the whole service on the team server for a person (name or date of birth).",
        discussion: """
            Answers which families hold a matching person: the family's id, its locality, whether it \
            is restricted and whether this laptop holds it; never case details. The search is \
            audited on the server. Bring a family here with signpost team open FAMILY.
            """)

    @Argument(help: ArgumentHelp("Part of a name or a date of birth (at least two characters).", valueName: "text"))
    var text: String

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if text.trimmingCharacters(in: .whitespaces).count < 2 {
            throw ValidationError("a person search needs at least two characters")
        }
    }

    func run() async throws {
        let joined = try JoinedStore(storeOptions)
        let text = self.text
        let matches = try await TeamServerAccess.withConnection(to: joined.endpoint) {
            try await $0.findPerson(text)
        }
        let families = TeamSearchResult.grouping(matches)
        guard !families.isEmpty else {
            Console.print("No one matching \"\(text)\" is known on the team server.")
            return
        }
        Console.print(
            "\(families.count) \(families.count == 1 ? "family" : "families") on the team server "
                + "with someone matching \"\(text)\":")
        for family in families {
            let here = try StoreOpening.run { try joined.store.family(FamilyID(family.family)) } != nil
            var facts = [family.locality ?? "no locality"]
            if family.restricted { facts.append("restricted: a reason is needed to open it") }
            facts.append(here ? "on this laptop" : "not on this laptop")
            Console.print(
                "  \(family.family)  \(facts.joined(separator: " · "))  (\(family.records.joined(separator: ", ")))")
        }
        Console.print("Bring one here with: signpost team open FAMILY [--reason TEXT]")
    }
}

/// One family in a person search's answer, with the records that matched.
struct TeamSearchResult {
    var family: String
    var records: [String]
    var locality: String?
    var restricted: Bool

    static func grouping(_ matches: [ServerPersonMatch]) -> [TeamSearchResult] {
        var results: [TeamSearchResult] = []
        for match in matches {
            if let index = results.firstIndex(where: { $0.family == match.family }) {
                if !results[index].records.contains(match.record) { results[index].records.append(match.record) }
            } else {
                results.append(
                    TeamSearchResult(
                        family: match.family, records: [match.record], locality: match.locality,
                        restricted: match.restricted))
            }
        }
        return results
    }
}

/// `signpost team open FAMILY [--reason TEXT]`: brings a family from the team server to this laptop.
struct TeamOpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Bring a family's whole record from the team server to this laptop.",
        discussion: """
            The server decides whether you may: a family outside your locality and caseload is \
            opened with the access audited (a hub worker cannot open one), and a restricted family \
            needs --reason from anyone not named on it; the reason is kept in the server's audit \
            trail for managers (signpost server access-report). Then the family syncs like any other.
            """)

    @Argument(help: ArgumentHelp("The family's id (signpost team find shows it).", valueName: "family"))
    var family: String

    @Option(help: ArgumentHelp("Why you need to open it (required for a restricted family).", valueName: "text"))
    var reason: String?

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let joined = try JoinedStore(storeOptions)
        let id = FamilyID(family)
        let reason = self.reason
        let brought = try await TeamServerAccess.withConnection(to: joined.endpoint) { connection in
            do {
                return try await SyncEngine(store: joined.store, server: connection).bringFamily(id, reason: reason)
            } catch let error as StoreError {
                throw CommandFailure.store(error.description)
            } catch let error as SyncError {
                throw CommandFailure.teamServer(error.description)
            }
        }
        guard let copy = try StoreOpening.run({ try joined.store.family(id) }) else {
            throw CommandFailure.notFound("the team server gave no record of \(family) to bring")
        }
        var facts = [copy.locality.rawValue]
        if brought.restricted { facts.append("restricted") }
        Console.print(
            "Brought \(family) (\(copy.name), \(facts.joined(separator: ", "))) to this laptop: "
                + "\(brought.changes) \(brought.changes == 1 ? "change" : "changes") on the server. "
                + "Open it with signpost show \(family) or in the interface.")
    }
}
