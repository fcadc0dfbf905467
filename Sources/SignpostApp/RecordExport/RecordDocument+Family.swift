import Foundation
import SignpostDomain

extension RecordDocument {
    /// A family's whole record for a meeting or a request: the household, members, levels with their
    /// history, relationships, consents, lead professional and team, episodes, referrals with their
    /// status, assessments (CAF) in full, amended notes with their originals, and the chronology
    /// (everything, or significant events only), oldest first.
    ///
    /// - Parameters:
    ///   - family: The family as stored.
    ///   - options: The chronology's scope, and who exports it when (printed in the preamble).
    public init(family: Family, options: RecordExportOptions) {
        let today = LondonTime.today(at: options.at)
        func name(_ id: PersonID) -> String { family.member(id)?.fullName ?? id.rawValue }
        func names(_ ids: [PersonID]) -> String {
            ids.isEmpty ? "the whole family" : ids.map(name).joined(separator: ", ")
        }
        var sections: [Section] = []

        var household: [Field] = [
            Field("Reference", family.id.rawValue),
            Field("Address", family.address.singleLine + (family.addressSince.map { " (since \($0.british))" } ?? "")),
            Field("Locality", family.locality.label),
            Field(
                "Languages",
                family.languages.joined(separator: ", ") + (family.interpreterNeeded ? " (interpreter needed)" : "")),
        ]
        if !family.accessNotes.isEmpty { household.append(Field("Access notes", family.accessNotes)) }
        let open = family.openServices.map(ServiceNames.name)
        household.append(Field("Open to", open.isEmpty ? "no services" : open.joined(separator: ", ")))
        household.append(Field("First recorded", LondonTime.timestamp(family.createdAt)))
        var householdBlocks: [Block] = [.fields(household)]
        if !family.previousAddresses.isEmpty {
            householdBlocks.append(.heading("Previous addresses"))
            householdBlocks.append(
                .list(family.previousAddresses.map { "\($0.address.singleLine), until \($0.until.british)" }))
        }
        sections.append(Section("The family", householdBlocks))

        var memberBlocks: [Block] = []
        if family.members.isEmpty {
            memberBlocks.append(.paragraph("No members recorded."))
        } else {
            memberBlocks.append(
                .table(
                    headers: ["Name", "Role", "Born", "Age", "Gender", "Ethnicity", "First language", "Level now"],
                    rows: family.members.map { person in
                        let born =
                            person.isUnborn
                            ? "expected \(person.expectedDeliveryDate?.british ?? "date not known")"
                            : person.dateOfBirth?.british ?? "not known"
                        return [
                            person.fullName
                                + (person.alsoKnownAs.isEmpty
                                    ? "" : " (also known as \(person.alsoKnownAs.joined(separator: ", ")))"),
                            person.role.label
                                + (person.role.isAdult && person.hasParentalResponsibility
                                    ? ", parental responsibility" : ""),
                            born, person.ageDescription(on: today), person.gender.label,
                            person.ethnicity?.label ?? "not recorded", person.firstLanguage,
                            person.currentLevel.map { "L\($0.rawValue)" } ?? "none",
                        ]
                    }))
            for person in family.members {
                memberBlocks.append(.heading("Levels of need: \(person.fullName)"))
                if person.levelHistory.isEmpty {
                    memberBlocks.append(.paragraph("No level of need recorded."))
                } else {
                    memberBlocks.append(
                        .table(
                            headers: ["Set", "Level", "By", "Reason"],
                            rows: person.levelHistory.map { entry in
                                let override =
                                    entry.overrodeSuggestion
                                    ? " (suggested L\(entry.suggestedLevel.map { String($0.rawValue) } ?? "?"), overridden)"
                                    : ""
                                return [
                                    LondonTime.timestamp(entry.setAt), "L\(entry.level.rawValue)", entry.setBy,
                                    entry.reason + override,
                                ]
                            }))
                }
                if person.needs.isRecorded {
                    let kinds = [
                        person.needs.hasSEND ? "SEND" : nil, person.needs.hasEHCPlan ? "EHC plan" : nil,
                        person.needs.hasDisability ? "disability" : nil,
                    ].compactMap { $0 }
                    memberBlocks.append(.paragraph("Needs: \(kinds.joined(separator: ", ")) \(person.needs.details)"))
                }
            }
        }
        sections.append(Section("Members and levels of need", memberBlocks))

        let relationships = family.relationships.map { relationship in
            "\(name(relationship.from)) is \(relationship.kind.label) of \(name(relationship.to))"
        }
        sections.append(
            Section(
                "Relationships",
                [relationships.isEmpty ? .paragraph("No relationships recorded.") : .list(relationships)]))

        sections.append(
            Section(
                "Consent",
                family.consents.isEmpty
                    ? [.paragraph("No consent recorded.")]
                    : [
                        .table(
                            headers: ["Given by", "Decision", "On", "For", "Agencies", "How", "Withdrawn", "Covers"],
                            rows: family.consents.map { consent in
                                [
                                    consent.givenBy, consent.decision.label, consent.givenOn.british,
                                    consent.purposes.map(\.label).joined(separator: ", "),
                                    consent.agencies.joined(separator: ", "), consent.method?.label ?? "",
                                    consent.withdrawnOn?.british ?? "", consent.scope,
                                ]
                            })
                    ]))

        var team: [Block] = [.fields([Field("Lead professional", family.leadProfessional?.summary ?? "none named")])]
        if !family.leadProfessionalHistory.isEmpty {
            team.append(.heading("Changes of lead professional"))
            team.append(
                .table(
                    headers: ["From", "Lead professional", "Reason", "Recorded by"],
                    rows: family.leadProfessionalHistory.map { change in
                        [change.on.british, change.professional?.summary ?? "none", change.reason, change.recordedBy]
                    }))
        }
        team.append(.heading("Team around the family"))
        team.append(
            family.teamAroundFamily.isEmpty
                ? .paragraph("No team members recorded.")
                : .list(
                    family.teamAroundFamily.map { member in
                        let contact = [member.phone, member.email].filter { !$0.isEmpty }.joined(separator: ", ")
                        return member.summary + (contact.isEmpty ? "" : ": \(contact)")
                    }))
        sections.append(Section("Lead professional and team", team))

        sections.append(
            Section(
                "Early-help episodes",
                family.episodes.isEmpty
                    ? [.paragraph("No episodes recorded.")]
                    : [
                        .table(
                            headers: ["Service", "Opened", "Why", "Lead", "Closed", "Closure reason"],
                            rows: family.episodes.map { episode in
                                [
                                    ServiceNames.name(episode.service), episode.openedOn.british,
                                    episode.openedBecause ?? "", episode.leadProfessional ?? "",
                                    episode.closedOn?.british ?? "open", episode.closureReason?.label ?? "",
                                ]
                            })
                    ]))

        sections.append(
            Section(
                "Referrals",
                family.referrals.isEmpty
                    ? [.paragraph("No referrals recorded.")]
                    : [
                        .table(
                            headers: ["Service", "For", "Made", "By", "Urgency", "Consent", "Status", "Outcome"],
                            rows: family.referrals.map { referral in
                                let outcome =
                                    referral.outcomeOn.map { on in
                                        let why = referral.outcomeReason ?? ""
                                        return on.british + (why.isEmpty ? "" : ": \(why)")
                                    } ?? ""
                                return [
                                    ServiceNames.name(referral.service), names(referral.people),
                                    LondonTime.timestamp(referral.madeAt), referral.madeBy, referral.urgency.label,
                                    referral.consent.label, referral.status.label, outcome,
                                ]
                            })
                    ]))

        var assessments: [Block] = []
        if family.assessments.isEmpty { assessments.append(.paragraph("No early help assessments.")) }
        for assessment in family.assessments {
            assessments.append(
                .heading(
                    "\(name(assessment.subject)), started \(assessment.startedOn.british) (\(assessment.status.label))")
            )
            assessments.append(.preformatted(assessment.exported(as: .plainText, family: family)))
        }
        sections.append(Section("Early help assessments (CAF) in full", assessments))

        let amended = family.notes.filter(\.isAmended)
        if !amended.isEmpty {
            var blocks: [Block] = [
                .paragraph("Notes are never edited in place: each amendment is kept with the original as written.")
            ]
            for note in amended {
                blocks.append(
                    .heading("\(note.kind.label) note by \(note.author), \(LondonTime.timestamp(note.writtenAt))"))
                blocks.append(.paragraph("Original: \(note.text)"))
                for amendment in note.amendments {
                    blocks.append(
                        .paragraph(
                            "Amended \(LondonTime.timestamp(amendment.amendedAt)) by \(amendment.by) (\(amendment.reason)): \(amendment.text)"
                        ))
                }
            }
            sections.append(Section("Amended notes", blocks))
        }

        let entries = Array(family.chronology(significantOnly: options.significantOnly).reversed())
        sections.append(
            Section(
                options.significantOnly ? "Chronology: significant events only" : "Chronology",
                entries.isEmpty
                    ? [.paragraph("Nothing recorded.")]
                    : [
                        .table(
                            headers: ["When", "What", "Recorded by", "Significant"],
                            rows: entries.map { entry in
                                [
                                    ChronologyFormatting.when(entry).trimmingCharacters(in: .whitespaces),
                                    ChronologyFormatting.summary(entry, in: family), entry.author,
                                    entry.isSignificant ? "yes" : "",
                                ]
                            })
                    ]))

        self.init(
            title: "Case record: \(family.name) family (\(family.id.rawValue))",
            preamble: [
                "OFFICIAL-SENSITIVE: personal data about children and families. Keep it secure; share only with those who need it.",
                "Exported by \(options.exportedBy) on \(LondonTime.timestamp(options.at)) from Signpost.",
                options.significantOnly
                    ? "The chronology shows significant events only, oldest first."
                    : "The chronology shows everything recorded, oldest first.",
            ],
            sections: sections)
    }
}
