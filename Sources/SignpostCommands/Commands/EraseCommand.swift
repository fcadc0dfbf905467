import ArgumentParser
import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// `signpost erase`: remove one person's data everywhere after review, leaving one audit entry.
struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract:
            "Erase a person, or a whole family, everywhere this store holds them (after review; cannot be undone).",
        discussion: """
            Removes the member, their levels and relationships, the notes, contacts and referrals \
            only about them, the consents they gave and the assessments of them; takes them out of \
            records shared with others; removes them from search, the matcher, drafts and changes \
            waiting to be sent; and replaces the sentence and values of audit entries about them with \
            a marker (the chain still verifies with `signpost check`). One audit entry is left saying \
            what kinds of record were erased, by whom and why. The erasure is sent to the team server \
            like any change, so other laptops erase the person too. Asks for the person's id again \
            unless --confirm repeats it.

            Without a person, erases the whole family (a family's last member can only go this way): \
            everyone and everything in it, its search and match entries, its retention decisions and \
            everything waiting to be sent about it; the audit entries about it become markers and one \
            entry is left with the counts of what went, by whom and why. Asks for the family's id again \
            unless --confirm repeats it.
              signpost erase --family F-0001 --reason "retention review: closed 2019, past its date"
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The person's id (P-…); without one, the whole family is erased.")
    var person: String?

    @Option(help: "The family the person belongs to (or the family to erase whole).")
    var family: String

    @Option(help: "Why the person or family is erased (required; audited).")
    var reason: String

    @Option(help: "The person's (or the family's) id again, to confirm without being asked (for scripts).")
    var confirm: String?

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--reason must say why the \(person == nil ? "family" : "person") is erased")
        }
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        guard let held = try StoreOpening.run({ try store.family(FamilyID(family)) }) else {
            throw CommandFailure.notFound("there is no family \(family) in this store")
        }
        guard let person else { return try eraseWhole(held, in: store) }
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

    /// Erases `held` whole after the same confirmation: the family's id typed again.
    private func eraseWhole(_ held: Family, in store: any CaseStore) throws {
        var confirmation = confirm
        if confirmation == nil {
            Console.print(
                visible(
                    "Erasing the whole family \(held.id) (\(held.members.count) members and everything about them) "
                        + "cannot be undone. Type the family's id to confirm:"))
            confirmation = readLine()?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard confirmation == held.id.rawValue else {
            throw CommandFailure.badInput("not confirmed: nothing was erased (type \(held.id) exactly)")
        }
        let erasure = FamilyErasure(family: held.id, reason: reason, at: Date())
        try StoreOpening.run { try store.apply([.eraseFamily(erasure)], by: storeOptions.practitioner) }
        Console.print(visible("Erased the family \(held.id); the audit trail keeps one entry saying so."))
    }
}
