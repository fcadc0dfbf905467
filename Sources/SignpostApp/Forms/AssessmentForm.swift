import Foundation
import SignpostDomain

/// The assessment (CAF) as a flat list of editable fields, section by section, for the editor.
///
/// The form is recomputed from the assessment each time it changes, because
/// repeating parts (parents and carers, actions, reviews) grow as rows are
/// added. Each field knows how to show its value as text and how to set it from
/// text, so the editor needs no knowledge of the assessment's shape, and each
/// required field is linked to the ``AssessmentField`` that validation names,
/// so "complete" can jump to the first one missing.
struct AssessmentForm {
    let fields: [AssessmentFormField]

    init(_ assessment: EarlyHelpAssessment) {
        var fields: [AssessmentFormField] = []
        fields += AssessmentForm.identifyingFields()
        fields += AssessmentForm.carerFields(count: assessment.parentsAndCarers.count)
        fields += AssessmentForm.backgroundFields()
        for element in AssessmentElement.allCases { fields += AssessmentForm.elementFields(element) }
        fields += AssessmentForm.conclusionFields(actionCount: assessment.actions.count)
        fields += AssessmentForm.consentFields()
        fields += AssessmentForm.reviewFields(count: assessment.reviews.count)
        fields += AssessmentForm.closureFields(isClosed: assessment.closure != nil)
        self.fields = fields
    }

    /// The index of the field where `missing` is filled in: the first still-empty one when
    /// several fields together satisfy it (an action's who, what and when).
    func index(of missing: AssessmentField, in assessment: EarlyHelpAssessment? = nil) -> Int? {
        if let assessment,
            let empty = fields.firstIndex(where: {
                $0.satisfies.contains(missing) && $0.read(assessment).trimmingCharacters(in: .whitespaces).isEmpty
            })
        {
            return empty
        }
        return fields.firstIndex { $0.satisfies.contains(missing) }
    }

    /// The index of the first field in `section`.
    func firstIndex(in section: AssessmentSection) -> Int? { fields.firstIndex { $0.section == section } }
}

/// What kind of input a field takes.
enum AssessmentFieldKind: Equatable {
    case text
    case longText
    case date
    case yesNo
    /// One of a fixed set of options, shown by label and stored by value.
    case choice([(value: String, label: String)])

    static func == (lhs: AssessmentFieldKind, rhs: AssessmentFieldKind) -> Bool {
        switch (lhs, rhs) {
        case (.text, .text), (.longText, .longText), (.date, .date), (.yesNo, .yesNo): return true
        case (.choice(let left), .choice(let right)): return left.map(\.value) == right.map(\.value)
        default: return false
        }
    }
}

/// One field of the form.
struct AssessmentFormField {
    let id: String
    let section: AssessmentSection
    let label: String
    let kind: AssessmentFieldKind
    /// The validation fields this one fills in.
    let satisfies: [AssessmentField]
    let read: (EarlyHelpAssessment) -> String
    let write: (inout EarlyHelpAssessment, String) throws -> Void

    /// The value as shown (a choice's label rather than its stored value).
    func display(_ assessment: EarlyHelpAssessment) -> String {
        let value = read(assessment)
        if case .choice(let options) = kind { return options.first { $0.value == value }?.label ?? value }
        if kind == .yesNo { return value == "yes" ? "Yes" : "No" }
        return value
    }
}

/// Why a typed value was not accepted.
struct AssessmentFieldError: Error, CustomStringConvertible {
    let description: String
}

extension AssessmentForm {
    fileprivate static func text(
        _ id: String, _ section: AssessmentSection, _ label: String, long: Bool = false,
        satisfies: [AssessmentField] = [], _ path: WritableKeyPath<EarlyHelpAssessment, String>
    ) -> AssessmentFormField {
        AssessmentFormField(
            id: id, section: section, label: label, kind: long ? .longText : .text, satisfies: satisfies,
            read: { $0[keyPath: path] }, write: { $0[keyPath: path] = $1 })
    }

    fileprivate static func date(
        _ id: String, _ section: AssessmentSection, _ label: String, satisfies: [AssessmentField] = [],
        _ path: WritableKeyPath<EarlyHelpAssessment, CalendarDate?>
    ) -> AssessmentFormField {
        AssessmentFormField(
            id: id, section: section, label: label, kind: .date, satisfies: satisfies,
            read: { $0[keyPath: path]?.british ?? "" },
            write: { assessment, text in
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty {
                    assessment[keyPath: path] = nil
                } else {
                    do {
                        assessment[keyPath: path] = try CalendarDate(parsing: trimmed)
                    } catch let error as CalendarDateError {
                        throw AssessmentFieldError(description: error.description)
                    }
                }
            })
    }

    fileprivate static func choice<Value: RawRepresentable & CaseIterable>(
        _ id: String, _ section: AssessmentSection, _ label: String, labels: (Value) -> String,
        satisfies: [AssessmentField] = [], allowNone: Bool = false, _ path: WritableKeyPath<EarlyHelpAssessment, Value?>
    ) -> AssessmentFormField where Value.RawValue == String {
        let options =
            (allowNone ? [(value: "", label: "Not recorded")] : [])
            + Value.allCases.map { (value: $0.rawValue, label: labels($0)) }
        return AssessmentFormField(
            id: id, section: section, label: label, kind: .choice(options), satisfies: satisfies,
            read: { $0[keyPath: path]?.rawValue ?? "" },
            write: { $0[keyPath: path] = Value(rawValue: $1) })
    }

    fileprivate static func yesNo(
        _ id: String, _ section: AssessmentSection, _ label: String, _ path: WritableKeyPath<EarlyHelpAssessment, Bool>
    ) -> AssessmentFormField {
        AssessmentFormField(
            id: id, section: section, label: label, kind: .yesNo, satisfies: [],
            read: { $0[keyPath: path] ? "yes" : "no" }, write: { $0[keyPath: path] = $1 == "yes" })
    }

    static func identifyingFields() -> [AssessmentFormField] {
        let section = AssessmentSection.identifying
        return [
            text("given-name", section, "First name", satisfies: [.givenName], \.identifying.givenName),
            text("family-name", section, "Family name", satisfies: [.familyName], \.identifying.familyName),
            text("aka", section, "Also known as", \.identifying.alsoKnownAs),
            AssessmentFormField(
                id: "gender", section: section, label: "Gender",
                kind: .choice(Gender.allCases.map { (value: $0.rawValue, label: $0.label) }), satisfies: [],
                read: { $0.identifying.gender.rawValue },
                write: { $0.identifying.gender = Gender(rawValue: $1) ?? .notKnown }),
            date(
                "dob", section, "Date of birth", satisfies: [.dateOfBirthOrExpectedDelivery], \.identifying.dateOfBirth),
            date(
                "edd", section, "Expected date of delivery (unborn baby)", satisfies: [.dateOfBirthOrExpectedDelivery],
                \.identifying.expectedDeliveryDate),
            text("address", section, "Address", satisfies: [.address], \.identifying.address),
            text("postcode", section, "Postcode", satisfies: [.postcode], \.identifying.postcode),
            text("phone", section, "Phone", \.identifying.phone),
            text("reference", section, "Reference", \.identifying.reference),
            text("religion", section, "Religion", \.identifying.religion),
            choice(
                "ethnicity", section, "Ethnicity", labels: { (value: Ethnicity) in value.label }, allowNone: true,
                \.identifying.ethnicity),
            text("immigration", section, "Immigration status", \.identifying.immigrationStatus),
            text(
                "language-child", section, "First language of child", satisfies: [.firstLanguageOfChild],
                \.identifying.firstLanguageOfChild),
            text("language-parent", section, "First language of parent", \.identifying.firstLanguageOfParent),
            text("disability", section, "Disability", \.identifying.disability),
            yesNo("interpreter", section, "Interpreter or signer needed", \.identifying.interpreterOrSignerNeeded),
            yesNo("interpreter-arranged", section, "Interpreter arranged?", \.identifying.interpreterArrangedAnswer),
            text("special-requirements", section, "Special requirements", \.identifying.specialRequirements),
        ]
    }

    static func carerFields(count: Int) -> [AssessmentFormField] {
        let section = AssessmentSection.parentsAndCarers
        var fields: [AssessmentFormField] = []
        for index in 0..<count {
            let number = index + 1
            fields += [
                text(
                    "carer-\(number)-name", section, "Parent/carer \(number): name", satisfies: [.parentsAndCarers],
                    \.parentsAndCarers[index].name),
                text(
                    "carer-\(number)-relationship", section, "Parent/carer \(number): relationship",
                    satisfies: [.parentsAndCarers], \.parentsAndCarers[index].relationship),
                text(
                    "carer-\(number)-address", section, "Parent/carer \(number): address",
                    \.parentsAndCarers[index].address),
                text(
                    "carer-\(number)-phone", section, "Parent/carer \(number): phone", \.parentsAndCarers[index].phone),
                yesNo(
                    "carer-\(number)-pr", section, "Parent/carer \(number): parental responsibility",
                    \.parentsAndCarers[index].hasParentalResponsibility),
            ]
        }
        return fields
    }

    static func backgroundFields() -> [AssessmentFormField] {
        [
            text("people-present", .background, "People present", long: true, \.peoplePresent),
            text(
                "what-led", .background, "What led to this assessment", long: true, satisfies: [.whatLedToAssessment],
                \.whatLedToAssessment),
            text(
                "situation", .background, "Current family and home situation", long: true,
                satisfies: [.currentSituation], \.currentSituation),
            AssessmentFormField(
                id: "services-involved", section: .background,
                label: "Services involved, commas between", kind: .text, satisfies: [],
                read: { $0.services.joined(separator: ", ") },
                write: { assessment, text in assessment.services = text.split(separator: ",").map(String.init) }),
            text("child-views", .background, "The child's views", long: true, \.childViewsText),
            text("parent-views", .background, "The parent's or carer's views", long: true, \.parentViewsText),
            text("assessor-name", .assessor, "Assessor: name", satisfies: [.assessorName], \.assessor.name),
            text("assessor-role", .assessor, "Assessor: role", satisfies: [.assessorRole], \.assessor.role),
            text(
                "assessor-organisation", .assessor, "Assessor: organisation", satisfies: [.assessorOrganisation],
                \.assessor.organisation),
            text("assessor-phone", .assessor, "Assessor: phone", \.assessor.phone),
            text("assessor-email", .assessor, "Assessor: e-mail", \.assessor.email),
            AssessmentFormField(
                id: "lead-professional", section: .assessor, label: "Lead professional (name, role, organisation)",
                kind: .text, satisfies: [],
                read: { assessment in
                    guard let lead = assessment.leadProfessional else { return "" }
                    return [lead.name, lead.role, lead.organisation].joined(separator: ", ")
                },
                write: { assessment, text in
                    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                        .map { $0.trimmingCharacters(in: .whitespaces) }
                    guard let name = parts.first, !name.isEmpty else {
                        assessment.leadProfessional = nil
                        return
                    }
                    assessment.leadProfessional = Professional(
                        name: name, role: parts.count > 1 ? parts[1] : "",
                        organisation: parts.count > 2 ? parts[2...].joined(separator: ", ") : "")
                }),
        ]
    }

    static func elementFields(_ element: AssessmentElement) -> [AssessmentFormField] {
        let section = AssessmentField.element(element).section
        return [
            AssessmentFormField(
                id: "\(element.rawValue)-rating", section: section, label: "\(element.title): rating",
                kind: .choice(
                    [(value: "", label: "Not yet rated")]
                        + ElementRating.allCases.map { (value: $0.rawValue, label: $0.label) }),
                satisfies: [.element(element)],
                read: { $0.elements[element]?.rating.rawValue ?? "" },
                write: { assessment, value in
                    guard let rating = ElementRating(rawValue: value) else {
                        if assessment.elements[element]?.evidence.isEmpty ?? true {
                            assessment.elements[element] = nil
                        }
                        return
                    }
                    assessment.elements[element, default: ElementAssessment()].rating = rating
                }),
            AssessmentFormField(
                id: "\(element.rawValue)-evidence", section: section, label: "\(element.title): evidence",
                kind: .longText, satisfies: [.elementEvidence(element)],
                read: { $0.elements[element]?.evidence ?? "" },
                write: { assessment, text in
                    if assessment.elements[element] == nil {
                        // Evidence alone does not rate the element: it stays "not yet rated" until chosen.
                        guard !text.isEmpty else { return }
                        assessment.elements[element] = ElementAssessment(rating: .notAssessed, evidence: text)
                    } else {
                        assessment.elements[element]!.evidence = text
                    }
                }),
        ]
    }

    static func conclusionFields(actionCount: Int) -> [AssessmentFormField] {
        var fields = [
            text(
                "conclusions", .conclusions, "Conclusions and solutions", long: true, satisfies: [.conclusions],
                \.conclusions)
        ]
        for index in 0..<actionCount {
            let number = index + 1
            fields += [
                text(
                    "action-\(number)-who", .conclusions, "Action \(number): who",
                    satisfies: [.action(index: index), .actions],
                    \.actions[index].who),
                text(
                    "action-\(number)-what", .conclusions, "Action \(number): what", long: true,
                    satisfies: [.action(index: index)], \.actions[index].what),
                date(
                    "action-\(number)-by", .conclusions, "Action \(number): by when",
                    satisfies: [.action(index: index)],
                    \.actions[index].byWhen),
                yesNo("action-\(number)-done", .conclusions, "Action \(number): done", \.actions[index].isDone),
            ]
        }
        return fields
    }

    static func consentFields() -> [AssessmentFormField] {
        [
            AssessmentFormField(
                id: "assess-consent", section: .consent, label: "Consent to assess",
                kind: .choice(
                    [ConsentStatus.notAsked, .given, .refused].map { (value: $0.rawValue, label: $0.label) }),
                satisfies: [],
                read: { $0.assessConsent.decision.rawValue },
                write: { $0.assessConsent.decision = ConsentStatus(rawValue: $1) ?? .notAsked }),
            text("assess-consent-by", .consent, "Consent to assess given by", \.assessConsent.givenBy),
            date("assess-consent-date", .consent, "Date consent to assess given", \.assessConsent.givenOn),
            AssessmentFormField(
                id: "assess-consent-agencies", section: .consent,
                label: "Assess: agencies, commas between", kind: .text, satisfies: [],
                read: { ($0.assessConsent.agencies ?? []).joined(separator: ", ") },
                write: { assessment, text in assessment.assessConsent.agencies = Self.agencyList(text) }),
            AssessmentFormField(
                id: "consent", section: .consent, label: "Consent to share",
                kind: .choice(
                    [ConsentStatus.notAsked, .given, .refused].map { (value: $0.rawValue, label: $0.label) }),
                satisfies: [.consentToShare],
                read: { $0.consentToShare.decision.rawValue },
                write: { $0.consentToShare.decision = ConsentStatus(rawValue: $1) ?? .notAsked }),
            text("consent-by", .consent, "Consent given by", satisfies: [.consentGivenBy], \.consentToShare.givenBy),
            date("consent-date", .consent, "Date consent given", satisfies: [.consentDate], \.consentToShare.givenOn),
            AssessmentFormField(
                id: "consent-agencies", section: .consent, label: "Share with: agencies, commas between",
                kind: .text, satisfies: [],
                read: { ($0.consentToShare.agencies ?? []).joined(separator: ", ") },
                write: { assessment, text in assessment.consentToShare.agencies = Self.agencyList(text) }),
        ]
    }

    /// Agencies typed with commas between; nil when none.
    static func agencyList(_ text: String) -> [String]? {
        let agencies = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        return agencies.isEmpty ? nil : agencies
    }

    static func reviewFields(count: Int) -> [AssessmentFormField] {
        var fields: [AssessmentFormField] = []
        for index in 0..<count {
            let number = index + 1
            fields += [
                AssessmentFormField(
                    id: "review-\(number)-due", section: .review, label: "Review \(number): due",
                    kind: .date, satisfies: [.reviewDate],
                    read: { $0.reviews[index].dueOn.british },
                    write: { assessment, text in
                        do {
                            assessment.reviews[index].dueOn = try CalendarDate(parsing: text)
                        } catch let error as CalendarDateError {
                            throw AssessmentFieldError(description: error.description)
                        }
                    }),
                date("review-\(number)-held", .review, "Review \(number): held on", \.reviews[index].heldOn),
                text("review-\(number)-notes", .review, "Review \(number): notes", long: true, \.reviews[index].notes),
            ]
        }
        return fields
    }

    static func closureFields(isClosed: Bool) -> [AssessmentFormField] {
        var fields = [
            AssessmentFormField(
                id: "closure-reason", section: .review, label: "Closure: reason",
                kind: .choice(
                    [(value: "", label: "Open (not closed)")]
                        + ClosureReason.allCases.map { (value: $0.rawValue, label: $0.label) }),
                satisfies: [.closure],
                read: { $0.closure?.reason.rawValue ?? "" },
                write: { assessment, value in
                    guard let reason = ClosureReason(rawValue: value) else {
                        assessment.closure = nil
                        return
                    }
                    // Closing takes the last known date of work until the practitioner sets the real one.
                    let date =
                        assessment.closure?.closedOn ?? assessment.reviews.compactMap(\.heldOn).max()
                        ?? assessment.completedOn ?? assessment.startedOn
                    assessment.closure = AssessmentClosure(
                        closedOn: date, reason: reason, notes: assessment.closure?.notes ?? "")
                })
        ]
        if isClosed {
            fields += [
                AssessmentFormField(
                    id: "closure-date", section: .review, label: "Closure: date", kind: .date, satisfies: [.closure],
                    read: { $0.closure?.closedOn.british ?? "" },
                    write: { assessment, text in
                        do {
                            assessment.closure?.closedOn = try CalendarDate(parsing: text)
                        } catch let error as CalendarDateError {
                            throw AssessmentFieldError(description: error.description)
                        }
                    }),
                AssessmentFormField(
                    id: "closure-notes", section: .review, label: "Closure: notes", kind: .longText, satisfies: [],
                    read: { $0.closure?.notes ?? "" }, write: { $0.closure?.notes = $1 }),
            ]
        }
        return fields
    }
}

extension EarlyHelpAssessment {
    /// The child's views as the form edits them: empty when not recorded.
    var childViewsText: String {
        get { childViews ?? "" }
        set { childViews = newValue.isEmpty ? nil : newValue }
    }

    /// The parent's or carer's views as the form edits them: empty when not recorded.
    var parentViewsText: String {
        get { parentViews ?? "" }
        set { parentViews = newValue.isEmpty ? nil : newValue }
    }
}

extension IdentifyingDetails {
    /// "Interpreter arranged?" as the form's yes/no: no until answered yes.
    var interpreterArrangedAnswer: Bool {
        get { interpreterArranged ?? false }
        set { interpreterArranged = newValue }
    }
}

extension EarlyHelpAssessment {
    /// Consent to assess as the form edits it: not asked until something is recorded.
    var assessConsent: ConsentToShare {
        get { consentToAssess ?? ConsentToShare() }
        set { consentToAssess = newValue == ConsentToShare() ? nil : newValue }
    }
}
