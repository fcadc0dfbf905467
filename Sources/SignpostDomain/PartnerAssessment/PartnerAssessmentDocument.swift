import Foundation

/// An early help assessment written by a partner (a school, a health visitor, a GP practice) in the
/// `signpost-caf/1` format, read and checked, ready to be matched to a child and saved as their CAF.
///
/// The format mirrors Signpost's own CAF (``EarlyHelpAssessment``) so that nothing a partner wrote is
/// retyped; `docs/partner-caf-format.md` describes every field for the partner's developer. A document
/// is only made by ``read(_:)``, which lists every problem with its JSON path and makes no document when
/// there is one.
///
/// ```swift
/// let reading = PartnerAssessmentDocument.read(data)
/// if let document = reading.document {
///     let caf = document.assessment(id: "A-9", subject: "P-2", importedOn: today, importedBy: "sam", file: "caf.json")
/// }
/// ```
public struct PartnerAssessmentDocument: Hashable, Sendable {
    /// The format and version the document declares; only ``currentFormat`` is read.
    public static let currentFormat = "signpost-caf/1"
    /// The largest document read: a full CAF with long evidence is about 40 KB.
    public static let sizeLimit = 1 << 20

    /// Who wrote the assessment, where, and when.
    public var writtenBy: PartnerAuthor
    /// The child or unborn baby assessed, with what the matcher needs to find them.
    public var child: PartnerChild
    public var parentsAndCarers: [ParentCarerDetails]
    /// The household's other people, when the partner gave them (used only for a new family).
    public var otherPeople: [PartnerPerson]
    public var status: AssessmentStatus
    public var startedOn: CalendarDate
    public var completedOn: CalendarDate?
    public var peoplePresent: String
    public var whatLedToAssessment: String
    public var currentSituation: String
    public var leadProfessional: Professional?
    public var elements: [AssessmentElement: ElementAssessment]
    public var conclusions: String
    public var actions: [AssessmentAction]
    public var childViews: String?
    public var parentViews: String?
    public var consentToAssess: ConsentToShare?
    public var consentToShare: ConsentToShare
    public var servicesInvolved: [String]
    public var interpreter: PartnerInterpreter
    public var reviews: [AssessmentReview]
}

/// The partner organisation and the professional who wrote the assessment.
public struct PartnerAuthor: Hashable, Codable, Sendable {
    public var organisation: String
    public var author: String
    public var role: String
    public var phone: String
    public var email: String
    public var writtenOn: CalendarDate

    public init(
        organisation: String, author: String, role: String, phone: String = "", email: String = "",
        writtenOn: CalendarDate
    ) {
        self.organisation = organisation
        self.author = author
        self.role = role
        self.phone = phone
        self.email = email
        self.writtenOn = writtenOn
    }

    /// "Dee Okafor, Designated safeguarding lead, Hillside Primary School".
    public var summary: String { [author, role, organisation].filter { !$0.isEmpty }.joined(separator: ", ") }
}

/// The child as the partner knows them: names, dates, address and the identifying details of the CAF.
public struct PartnerChild: Hashable, Sendable {
    public var givenName: String
    public var familyName: String
    public var alsoKnownAs: [String]
    public var gender: Gender
    public var dateOfBirth: CalendarDate?
    public var expectedDeliveryDate: CalendarDate?
    public var ethnicity: Ethnicity?
    public var address: String
    public var postcode: String
    public var phone: String
    /// The partner's own reference (a pupil number, an NHS number).
    public var reference: String
    public var religion: String
    public var immigrationStatus: String
    public var firstLanguage: String
    public var disability: String
    public var specialRequirements: String
    /// The locality, when the partner knows it; only used to start a new family.
    public var locality: Locality?

    /// "Given Family".
    public var fullName: String { [givenName, familyName].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// Another member of the household, as the partner gave them.
public struct PartnerPerson: Hashable, Sendable {
    public var givenName: String
    public var familyName: String
    public var role: PersonRole
    public var dateOfBirth: CalendarDate?
    public var gender: Gender
}

/// Whether an interpreter or signer is needed and arranged, and the parent's first language.
public struct PartnerInterpreter: Hashable, Sendable {
    public var needed: Bool
    public var arranged: Bool?
    public var firstLanguageOfParent: String
}

/// Where an imported assessment came from, kept on the CAF (``EarlyHelpAssessment/importedFrom``) so that
/// it reads as the partner's work and the import can be traced to its file.
public struct PartnerAssessmentSource: Hashable, Codable, Sendable {
    /// The format the document declared ("signpost-caf/1").
    public var format: String
    public var organisation: String
    public var author: String
    public var role: String
    public var writtenOn: CalendarDate
    /// The file's name as it was read (not its folder).
    public var file: String
    public var importedOn: CalendarDate
    public var importedBy: String

    public init(
        format: String, organisation: String, author: String, role: String, writtenOn: CalendarDate, file: String,
        importedOn: CalendarDate, importedBy: String
    ) {
        self.format = format
        self.organisation = organisation
        self.author = author
        self.role = role
        self.writtenOn = writtenOn
        self.file = file
        self.importedOn = importedOn
        self.importedBy = importedBy
    }

    /// "Hillside Primary School (Dee Okafor, Designated safeguarding lead), written 20/11/2026; imported from
    /// caf.json on 26/11/2026 by sam".
    public var summary: String {
        let who = [author, role].filter { !$0.isEmpty }.joined(separator: ", ")
        return "\(organisation)\(who.isEmpty ? "" : " (\(who))"), written \(writtenOn.british); imported from "
            + "\(file) on \(importedOn.british) by \(importedBy)"
    }
}

/// One thing wrong with (or changed in) a partner's document, at its JSON path (`$.child.dateOfBirth`).
public struct PartnerAssessmentProblem: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// What reading a partner's document found: the document when it can be imported, every problem that
/// refuses it, and notes on what was changed or left out (control characters removed, a completed
/// assessment missing required fields saved as a draft).
public struct PartnerAssessmentReading: Sendable {
    /// Nil when there is any problem: nothing is imported from a refused document.
    public var document: PartnerAssessmentDocument?
    public var problems: [PartnerAssessmentProblem]
    public var notes: [PartnerAssessmentProblem]
}
