import ArgumentParser
import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore

/// `signpost caf`: early help assessments (CAF) from outside Signpost.
struct CAFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caf",
        abstract: "Early help assessments (CAF) written by partners.",
        subcommands: [CAFImportCommand.self])
}

/// `signpost caf import FILE`: review a partner's assessment (`signpost-caf/1`) and save it as the child's CAF.
struct CAFImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a partner's early help assessment (signpost-caf/1 JSON) as the child's CAF.",
        discussion: """
            The document (described in docs/partner-caf-format.md) is checked whole: every problem is \
            listed with its JSON path and a document with any is refused. The matcher then looks for \
            the child: the review printed says whether the match is certain (one person, same names \
            and whole date of birth), who may be the child, or that no one looks like them. The CAF is \
            saved only when this is not a --dry-run and the match is certain, or you choose the child \
            with --family and --person, or add them with --new-family --locality. A child with a CAF \
            already open needs --another. The import is audited; the CAF says which partner wrote it.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The partner's assessment: a signpost-caf/1 JSON file.")
    var file: String

    @Option(help: ArgumentHelp("The child's family, when the match is not certain.", valueName: "family-id"))
    var family: String?

    @Option(help: ArgumentHelp("The child (with --family).", valueName: "person-id"))
    var person: String?

    @Flag(help: "Add the child, their parents and carers and the other people named as a new family.")
    var newFamily = false

    @Option(help: ArgumentHelp("The new family's locality (with --new-family).", valueName: "locality"))
    var locality: String?

    @Flag(help: "Import even though a CAF for the child is already open.")
    var another = false

    @Flag(help: "Print the review and save nothing.")
    var dryRun = false

    func validate() throws {
        if (family == nil) != (person == nil) { throw ValidationError("give --family and --person together") }
        if newFamily && family != nil { throw ValidationError("--new-family adds a family: leave out --family") }
        if newFamily && locality == nil {
            throw ValidationError(
                "--new-family needs --locality (\(Locality.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let locality, Locality(rawValue: locality) == nil {
            throw ValidationError(
                "--locality must be one of \(Locality.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let data = try InputFile.read(
            file, limit: PartnerAssessmentDocument.sizeLimit, what: "the partner's assessment")
        let store = try storeOptions.openExisting()
        let kind = store.kind
        let context = CaseworkContext(store: store, practitioner: storeOptions.practitioner)
        let importer = ImportPartnerAssessment(context: context)
        let name = (file as NSString).lastPathComponent
        let review = try StoreOpening.run { try importer.review(data, file: name) }
        // Who the child may be is case data: reading it is audited like a match.
        try storeOptions.recordRead(in: store) {
            try $0.recordRead(
                action: "review-partner-assessment",
                summary:
                    "reviewed the partner's assessment \(name): \(review.match.candidates.count) possible match(es)",
                by: storeOptions.practitioner)
        }
        let target = try chosenChild(review, store: store)
        let open = try target.flatMap { id in
            try StoreOpening.run { try store.family(id.family)?.openAssessment(for: id.person) }
        }
        for line in review.summaryLines(openAssessment: open) { Console.print(line) }
        guard review.isImportable else {
            throw CommandFailure.badInput("\(name) was refused; nothing was imported")
        }
        guard !dryRun else {
            Console.print("Dry run: nothing was saved.")
            return
        }
        if open != nil && !another {
            throw CommandFailure.badInput(
                "not imported: the child already has an open CAF; give --another to import a second one")
        }
        let assessmentID: AssessmentID = kind.idNamespace.generate(prefix: "A")
        if newFamily, let locality = locality.flatMap(Locality.init(rawValue:)) {
            let saved = try refusing {
                try importer.saveAsNewFamily(
                    review, familyID: kind.idNamespace.generate(prefix: "F"),
                    childID: kind.idNamespace.generate(prefix: "P"),
                    newPersonID: { kind.idNamespace.generate(prefix: "P") }, locality: locality,
                    assessmentID: assessmentID)
            }
            Console.print(
                "Saved: the \(saved.family.name) family (\(saved.family.id)) was added with "
                    + "\(saved.family.members[0].fullName)'s CAF \(saved.assessment.id) (\(saved.assessment.status)).")
            return
        }
        guard let target else {
            throw CommandFailure.badInput(
                review.match == .none
                    ? "not imported: no one recorded looks like the child; give --new-family --locality L to add them"
                    : "not imported: the match is not certain; choose the child with --family and --person")
        }
        let saved = try refusing {
            try importer.save(review, family: target.family, person: target.person, assessmentID: assessmentID)
        }
        Console.print(
            "Saved: CAF \(saved.id) (\(saved.status)) for \(target.person) in family \(target.family), "
                + "imported from \(saved.importedFrom?.organisation ?? name).")
    }

    /// The child the CAF is for: the one given, or the certain match; nil when neither.
    private func chosenChild(_ review: PartnerAssessmentReview, store: any CaseStore) throws
        -> (family: FamilyID, person: PersonID)?
    {
        if let family, let person { return (FamilyID(family), PersonID(person)) }
        if case .certain(let match) = review.match, !newFamily { return (match.familyID, match.personID) }
        return nil
    }

    private func refusing<Value>(_ work: () throws -> Value) throws -> Value {
        do {
            return try StoreOpening.run(work)
        } catch let refusal as CaseworkRefusal {
            throw CommandFailure.badInput(refusal.description)
        }
    }
}
