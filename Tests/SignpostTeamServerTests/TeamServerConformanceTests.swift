import Foundation
import PostgresNIO
import XCTest

@testable import SignpostTeamServer

/// The team server's promises, checked against a real PostgreSQL: push, pull, idempotence,
/// ordering under concurrent pushes, the author set by the server, need-to-know, restricted
/// families, the insert-only audit chain, and conflicts.
final class TeamServerConformanceTests: TeamServerTestCase {
    func testInitialisingTwiceAppliesEachMigrationOnceAndKeepsTheServerKind() async throws {
        let answer1 = try await admin.appliedVersions()
        XCTAssertEqual(answer1, TeamServerSchema.migrations.map(\.version))
        let answer2 = try await admin.initialise(kind: .demonstration)
        XCTAssertEqual(answer2, [], "a second init applies nothing")
        let answer3 = try await admin.serverKind()
        XCTAssertEqual(answer3, .demonstration)
        do {
            try await admin.initialise(kind: .live)
            XCTFail("a demonstration server must not become live")
        } catch let error as TeamServerError {
            XCTAssertTrue(error.description.contains("initialised as demonstration"), error.description)
        }
    }

    func testPushedChangesArePulledInOrderWithTheirServerSequence() async throws {
        let frontDoor = try await practitioner("fd", role: .frontDoor)
        let family = familyID(1)
        let batch = [
            Envelopes.make(family: family, kind: "add-family", locality: "north"),
            Envelopes.make(family: family, record: "P-0001", kind: "add-person"),
            Envelopes.make(family: family, kind: "add-case-note"),
        ]
        let outcomes = try await frontDoor.push(envelopes: batch)
        XCTAssertEqual(outcomes.map(\.status), [.applied, .applied, .applied])
        let seqs = outcomes.compactMap(\.seq)
        XCTAssertEqual(seqs, seqs.sorted())
        XCTAssertEqual(Set(seqs).count, 3)

        let pulled = try await frontDoor.pull(since: 0, max: 100)
        XCTAssertEqual(pulled.map(\.seq), seqs)
        XCTAssertEqual(
            try pulled.map { try Envelopes.object($0.envelopeJSON)["kind"] as? String },
            ["add-family", "add-person", "add-case-note"])
        let afterFirst = try await frontDoor.pull(since: seqs[0], max: 100)
        XCTAssertEqual(afterFirst.map(\.seq), Array(seqs.dropFirst()))
        let paged = try await frontDoor.pull(since: 0, max: 2)
        XCTAssertEqual(paged.map(\.seq), Array(seqs.prefix(2)))
    }

    func testTheSameChangePushedTwiceIsAppliedOnce() async throws {
        let frontDoor = try await practitioner("fd", role: .frontDoor)
        let family = familyID(1)
        let id = UUID()
        let note = Envelopes.make(id: id, family: family, kind: "add-case-note")
        let first = try await frontDoor.push(envelopes: [Envelopes.make(family: family, kind: "add-family"), note])
        let again = try await frontDoor.push(envelopes: [note])
        let twiceInOneBatch = try await frontDoor.push(envelopes: [note, note])

        XCTAssertEqual(first[1].status, .applied)
        XCTAssertEqual(again.map(\.status), [.duplicate])
        XCTAssertEqual(again[0].seq, first[1].seq, "a duplicate answers with the first seq")
        XCTAssertEqual(twiceInOneBatch.map(\.status), [.duplicate, .duplicate])
        let pulled = try await frontDoor.pull(since: 0, max: 100)
        XCTAssertEqual(pulled.filter { $0.seq == first[1].seq }.count, 1)
        XCTAssertEqual(pulled.count, 2)
    }

    func testTheAuthorIsTheSignedInLoginWhateverTheClientClaims() async throws {
        let frontDoor = try await practitioner("fd", role: .frontDoor)
        let family = familyID(1)
        let claimed = Envelopes.make(family: family, kind: "add-family", extra: ["author": "the-director"])
        _ = try await frontDoor.push(envelopes: [claimed])
        let pulled = try await frontDoor.pull(since: 0, max: 10)
        let login = frontDoor.endpoint.login
        XCTAssertEqual(pulled.map(\.author), [login])
        XCTAssertNil(try Envelopes.object(pulled[0].envelopeJSON)["author"], "the client's claim is dropped")
        let auditAuthors = try await strings(
            admin, "SELECT DISTINCT login FROM signpost.audit WHERE action IN ('push', 'pull') ORDER BY login")
        XCTAssertEqual(auditAuthors, [login])
    }

    /// An open interface asks for news every two seconds: a trail where nearly every entry says
    /// "nothing new" hides the reads a manager needs to see (147 of 152 entries in a morning's
    /// walk-through were empty pulls). A pull that hands over changes is audited; an empty one is not.
    func testAPullThatDeliversChangesIsAuditedAndAnEmptyOneIsNot() async throws {
        let frontDoor = try await practitioner("fd", role: .frontDoor)
        let family = familyID(1)
        let pushed = try await frontDoor.push(envelopes: [
            Envelopes.make(family: family, kind: "add-family", locality: "north"),
            Envelopes.make(family: family, kind: "add-case-note"),
        ])
        let latest = try XCTUnwrap(pushed.compactMap(\.seq).max())
        let delivered = try await frontDoor.pull(since: 0, max: 100)
        XCTAssertEqual(delivered.count, 2)
        for _ in 0..<5 {
            let nothing = try await frontDoor.pull(since: latest, max: 100)
            XCTAssertEqual(nothing.count, 0)
        }
        let pulls = try await strings(
            admin,
            "SELECT (detail ->> 'since') || ':' || (detail ->> 'changes') FROM signpost.audit "
                + "WHERE login = '\(frontDoor.endpoint.login)' AND action = 'pull' ORDER BY seq")
        XCTAssertEqual(pulls, ["0:2"], "the pull that handed over two changes, and none of the five empty ones")
        let brokenAt = try await admin.verifyAudit()
        XCTAssertNil(brokenAt, "the chain still verifies")
    }

    func testConcurrentPushesNeverLetAPullerSkipAChange() async throws {
        let manager = try await practitioner("mgr", role: .manager)
        let pushers = 6
        let batches = 10
        let perBatch = 5
        var sessions: [TeamServerConnection] = []
        for index in 0..<pushers { sessions.append(try await practitioner("fd\(index)", role: .frontDoor)) }
        let families = (0..<pushers).map { familyID($0) }

        let seen = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for (index, session) in sessions.enumerated() {
                let family = families[index]
                group.addTask {
                    _ = try await session.push(envelopes: [Envelopes.make(family: family, kind: "add-family")])
                    for _ in 0..<batches {
                        let batch = (0..<perBatch).map { _ in Envelopes.make(family: family, kind: "add-case-note") }
                        let outcomes = try await session.push(envelopes: batch)
                        XCTAssertEqual(Set(outcomes.map(\.status)), [.applied])
                    }
                    return []
                }
            }
            // A puller that keeps asking for "what is after the last seq I saw" while pushes commit.
            group.addTask {
                var last: Int64 = 0
                var seen: [Int64] = []
                let expected = pushers * (batches * perBatch + 1)
                var idleRounds = 0
                while seen.count < expected && idleRounds < 2_000 {
                    let page = try await manager.pull(since: last, max: 7)
                    if page.isEmpty { idleRounds += 1 }
                    seen += page.map(\.seq)
                    last = page.last?.seq ?? last
                }
                return seen
            }
            var collected: [Int64] = []
            for try await result in group { collected += result }
            return collected
        }
        let all = try await manager.pull(since: 0, max: 10_000).map(\.seq)
        XCTAssertEqual(all.count, pushers * (batches * perBatch + 1))
        XCTAssertEqual(seen, all, "the concurrent puller saw every change, once, in order")
        XCTAssertEqual(all, Array(all[0]...all[all.count - 1]), "sequence numbers have no gaps")
    }

    func testAHubWorkerOutsideTheFamilysLocalityCannotReadIt() async throws {
        let frontDoor = try await practitioner("fd", role: .frontDoor)
        let north = try await practitioner("hubnorth", role: .hubWorker, locality: "north")
        let south = try await practitioner("hubsouth", role: .hubWorker, locality: "south")
        let family = familyID(1)
        _ = try await frontDoor.push(envelopes: [
            Envelopes.make(family: family, kind: "add-family", locality: "north"),
            Envelopes.make(family: family, kind: "add-contact"),
        ])

        let answer4 = try await north.pull(since: 0, max: 100).count
        XCTAssertEqual(answer4, 2)
        let answer5 = try await south.pull(since: 0, max: 100).count
        XCTAssertEqual(answer5, 0)
        let answer6 = try await strings(south, "SELECT family FROM signpost.change")
        XCTAssertEqual(answer6, [], "row-level security")
        do {
            try await south.openFamily(family)
            XCTFail("a hub worker must not open a family outside their locality and caseload")
        } catch let error as TeamServerError {
            XCTAssertTrue(error.isPermissionDenied, error.description)
        }
        let refused = try await strings(
            admin, "SELECT login FROM signpost.audit WHERE action = 'open-family-refused' AND family = '\(family)'")
        XCTAssertEqual(refused, [south.endpoint.login])
        // A push into the family is refused too.
        let outcome = try await south.push(envelopes: [Envelopes.make(family: family, kind: "add-case-note")])
        XCTAssertEqual(outcome.map(\.status), [.refused])
        // Put on the worker's caseload, the family becomes readable.
        let manager = try await practitioner("mgr", role: .manager)
        try await manager.assignCaseload(family: family, to: south.endpoint.login)
        let answer7 = try await south.pull(since: 0, max: 100).count
        XCTAssertEqual(answer7, 2)
    }

    func testTheFrontDoorFindsAnyPersonAndOpensTheFamilyAudited() async throws {
        let recorder = try await practitioner("fda", role: .frontDoor)
        let other = try await practitioner("fdb", role: .frontDoor)
        let family = familyID(1)
        let addPerson = Envelopes.make(family: family, record: "P-0001", kind: "add-person")
        _ = try await recorder.push(envelopes: [
            Envelopes.make(family: family, kind: "add-family", locality: "east"), addPerson,
        ])
        let answer8 = try await other.pull(since: 0, max: 10).count
        XCTAssertEqual(answer8, 0, "not on their caseload")

        let matches = try await other.findPerson("fictional test")
        XCTAssertEqual(Set(matches.map(\.family)), [family])
        try await other.openFamily(family)
        let answer9 = try await other.pull(since: 0, max: 10).count
        XCTAssertEqual(answer9, 2, "opened, the family is readable")
        let audited = try await strings(
            admin,
            "SELECT action FROM signpost.audit WHERE login = '\(other.endpoint.login)' AND action <> 'pull' ORDER BY seq"
        )
        XCTAssertEqual(audited, ["find-person", "open-family"])
    }

    func testARestrictedFamilyNeedsAReasonFromAnyoneNotNamedAndTheReasonIsAudited() async throws {
        let frontDoor = try await practitioner("fd", role: .frontDoor)
        let named = try await practitioner("named", role: .hubWorker, locality: "north")
        let colleague = try await practitioner("colleague", role: .hubWorker, locality: "north")
        let manager = try await practitioner("mgr", role: .manager)
        let family = familyID(1)
        _ = try await frontDoor.push(envelopes: [Envelopes.make(family: family, kind: "add-family", locality: "north")])
        try await manager.restrictFamily(family, to: [named.endpoint.login])

        let answer10 = try await named.pull(since: 0, max: 10).count
        XCTAssertEqual(answer10, 1)
        let answer11 = try await colleague.pull(since: 0, max: 10).count
        XCTAssertEqual(answer11, 0, "same locality, not named")
        do {
            try await colleague.openFamily(family)
            XCTFail("opening a restricted family needs a reason")
        } catch let error as TeamServerError {
            XCTAssertTrue(error.description.contains("give a reason"), error.description)
        }
        try await colleague.openFamily(family, reason: "Duty cover for the named worker today")
        let answer12 = try await colleague.pull(since: 0, max: 10).count
        XCTAssertEqual(answer12, 1)
        let reasons = try await strings(
            manager,
            """
            SELECT action || ':' || coalesce(detail ->> 'reason', '-') FROM signpost.audit
            WHERE family = '\(family)' AND login = '\(colleague.endpoint.login)' ORDER BY seq
            """)
        XCTAssertEqual(reasons, ["open-family-refused:-", "open-family:Duty cover for the named worker today"])
    }

    func testAuditEntriesCannotBeChangedOrDeletedByAnyRole() async throws {
        var sessions: [TeamServerConnection] = []
        for role in PractitionerRole.allCases {
            sessions.append(try await practitioner("r\(role.rawValue.prefix(3))", role: role, locality: "north"))
        }
        _ = try await sessions[0].push(envelopes: [Envelopes.make(family: familyID(1), kind: "add-family")])
        for session in sessions {
            for statement in [
                "UPDATE signpost.audit SET action = 'nothing'", "DELETE FROM signpost.audit",
                "TRUNCATE signpost.audit",
                "INSERT INTO signpost.audit (seq, at, login, action, previous_hash, hash) VALUES (0, now(), 'x', 'x', '', '')",
            ] {
                do {
                    try await session.execute(PostgresQuery(unsafeSQL: statement))
                    XCTFail("\(session.endpoint.login) ran: \(statement)")
                } catch let error as TeamServerError {
                    XCTAssertTrue(error.isPermissionDenied, "\(statement): \(error)")
                }
            }
        }
        // Even the owner (the cluster's superuser) is stopped by the insert-only triggers.
        for statement in [
            "UPDATE signpost.audit SET action = 'nothing'", "DELETE FROM signpost.audit", "TRUNCATE signpost.audit",
        ] {
            do {
                try await admin.execute(PostgresQuery(unsafeSQL: statement))
                XCTFail("the owner ran: \(statement)")
            } catch let error as TeamServerError {
                XCTAssertTrue(error.description.contains("insert-only"), error.description)
            }
        }
        let answer13 = try await admin.verifyAudit()
        XCTAssertNil(answer13, "the chain is intact")
        // A superuser who switches the triggers off and edits an entry is caught by the chain.
        try await admin.execute("ALTER TABLE signpost.audit DISABLE TRIGGER audit_no_update_or_delete")
        try await admin.execute(
            "UPDATE signpost.audit SET login = 'someone-else' WHERE seq = (SELECT min(seq) + 1 FROM signpost.audit)")
        let tampered = try await strings(admin, "SELECT (min(seq) + 1)::text FROM signpost.audit")
        let answer14 = try await admin.verifyAudit().map { String($0) }
        XCTAssertEqual(answer14, tampered.first)
    }

    func testAnEditOfAFieldChangedSinceItsBaseIsRecordedAsAConflictAndTheServerValueStands() async throws {
        let first = try await practitioner("hubone", role: .hubWorker, locality: "north")
        let second = try await practitioner("hubtwo", role: .hubWorker, locality: "north")
        let family = familyID(1)
        let added = try await first.push(envelopes: [
            Envelopes.make(family: family, kind: "add-family", locality: "north"),
            Envelopes.make(family: family, record: "P-0001", kind: "add-person"),
        ])
        let base = try XCTUnwrap(added[1].seq)
        let phone = ["phone": "020 7946 0001"]
        let firstEdit = try await first.push(envelopes: [
            Envelopes.make(family: family, record: "P-0001", kind: "update-person", base: base, fields: phone)
        ])
        XCTAssertEqual(firstEdit.map(\.status), [.applied])

        // The second worker, on another device, edited the same field and another from the same
        // base: the phone is in conflict, the email goes through.
        let secondEdit = Envelopes.make(
            device: "D-TESTDEV2", family: family, record: "P-0001", kind: "update-person", base: base,
            fields: ["phone": "020 7946 0999", "email": "robin@example.org"])
        let outcome = try await second.push(envelopes: [secondEdit])
        XCTAssertEqual(outcome.map(\.status), [.conflict])
        XCTAssertTrue(outcome[0].reason?.contains("phone") ?? false)

        let conflicts = try await second.conflicts()
        XCTAssertEqual(conflicts.count, 1)
        XCTAssertEqual(conflicts.first?.field, "phone")
        XCTAssertEqual(conflicts.first?.serverValue, "\"020 7946 0001\"")
        XCTAssertEqual(conflicts.first?.pushedValue, "\"020 7946 0999\"")
        XCTAssertEqual(conflicts.first?.serverAuthor, first.endpoint.login)
        XCTAssertEqual(conflicts.first?.pushedAuthor, second.endpoint.login)
        let pulled = try await second.pull(since: 0, max: 100)
        XCTAssertEqual(pulled.count, 4)
        XCTAssertEqual(pulled.last?.seq, outcome[0].seq)
        let pulledFields = try Envelopes.object(try XCTUnwrap(pulled.last).envelopeJSON)["fields"] as? [String: String]
        XCTAssertEqual(pulledFields, ["email": "robin@example.org"], "only the field not in conflict travels on")
        let phoneStands = try await strings(
            admin, "SELECT value #>> '{}' FROM signpost.field_state WHERE field = 'phone'")
        XCTAssertEqual(phoneStands, ["020 7946 0001"])

        // The same value, or an edit based on the latest seq, is no conflict; appends never are.
        let sameValue = try await second.push(envelopes: [
            Envelopes.make(
                device: "D-TESTDEV2", family: family, record: "P-0001", kind: "update-person", base: base,
                fields: phone)
        ])
        XCTAssertEqual(sameValue.map(\.status), [.applied])
        let latest = try XCTUnwrap(sameValue[0].seq)
        let rebased = try await second.push(envelopes: [
            Envelopes.make(
                device: "D-TESTDEV2", family: family, record: "P-0001", kind: "update-person", base: latest,
                fields: ["phone": "020 7946 0999"]),
            Envelopes.make(family: family, kind: "add-case-note", base: base),
        ])
        XCTAssertEqual(rebased.map(\.status), [.applied, .applied])
        // A device editing its own field again before it pulled is no conflict with itself.
        let again = try await second.push(envelopes: [
            Envelopes.make(
                device: "D-TESTDEV2", family: family, record: "P-0001", kind: "update-person", base: base,
                fields: ["phone": "020 7946 0555"])
        ])
        XCTAssertEqual(again.map(\.status), [.applied])
    }

    func testALoginThatIsNotAPractitionerCanNeitherPushNorPull() async throws {
        let stranger = try await outsider()
        for attempt in ["push", "pull"] {
            do {
                if attempt == "push" {
                    _ = try await stranger.push(envelopes: [Envelopes.make(family: familyID(1), kind: "add-family")])
                } else {
                    _ = try await stranger.pull(since: 0, max: 10)
                }
                XCTFail("an outsider could \(attempt)")
            } catch let error as TeamServerError {
                XCTAssertTrue(error.isPermissionDenied, "\(attempt): \(error)")
            }
        }
    }

    func testAMalformedEnvelopeIsRefusedAndTheRestOfTheBatchApplied() async throws {
        let frontDoor = try await practitioner("fd", role: .frontDoor)
        let outcomes = try await frontDoor.push(envelopes: [
            Data(#"{"id": "not-a-uuid", "format": 1}"#.utf8),
            Envelopes.make(family: familyID(1), kind: "add-family"),
        ])
        XCTAssertEqual(outcomes.map(\.status), [.refused, .applied])
    }

    // MARK: Helpers

    /// The first column of every row, as text.
    func strings(_ connection: TeamServerConnection, _ sql: String) async throws -> [String] {
        try await connection.translatingErrors {
            var values: [String] = []
            let rows = try await connection.connection.query(PostgresQuery(unsafeSQL: sql), logger: connection.logger)
            for try await value in rows.decode(String.self) { values.append(value) }
            return values
        }
    }
}
