import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension StoreSchema {
    /// Version 14: a case's life (#15): referral outcomes, episode details, the lead professional's history,
    /// and "open to" derived from accepted referrals and open episodes.
    ///
    /// - `referral` gains the outcome's date, reason and author (null while it is sent).
    /// - `episode` gains why it opened, its lead professional, why it opened beside another open
    ///   episode, the social-care history it was stepped down from, and who opened and closed it.
    /// - `lead_professional_change` keeps every change of lead professional, in order.
    /// - `team_meeting` keeps team around the family meetings, indexed by the next review's date.
    /// - Every family with a referral or an episode has its case-list summary recomputed: a family
    ///   used to count as open to a service on a referral only sent, and no longer does.
    static func createCaseworkLife(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE referral ADD COLUMN outcome_on TEXT;
                ALTER TABLE referral ADD COLUMN outcome_reason TEXT;
                ALTER TABLE referral ADD COLUMN outcome_by TEXT;
                ALTER TABLE episode ADD COLUMN opened_because TEXT;
                ALTER TABLE episode ADD COLUMN lead_professional TEXT;
                ALTER TABLE episode ADD COLUMN concurrent_reason TEXT;
                ALTER TABLE episode ADD COLUMN stepped_down_from TEXT;
                ALTER TABLE episode ADD COLUMN opened_by TEXT;
                CREATE TABLE team_meeting (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    held_on TEXT NOT NULL,
                    next_review TEXT NOT NULL,
                    document TEXT NOT NULL,            -- the whole TeamMeeting as JSON
                    PRIMARY KEY (family_id, id)
                );
                CREATE INDEX team_meeting_by_next_review ON team_meeting (next_review);
                CREATE TABLE lead_professional_change (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    document TEXT NOT NULL,            -- the whole LeadProfessionalChange as JSON
                    PRIMARY KEY (family_id, position)
                );
                """)
        var after = ""
        while true {
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT family_id FROM (SELECT family_id FROM referral UNION SELECT family_id FROM episode)
                    WHERE family_id > ? ORDER BY family_id LIMIT 500
                    """,
                arguments: [after])
            guard let last = ids.last else { break }
            after = last
            for family in try db.fetchFamilies(ids.map(FamilyID.init(rawValue:))) {
                try db.updateSummary(of: family)
            }
        }
    }
}

extension Database {
    /// Appends one change of lead professional to the family's history.
    func insertLeadProfessionalChange(_ change: LeadProfessionalChange, of family: FamilyID, at position: Int) throws {
        try run(
            "INSERT INTO lead_professional_change (family_id, position, document) VALUES (?, ?, ?)",
            [family.rawValue, position, try StoredValue.json(change)])
    }

    /// Adds a team around the family meeting.
    func insertMeeting(_ meeting: TeamMeeting, of family: FamilyID, at position: Int) throws {
        try run(
            """
            INSERT INTO team_meeting (family_id, id, position, held_on, next_review, document, kind)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                family.rawValue, meeting.id.rawValue, position, meeting.heldOn.iso, meeting.nextReview.iso,
                try StoredValue.json(meeting), meeting.kind.rawValue,
            ])
    }

    /// Writes a referral's status and outcome.
    func recordReferralOutcome(_ referral: Referral, of family: FamilyID) throws {
        try run(
            "UPDATE referral SET status = ?, outcome_on = ?, outcome_reason = ?, outcome_by = ? WHERE family_id = ? AND id = ?",
            [
                referral.status.rawValue, referral.outcomeOn?.iso, referral.outcomeReason, referral.outcomeBy,
                family.rawValue, referral.id.rawValue,
            ])
    }
}

extension SQLiteCaseStore {
    /// The SQL condition, on a meeting `m`, that its family's case was not closed since: an episode is open,
    /// or none closed on or after the meeting (as ``Family/nextReviewDue`` decides it in the domain).
    static let caseStillOpenSinceMeeting = """
        (EXISTS (SELECT 1 FROM episode e WHERE e.family_id = m.family_id AND e.closed_on IS NULL)
            OR NOT EXISTS (SELECT 1 FROM episode e WHERE e.family_id = m.family_id AND e.closed_on >= m.held_on))
        """

    public func reviewsDue(by day: CalendarDate, leadLogin login: String, limit: Int) throws -> [ReviewDue] {
        let keys = ["login:" + login, Professional.nameKey(login)]
        return try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.family_id, f.name, f.lead_professional, m.next_review
                    FROM team_meeting m JOIN family f ON f.id = m.family_id
                    WHERE m.next_review <= ? AND m.kind <> 'ad-hoc' AND f.lead_login_key IN (?, ?)
                        AND m.position = (
                            SELECT l.position FROM team_meeting l WHERE l.family_id = m.family_id AND l.kind <> 'ad-hoc'
                            ORDER BY l.held_on DESC, l.position DESC LIMIT 1)
                        AND \(SQLiteCaseStore.caseStillOpenSinceMeeting)
                    ORDER BY m.next_review, m.family_id LIMIT ?
                    """,
                arguments: [day.iso, keys[0], keys[1], max(limit, 0)])
            return try rows.map { row in
                ReviewDue(
                    familyID: FamilyID(try row.value("family_id") as String), familyName: try row.value("name"),
                    leadProfessional: try row.optionalValue("lead_professional"),
                    nextReview: try row.calendarDate("next_review"))
            }
        }
    }

    public func reviewsDue(by day: CalendarDate, leadProfessional: String?, limit: Int) throws -> [ReviewDue] {
        let wanted = SearchText.fold(leadProfessional ?? "")
        return try read { db in
            // Each family's latest TAF meeting or review only (an ad-hoc meeting leaves the schedule as it was);
            // the next_review index reads the due range, not every meeting.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.family_id, f.name, f.lead_professional, m.next_review
                    FROM team_meeting m JOIN family f ON f.id = m.family_id
                    WHERE m.next_review <= ? AND m.kind <> 'ad-hoc'
                        AND m.position = (
                            SELECT l.position FROM team_meeting l WHERE l.family_id = m.family_id AND l.kind <> 'ad-hoc'
                            ORDER BY l.held_on DESC, l.position DESC LIMIT 1)
                        AND \(SQLiteCaseStore.caseStillOpenSinceMeeting)
                        AND (? = '' OR instr(f.lead_professional_key, ?) > 0)
                    ORDER BY m.next_review, m.family_id LIMIT ?
                    """,
                arguments: [day.iso, wanted, wanted, max(limit, 0)])
            return try rows.map { row in
                ReviewDue(
                    familyID: FamilyID(try row.value("family_id") as String), familyName: try row.value("name"),
                    leadProfessional: try row.optionalValue("lead_professional"),
                    nextReview: try row.calendarDate("next_review"))
            }
        }
    }
}
