import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// Writing a family's records as rows: one row per record, with its place in the family's lists.
extension Database {
    /// Inserts a whole family: its row with summary, every record, its search entries and, unless
    /// the caller writes them for many families at once (``reindexMatchKeys(of:new:)``), its
    /// people's match keys.
    ///
    /// - Parameters:
    ///   - withMatchKeys: Whether its people's match keys are written too (a batch writes them all at its end).
    ///   - withSearchEntries: Whether its search entries are written too (a batch writes them with
    ///     ``insertSearchEntries(_:)``, many a statement).
    func insertFamily(_ family: Family, withMatchKeys: Bool = true, withSearchEntries: Bool = true) throws {
        let summary = FamilySummary(of: family)
        try run(
            """
            INSERT INTO family (id, name, address_lines, postcode, locality, languages, interpreter_needed,
                access_notes, created_at, highest_level, open_services, lead_professional, lead_professional_key,
                last_activity, is_open, members_summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                family.id.rawValue, family.name, StoredValue.list(family.address.lines), family.address.postcode,
                family.locality.rawValue, StoredValue.list(family.languages), family.interpreterNeeded,
                family.accessNotes, StoredValue.time(family.createdAt),
            ] + summaryValues(summary))
        try insertOpenServices(summary)
        try insertProfessionals(of: family)
        for (position, person) in family.members.enumerated() {
            try insertPerson(person, of: family.id, at: position)
            for (entryPosition, entry) in person.levelHistory.enumerated() {
                try insertLevel(entry, of: person.id, in: family.id, at: entryPosition)
            }
        }
        try insertRelationships(of: family)
        for (position, contact) in family.contacts.enumerated() {
            try insertContact(contact, of: family.id, at: position)
        }
        for (position, referral) in family.referrals.enumerated() {
            try insertReferral(referral, of: family.id, at: position)
        }
        for (position, note) in family.notes.enumerated() { try insertNote(note, of: family.id, at: position) }
        for (position, consent) in family.consents.enumerated() {
            try insertConsent(consent, of: family.id, at: position)
        }
        for (position, episode) in family.episodes.enumerated() {
            try insertEpisode(episode, of: family.id, at: position)
        }
        for (position, assessment) in family.assessments.enumerated() {
            try insertAssessment(assessment, of: family.id, at: position)
        }
        try writeAddressHistory(of: family)
        for index in family.relationshipHistory.indices {
            try insertRelationshipEvent(family.relationshipHistory[index], of: family.id, at: index)
        }
        for (position, change) in family.leadProfessionalHistory.enumerated() {
            try insertLeadProfessionalChange(change, of: family.id, at: position)
        }
        for (position, meeting) in family.meetings.enumerated() {
            try insertMeeting(meeting, of: family.id, at: position)
        }
        for (position, record) in family.socialCareRecords.enumerated() {
            try saveSocialCare(record, of: family.id, at: position)
        }
        for (position, change) in family.teamHistory.enumerated() {
            try run(
                "INSERT INTO team_member_change (family_id, position, document) VALUES (?, ?, ?)",
                [family.id.rawValue, position, try StoredValue.json(change)])
        }
        try insertRetentionDecisions(of: family)
        if !family.supportingFamiliesNeeds.isEmpty { try writeSupportingFamilies(of: family) }
        if withSearchEntries { try insertSearchEntries(of: family) }
        if withMatchKeys {
            for person in family.members { try insertMatchKeys(of: MatchCandidate(person: person, in: family)) }
        }
    }

    /// The summary columns, in the order `family` lists them after `created_at`.
    private func summaryValues(_ summary: FamilySummary) throws -> [(any DatabaseValueConvertible)?] {
        [
            summary.highestLevel?.rawValue, StoredValue.list(summary.openServices.map(\.rawValue)),
            summary.leadProfessional, SearchText.fold(summary.leadProfessional ?? ""),
            StoredValue.time(summary.lastActivity), summary.isOpen, try StoredValue.json(summary.members),
        ]
    }

    /// Brings the family row's summary columns up to date with `family`.
    func updateSummary(of family: Family) throws {
        try updateSummary(of: family, to: FamilySummary(of: family), from: nil)
    }

    /// Writes `summary`, the family's summary as it now stands, over `stored` (nil when not
    /// known): only the last activity when nothing else changed (a note or a contact), and the
    /// open services only when they changed.
    func updateSummary(of family: Family, to summary: FamilySummary, from stored: FamilySummary?) throws {
        if var onlyActivity = stored {
            onlyActivity.lastActivity = summary.lastActivity
            if onlyActivity == summary {
                try run(
                    "UPDATE family SET last_activity = ? WHERE id = ?",
                    [StoredValue.time(summary.lastActivity), family.id.rawValue])
                return
            }
        }
        try run(
            """
            UPDATE family SET highest_level = ?, open_services = ?, lead_professional = ?, lead_professional_key = ?,
                last_activity = ?, is_open = ?, members_summary = ?
            WHERE id = ?
            """,
            try summaryValues(summary) + [family.id.rawValue])
        guard stored?.openServices != summary.openServices else { return }
        try run("DELETE FROM family_open_service WHERE family_id = ?", [family.id.rawValue])
        try insertOpenServices(summary)
    }

    private func insertOpenServices(_ summary: FamilySummary) throws {
        for service in summary.openServices {
            try run(
                "INSERT INTO family_open_service (family_id, service) VALUES (?, ?)",
                [summary.id.rawValue, service.rawValue])
        }
    }

    func updateDetails(of family: Family) throws {
        try run(
            """
            UPDATE family SET name = ?, address_lines = ?, postcode = ?, locality = ?, languages = ?,
                interpreter_needed = ?, access_notes = ?
            WHERE id = ?
            """,
            [
                family.name, StoredValue.list(family.address.lines), family.address.postcode,
                family.locality.rawValue, StoredValue.list(family.languages), family.interpreterNeeded,
                family.accessNotes, family.id.rawValue,
            ])
        try run("DELETE FROM professional WHERE family_id = ?", [family.id.rawValue])
        try insertProfessionals(of: family)
    }

    private func insertProfessionals(of family: Family) throws {
        let lead = family.leadProfessional.map { [(true, 0, $0)] } ?? []
        let team = family.teamAroundFamily.enumerated().map { (false, $0.offset, $0.element) }
        for (isLead, position, professional) in lead + team {
            try run(
                """
                INSERT INTO professional (family_id, is_lead, position, name, role, organisation, phone, email, login)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    family.id.rawValue, isLead, position, professional.name, professional.role,
                    professional.organisation, professional.phone, professional.email, professional.login,
                ])
        }
        // "My reviews" reads this key: the lead's login, or their name as a login reads.
        let named = family.leadProfessional
        let key = named?.login.flatMap { $0.isEmpty ? nil : "login:" + $0 } ?? Professional.nameKey(named?.name ?? "")
        try run("UPDATE family SET lead_login_key = ? WHERE id = ?", [key, family.id.rawValue])
    }

    private func personValues(_ person: Person) -> [(any DatabaseValueConvertible)?] {
        [
            person.role.rawValue, person.givenName, person.familyName, StoredValue.list(person.alsoKnownAs),
            person.dateOfBirth?.iso, person.expectedDeliveryDate?.iso, person.gender.rawValue,
            person.ethnicity?.rawValue, person.firstLanguage, person.needs.hasSEND, person.needs.hasEHCPlan,
            person.needs.hasDisability, person.needs.details, person.hasParentalResponsibility, person.phone,
        ]
    }

    func insertPerson(_ person: Person, of family: FamilyID, at position: Int) throws {
        try run(
            """
            INSERT INTO person (family_id, id, position, role, given_name, family_name, also_known_as, date_of_birth,
                expected_delivery_date, gender, ethnicity, first_language, has_send, has_ehc_plan, has_disability,
                needs_details, has_parental_responsibility, phone)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [family.rawValue, person.id.rawValue, position] + personValues(person))
    }

    /// Replaces a person's details; their level history is not touched.
    func updatePerson(_ person: Person, of family: FamilyID) throws {
        try run(
            """
            UPDATE person SET role = ?, given_name = ?, family_name = ?, also_known_as = ?, date_of_birth = ?,
                expected_delivery_date = ?, gender = ?, ethnicity = ?, first_language = ?, has_send = ?,
                has_ehc_plan = ?, has_disability = ?, needs_details = ?, has_parental_responsibility = ?, phone = ?
            WHERE family_id = ? AND id = ?
            """,
            personValues(person) + [family.rawValue, person.id.rawValue])
    }

    func insertLevel(_ entry: LevelEntry, of person: PersonID, in family: FamilyID, at position: Int) throws {
        try run(
            """
            INSERT INTO level_entry (family_id, person_id, position, level, set_by, set_at, reason, indicators,
                suggested_level)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                family.rawValue, person.rawValue, position, entry.level.rawValue, entry.setBy,
                StoredValue.time(entry.setAt), entry.reason, StoredValue.list(entry.indicators),
                entry.suggestedLevel?.rawValue,
            ])
    }

    /// Writes the family's relationships afresh, in order.
    func replaceRelationships(of family: Family) throws {
        try run("DELETE FROM relationship WHERE family_id = ?", [family.id.rawValue])
        try insertRelationships(of: family)
    }

    private func insertRelationships(of family: Family) throws {
        for (position, relationship) in family.relationships.enumerated() {
            try run(
                "INSERT INTO relationship (family_id, position, from_person, kind, to_person) VALUES (?, ?, ?, ?, ?)",
                [
                    family.id.rawValue, position, relationship.from.rawValue, relationship.kind.rawValue,
                    relationship.to.rawValue,
                ])
        }
    }

    func insertContact(_ contact: Contact, of family: FamilyID, at position: Int) throws {
        try run(
            """
            INSERT INTO contact (family_id, id, position, received_at, caller_name, caller_agency,
                caller_relationship, caller_phone, source, door, about, concern_in_callers_words, concerns, outcome,
                outcome_reason, recorded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                family.rawValue, contact.id.rawValue, position, StoredValue.time(contact.receivedAt),
                contact.caller.name, contact.caller.agency, contact.caller.relationship, contact.caller.phone,
                contact.source.rawValue, contact.door?.rawValue, StoredValue.list(contact.about),
                contact.concernInCallersWords, StoredValue.list(contact.concerns.map(\.rawValue)),
                contact.outcome.rawValue, contact.outcomeReason, contact.recordedBy,
            ])
    }

    func insertReferral(_ referral: Referral, of family: FamilyID, at position: Int) throws {
        try run(
            """
            INSERT INTO referral (family_id, id, position, service, people, made_at, made_by, consent, urgency,
                status, contact_id, reason, outcome_on, outcome_reason, outcome_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                family.rawValue, referral.id.rawValue, position, referral.service.rawValue,
                StoredValue.list(referral.people), StoredValue.time(referral.madeAt), referral.madeBy,
                referral.consent.rawValue, referral.urgency.rawValue, referral.status.rawValue,
                referral.contact?.rawValue, referral.reason, referral.outcomeOn?.iso, referral.outcomeReason,
                referral.outcomeBy,
            ])
    }

    func updateReferralStatus(_ referral: ReferralID, of family: FamilyID, to status: ReferralStatus) throws {
        try run(
            "UPDATE referral SET status = ? WHERE family_id = ? AND id = ?",
            [status.rawValue, family.rawValue, referral.rawValue])
    }

    func insertNote(_ note: CaseNote, of family: FamilyID, at position: Int) throws {
        try run(
            """
            INSERT INTO case_note (family_id, id, position, written_at, author, text, is_significant, about, kind,
                amendments)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                family.rawValue, note.id.rawValue, position, StoredValue.time(note.writtenAt), note.author, note.text,
                note.isSignificant, StoredValue.list(note.about), note.kind.rawValue,
                StoredValue.amendments(note.amendments),
            ])
    }

    /// Writes a note's amendments; the text it was first written with is never touched.
    func updateNoteAmendments(_ note: CaseNote, of family: FamilyID) throws {
        try run(
            "UPDATE case_note SET amendments = ? WHERE family_id = ? AND id = ?",
            [StoredValue.amendments(note.amendments), family.rawValue, note.id.rawValue])
    }

    func insertConsent(_ consent: ConsentRecord, of family: FamilyID, at position: Int) throws {
        try run(
            """
            INSERT INTO consent (family_id, id, position, given_by, given_on, decision, scope, withdrawn_on,
                recorded_by, person_id, purposes, agencies, method)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                family.rawValue, consent.id.rawValue, position, consent.givenBy, consent.givenOn.iso,
                consent.decision.rawValue, consent.scope, consent.withdrawnOn?.iso, consent.recordedBy,
                consent.person?.rawValue, StoredValue.list(consent.purposes.map(\.rawValue)),
                StoredValue.list(consent.agencies), consent.method?.rawValue,
            ])
    }

    func withdrawConsent(_ consent: ConsentID, of family: FamilyID, on date: CalendarDate) throws {
        try run(
            "UPDATE consent SET withdrawn_on = ? WHERE family_id = ? AND id = ?",
            [date.iso, family.rawValue, consent.rawValue])
    }

    func insertEpisode(_ episode: EarlyHelpEpisode, of family: FamilyID, at position: Int) throws {
        try run(
            """
            INSERT INTO episode (family_id, id, position, service, opened_on, closed_on, closure_reason,
                opened_because, lead_professional, concurrent_reason, stepped_down_from, opened_by, closed_by,
                suspensions, stepped_down_from_records)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                family.rawValue, episode.id.rawValue, position, episode.service.rawValue, episode.openedOn.iso,
                episode.closedOn?.iso, episode.closureReason?.rawValue, episode.openedBecause,
                episode.leadProfessional, episode.concurrentReason, episode.steppedDownFrom, episode.openedBy,
                episode.closedBy,
                episode.suspensionHistory.isEmpty ? nil : try StoredValue.json(episode.suspensionHistory),
                episode.steppedDownFromRecords.map { StoredValue.list($0) },
            ])
    }

    func closeEpisode(_ episode: EpisodeID, of family: FamilyID, on date: CalendarDate, reason: ClosureReason) throws {
        try run(
            "UPDATE episode SET closed_on = ?, closure_reason = ? WHERE family_id = ? AND id = ?",
            [date.iso, reason.rawValue, family.rawValue, episode.rawValue])
    }

    /// Inserts an assessment, or replaces the one with its id in the same place.
    func saveAssessment(_ assessment: EarlyHelpAssessment, of family: FamilyID, at position: Int) throws {
        try run("DELETE FROM assessment WHERE family_id = ? AND id = ?", [family.rawValue, assessment.id.rawValue])
        try insertAssessment(assessment, of: family, at: position)
    }

    private func insertAssessment(_ assessment: EarlyHelpAssessment, of family: FamilyID, at position: Int) throws {
        try run(
            "INSERT INTO assessment (family_id, id, position, subject, status, document) VALUES (?, ?, ?, ?, ?, ?)",
            [
                family.rawValue, assessment.id.rawValue, position, assessment.subject.rawValue,
                assessment.status.rawValue, try StoredValue.json(assessment),
            ])
    }

    /// Writes the family's search entries afresh.
    func reindexSearch(of family: Family) throws {
        try run("DELETE FROM search_entry WHERE family_id = ?", [family.id.rawValue])
        try insertSearchEntries(of: family)
    }

    private func insertSearchEntries(of family: Family) throws {
        for entry in family.searchEntries { try insertSearchEntry(entry, of: family.id) }
    }

    /// Adds search entries of any families, in the order given, many rows a statement.
    ///
    /// Each statement that writes `search_entry` also writes the full-text index (its trigger), and
    /// SQLite's FTS5 writes what it holds in memory to disk at every statement's start and end once
    /// the index is in the transaction: written one row a statement, every row became a segment of
    /// its own to be merged later, most of a pulled page's work. A few hundred rows a statement
    /// make one segment of them. The rows are those ``insertSearchEntry(_:of:)`` writes, with the same
    /// ids in the same order.
    func insertSearchEntries(_ entries: [(family: FamilyID, entry: SearchEntry)]) throws {
        let rowsPerStatement = 500
        let columns = SearchField.allCases.map(\.column).joined(separator: ", ")
        var start = entries.startIndex
        while start < entries.endIndex {
            let chunk = entries[start..<min(start + rowsPerStatement, entries.endIndex)]
            let placeholders = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count)
                .joined(separator: ", ")
            var arguments: [(any DatabaseValueConvertible)?] = []
            arguments.reserveCapacity(chunk.count * 10)
            for (family, entry) in chunk {
                arguments += [family.rawValue, entry.person?.rawValue, entry.field.rawValue, entry.display]
                // One searchable column is filled per row, the others left empty (NULL).
                for field in SearchField.allCases { arguments.append(field == entry.field ? entry.text : nil) }
            }
            let sql =
                "INSERT INTO search_entry (family_id, person_id, field, display, \(columns)) VALUES \(placeholders)"
            // A full chunk's statement is cached; the last, shorter one is prepared afresh.
            if chunk.count == rowsPerStatement {
                try run(sql, arguments)
            } else {
                try makeStatement(sql: sql).execute(arguments: StatementArguments(arguments))
            }
            start += chunk.count
        }
    }

    /// Adds one search entry (a note's, say) without writing the family's others again.
    func insertSearchEntry(_ entry: SearchEntry, of family: FamilyID) throws {
        try run(
            "INSERT INTO search_entry (family_id, person_id, field, display, \(entry.field.column)) VALUES (?, ?, ?, ?, ?)",
            [family.rawValue, entry.person?.rawValue, entry.field.rawValue, entry.display, entry.text])
    }

    /// Adds one line to the audit trail, chained to the line before (see ``AuditChain``).
    func insertAudit(_ entry: AuditEntry) throws {
        // Sealed with values (none, for a read), so that an erasure can later replace a sentence that
        // names the person (a search for their name, a draft's summary) and the chain still verifies.
        var sealed = entry
        if sealed.detail == nil { sealed.detail = AuditDetail(changes: []) }
        var writer = AuditChain.Writer()
        try writer.insert(sealed, in: self)
    }
}
