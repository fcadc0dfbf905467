import Foundation
import SignpostDomain
import SignpostStore

extension RecordDocument {
    /// What is shown in place of another person's name, date of birth or address in a subject access copy.
    public static let thirdParty = "[third party]"

    /// Everything held about one person, for a subject access request, with third parties redacted.
    ///
    /// Their details and level history; their relationships (the other person shown as a third
    /// party); the case notes, contacts and referrals that concern them, the consents they gave, the
    /// assessments (CAF) of them; and who viewed, changed or exported the family's record. Every
    /// other member's names, alias and date of birth are replaced by `[third party]` wherever they
    /// appear, and so are callers' names; the household's address is the person's own and is kept,
    /// previous addresses are not shown. Practitioners appear as they acted, in their professional role.
    ///
    /// ```swift
    /// let document = try RecordDocument(subjectAccessFor: "P-ava", in: family, audit: entries, options: options)
    /// ```
    ///
    /// - Throws: ``RecordExportProblem`` when the person is not a member of the family.
    public init(
        subjectAccessFor personID: PersonID, in family: Family, audit: [AuditEntry], options: RecordExportOptions
    ) throws {
        guard let person = family.member(personID) else {
            throw RecordExportProblem("\(personID) is not a member of family \(family.id)")
        }
        let today = LondonTime.today(at: options.at)
        let others = family.members.filter { $0.id != personID }
        var hidden: [String] = []
        for other in others {
            hidden += [other.fullName, other.givenName, other.familyName == person.familyName ? "" : other.familyName]
            hidden += other.alsoKnownAs
            if let born = other.dateOfBirth { hidden += [born.british, born.iso] }
            if let due = other.expectedDeliveryDate { hidden += [due.british, due.iso] }
        }
        // Longest first, so "Zoë Quillfeather" goes whole before "Zoë" is looked for.
        let redactions = Set(hidden.filter { $0.count >= 2 }).sorted { ($0.count, $0) > ($1.count, $1) }
        func redacted(_ text: String) -> String {
            redactions.reduce(text) {
                $0.replacingOccurrences(of: $1, with: Self.thirdParty, options: .caseInsensitive)
            }
        }
        func who(_ id: PersonID) -> String { id == personID ? person.fullName : Self.thirdParty }

        var sections: [Section] = []
        var details: [Field] = [
            Field("Name", person.fullName), Field("Reference", "\(person.id.rawValue) in family \(family.id.rawValue)"),
            Field("Role", person.role.label),
        ]
        if !person.alsoKnownAs.isEmpty {
            details.append(Field("Also known as", person.alsoKnownAs.joined(separator: ", ")))
        }
        if let born = person.dateOfBirth { details.append(Field("Date of birth", born.british)) }
        if let due = person.expectedDeliveryDate { details.append(Field("Expected", due.british)) }
        details += [
            Field("Age", person.ageDescription(on: today)), Field("Gender", person.gender.label),
            Field("Ethnicity", person.ethnicity?.label ?? "not recorded"),
            Field("First language", person.firstLanguage.isEmpty ? "not recorded" : person.firstLanguage),
            Field("Address", family.address.singleLine), Field("Locality", family.locality.label),
        ]
        if !person.phone.isEmpty { details.append(Field("Phone", person.phone)) }
        if person.needs.isRecorded { details.append(Field("Needs", redacted(person.needs.details))) }
        sections.append(Section("Details held", [.fields(details)]))

        sections.append(
            Section(
                "Levels of need",
                person.levelHistory.isEmpty
                    ? [.paragraph("No level recorded.")]
                    : [
                        .table(
                            headers: ["When", "Level", "Set by", "Reason"],
                            rows: person.levelHistory.map {
                                [
                                    LondonTime.timestamp($0.setAt), "L\($0.level.rawValue)", $0.setBy,
                                    redacted($0.reason),
                                ]
                            })
                    ]))

        let relationships = family.relationships.filter { $0.from == personID || $0.to == personID }
        sections.append(
            Section(
                "Relationships",
                relationships.isEmpty
                    ? [.paragraph("None recorded.")]
                    : [.list(relationships.map { "\(who($0.from)) is \($0.kind.label) of \(who($0.to))" })]
            ))

        let notes = family.notes.filter { $0.about.contains(personID) }
        sections.append(
            Section(
                "Case notes about them",
                notes.isEmpty
                    ? [.paragraph("None.")]
                    : [
                        .table(
                            headers: ["Written", "By", "Type", "Text"],
                            rows: notes.map {
                                [
                                    LondonTime.timestamp($0.writtenAt), $0.author, $0.kind.label,
                                    redacted($0.currentText) + ($0.isAmended ? " (amended)" : ""),
                                ]
                            })
                    ]))

        let contacts = family.contacts.filter { $0.about.contains(personID) }
        sections.append(
            Section(
                "Contacts about them",
                contacts.isEmpty
                    ? [.paragraph("None.")]
                    : [
                        .table(
                            headers: ["Received", "From", "Concern in the caller's words", "Outcome"],
                            rows: contacts.map {
                                [
                                    LondonTime.timestamp($0.receivedAt),
                                    [Self.thirdParty, $0.caller.agency].filter { !$0.isEmpty }.joined(separator: ", "),
                                    redacted($0.concernInCallersWords), $0.outcome.label,
                                ]
                            })
                    ]))

        let referrals = family.referrals.filter { $0.people.contains(personID) }
        sections.append(
            Section(
                "Referrals including them",
                referrals.isEmpty
                    ? [.paragraph("None.")]
                    : [
                        .table(
                            headers: ["Made", "Service", "Status", "Reason"],
                            rows: referrals.map {
                                [
                                    LondonTime.timestamp($0.madeAt), ServiceNames.name($0.service), $0.status.label,
                                    redacted($0.reason),
                                ]
                            })
                    ]))

        let consents = family.consents.filter { $0.person == personID || $0.givenBy == person.fullName }
        sections.append(
            Section(
                "Consents they gave",
                consents.isEmpty
                    ? [.paragraph("None recorded.")]
                    : [
                        .table(
                            headers: ["Given on", "Decision", "Scope", "Withdrawn"],
                            rows: consents.map {
                                [
                                    $0.givenOn.british, $0.decision.label, redacted($0.scope),
                                    $0.withdrawnOn?.british ?? "",
                                ]
                            })
                    ]))

        var assessments: [Block] = []
        for assessment in family.assessments where assessment.subject == personID {
            assessments.append(.heading("Started \(assessment.startedOn.british) (\(assessment.status.label))"))
            assessments.append(.preformatted(redacted(assessment.exported(as: .plainText, family: family))))
        }
        sections.append(
            Section("Early help assessments (CAF) of them", assessments.isEmpty ? [.paragraph("None.")] : assessments))

        sections.append(
            Section(
                "Who viewed, changed or exported the record",
                audit.isEmpty
                    ? [.paragraph("No entries.")]
                    : [
                        .table(
                            headers: ["When", "Who", "Action"],
                            rows: audit.map { [LondonTime.timestamp($0.at), $0.actor, $0.action] })
                    ]))

        self.init(
            title: "Subject access: \(person.fullName) (\(person.id.rawValue))",
            preamble: [
                "OFFICIAL-SENSITIVE: personal data. Prepared for a subject access request; give it only to the person or their representative.",
                "Prepared by \(options.exportedBy) on \(LondonTime.timestamp(options.at)) from Signpost.",
                "Other people's names, dates of birth and addresses are shown as \(Self.thirdParty).",
            ],
            sections: sections)
    }
}
