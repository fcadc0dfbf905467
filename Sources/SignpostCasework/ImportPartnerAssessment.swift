import Foundation
import SignpostDomain
import SignpostStore

/// Importing a partner's early help assessment (`signpost-caf/1`): read it, find the child with the matcher,
/// and, once a practitioner has reviewed it, save it as that child's CAF.
///
/// The child is never attached silently to someone uncertain. The matcher's duplicate check
/// (``SignpostStore/CaseStore/possibleDuplicates(of:postcode:limit:)``) names the people who may be the child;
/// the match is *certain* only when exactly one of them agrees on first name, surname and the whole date of
/// birth, and the postcode does not differ. Several, or one less sure, are for the reviewer to choose
/// from; none is offered as a new family.
///
/// ```swift
/// let importer = ImportPartnerAssessment(context: context)
/// let review = try importer.review(data, file: "caf.json")
/// if case .certain(let match) = review.match {
///     try importer.save(review, family: match.familyID, person: match.personID, assessmentID: "A-9")
/// }
/// ```
public struct ImportPartnerAssessment: Sendable {
    public let context: CaseworkContext

    public init(context: CaseworkContext) {
        self.context = context
    }

    /// Reads `data` (named `file`, as shown and kept on the CAF) and, when it can be imported, finds the child.
    ///
    /// - Throws: the store's error when the matcher cannot be asked; nothing is saved by a review.
    public func review(_ data: Data, file: String) throws -> PartnerAssessmentReview {
        let reading = PartnerAssessmentDocument.read(data)
        guard let document = reading.document else {
            return PartnerAssessmentReview(file: file, reading: reading, match: .none)
        }
        return PartnerAssessmentReview(file: file, reading: reading, match: try match(document))
    }

    /// Who in the store the document's child may be.
    public func match(_ document: PartnerAssessmentDocument) throws -> PartnerChildMatch {
        let child = document.childPerson(id: "partner-caf-child")
        let candidates = try context.store.possibleDuplicates(
            of: child, postcode: document.child.postcode.isEmpty ? nil : document.child.postcode, limit: 10)
        guard !candidates.isEmpty else { return .none }
        if candidates.count == 1, let only = candidates.first,
            Self.isCertain(only.reasons, hasDateOfBirth: child.dateOfBirth != nil)
        {
            return .certain(only)
        }
        return .choose(candidates)
    }

    /// The same first name and surname (or a name the child is also known by), the whole date of birth, and no
    /// other postcode: enough to attach an assessment without asking.
    static func isCertain(_ reasons: [MatchReason], hasDateOfBirth: Bool) -> Bool {
        guard hasDateOfBirth, reasons.contains(.dateOfBirth([.day, .month, .year])),
            !reasons.contains(.postcodeDiffers), !reasons.contains(.dateOfBirthDiffers)
        else { return false }
        var firstName = false
        var surname = false
        for case .name(let field, let agreement) in reasons where agreement <= .withoutAccents {
            switch field {
            case .firstName: firstName = true
            case .surname, .alsoKnownAs: surname = true
            case .familyName: break
            }
        }
        return firstName && surname
    }

    /// Saves the reviewed document as a CAF of `person` in `family`, with any consent it records, in one change.
    ///
    /// - Returns: the CAF saved.
    /// - Throws: ``CaseworkRefusal`` for a refused document, an unknown family or person, or an adult (a CAF
    ///   is for a child or unborn baby); the store's error. Nothing is saved when it throws.
    @discardableResult
    public func save(
        _ review: PartnerAssessmentReview, family familyID: FamilyID, person personID: PersonID,
        assessmentID: AssessmentID
    ) throws -> EarlyHelpAssessment {
        let document = try importable(review)
        guard let family = try context.store.family(familyID) else {
            throw CaseworkRefusal("no family \(familyID) in this store; nothing was imported")
        }
        guard let person = family.member(personID) else {
            throw CaseworkRefusal(
                "\(personID) is not a member of the \(family.name) family (\(familyID)); nothing was imported")
        }
        guard !person.role.isAdult else {
            throw CaseworkRefusal(
                "\(person.fullName) is an adult: a CAF is for a child or an unborn baby; nothing was imported")
        }
        let assessment = document.assessment(
            id: assessmentID, subject: person.id, source: source(of: review, document: document))
        try SaveAssessment(family: family, context: context).run(assessment, previous: nil)
        return assessment
    }

    /// Saves the reviewed document as a new family (the child, parents, carers and other people it names) with
    /// the child's CAF, after the same check for people already recorded that a new family has.
    ///
    /// - Returns: the family and the CAF saved.
    /// - Throws: ``CaseworkRefusal`` naming the people already recorded who may be the child (choose one of
    ///   them instead), or for a refused document; the store's error. Nothing is saved when it throws.
    @discardableResult
    public func saveAsNewFamily(
        _ review: PartnerAssessmentReview, familyID: FamilyID, childID: PersonID,
        newPersonID: () -> PersonID, locality: Locality, assessmentID: AssessmentID
    ) throws -> (family: Family, assessment: EarlyHelpAssessment) {
        let document = try importable(review)
        let family = document.newFamily(
            id: familyID, childID: childID, newPersonID: newPersonID, locality: locality, createdAt: context.clock())
        let recorded = try context.store.possibleDuplicates(
            of: family.members[0], postcode: family.address.postcode, limit: 5)
        guard recorded.isEmpty else {
            let names = recorded.map { "\($0.personName) (\($0.personID), \($0.familyID))" }.joined(separator: "; ")
            throw CaseworkRefusal(
                "\(document.child.fullName) may already be recorded: \(names). Choose the child instead; "
                    + "no new family was added")
        }
        let assessment = document.assessment(
            id: assessmentID, subject: childID, source: source(of: review, document: document))
        let changes =
            [CaseChange.addFamily(family)]
            + SaveAssessment(family: family, context: context).changes(assessment, previous: nil)
        try context.store.apply(changes, by: context.practitioner)
        return (family, assessment)
    }

    private func importable(_ review: PartnerAssessmentReview) throws -> PartnerAssessmentDocument {
        guard let document = review.reading.document else {
            throw CaseworkRefusal(
                "\(review.file) has \(review.reading.problems.count) problem\(review.reading.problems.count == 1 ? "" : "s"); nothing was imported"
            )
        }
        return document
    }

    private func source(of review: PartnerAssessmentReview, document: PartnerAssessmentDocument)
        -> PartnerAssessmentSource
    {
        PartnerAssessmentSource(
            format: PartnerAssessmentDocument.currentFormat, organisation: document.writtenBy.organisation,
            author: document.writtenBy.author, role: document.writtenBy.role, writtenOn: document.writtenBy.writtenOn,
            file: review.file, importedOn: context.today, importedBy: context.practitioner)
    }
}

/// A partner's document as read, with who its child may be: what the review screen and `caf import` show.
public struct PartnerAssessmentReview: Sendable {
    /// The file's name, without its folder.
    public var file: String
    public var reading: PartnerAssessmentReading
    public var match: PartnerChildMatch

    public init(file: String, reading: PartnerAssessmentReading, match: PartnerChildMatch) {
        self.file = file
        self.reading = reading
        self.match = match
    }

    /// True when the document can be imported (it has no problems).
    public var isImportable: Bool { reading.document != nil }
}

/// Who the document's child is in the store.
public enum PartnerChildMatch: Hashable, Sendable {
    /// Exactly one person, agreeing on names and the whole date of birth.
    case certain(PersonMatch)
    /// People who may be the child: the reviewer chooses (or adds a new family).
    case choose([PersonMatch])
    /// No one recorded looks like the child.
    case none

    /// Every person offered, best first.
    public var candidates: [PersonMatch] {
        switch self {
        case .certain(let match): return [match]
        case .choose(let matches): return matches
        case .none: return []
        }
    }
}
