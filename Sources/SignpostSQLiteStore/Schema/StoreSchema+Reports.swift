import Foundation
import GRDB

extension StoreSchema {
    /// Version 15: the indexes the managers' reports and the returns count over (#17).
    ///
    /// Every report is a `GROUP BY` that reads an index range rather than the families:
    /// - `contact_by_received_outcome_source` covers contacts per day by outcome and source;
    /// - `referral_by_contact` finds the referrals made from a contact (time from contact to decision);
    /// - `referral_by_made_at` finds the families with a referral in a return's range;
    /// - `assessment_by_started_on` and `assessment_by_completed_on` index the assessment document's dates
    ///   (kept in its JSON, so the write path is unchanged);
    /// - `episode_by_stepped_up` and `episode_by_stepped_down` hold only the episodes that moved between early
    ///   help and social care;
    /// - `family_by_caseload` counts open families by lead professional and locality.
    static func createReportIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX contact_by_received_outcome_source ON contact (received_at, outcome, source);
                CREATE INDEX referral_by_contact ON referral (family_id, contact_id);
                CREATE INDEX referral_by_made_at ON referral (made_at);
                CREATE INDEX assessment_by_started_on ON assessment (json_extract(document, '$.startedOn'));
                CREATE INDEX assessment_by_completed_on ON assessment (json_extract(document, '$.completedOn'));
                CREATE INDEX episode_by_stepped_up ON episode (closed_on) WHERE closure_reason = 'stepped-up';
                CREATE INDEX episode_by_stepped_down ON episode (opened_on) WHERE stepped_down_from IS NOT NULL;
                CREATE INDEX family_by_caseload ON family (is_open, lead_professional, locality);
                """)
    }
}
