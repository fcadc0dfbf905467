import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// Writing and reading the household's history: the date of the present address, the addresses the family
/// left, and every relationship added, changed or removed (schema version 9).
extension Database {
    /// Writes the present address's date and the previous addresses afresh (a family has a handful).
    func writeAddressHistory(of family: Family) throws {
        try run(
            "UPDATE family SET address_since = ? WHERE id = ?", [family.addressSince?.iso, family.id.rawValue])
        try run("DELETE FROM previous_address WHERE family_id = ?", [family.id.rawValue])
        for (position, previous) in family.previousAddresses.enumerated() {
            try run(
                """
                INSERT INTO previous_address (family_id, position, address_lines, postcode, from_on, until_on,
                    recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    family.id.rawValue, position, StoredValue.list(previous.address.lines), previous.address.postcode,
                    previous.from?.iso, previous.until.iso, previous.recordedBy,
                ])
        }
    }

    /// Appends the family's latest relationship event (the one a change just added).
    func insertRelationshipEvent(of family: Family) throws {
        guard let event = family.relationshipHistory.last else { return }
        try insertRelationshipEvent(event, of: family.id, at: family.relationshipHistory.count - 1)
    }

    func insertRelationshipEvent(_ event: RelationshipEvent, of family: FamilyID, at position: Int) throws {
        try run(
            """
            INSERT INTO relationship_event (family_id, position, at, by, event, from_person, kind, to_person,
                previous_kind)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                family.rawValue, position, StoredValue.time(event.at), event.by, event.kind.rawValue,
                event.relationship.from.rawValue, event.relationship.kind.rawValue, event.relationship.to.rawValue,
                event.previous?.rawValue,
            ])
    }

    /// Adds the previous addresses and relationship events to `families` (keyed by id), each table read once.
    func readHouseholdHistory(into families: inout [String: Family], marks: String, keys: [String]) throws {
        let addresses = try Row.fetchAll(
            cachedStatement(
                sql: "SELECT * FROM previous_address WHERE family_id IN (\(marks)) ORDER BY family_id, position"),
            arguments: StatementArguments(keys))
        for row in addresses {
            let id: String = try row.value("family_id")
            families[id]?.previousAddresses.append(
                PreviousAddress(
                    address: Address(
                        lines: try StoredValue.strings(row.value("address_lines")),
                        postcode: try row.value("postcode")),
                    from: try row.optionalCalendarDate("from_on"), until: try row.calendarDate("until_on"),
                    recordedBy: try row.value("recorded_by")))
        }
        let events = try Row.fetchAll(
            cachedStatement(
                sql: "SELECT * FROM relationship_event WHERE family_id IN (\(marks)) ORDER BY family_id, position"),
            arguments: StatementArguments(keys))
        for row in events {
            let id: String = try row.value("family_id")
            families[id]?.relationshipHistory.append(
                RelationshipEvent(
                    at: try row.time("at"), by: try row.value("by"), kind: try row.choice("event"),
                    relationship: Relationship(
                        from: PersonID(try row.value("from_person") as String), kind: try row.choice("kind"),
                        to: PersonID(try row.value("to_person") as String)),
                    previous: try row.optionalChoice("previous_kind")))
        }
    }
}

extension StoreSchema {
    /// Version 13: the household's history (#15).
    ///
    /// The date the family moved to its present address is a column of `family`;
    /// the addresses it left and the relationship changes are rows of their own,
    /// in order. Consent says who gave it (a member), what for, with which
    /// agencies and how; records made before have none of these, which the
    /// defaults say.
    static func createHouseholdHistory(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE family ADD COLUMN address_since TEXT;
                CREATE TABLE previous_address (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    address_lines TEXT NOT NULL,       -- JSON array of street lines
                    postcode TEXT NOT NULL,
                    from_on TEXT,
                    until_on TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    PRIMARY KEY (family_id, position)
                );
                CREATE TABLE relationship_event (
                    family_id TEXT NOT NULL REFERENCES family (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    at REAL NOT NULL,
                    by TEXT NOT NULL,
                    event TEXT NOT NULL,               -- added, changed, removed
                    from_person TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    to_person TEXT NOT NULL,
                    previous_kind TEXT,
                    PRIMARY KEY (family_id, position)
                );
                ALTER TABLE consent ADD COLUMN person_id TEXT;
                ALTER TABLE consent ADD COLUMN purposes TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE consent ADD COLUMN agencies TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE consent ADD COLUMN method TEXT;
                """)
    }
}
