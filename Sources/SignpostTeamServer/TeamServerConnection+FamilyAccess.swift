import Foundation
import PostgresNIO

extension TeamServerConnection {
    /// One family's whole change history, for bringing it to this laptop.
    ///
    /// The server decides: a login that may read the family already gets it; anyone else opens it
    /// (audited on the server under the real login), and a restricted family needs a reason from
    /// anyone not named on it. A refusal throws ``TeamServerError/server(message:sqlState:)`` with
    /// SQLSTATE 42501, and its audit entry stays on the server.
    ///
    /// ```swift
    /// let history = try await server.familyHistory("F-0001", reason: "Duty cover")
    /// history.changes.count  // every change the team made to F-0001, oldest first
    /// ```
    public func familyHistory(_ family: String, reason: String? = nil) async throws -> FamilyHistory {
        let given = reason.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let answer: (FamilyHistory, String?) = try await inTransaction {
            try await translatingErrors {
                var history = FamilyHistory(family: family, restricted: false, locality: nil, changes: [])
                var refusal: String?
                let rows = try await connection.query(
                    """
                    SELECT seq, author, received_at, envelope::text, refused, restricted, locality
                    FROM signpost.family_history(\(family), \(given))
                    """, logger: logger)
                for try await row in rows.decode((Int64?, String?, Date?, String?, String?, Bool?, String?).self) {
                    history.restricted = row.5 ?? false
                    history.locality = row.6
                    if let refused = row.4 {
                        refusal = refused
                    } else if let seq = row.0, let author = row.1, let receivedAt = row.2, let envelope = row.3 {
                        history.changes.append(
                            PulledChange(
                                seq: seq, author: author, receivedAt: receivedAt, envelopeJSON: Data(envelope.utf8)))
                    }
                }
                return (history, refusal)
            }
        }
        if let refusal = answer.1 {
            throw TeamServerError.server(message: refusal, sqlState: "42501")
        }
        return answer.0
    }

    /// The families given to this login (put on its caseload, named on a restriction, or released
    /// from one) at or after `since` that it may read now: what a sync brings whole when its store
    /// does not hold them.
    public func newlyReadableFamilies(since: Int64) async throws -> [String] {
        try await translatingErrors {
            var families: [String] = []
            let rows = try await connection.query(
                "SELECT family FROM signpost.newly_readable(\(since))", logger: logger)
            for try await family in rows.decode(String.self) { families.append(family) }
            return families
        }
    }

    /// Of the families a laptop holds, those that have left this login's scope (moved out of its
    /// locality, taken off its caseload, restricted to others, and not opened by it in the last 30
    /// days), each with why and the ids of its changes on the server (no content).
    ///
    /// ```swift
    /// let left = try await server.familiesLeftScope(held: ["F-0001", "F-0002"])
    /// left.first?.reason  // "restricted to other workers"
    /// ```
    public func familiesLeftScope(held: [String]) async throws -> [FamilyLeftScope] {
        guard !held.isEmpty else { return [] }
        return try await translatingErrors {
            var left: [FamilyLeftScope] = []
            let rows = try await connection.query(
                "SELECT family, reason, change_ids FROM signpost.left_scope(\(held))", logger: logger)
            for try await (family, reason, changeIDs) in rows.decode((String, String, [String]).self) {
                left.append(FamilyLeftScope(family: family, reason: reason, changeIDs: changeIDs))
            }
            return left
        }
    }

    /// Tells the server's audit that this laptop removed `family` because it left the login's
    /// scope, and why (schema version 6); the server names the login.
    public func recordFamilyLeftLaptop(_ family: String, reason: String) async throws {
        try await execute("SELECT signpost.family_left_laptop(\(family), \(reason))")
    }

    /// Who opened which restricted or out-of-scope family, when, and the reason they gave (and
    /// every refusal), oldest first, from `since` on. Managers and administrators only: the server
    /// refuses anyone else (SQLSTATE 42501).
    public func accessReport(since: Date?) async throws -> [FamilyAccessEntry] {
        try await translatingErrors {
            var entries: [FamilyAccessEntry] = []
            let rows = try await connection.query(
                """
                SELECT at, login, role, family, outcome, reason, restricted, locality
                FROM signpost.access_report(\(since))
                """, logger: logger)
            for try await row in rows.decode((Date, String, String?, String?, String, String?, Bool, String?).self) {
                entries.append(
                    FamilyAccessEntry(
                        at: row.0, login: row.1, role: row.2.flatMap(PractitionerRole.init(rawValue:)),
                        family: row.3 ?? "", outcome: FamilyAccessEntry.Outcome(rawValue: row.4) ?? .refused,
                        reason: row.5, restricted: row.6, locality: row.7))
            }
            return entries
        }
    }
}

/// A family's change history as the server gave it: whether it is restricted, its locality, and
/// every change in sequence order.
public struct FamilyHistory: Hashable, Sendable {
    public var family: String
    public var restricted: Bool
    public var locality: String?
    public var changes: [PulledChange]
}

/// One line of the managers' access report: a family opened (or refused) outside the opener's
/// need-to-know.
public struct FamilyAccessEntry: Hashable, Sendable {
    public enum Outcome: String, Hashable, Sendable {
        case opened
        case refused
    }

    public var at: Date
    public var login: String
    public var role: PractitionerRole?
    public var family: String
    public var outcome: Outcome
    /// The reason given to open it, or why it was refused.
    public var reason: String?
    public var restricted: Bool
    public var locality: String?
}

/// A family a laptop holds that has left the login's scope, why, and the ids of its changes.
public struct FamilyLeftScope: Hashable, Sendable {
    public var family: String
    public var reason: String
    /// The family's change ids on the server (envelope ids), so the laptop can forget it pulled them.
    public var changeIDs: [String]
}
