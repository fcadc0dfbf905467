import Foundation
import PostgresNIO
import SignpostDomain
import SignpostStore

extension TeamServerConnection {
    /// True once the session has ended (closed here, or the server or the network dropped it): a
    /// query sent on it then would wait for an answer that never comes, so callers reconnect.
    public var isClosed: Bool { connection.isClosed }

    /// The unresolved conflicts this login may see (need-to-know applies), oldest first, with the
    /// kind of edit each is about and both values as JSON: what the conflicts screen shows.
    public func openConflicts() async throws -> [TeamConflict] {
        try await translatingErrors {
            var records: [TeamConflict] = []
            let rows = try await connection.query(
                """
                SELECT id, family, record, coalesce(pushed_envelope ->> 'kind', ''), field,
                    coalesce(server_value::text, 'null'), server_author, server_changed_at,
                    coalesce(pushed_value::text, 'null'), pushed_author, pushed_at
                FROM signpost.conflict WHERE resolved_at IS NULL ORDER BY id
                """, logger: logger)
            let decoder = JSONDecoder()
            func value(_ text: String) -> JSONValue {
                (try? decoder.decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
            }
            for try await row in rows.decode(
                (Int64, String, String, String, String, String, String, Date, String, String, Date).self)
            {
                records.append(
                    TeamConflict(
                        id: row.0, family: FamilyID(row.1), record: row.2, edits: row.3, field: row.4,
                        serverValue: value(row.5), serverAuthor: row.6, serverChangedAt: row.7,
                        pushedValue: value(row.8), pushedAuthor: row.9, pushedAt: row.10))
            }
            return records
        }
    }
}
