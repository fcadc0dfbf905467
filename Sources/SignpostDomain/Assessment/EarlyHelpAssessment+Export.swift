/// Plain-text and Markdown renderings of an assessment, ready to attach to a secure e-mail.
///
/// Every section of the form appears, empty ones marked "not recorded", so a
/// reader can see what was asked as well as what was answered.
///
/// ```swift
/// let text = caf.exported(as: .markdown, family: family)
/// ```
public enum AssessmentExportFormat: String, CaseIterable, Sendable {
    case plainText = "text"
    case markdown

    public var fileExtension: String { self == .markdown ? "md" : "txt" }
}

extension EarlyHelpAssessment {
    /// The whole form as text in `format`.
    ///
    /// - Parameters:
    ///   - format: plain text or Markdown.
    ///   - family: the family the subject belongs to, for the household's reference.
    public func exported(as format: AssessmentExportFormat, family: Family) -> String {
        var writer = AssessmentWriter(format: format)
        let subjectName = [identifying.givenName, identifying.familyName].filter { !$0.isEmpty }
            .joined(separator: " ")
        writer.title("Early help assessment (CAF): \(subjectName.isEmpty ? subject.rawValue : subjectName)")
        writer.field("Status", status.label)
        writer.field("Reference", "\(id) (family \(family.id))")
        writer.field("Started", startedOn.british)
        writer.field("Completed", completedOn?.british ?? "")
        if let importedFrom { writer.field("Imported from", importedFrom.summary) }

        writer.section(.identifying)
        writer.field("Name", subjectName)
        writer.field("Also known as", identifying.alsoKnownAs)
        writer.field("Gender", identifying.gender.label)
        writer.field("Date of birth", identifying.dateOfBirth?.british ?? "")
        writer.field("Expected date of delivery", identifying.expectedDeliveryDate?.british ?? "")
        writer.field("Address", identifying.address)
        writer.field("Postcode", identifying.postcode)
        writer.field("Phone", identifying.phone)
        writer.field("Reference", identifying.reference)
        writer.field("Religion", identifying.religion)
        writer.field("Ethnicity", identifying.ethnicity?.label ?? "")
        writer.field("Immigration status", identifying.immigrationStatus)
        writer.field("First language of child", identifying.firstLanguageOfChild)
        writer.field("First language of parent", identifying.firstLanguageOfParent)
        writer.field("Disability", identifying.disability)
        writer.field("Interpreter or signer needed", identifying.interpreterOrSignerNeeded ? "Yes" : "No")
        if let arranged = identifying.interpreterArranged {
            writer.field("Interpreter arranged", arranged ? "Yes" : "No")
        }
        writer.field("Special requirements", identifying.specialRequirements)

        writer.section(.parentsAndCarers)
        if parentsAndCarers.isEmpty { writer.paragraph("") }
        for carer in parentsAndCarers {
            let responsibility =
                carer.hasParentalResponsibility ? "has parental responsibility" : "no parental responsibility"
            writer.item(
                "\(carer.name) (\(carer.relationship)); \(responsibility); \(carer.address); \(carer.phone)")
        }

        writer.section(.background)
        writer.field("People present", peoplePresent)
        writer.field("What led to this assessment", whatLedToAssessment)
        writer.field("Current family and home situation", currentSituation)
        writer.field("Services already working with the child", services.joined(separator: "; "))
        writer.field("The child's views", childViews ?? "")
        writer.field("The parent's or carer's views", parentViews ?? "")

        writer.section(.assessor)
        writer.field("Assessor", assessor.summary)
        writer.field(
            "Assessor contact", [assessor.phone, assessor.email].filter { !$0.isEmpty }.joined(separator: ", "))
        writer.field("Lead professional", leadProfessional?.summary ?? "")

        for domain in AssessmentDomain.allCases {
            writer.heading("\(domain.number). \(domain.title)")
            for element in domain.elements {
                let recorded = assessment(of: element)
                writer.field(
                    element.title,
                    "\(recorded.rating.label)\(recorded.evidence.isEmpty ? "" : ": \(recorded.evidence)")")
            }
        }

        writer.section(.conclusions)
        writer.field("Conclusions and solutions", conclusions)
        if actions.isEmpty { writer.field("Actions", "") }
        for (index, action) in actions.enumerated() {
            let done = action.isDone ? " (done)" : ""
            writer.item("\(index + 1). \(action.who): \(action.what), by \(action.byWhen?.british ?? "no date")\(done)")
        }

        writer.section(.consent)
        writer.field("Consent to share", consentToShare.decision.label)
        writer.field("Given by", consentToShare.givenBy)
        writer.field("Date", consentToShare.givenOn?.british ?? "")

        writer.section(.review)
        if reviews.isEmpty { writer.field("Reviews", "") }
        for review in reviews {
            let held = review.heldOn.map { "held \($0.british)" } ?? "not yet held"
            writer.item("Due \(review.dueOn.british), \(held)\(review.notes.isEmpty ? "" : ": \(review.notes)")")
        }
        if let closure {
            writer.field(
                "Closed",
                "\(closure.closedOn.british): \(closure.reason.label)\(closure.notes.isEmpty ? "" : "; \(closure.notes)")"
            )
        }
        return writer.text
    }
}

/// Writes headings, fields and items in one of the two formats.
private struct AssessmentWriter {
    let format: AssessmentExportFormat
    var lines: [String] = []

    var text: String { lines.joined(separator: "\n") + "\n" }

    mutating func title(_ text: String) {
        switch format {
        case .markdown: lines += ["# \(text)", ""]
        case .plainText: lines += [text, String(repeating: "=", count: text.count), ""]
        }
    }

    mutating func section(_ section: AssessmentSection) { heading("\(section.title)") }

    mutating func heading(_ text: String) {
        if lines.last != "" { lines.append("") }
        switch format {
        case .markdown: lines += ["## \(text)", ""]
        case .plainText: lines += [text, String(repeating: "-", count: text.count)]
        }
    }

    mutating func field(_ name: String, _ value: String) {
        let shown = value.isEmpty ? "not recorded" : value
        switch format {
        case .markdown: lines.append("- **\(name):** \(shown)")
        case .plainText: lines.append("\(name): \(shown)")
        }
    }

    mutating func item(_ text: String) {
        switch format {
        case .markdown: lines.append("- \(text)")
        case .plainText: lines.append("  * \(text)")
        }
    }

    mutating func paragraph(_ text: String) { lines.append(text.isEmpty ? "None recorded." : text) }
}
