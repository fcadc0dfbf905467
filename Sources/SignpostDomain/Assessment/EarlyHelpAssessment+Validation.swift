/// A field of the assessment form, so that validation can say exactly what is missing and the editor can jump there.
public enum AssessmentField: Hashable, Sendable, CustomStringConvertible {
    case givenName
    case familyName
    case dateOfBirthOrExpectedDelivery
    case address
    case postcode
    case firstLanguageOfChild
    case parentsAndCarers
    case whatLedToAssessment
    case currentSituation
    case assessorName
    case assessorRole
    case assessorOrganisation
    case element(AssessmentElement)
    case elementEvidence(AssessmentElement)
    case conclusions
    case actions
    case action(index: Int)
    case consentToShare
    case consentGivenBy
    case consentDate
    case reviewDate
    case closure

    /// The form section the field is in (1-based, as the form numbers them).
    public var section: AssessmentSection {
        switch self {
        case .givenName, .familyName, .dateOfBirthOrExpectedDelivery, .address, .postcode, .firstLanguageOfChild:
            return .identifying
        case .parentsAndCarers: return .parentsAndCarers
        case .whatLedToAssessment, .currentSituation: return .background
        case .assessorName, .assessorRole, .assessorOrganisation: return .assessor
        case .element(let element), .elementEvidence(let element):
            switch element.domain {
            case .development: return .development
            case .parentsAndCarers: return .parenting
            case .familyAndEnvironment: return .familyAndEnvironment
            }
        case .conclusions, .actions, .action: return .conclusions
        case .consentToShare, .consentGivenBy, .consentDate: return .consent
        case .reviewDate, .closure: return .review
        }
    }

    /// "Identifying details: date of birth or expected date of delivery".
    public var label: String {
        let field: String
        switch self {
        case .givenName: field = "first name"
        case .familyName: field = "family name"
        case .dateOfBirthOrExpectedDelivery: field = "date of birth or expected date of delivery"
        case .address: field = "address"
        case .postcode: field = "postcode"
        case .firstLanguageOfChild: field = "first language of the child"
        case .parentsAndCarers: field = "at least one parent or carer with name and relationship"
        case .whatLedToAssessment: field = "what led to this assessment"
        case .currentSituation: field = "current family and home situation"
        case .assessorName: field = "assessor's name"
        case .assessorRole: field = "assessor's role"
        case .assessorOrganisation: field = "assessor's organisation"
        case .element(let element): field = "\(element.title): rate as strength, need or not assessed"
        case .elementEvidence(let element): field = "\(element.title): evidence for the rating"
        case .conclusions: field = "conclusions and solutions"
        case .actions: field = "at least one action"
        case .action(let index): field = "action \(index + 1): who, what and by when"
        case .consentToShare: field = "consent to share (given)"
        case .consentGivenBy: field = "who gave consent"
        case .consentDate: field = "date consent was given"
        case .reviewDate: field = "a review date"
        case .closure: field = "closure date and reason"
        }
        return "\(section.title): \(field)"
    }

    public var description: String { label }
}

/// The sections of the assessment form, in order.
public enum AssessmentSection: Int, CaseIterable, Comparable, Sendable {
    case identifying = 1
    case parentsAndCarers
    case background
    case assessor
    case development
    case parenting
    case familyAndEnvironment
    case conclusions
    case consent
    case review

    public var title: String {
        switch self {
        case .identifying: return "Identifying details"
        case .parentsAndCarers: return "Parents and carers"
        case .background: return "Background"
        case .assessor: return "Assessor and lead professional"
        case .development: return AssessmentDomain.development.title
        case .parenting: return AssessmentDomain.parentsAndCarers.title
        case .familyAndEnvironment: return AssessmentDomain.familyAndEnvironment.title
        case .conclusions: return "Conclusions, solutions and actions"
        case .consent: return "Consent to share"
        case .review: return "Review and closure"
        }
    }

    public static func < (lhs: AssessmentSection, rhs: AssessmentSection) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Why an assessment could not move to a new status.
public enum AssessmentTransitionError: Error, Equatable, CustomStringConvertible {
    /// Required fields are missing, listed in form order.
    case incomplete([AssessmentField])
    /// The move is not allowed from the current status.
    case notAllowed(from: AssessmentStatus, to: AssessmentStatus)

    public var description: String {
        switch self {
        case .incomplete(let fields):
            let first = fields.first.map { "; first: \($0.label)" } ?? ""
            return "\(fields.count) required field\(fields.count == 1 ? " is" : "s are") missing\(first)"
        case .notAllowed(let from, let to):
            return "a \(from.label.lowercased()) assessment cannot be marked \(to.label.lowercased())"
        }
    }
}

extension EarlyHelpAssessment {
    /// Every required field not yet filled, in the order the form shows them.
    ///
    /// An element rated as a strength or a need must say why (evidence);
    /// "not assessed" is an answer and needs none.
    public func missingRequiredFields() -> [AssessmentField] {
        var missing: [AssessmentField] = []
        func require(_ text: String, _ field: AssessmentField) {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { missing.append(field) }
        }
        require(identifying.givenName, .givenName)
        require(identifying.familyName, .familyName)
        if identifying.dateOfBirth == nil && identifying.expectedDeliveryDate == nil {
            missing.append(.dateOfBirthOrExpectedDelivery)
        }
        require(identifying.address, .address)
        require(identifying.postcode, .postcode)
        // An unborn baby has no language yet: the parent's is what the family needs to be understood in.
        let unborn = identifying.dateOfBirth == nil && identifying.expectedDeliveryDate != nil
        if !unborn { require(identifying.firstLanguageOfChild, .firstLanguageOfChild) }
        if !parentsAndCarers.contains(where: { !$0.name.isBlank && !$0.relationship.isBlank }) {
            missing.append(.parentsAndCarers)
        }
        require(whatLedToAssessment, .whatLedToAssessment)
        require(currentSituation, .currentSituation)
        require(assessor.name, .assessorName)
        require(assessor.role, .assessorRole)
        require(assessor.organisation, .assessorOrganisation)
        for element in AssessmentElement.allCases {
            guard let recorded = elements[element] else {
                missing.append(.element(element))
                continue
            }
            if recorded.rating != .notAssessed && recorded.evidence.isBlank {
                missing.append(.elementEvidence(element))
            }
        }
        require(conclusions, .conclusions)
        if actions.isEmpty { missing.append(.actions) }
        for (index, action) in actions.enumerated()
        where action.who.isBlank || action.what.isBlank || action.byWhen == nil {
            missing.append(.action(index: index))
        }
        if consentToShare.decision != .given {
            missing.append(.consentToShare)
        } else {
            require(consentToShare.givenBy, .consentGivenBy)
            if consentToShare.givenOn == nil { missing.append(.consentDate) }
        }
        if reviews.isEmpty { missing.append(.reviewDate) }
        return missing
    }

    /// Marks a draft complete on `date`.
    ///
    /// - Throws: ``AssessmentTransitionError/incomplete(_:)`` listing every missing field.
    public mutating func complete(on date: CalendarDate) throws {
        guard status == .draft else { throw AssessmentTransitionError.notAllowed(from: status, to: .complete) }
        let missing = missingRequiredFields()
        guard missing.isEmpty else { throw AssessmentTransitionError.incomplete(missing) }
        status = .complete
        completedOn = date
    }

    /// Records a review held on `date` and, when given, books the next one.
    ///
    /// - Throws: ``AssessmentTransitionError/notAllowed(from:to:)`` for a draft or closed assessment.
    public mutating func recordReview(heldOn date: CalendarDate, notes: String, nextDue: CalendarDate?) throws {
        guard status == .complete || status == .reviewed else {
            throw AssessmentTransitionError.notAllowed(from: status, to: .reviewed)
        }
        if let index = reviews.firstIndex(where: { $0.heldOn == nil }) {
            reviews[index].heldOn = date
            reviews[index].notes = notes
        } else {
            reviews.append(AssessmentReview(dueOn: date, heldOn: date, notes: notes))
        }
        if let nextDue { reviews.append(AssessmentReview(dueOn: nextDue)) }
        status = .reviewed
    }

    /// Closes the assessment with a reason. A draft can be closed too (the family may disengage before it is done).
    ///
    /// - Throws: ``AssessmentTransitionError/notAllowed(from:to:)`` if it is already closed.
    public mutating func close(on date: CalendarDate, reason: ClosureReason, notes: String = "") throws {
        guard status != .closed else { throw AssessmentTransitionError.notAllowed(from: status, to: .closed) }
        closure = AssessmentClosure(closedOn: date, reason: reason, notes: notes)
        status = .closed
    }

    /// A new draft for `person`, with the identifying details and parents filled from the family record.
    public static func draft(
        id: AssessmentID, for person: Person, in family: Family, startedOn: CalendarDate
    ) -> EarlyHelpAssessment {
        var identifying = IdentifyingDetails()
        identifying.givenName = person.givenName
        identifying.familyName = person.familyName
        identifying.alsoKnownAs = person.alsoKnownAs.joined(separator: ", ")
        identifying.gender = person.gender
        identifying.dateOfBirth = person.dateOfBirth
        identifying.expectedDeliveryDate = person.expectedDeliveryDate
        identifying.address = family.address.lines.joined(separator: ", ")
        identifying.postcode = family.address.postcode
        identifying.ethnicity = person.ethnicity
        identifying.firstLanguageOfChild = person.firstLanguage
        identifying.interpreterOrSignerNeeded = family.interpreterNeeded
        identifying.disability = person.needs.details
        let carers = family.relationships(of: person.id).compactMap { relation -> (Person, RelationshipKind)? in
            guard [.child, .stepChild, .grandchild].contains(relation.kind),
                let carer = family.member(relation.other), carer.role.isAdult
            else { return nil }
            return (carer, relation.kind)
        }
        let carerDetails = carers.map { carer, childKind in
            // Recorded from the carer's side the kind is exact ("foster carer"); recorded from the
            // child's side ("step-child of"), its inverse names the carer ("step-parent").
            let stated = family.relationships.first { $0.from == carer.id && $0.to == person.id }
            return ParentCarerDetails(
                name: carer.fullName, relationship: (stated?.kind ?? childKind.inverse).label,
                address: family.address.singleLine, phone: carer.phone,
                hasParentalResponsibility: carer.hasParentalResponsibility)
        }
        identifying.firstLanguageOfParent = carers.first?.0.firstLanguage ?? ""
        // Consent to share comes from the family's consent records, the same ones the contact and navigator write.
        let consent = family.consentToShare(on: startedOn).map {
            ConsentToShare(decision: .given, givenBy: $0.givenBy, givenOn: $0.givenOn)
        }
        return EarlyHelpAssessment(
            id: id, subject: person.id, startedOn: startedOn, identifying: identifying, parentsAndCarers: carerDetails,
            leadProfessional: family.leadProfessional, consentToShare: consent ?? ConsentToShare())
    }
}

extension String {
    /// Empty or only white space.
    var isBlank: Bool { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}

extension EarlyHelpAssessment {
    /// Brings the status in line with what the form records, after a field is edited directly.
    ///
    /// A closure makes the assessment closed; taking the closure away reopens it
    /// as it was. A complete assessment with a review held becomes reviewed. A
    /// draft only becomes complete through ``complete(on:)``, which checks every
    /// required field.
    public mutating func settleStatus() {
        let hasHeldReview = reviews.contains { $0.heldOn != nil }
        if closure != nil {
            status = .closed
        } else if status == .closed {
            status = completedOn == nil ? .draft : (hasHeldReview ? .reviewed : .complete)
        } else if status == .complete && hasHeldReview {
            status = .reviewed
        }
    }
}
