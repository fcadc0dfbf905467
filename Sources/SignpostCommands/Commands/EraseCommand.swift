import ArgumentParser
import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// `signpost erase`: remove one person's data everywhere after review, leaving one audit entry.
struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a person from a family everywhere this store holds them (after review; cannot be undone).",
        discussion: """
            Removes the member, their levels and relationships, the notes, contacts and referrals \
            only about them, the consents they gave and the assessments of them; takes them out of \
            records shared with others; removes them from search, the matcher, drafts and changes \
            waiting to be sent; and replaces the sentence and values of audit entries about them with \
            a marker (the chain still verifies with `signpost check`). One audit entry is left saying \
            what kinds of record were erased, by whom and why. The erasure is sent to the team server \
            like any change, so other laptops erase the person too. Asks for the person's id again \
            unless --confirm repeats it.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The person's id (P-…).")
    var person: String

    @Option(help: "The family the person belongs to.")
    var family: String

    @Option(help: "Why the person is erased (required; audited).")
    var reason: String

    @Option(help: "The person's id again, to confirm without being asked (for scripts).")
    var confirm: String?

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--reason must say why the person is erased")
        }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        guard let held = try StoreOpening.run({ try store.family(FamilyID(family)) }) else {
            throw CommandFailure.notFound("there is no family \(family) in this store")
        }
        guard held.member(PersonID(person)) != nil else {
            throw CommandFailure.notFound("there is no person \(person) in family \(held.id)")
        }
        var confirmation = confirm
        if confirmation == nil {
            Console.print(
                visible("Erasing \(person) from \(held.id) cannot be undone. Type the person's id to confirm:"))
            confirmation = readLine()?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard confirmation == person else {
            throw CommandFailure.badInput("not confirmed: nothing was erased (type \(person) exactly)")
        }
        let erasure = PersonErasure(family: held.id, person: PersonID(person), reason: reason, at: Date())
        try StoreOpening.run { try store.apply([.erasePerson(erasure)], by: storeOptions.practitioner) }
        Console.print(visible("Erased \(person) from \(held.id); the audit trail keeps one entry saying so."))
    }
}
