import ArgumentParser
import Foundation
import SignpostApp
import SignpostDomain
import SignpostStore

/// `signpost subject-access`: everything held about one person, third parties redacted, written into a folder.
struct SubjectAccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject-access",
        abstract: "Write everything held about one person (third parties redacted) into a folder, audited.",
        discussion: """
            Their details and levels, relationships, the notes, contacts and referrals about them, the \
            consents they gave, the assessments of them, and who viewed, changed or exported the \
            family's record. Other people's names and dates of birth, and callers' names, are shown as \
            [third party]. The file (subject-access-P-0003-F-0001-2026-11-26.html) is created readable \
            only by you, and the export is audited.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The person's id (P-…).")
    var person: String

    @Option(help: "The family the person belongs to.")
    var family: String

    @Option(help: "text, markdown or html.")
    var format: ExportRecordCommand.Format = .text

    @Option(help: "The folder to write into (made, readable only by you, if missing).")
    var output: String

    func run() throws {
        let familyID: FamilyID
        let personID: PersonID
        do throws(EntityIDError) {
            familyID = try FamilyID(validating: family)
            personID = try PersonID(validating: person)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        guard let held = try StoreOpening.run({ try store.family(familyID) }) else {
            throw CommandFailure.notFound("no family with id \(family): find one with `signpost search`")
        }
        guard held.member(personID) != nil else {
            throw CommandFailure.notFound("there is no person \(person) in family \(held.id)")
        }
        let options = RecordExportOptions(exportedBy: storeOptions.practitioner, at: Date())
        do {
            let file = try RecordExportFile.exportSubjectAccess(
                personID, of: held, as: RecordExportFormat(rawValue: format.rawValue) ?? .text, options: options,
                into: output, store: store)
            Console.print("Wrote the subject access copy for \(person) to \(file.path) (readable only by you).")
        } catch let problem as RecordExportProblem {
            throw CommandFailure.badInput(problem.description)
        } catch let error as StoreError {
            throw CommandFailure.store("the copy was not written, because it could not be audited: \(error)")
        }
    }
}
