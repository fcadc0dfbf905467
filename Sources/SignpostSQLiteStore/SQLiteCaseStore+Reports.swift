import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// The managers' report queries: each one `GROUP BY` over an index range (schema version 15), so a year's
/// figures cost a read of the year's index entries, not of the families.
extension SQLiteCaseStore {
    public func openCaseload() throws -> [CaseloadCount] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT lead_professional, locality, count(*) AS families FROM family
                    WHERE is_open = 1 GROUP BY lead_professional, locality
                    """
            )
            .map { row in
                CaseloadCount(
                    leadProfessional: try row.optionalValue("lead_professional"), locality: try row.choice("locality"),
                    families: try row.value("families"))
            }
        }
    }

    public func contactCounts(on days: [ReportDay]) throws -> [ContactCount] {
        try read { db in
            try Self.eachChunk(of: days) { chunk, values, arguments in
                try Row.fetchAll(
                    db,
                    sql: """
                        WITH days(day, start, finish) AS (VALUES \(values))
                        SELECT d.day, c.outcome, c.source, count(*) AS contacts
                        FROM days d JOIN contact c ON c.received_at >= d.start AND c.received_at < d.finish
                        GROUP BY d.day, c.outcome, c.source
                        """, arguments: arguments
                )
                .map { row in
                    ContactCount(
                        day: try row.calendarDate("day"), outcome: try row.choice("outcome"),
                        source: try row.choice("source"), contacts: try row.value("contacts"))
                }
            }
        }
    }

    public func decisionTimes(on days: [ReportDay]) throws -> [DecisionTime] {
        try read { db in
            try Self.eachChunk(of: days) { chunk, values, arguments in
                try Row.fetchAll(
                    db,
                    sql: """
                        WITH days(day, start, finish) AS (VALUES \(values))
                        SELECT d.day, r.status, r.outcome_on, count(*) AS referrals
                        FROM days d
                        JOIN contact c ON c.received_at >= d.start AND c.received_at < d.finish
                        JOIN referral r ON r.family_id = c.family_id AND r.contact_id = c.id
                        GROUP BY d.day, r.status, r.outcome_on
                        """, arguments: arguments
                )
                .map { row in
                    let day = try row.calendarDate("day")
                    let status: ReferralStatus = try row.choice("status")
                    let decided = status == .sent ? nil : try row.optionalCalendarDate("outcome_on")
                    return DecisionTime(
                        contactDay: day, daysToDecision: decided.map { day.days(to: $0) },
                        referrals: try row.value("referrals"))
                }
            }
        }
    }

    public func assessmentSpans(from first: CalendarDate, to last: CalendarDate) throws -> [AssessmentSpan] {
        try read { db in
            // The expressions are the indexed ones, word for word, so each side of the OR reads its index.
            try Row.fetchAll(
                db,
                sql: """
                    SELECT json_extract(document, '$.startedOn') AS started_on,
                        json_extract(document, '$.completedOn') AS completed_on, count(*) AS assessments
                    FROM assessment
                    WHERE json_extract(document, '$.startedOn') BETWEEN ? AND ?
                        OR json_extract(document, '$.completedOn') BETWEEN ? AND ?
                    GROUP BY started_on, completed_on
                    """, arguments: [first.iso, last.iso, first.iso, last.iso]
            )
            .map { row in
                AssessmentSpan(
                    startedOn: try row.calendarDate("started_on"),
                    completedOn: try row.optionalCalendarDate("completed_on"),
                    assessments: try row.value("assessments"))
            }
        }
    }

    public func reviewCounts(today: CalendarDate, horizon: CalendarDate) throws -> [ReviewCount] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT f.lead_professional, sum(m.next_review < ?) AS overdue, sum(m.next_review >= ?) AS due_soon
                    FROM team_meeting m JOIN family f ON f.id = m.family_id
                    WHERE m.next_review <= ?
                        AND m.position = (
                            SELECT l.position FROM team_meeting l WHERE l.family_id = m.family_id AND l.kind <> 'ad-hoc'
                            ORDER BY l.held_on DESC, l.position DESC LIMIT 1)
                        AND m.kind <> 'ad-hoc' AND \(SQLiteCaseStore.caseStillOpenSinceMeeting)
                    GROUP BY f.lead_professional
                    """, arguments: [today.iso, today.iso, horizon.iso]
            )
            .map { row in
                ReviewCount(
                    leadProfessional: try row.optionalValue("lead_professional"), overdue: try row.value("overdue"),
                    dueSoon: try row.value("due_soon"))
            }
        }
    }

    public func stepCounts(from first: CalendarDate, to last: CalendarDate) throws -> [StepCount] {
        try read { db in
            // The WHERE clauses repeat the partial indexes' conditions so each query reads only its index.
            let ups = try Row.fetchAll(
                db,
                sql: """
                    SELECT closed_on AS day, count(*) AS episodes FROM episode
                    WHERE closure_reason = 'stepped-up' AND closed_on BETWEEN ? AND ? GROUP BY closed_on
                    """, arguments: [first.iso, last.iso])
            let downs = try Row.fetchAll(
                db,
                sql: """
                    SELECT opened_on AS day, count(*) AS episodes FROM episode
                    WHERE stepped_down_from IS NOT NULL AND opened_on BETWEEN ? AND ? GROUP BY opened_on
                    """, arguments: [first.iso, last.iso])
            return try ups.map { row in
                StepCount(day: try row.calendarDate("day"), direction: .up, episodes: try row.value("episodes"))
            }
                + downs.map { row in
                    StepCount(day: try row.calendarDate("day"), direction: .down, episodes: try row.value("episodes"))
                }
        }
    }

    public func familiesWithActivity(from first: CalendarDate, to last: CalendarDate, after: FamilyID?, limit: Int)
        throws -> [FamilyID]
    {
        let start = StoredValue.time(LondonTime.start(of: first))
        let end = StoredValue.time(LondonTime.start(of: last.adding(days: 1)))
        return try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT family_id FROM (
                        SELECT family_id FROM contact WHERE received_at >= ? AND received_at < ?
                        UNION SELECT family_id FROM referral WHERE made_at >= ? AND made_at < ?
                        UNION SELECT family_id FROM assessment
                            WHERE json_extract(document, '$.startedOn') BETWEEN ? AND ?
                                OR json_extract(document, '$.completedOn') BETWEEN ? AND ?)
                    WHERE family_id > ? ORDER BY family_id LIMIT ?
                    """,
                arguments: [
                    start, end, start, end, first.iso, last.iso, first.iso, last.iso, after?.rawValue ?? "",
                    max(limit, 0),
                ]
            )
            .map(FamilyID.init(rawValue:))
        }
    }

    /// Runs `query` over the days a few hundred at a time (SQLite limits a statement's parameters), giving it
    /// the `VALUES` rows of a `days(day, start, finish)` table and their arguments.
    private static func eachChunk<Result>(
        of days: [ReportDay], _ query: ([ReportDay], String, StatementArguments) throws -> [Result]
    ) throws -> [Result] {
        var results: [Result] = []
        var index = days.startIndex
        while index < days.endIndex {
            let chunk = Array(days[index..<min(index + 500, days.endIndex)])
            let values = Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", ")
            var arguments = StatementArguments()
            for day in chunk {
                arguments += [day.day.iso, StoredValue.time(day.start), StoredValue.time(day.end)]
            }
            results += try query(chunk, values, arguments)
            index += chunk.count
        }
        return results
    }
}
