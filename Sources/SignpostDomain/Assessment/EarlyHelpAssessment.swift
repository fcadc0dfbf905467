import Foundation

/// A Common Assessment Framework (CAF) / early help assessment for one child or unborn baby.
///
/// The CAF is "a request for services, not a referral, and not a risk
/// assessment": voluntary and consent-based. It moves draft → complete →
/// reviewed → closed. It can only be completed when
/// ``missingRequiredFields()`` is empty, and each missing field is named so
/// the editor can jump to it.
///
/// ```swift
/// var caf = EarlyHelpAssessment(id: "A-1", subject: ava.id, startedOn: today)
/// caf.missingRequiredFields().first?.label  // "Identifying details: name"
/// try caf.complete(on: today)                // throws until every field is filled
/// ```
public struct EarlyHelpAssessment: Identifiable, Hashable, Codable, Sendable {
    public var id: AssessmentID
    /// The child or unborn baby assessed.
    public var subject: PersonID
    public var status: AssessmentStatus
    public var startedOn: CalendarDate
    public var completedOn: CalendarDate?

    public var identifying: IdentifyingDetails
    public var parentsAndCarers: [ParentCarerDetails]
    /// Who was present at the assessment.
    public var peoplePresent: String
    public var whatLedToAssessment: String
    public var currentSituation: String
    public var assessor: Professional
    public var leadProfessional: Professional?
    /// Services already working with the child.
    public var servicesInvolved: String
    /// The child's own views, in their words; nil when not recorded (and on assessments made before it was asked).
    public var childViews: String?
    /// The parent's or carer's views; nil when not recorded.
    public var parentViews: String?
    /// Consent to assess, asked apart from consent to share; nil when not recorded on the form.
    public var consentToAssess: ConsentToShare?
    /// The services already working with the child, one entry each; nil on assessments that kept them as free
    /// text (``servicesInvolved``), which ``services`` reads as a list.
    public var servicesList: [String]?
    /// Which version of the child's assessment this is (nil: the first); a completed CAF is changed by a new version.
    public var version: Int?
    /// The completed version this one was made from, kept as it was; nil for a first version.
    public var supersedes: AssessmentID?
    /// Rating and evidence for each element; an absent element is not yet assessed.
    public var elements: [AssessmentElement: ElementAssessment]
    public var conclusions: String
    public var actions: [AssessmentAction]
    public var consentToShare: ConsentToShare
    public var reviews: [AssessmentReview]
    public var closure: AssessmentClosure?
    /// The children in need census factors identified at the end of the assessment; nil until recorded
    /// (see `EarlyHelpAssessment+CINFactors.swift`).
    public var factorsIdentified: [CINFactor]? = nil
    /// The partner and file an imported assessment came from; nil for one written in Signpost
    /// (see `PartnerAssessmentDocument`).
    public var importedFrom: PartnerAssessmentSource? = nil

    public init(
        id: AssessmentID,
        subject: PersonID,
        status: AssessmentStatus = .draft,
        startedOn: CalendarDate,
        completedOn: CalendarDate? = nil,
        identifying: IdentifyingDetails = IdentifyingDetails(),
        parentsAndCarers: [ParentCarerDetails] = [],
        peoplePresent: String = "",
        whatLedToAssessment: String = "",
        currentSituation: String = "",
        assessor: Professional = Professional(name: "", role: "", organisation: ""),
        leadProfessional: Professional? = nil,
        servicesInvolved: String = "",
        elements: [AssessmentElement: ElementAssessment] = [:],
        conclusions: String = "",
        actions: [AssessmentAction] = [],
        consentToShare: ConsentToShare = ConsentToShare(),
        reviews: [AssessmentReview] = [],
        closure: AssessmentClosure? = nil
    ) {
        self.id = id
        self.subject = subject
        self.status = status
        self.startedOn = startedOn
        self.completedOn = completedOn
        self.identifying = identifying
        self.parentsAndCarers = parentsAndCarers
        self.peoplePresent = peoplePresent
        self.whatLedToAssessment = whatLedToAssessment
        self.currentSituation = currentSituation
        self.assessor = assessor
        self.leadProfessional = leadProfessional
        self.servicesInvolved = servicesInvolved
        self.elements = elements
        self.conclusions = conclusions
        self.actions = actions
        self.consentToShare = consentToShare
        self.reviews = reviews
        self.closure = closure
    }

    /// The rating and evidence for `element` (not assessed when nothing is recorded).
    public func assessment(of element: AssessmentElement) -> ElementAssessment {
        elements[element] ?? ElementAssessment()
    }

    /// The next review not yet held, if any.
    public var nextReview: AssessmentReview? {
        reviews.filter { $0.heldOn == nil }.min { $0.dueOn < $1.dueOn }
    }
}

/// Where an assessment is in its life.
public enum AssessmentStatus: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case draft
    case complete
    case reviewed
    case closed

    public var label: String { rawValue.capitalized }
    public var description: String { rawValue }
}

/// Section 1: identifying details of the child or unborn baby.
public struct IdentifyingDetails: Hashable, Codable, Sendable {
    public var givenName: String
    public var familyName: String
    public var alsoKnownAs: String
    public var gender: Gender
    public var dateOfBirth: CalendarDate?
    public var expectedDeliveryDate: CalendarDate?
    public var address: String
    public var postcode: String
    public var phone: String
    /// The local reference (case or pupil number).
    public var reference: String
    public var religion: String
    public var ethnicity: Ethnicity?
    public var immigrationStatus: String
    public var firstLanguageOfChild: String
    public var firstLanguageOfParent: String
    public var disability: String
    public var interpreterOrSignerNeeded: Bool
    /// Whether the interpreter or signer is arranged; nil when not answered.
    public var interpreterArranged: Bool?
    public var specialRequirements: String

    public init(
        givenName: String = "", familyName: String = "", alsoKnownAs: String = "", gender: Gender = .notKnown,
        dateOfBirth: CalendarDate? = nil, expectedDeliveryDate: CalendarDate? = nil, address: String = "",
        postcode: String = "", phone: String = "", reference: String = "", religion: String = "",
        ethnicity: Ethnicity? = nil, immigrationStatus: String = "", firstLanguageOfChild: String = "",
        firstLanguageOfParent: String = "", disability: String = "", interpreterOrSignerNeeded: Bool = false,
        specialRequirements: String = ""
    ) {
        self.givenName = givenName
        self.familyName = familyName
        self.alsoKnownAs = alsoKnownAs
        self.gender = gender
        self.dateOfBirth = dateOfBirth
        self.expectedDeliveryDate = expectedDeliveryDate
        self.address = address
        self.postcode = postcode
        self.phone = phone
        self.reference = reference
        self.religion = religion
        self.ethnicity = ethnicity
        self.immigrationStatus = immigrationStatus
        self.firstLanguageOfChild = firstLanguageOfChild
        self.firstLanguageOfParent = firstLanguageOfParent
        self.disability = disability
        self.interpreterOrSignerNeeded = interpreterOrSignerNeeded
        self.specialRequirements = specialRequirements
    }
}

/// Section 2: a parent or carer.
public struct ParentCarerDetails: Hashable, Codable, Sendable {
    public var name: String
    public var relationship: String
    public var address: String
    public var phone: String
    public var hasParentalResponsibility: Bool

    public init(
        name: String, relationship: String, address: String = "", phone: String = "",
        hasParentalResponsibility: Bool = false
    ) {
        self.name = name
        self.relationship = relationship
        self.address = address
        self.phone = phone
        self.hasParentalResponsibility = hasParentalResponsibility
    }
}

/// One agreed action: who does what by when.
public struct AssessmentAction: Hashable, Codable, Sendable {
    public var who: String
    public var what: String
    public var byWhen: CalendarDate?
    public var isDone: Bool

    public init(who: String, what: String, byWhen: CalendarDate?, isDone: Bool = false) {
        self.who = who
        self.what = what
        self.byWhen = byWhen
        self.isDone = isDone
    }
}

/// Consent on the CAF (to share information, or to assess), with the date, who gave it and which agencies it
/// names.
public struct ConsentToShare: Hashable, Codable, Sendable {
    public var decision: ConsentStatus
    public var givenBy: String
    public var givenOn: CalendarDate?
    /// The agencies it names (its scope); nil when none are named.
    public var agencies: [String]?

    public init(
        decision: ConsentStatus = .notAsked, givenBy: String = "", givenOn: CalendarDate? = nil,
        agencies: [String]? = nil
    ) {
        self.decision = decision
        self.givenBy = givenBy
        self.givenOn = givenOn
        self.agencies = agencies
    }
}

/// A review of the plan (locally every 4 to 12 weeks).
public struct AssessmentReview: Hashable, Codable, Sendable {
    public var dueOn: CalendarDate
    public var heldOn: CalendarDate?
    public var notes: String

    public init(dueOn: CalendarDate, heldOn: CalendarDate? = nil, notes: String = "") {
        self.dueOn = dueOn
        self.heldOn = heldOn
        self.notes = notes
    }
}

/// Closure of an assessment and why.
public struct AssessmentClosure: Hashable, Codable, Sendable {
    public var closedOn: CalendarDate
    public var reason: ClosureReason
    public var notes: String

    public init(closedOn: CalendarDate, reason: ClosureReason, notes: String = "") {
        self.closedOn = closedOn
        self.reason = reason
        self.notes = notes
    }
}

extension EarlyHelpAssessment {
    /// The version number, 1 for the first.
    public var versionNumber: Int { version ?? 1 }

    /// Complete, reviewed or closed: what was assessed can no longer be changed in place (its reviews and closure
    /// still can); a change makes a new version (``newVersion(id:startedOn:)``) and this one is kept as it is.
    public var isLocked: Bool { status != .draft }

    /// A new draft version of this completed assessment, holding what it says, to change and complete again.
    ///
    /// ```swift
    /// let v2 = completed.newVersion(id: "A-2", startedOn: today)  // v2.supersedes == completed.id
    /// ```
    public func newVersion(id: AssessmentID, startedOn day: CalendarDate) -> EarlyHelpAssessment {
        var next = self
        next.id = id
        next.status = .draft
        next.startedOn = day
        next.completedOn = nil
        next.closure = nil
        next.reviews = []
        next.version = versionNumber + 1
        next.supersedes = self.id
        return next
    }
}

extension Family {
    /// The assessment that replaced `assessment` with a new version, if one did.
    public func newerVersion(of assessment: AssessmentID) -> EarlyHelpAssessment? {
        assessments.first { $0.supersedes == assessment }
    }

    /// The child's assessment still open: not closed and not replaced by a newer version.
    public func openAssessment(for person: PersonID) -> EarlyHelpAssessment? {
        assessments.last { $0.subject == person && $0.status != .closed && newerVersion(of: $0.id) == nil }
    }
}

extension EarlyHelpAssessment {
    /// The services already working with the child, as a list: the recorded list, or the older free text split
    /// at commas, semicolons and new lines.
    ///
    /// Setting it keeps the free text as the list joined, so an older Signpost still reads it.
    public var services: [String] {
        get {
            servicesList
                ?? servicesInvolved.split(whereSeparator: { ",;\n".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        set {
            let cleaned = newValue.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            servicesList = cleaned
            servicesInvolved = cleaned.joined(separator: ", ")
        }
    }
}
