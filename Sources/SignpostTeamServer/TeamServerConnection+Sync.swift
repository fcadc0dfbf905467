import Foundation
import PostgresNIO

extension TeamServerConnection {
    /// Pushes change envelopes (each one JSON object) in one server transaction; the answer has
    /// one outcome per envelope, in order. The server sets the author from the login.
    public func push(envelopes: [Data]) async throws -> [PushOutcome] {
        guard !envelopes.isEmpty else { return [] }
        var array = Data("[".utf8)
        for (index, envelope) in envelopes.enumerated() {
            if index > 0 { array.append(contentsOf: Array(",".utf8)) }
            array.append(envelope)
        }
        array.append(contentsOf: Array("]".utf8))
        let text = String(decoding: array, as: UTF8.self)
        let answer: String = try await translatingErrors {
            let rows = try await connection.query("SELECT signpost.push(\(text)::jsonb)::text", logger: logger)
            for try await answer in rows.decode(String.self) { return answer }
            throw TeamServerError.unexpectedAnswer("push returned no rows")
        }
        do {
            let outcomes = try JSONDecoder().decode([PushOutcome].self, from: Data(answer.utf8))
            guard outcomes.count == envelopes.count else {
                throw TeamServerError.unexpectedAnswer("\(outcomes.count) outcomes for \(envelopes.count) changes")
            }
            return outcomes
        } catch let error as DecodingError {
            throw TeamServerError.unexpectedAnswer("push outcome: \(error)")
        }
    }

    /// The changes after `since` this login may see, in sequence order, at most `max` of them.
    public func pull(since: Int64, max: Int) async throws -> [PulledChange] {
        try await translatingErrors {
            var changes: [PulledChange] = []
            let rows = try await connection.query(
                "SELECT seq, author, received_at, envelope::text FROM signpost.pull(\(since), \(Int32(clamping: max)))",
                logger: logger)
            for try await (seq, author, receivedAt, envelope) in rows.decode((Int64, String, Date, String).self) {
                changes.append(
                    PulledChange(seq: seq, author: author, receivedAt: receivedAt, envelopeJSON: Data(envelope.utf8)))
            }
            return changes
        }
    }

    /// The server's latest sequence number (the newest change in its log, whoever may read it): what
    /// a first sync estimates its remaining work from.
    public func latestSeq() async throws -> Int64 {
        try await translatingErrors {
            let rows = try await connection.query("SELECT signpost.current_seq()", logger: logger)
            for try await seq in rows.decode(Int64.self) { return seq }
            throw TeamServerError.unexpectedAnswer("the server did not say its latest sequence number")
        }
    }

    /// The server's clock now: what a client compares its own with (see ``TeamServerSchema/clockLimitMilliseconds``).
    public func serverClock() async throws -> Date {
        try await translatingErrors {
            let rows = try await connection.query("SELECT clock_timestamp()", logger: logger)
            for try await now in rows.decode(Date.self) { return now }
            throw TeamServerError.unexpectedAnswer("the server did not say what time it is")
        }
    }

    /// The conflicts this login may see (need-to-know applies), oldest first; unresolved only.
    public func conflicts() async throws -> [ConflictRecord] {
        try await translatingErrors {
            var records: [ConflictRecord] = []
            let rows = try await connection.query(
                """
                SELECT id, family, record, field, coalesce(server_value::text, 'null'), server_author,
                    server_changed_at, coalesce(pushed_value::text, 'null'), pushed_author, pushed_at,
                    pushed_change_id::text
                FROM signpost.conflict WHERE resolved_at IS NULL ORDER BY id
                """, logger: logger)
            for try await row in rows.decode(
                (Int64, String, String, String, String, String, Date, String, String, Date, String).self)
            {
                records.append(
                    ConflictRecord(
                        id: row.0, family: row.1, record: row.2, field: row.3, serverValue: row.4,
                        serverAuthor: row.5, serverChangedAt: row.6, pushedValue: row.7, pushedAuthor: row.8,
                        pushedAt: row.9, pushedChange: UUID(uuidString: row.10) ?? UUID()))
            }
            return records
        }
    }

    /// Searches people across the whole service ("is this family known?"); audited.
    public func findPerson(_ search: String) async throws -> [ServerPersonMatch] {
        try await translatingErrors {
            var matches: [ServerPersonMatch] = []
            let rows = try await connection.query(
                "SELECT family, record, locality, restricted FROM signpost.find_person(\(search))", logger: logger)
            for try await (family, record, locality, restricted) in rows.decode((String, String, String?, Bool).self) {
                matches.append(
                    ServerPersonMatch(family: family, record: record, locality: locality, restricted: restricted))
            }
            return matches
        }
    }

    /// Opens a family's record for this login, audited; a restricted family needs a reason from
    /// anyone not named on it.
    public func openFamily(_ family: String, reason: String? = nil) async throws {
        let refusal: String? = try await translatingErrors {
            let rows = try await connection.query(
                "SELECT signpost.open_family(\(family), \(reason)) ->> 'refused'", logger: logger)
            for try await refusal in rows.decode(String?.self) { return refusal }
            return nil
        }
        if let refusal {
            throw TeamServerError.server(message: refusal, sqlState: "42501")
        }
    }

    /// Who the server says this session is: the login, and its role and locality if it is a practitioner.
    public func whoAmI() async throws -> (login: String, role: PractitionerRole?, locality: String?) {
        try await translatingErrors {
            let rows = try await connection.query(
                """
                SELECT session_user::text, signpost.caller_role(),
                    (SELECT locality FROM signpost.practitioner WHERE login = session_user)
                """, logger: logger)
            for try await (login, role, locality) in rows.decode((String, String?, String?).self) {
                return (login, role.flatMap(PractitionerRole.init(rawValue:)), locality)
            }
            throw TeamServerError.unexpectedAnswer("no session")
        }
    }
}
