import Foundation
import GRDB
import SignpostDomain
import SignpostStore

extension StoreSchema {
    /// Version 20: retention review decisions (#16).
    ///
    /// `retention_decision` keeps each review's decision to keep a closed record until a day, with why,
    /// who and when (the whole ``RetentionDecision`` as JSON, the day also as a column); the latest counts.
    static func createRetentionDecisions(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE retention_decision (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    kept_until TEXT NOT NULL,
                    document TEXT NOT NULL,            -- the whole RetentionDecision as JSON
                    PRIMARY KEY (family_id, position)
                );
                """)
    }
}

extension Database {
    /// Writes the newest retention decision of `family` as it now stands.
    func insertRetentionDecision(of family: Family) throws {
        guard let decision = family.retentionDecisions.last else { return }
        try insertRetentionDecision(decision, of: family.id, at: family.retentionDecisions.count - 1)
    }

    /// Writes every retention decision of a family being inserted whole.
    func insertRetentionDecisions(of family: Family) throws {
        for (position, decision) in family.retentionDecisions.enumerated() {
            try insertRetentionDecision(decision, of: family.id, at: position)
        }
    }

    private func insertRetentionDecision(_ decision: RetentionDecision, of family: FamilyID, at position: Int) throws {
        try run(
            "INSERT INTO retention_decision (family_id, position, kept_until, document) VALUES (?, ?, ?, ?)",
            [family.rawValue, position, decision.keptUntil.iso, try StoredValue.json(decision)])
    }

    /// Adds retention decisions to `families` (keyed by id), the table read once.
    func readRetentionDecisions(into families: inout [String: Family], marks: String, keys: [String]) throws {
        // An earlier migration reading families runs before this table exists.
        guard try tableExists("retention_decision") else { return }
        let rows = try Row.fetchAll(
            cachedStatement(
                sql: "SELECT * FROM retention_decision WHERE family_id IN (\(marks)) ORDER BY family_id, position"),
            arguments: StatementArguments(keys))
        for row in rows {
            let id: String = try row.value("family_id")
            guard families[id] != nil else { continue }
            families[id]!.retentionDecisions.append(
                try StoredValue.decode(RetentionDecision.self, json: row.value("document")))
        }
    }
}
