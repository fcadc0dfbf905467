import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// Reading a family back from its rows, in the order it was written.
extension Database {
    /// The whole family with this id, or nil.
    func fetchFamily(_ id: FamilyID) throws -> Family? {
        try fetchFamilies([id]).first
    }

    /// Whole families, in the order of `ids`, leaving out ids with no family.
    ///
    /// Each table is read once for all of them, so checking or exporting many
    /// families costs a few queries per batch rather than per family.
    func fetchFamilies(_ ids: [FamilyID]) throws -> [Family] {
        guard !ids.isEmpty else { return [] }
        let keys = ids.map(\.rawValue)
        let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        func rows(_ table: String, orderedBy order: String = "position") throws -> [Row] {
            try Row.fetchAll(
                cachedStatement(
                    sql: "SELECT * FROM \(table) WHERE family_id IN (\(marks)) ORDER BY family_id, \(order)"),
                arguments: StatementArguments(keys))
        }
        var families: [String: Family] = [:]
        let familyRows = try Row.fetchAll(
            cachedStatement(sql: "SELECT * FROM family WHERE id IN (\(marks))"), arguments: StatementArguments(keys))
        for row in familyRows {
            let id: String = try row.value("id")
            families[id] = Family(
                id: FamilyID(id), name: try row.value("name"),
                address: Address(
                    lines: try StoredValue.strings(row.value("address_lines")), postcode: try row.value("postcode")),
                addressSince: try row.optionalCalendarDate("address_since"),
                locality: try row.choice("locality"), languages: try StoredValue.strings(row.value("languages")),
                interpreterNeeded: try row.flag("interpreter_needed"), accessNotes: try row.value("access_notes"),
                createdAt: try row.time("created_at"))
        }
        guard !families.isEmpty else { return [] }
        func append(_ table: String, orderedBy order: String = "position", _ add: (Row, inout Family) throws -> Void)
            throws
        {
            for row in try rows(table, orderedBy: order) {
                let key: String = try row.value("family_id")
                guard families[key] != nil else { continue }
                try add(row, &families[key]!)
            }
        }

        try append("professional", orderedBy: "is_lead DESC, position") { row, family in
            let professional = Professional(
                name: try row.value("name"), role: try row.value("role"), organisation: try row.value("organisation"),
                phone: try row.value("phone"), email: try row.value("email"),
                // Read before version 12 by an earlier migration (v10 recomputes summaries), the column is not there.
                login: row.hasColumn("login") ? try row.optionalValue("login") : nil)
            if try row.flag("is_lead") {
                family.leadProfessional = professional
            } else {
                family.teamAroundFamily.append(professional)
            }
        }
        var levels: [String: [PersonID: [LevelEntry]]] = [:]
        for row in try rows("level_entry", orderedBy: "person_id, position") {
            let entry = LevelEntry(
                level: try row.choice("level"), setBy: try row.value("set_by"), setAt: try row.time("set_at"),
                reason: try row.value("reason"), indicators: try StoredValue.strings(row.value("indicators")),
                suggestedLevel: try row.optionalChoice("suggested_level"))
            levels[try row.value("family_id"), default: [:]][
                PersonID(try row.value("person_id") as String), default: []
            ]
            .append(entry)
        }
        try append("person") { row, family in
            let personID = PersonID(try row.value("id") as String)
            family.members.append(
                Person(
                    id: personID, role: try row.choice("role"), givenName: try row.value("given_name"),
                    familyName: try row.value("family_name"),
                    alsoKnownAs: try StoredValue.strings(row.value("also_known_as")),
                    dateOfBirth: try row.optionalCalendarDate("date_of_birth"),
                    expectedDeliveryDate: try row.optionalCalendarDate("expected_delivery_date"),
                    gender: try row.choice("gender"), ethnicity: try row.optionalChoice("ethnicity"),
                    firstLanguage: try row.value("first_language"),
                    needs: SpecialNeeds(
                        hasSEND: try row.flag("has_send"), hasEHCPlan: try row.flag("has_ehc_plan"),
                        hasDisability: try row.flag("has_disability"), details: try row.value("needs_details")),
                    hasParentalResponsibility: try row.flag("has_parental_responsibility"),
                    phone: try row.value("phone"), levelHistory: levels[family.id.rawValue]?[personID] ?? []))
        }
        try append("relationship") { row, family in
            family.relationships.append(
                Relationship(
                    from: PersonID(try row.value("from_person") as String), kind: try row.choice("kind"),
                    to: PersonID(try row.value("to_person") as String)))
        }
        try append("contact") { row, family in family.contacts.append(try row.contact()) }
        try append("referral") { row, family in
            family.referrals.append(
                Referral(
                    id: ReferralID(try row.value("id") as String),
                    service: ServiceID(try row.value("service") as String),
                    people: try StoredValue.ids(row.value("people")), madeAt: try row.time("made_at"),
                    madeBy: try row.value("made_by"), consent: try row.choice("consent"),
                    urgency: try row.choice("urgency"), status: try row.choice("status"),
                    contact: (try row.optionalValue("contact_id") as String?).map(ContactID.init(rawValue:)),
                    reason: try row.value("reason"), outcomeOn: try row.optionalCalendarDate("outcome_on"),
                    outcomeReason: try row.optionalValue("outcome_reason"),
                    outcomeBy: try row.optionalValue("outcome_by")))
        }
        try append("case_note") { row, family in
            family.notes.append(
                CaseNote(
                    id: CaseNoteID(try row.value("id") as String), writtenAt: try row.time("written_at"),
                    author: try row.value("author"), text: try row.value("text"),
                    isSignificant: try row.flag("is_significant"), about: try StoredValue.ids(row.value("about")),
                    // An older store being migrated is read before version 13 adds the type and the amendments.
                    kind: row.hasColumn("kind") ? try row.choice("kind") : .other,
                    amendments: row.hasColumn("amendments")
                        ? try StoredValue.amendments(from: row.value("amendments")) : [])
            )
        }
        try append("consent") { row, family in
            family.consents.append(
                ConsentRecord(
                    id: ConsentID(try row.value("id") as String), givenBy: try row.value("given_by"),
                    person: (try row.optionalValue("person_id") as String?).map(PersonID.init(rawValue:)),
                    givenOn: try row.calendarDate("given_on"), decision: try row.choice("decision"),
                    scope: try row.value("scope"),
                    purposes: try StoredValue.strings(row.value("purposes")).compactMap(
                        ConsentPurpose.init(rawValue:)),
                    agencies: try StoredValue.strings(row.value("agencies")),
                    method: try row.optionalChoice("method"),
                    withdrawnOn: try row.optionalCalendarDate("withdrawn_on"),
                    recordedBy: try row.value("recorded_by")))
        }
        try append("episode") { row, family in
            family.episodes.append(
                EarlyHelpEpisode(
                    id: EpisodeID(try row.value("id") as String),
                    service: ServiceID(try row.value("service") as String),
                    openedOn: try row.calendarDate("opened_on"), closedOn: try row.optionalCalendarDate("closed_on"),
                    closureReason: try row.optionalChoice("closure_reason"),
                    openedBecause: try row.optionalValue("opened_because"),
                    leadProfessional: try row.optionalValue("lead_professional"),
                    concurrentReason: try row.optionalValue("concurrent_reason"),
                    steppedDownFrom: try row.optionalValue("stepped_down_from"),
                    openedBy: try row.optionalValue("opened_by")))
            // Version 12's columns; an earlier migration reading families (v10 recomputes summaries) finds none.
            guard row.hasColumn("closed_by") else { return }
            family.episodes[family.episodes.count - 1].closedBy = try row.optionalValue("closed_by")
            if let records: String = try row.optionalValue("stepped_down_from_records") {
                family.episodes[family.episodes.count - 1].steppedDownFromRecords = try StoredValue.ids(records)
            }
            if let holds: String = try row.optionalValue("suspensions") {
                family.episodes[family.episodes.count - 1].suspensionHistory = try StoredValue.decode(
                    [EpisodeSuspension].self, json: holds)
            }
        }
        try append("team_meeting") { row, family in
            family.meetings.append(try StoredValue.decode(TeamMeeting.self, json: row.value("document")))
        }
        try append("lead_professional_change") { row, family in
            family.leadProfessionalHistory.append(
                try StoredValue.decode(LeadProfessionalChange.self, json: row.value("document")))
        }
        try append("assessment") { row, family in
            family.assessments.append(
                try StoredValue.decode(EarlyHelpAssessment.self, json: row.value("document")))
        }
        try readHouseholdHistory(into: &families, marks: marks, keys: keys)
        try readCaseLifeStages(into: &families, marks: marks, keys: keys)
        try readRetentionDecisions(into: &families, marks: marks, keys: keys)
        try readSupportingFamilies(into: &families, marks: marks, keys: keys)
        return ids.compactMap { families[$0.rawValue] }
    }

    /// The case-list summary kept on a `family` row.
    func summary(from row: Row) throws -> FamilySummary {
        FamilySummary(
            id: FamilyID(try row.value("id") as String), name: try row.value("name"),
            postcode: try row.value("postcode"), locality: try row.choice("locality"),
            members: try StoredValue.decode([MemberSummary].self, json: row.value("members_summary")),
            highestLevel: try row.optionalChoice("highest_level"),
            openServices: try StoredValue.strings(row.value("open_services")).map(ServiceID.init(rawValue:)),
            leadProfessional: try row.optionalValue("lead_professional"), lastActivity: try row.time("last_activity"),
            isOpen: try row.flag("is_open"))
    }

    /// The columns ``summary(from:)`` reads.
    static let summaryColumns =
        "id, name, postcode, locality, members_summary, highest_level, open_services, lead_professional, last_activity, is_open"
}

extension Row {
    /// The contact on a `contact` row: read for a whole family, and for the day's contact list.
    func contact() throws -> Contact {
        Contact(
            id: ContactID(try self.value("id") as String), receivedAt: try self.time("received_at"),
            caller: Caller(
                name: try self.value("caller_name"), agency: try self.value("caller_agency"),
                relationship: try self.value("caller_relationship"), phone: try self.value("caller_phone")),
            source: try self.choice("source"), door: try self.optionalChoice("door"),
            about: try StoredValue.ids(self.value("about")),
            concernInCallersWords: try self.value("concern_in_callers_words"),
            concerns: try StoredValue.strings(self.value("concerns")).map { raw in
                guard let concern = Concern(rawValue: raw) else {
                    throw UnreadableValue(column: "concerns", value: raw)
                }
                return concern
            },
            outcome: try self.choice("outcome"), outcomeReason: try self.value("outcome_reason"),
            recordedBy: try self.value("recorded_by"))
    }
}
