import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension StoreSchema {
    /// Version 12: the later stages of a case's life (#15).
    ///
    /// - `social_care_status` keeps each child's social-care statuses (child in need, child protection plan,
    ///   looked after) with their dates, who recorded them and the referral a step-up began them from.
    /// - `episode` gains who closed it, the times it was put on hold and resumed (JSON, null when never) and
    ///   the social-care statuses it was stepped down from.
    /// - `team_member_change` keeps every member joining or leaving the team around the family.
    /// - `team_meeting` gains its kind: a TAF meeting, a review held, or an ad-hoc meeting (which leaves
    ///   the review date as it was); meetings stored before are TAF meetings.
    /// - `professional` gains the Signpost login of a lead or team member, and `family` the key "my
    ///   reviews" reads: the lead's login, or their name as a login reads (``Professional/nameKey(_:)``).
    static func createCaseLifeStages(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE social_care_status (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    person_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    from_on TEXT NOT NULL,
                    ended_on TEXT,
                    document TEXT NOT NULL,            -- the whole SocialCareRecord as JSON
                    PRIMARY KEY (family_id, id)
                );
                ALTER TABLE episode ADD COLUMN closed_by TEXT;
                ALTER TABLE episode ADD COLUMN suspensions TEXT;
                ALTER TABLE episode ADD COLUMN stepped_down_from_records TEXT;
                CREATE TABLE team_member_change (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    document TEXT NOT NULL,            -- the whole TeamMemberChange as JSON
                    PRIMARY KEY (family_id, position)
                );
                ALTER TABLE team_meeting ADD COLUMN kind TEXT NOT NULL DEFAULT 'meeting';
                ALTER TABLE professional ADD COLUMN login TEXT;
                ALTER TABLE family ADD COLUMN lead_login_key TEXT NOT NULL DEFAULT '';
                """)
        // No lead has a login yet: each is found by their name as a login reads ("sam.okafor" is Sam Okafor).
        let leads = try Row.fetchAll(
            db, sql: "SELECT family_id, name FROM professional WHERE is_lead = 1 AND position = 0")
        for row in leads {
            try db.execute(
                sql: "UPDATE family SET lead_login_key = ? WHERE id = ?",
                arguments: [Professional.nameKey(row["name"] ?? ""), row["family_id"] as String?])
        }
    }
}

extension Database {
    /// Writes the rows a ``LifecycleChange`` touched on `family` as it now stands.
    func persistLifecycle(_ change: LifecycleChange, of family: Family) throws {
        switch change {
        case .recordSocialCare(let record):
            try saveSocialCare(record, of: family.id, at: family.socialCareRecords.count - 1)
        case .endSocialCare(let id, _, _, _):
            guard let position = family.socialCareRecords.firstIndex(where: { $0.id == id }) else { return }
            try saveSocialCare(family.socialCareRecords[position], of: family.id, at: position)
        case .suspendEpisode(let id, _), .resumeEpisode(let id, _, _, _):
            try updateEpisodeLife(of: family, id)
        case .changeTeam(let change):
            try updateDetails(of: family)
            try run(
                "INSERT INTO team_member_change (family_id, position, document) VALUES (?, ?, ?)",
                [family.id.rawValue, family.teamHistory.count - 1, try StoredValue.json(change)])
        case .setAsideReferralOutcome:
            break
        }
    }

    /// Inserts a social-care status, or replaces the one with its id in the same place.
    func saveSocialCare(_ record: SocialCareRecord, of family: FamilyID, at position: Int) throws {
        try run(
            """
            INSERT OR REPLACE INTO social_care_status (family_id, id, position, person_id, status, from_on, ended_on,
                document)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                family.rawValue, record.id.rawValue, position, record.person.rawValue, record.status.rawValue,
                record.from.iso, record.endedOn?.iso, try StoredValue.json(record),
            ])
    }

    /// Writes who closed an episode and when it was put on hold and resumed.
    func updateEpisodeLife(of family: Family, _ id: EpisodeID) throws {
        guard let episode = family.episodes.first(where: { $0.id == id }) else { return }
        let holds = episode.suspensionHistory.isEmpty ? nil : try StoredValue.json(episode.suspensionHistory)
        try run(
            "UPDATE episode SET closed_by = ?, suspensions = ? WHERE family_id = ? AND id = ?",
            [episode.closedBy, holds, family.id.rawValue, id.rawValue])
    }

    /// Adds social-care statuses and team changes to `families` (keyed by id), each table read once.
    func readCaseLifeStages(into families: inout [String: Family], marks: String, keys: [String]) throws {
        for (table, order) in [("social_care_status", "position"), ("team_member_change", "position")] {
            // An earlier migration reading families (v10 recomputes summaries) runs before these tables exist.
            guard try tableExists(table) else { continue }
            let rows = try Row.fetchAll(
                cachedStatement(
                    sql: "SELECT * FROM \(table) WHERE family_id IN (\(marks)) ORDER BY family_id, \(order)"),
                arguments: StatementArguments(keys))
            for row in rows {
                let id: String = try row.value("family_id")
                guard families[id] != nil else { continue }
                let document: String = try row.value("document")
                if table == "social_care_status" {
                    families[id]!.socialCareRecords.append(
                        try StoredValue.decode(SocialCareRecord.self, json: document))
                } else {
                    families[id]!.teamHistory.append(try StoredValue.decode(TeamMemberChange.self, json: document))
                }
            }
        }
    }
}
