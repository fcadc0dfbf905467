import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// Two stores exchanging changes through the in-memory server stand-in (``TestTeamServer``).
@Suite("Two stores syncing")
struct SyncExchangeTests {
    typealias F = TestFamilies

    /// Alice's store is SQLite and Bob's in memory, so both implementations meet.
    private func twoStores() throws -> (alice: any SyncableStore, bob: any SyncableStore) {
        (try StoreUnderTest.sqlite.makeSyncable(), try StoreUnderTest.inMemory.makeSyncable())
    }

    @Test("a family, a note and a level change made in one store arrive in the other")
    func familyNoteAndLevelTravel() throws {
        let server = TestTeamServer()
        let (alice, bob) = try twoStores()
        let family = F.quillfeather()
        try alice.apply([.addFamily(family)], by: "alice")
        let note = CaseNote(
            id: "N-2", writtenAt: F.at("2026-02-01T10:00:00Z"), author: "alice", text: "Home visit", about: ["P-ava"])
        let level = LevelEntry(level: .complex, setBy: "alice", setAt: F.at("2026-02-01T11:00:00Z"), reason: "worse")
        try alice.apply(
            [.addCaseNote(family: family.id, note), .recordLevel(family: family.id, person: "P-ava", level)],
            by: "alice")

        let pushed = try server.sync(alice, as: "alice")
        #expect(pushed.map(\.status) == [.applied, .applied, .applied])
        try server.sync(bob, as: "bob")

        let atBob = try #require(try bob.family(family.id))
        #expect(atBob == (try alice.family(family.id)))
        #expect(atBob.notes.last == note)
        #expect(atBob.members[1].currentLevel == .complex)
        #expect(try bob.auditTrail(family: family.id, limit: 10).allSatisfy { $0.actor == "alice" })
        #expect(try bob.pendingChanges(limit: 10).isEmpty)
        #expect(try bob.lastPulledSeq() == 3)

        // Pushing again sends nothing and changes nothing.
        #expect(try server.sync(alice, as: "alice").isEmpty)
        #expect(server.log.count == 3)
    }

    @Test("a typed note amended in one store arrives amended in the other, the original kept (#16)")
    func amendedNoteTravels() throws {
        let server = TestTeamServer()
        let (alice, bob) = try twoStores()
        let family = F.quillfeather()
        let note = CaseNote(
            id: "N-amend", writtenAt: F.at("2026-02-01T10:00:00Z"), author: "alice", text: "Phoned on Monday",
            kind: .phoneCall)
        try alice.apply([.addFamily(family), .addCaseNote(family: family.id, note)], by: "alice")
        try server.sync(alice, as: "alice")
        try server.sync(bob, as: "bob")
        let amendment = CaseNoteAmendment(
            amendedAt: F.at("2026-02-02T09:00:00Z"), by: "bob", text: "Phoned on Tuesday", reason: "wrong day")
        try bob.apply([.amendCaseNote(family: family.id, note: "N-amend", amendment)], by: "bob")
        #expect(try server.sync(bob, as: "bob").map(\.status) == [.applied])
        try server.sync(alice, as: "alice")

        let atAlice = try #require(try alice.family(family.id)?.notes.first { $0.id == "N-amend" })
        #expect(atAlice.kind == .phoneCall)
        #expect(atAlice.text == "Phoned on Monday")
        #expect(atAlice.amendments == [amendment])
        #expect(try alice.family(family.id) == (try bob.family(family.id)))
    }

    @Test("a move, relationship changes and a consent made in one store arrive in the other (#15)")
    func householdChangesTravel() throws {
        let server = TestTeamServer()
        let (alice, bob) = try twoStores()
        let family = F.quillfeather()
        try alice.apply([.addFamily(family)], by: "alice")
        let time = F.at("2026-02-01T10:00:00Z")
        let consent = ConsentRecord(
            id: "CN-sync", givenBy: "Marta Quillfeather", person: "P-marta", givenOn: F.day("2026-02-01"),
            scope: "to assess; to share with School", purposes: [.assess, .share], agencies: ["School"],
            method: .verbal, recordedBy: "alice")
        try alice.apply(
            [
                .changeAddress(
                    family: family.id,
                    AddressMove(
                        address: Address(lines: ["3 New Street"], postcode: "N1 1AA"), movedOn: F.day("2026-02-01"),
                        recordedBy: "alice")),
                .changeRelationship(
                    family: family.id, Relationship(from: "P-zoe", kind: .halfSibling, to: "P-ava"), at: time,
                    by: "alice"),
                .removeRelationship(family: family.id, between: "P-marta", and: "P-zoe", at: time, by: "alice"),
                .addRelationship(
                    family: family.id, Relationship(from: "P-marta", kind: .parent, to: "P-zoe"), at: time,
                    by: "alice"),
                .recordConsent(family: family.id, consent),
                .withdrawConsent(family: family.id, consent: "CN-sync", on: F.day("2026-03-01")),
            ], by: "alice")

        let pushed = try server.sync(alice, as: "alice")
        #expect(pushed.count == 7)
        #expect(pushed.allSatisfy { $0.status == .applied })
        try server.sync(bob, as: "bob")
        let atBob = try #require(try bob.family(family.id))
        #expect(atBob == (try alice.family(family.id)))
        #expect(atBob.previousAddresses.map(\.address) == [family.address])
        #expect(atBob.relationshipHistory.map(\.kind) == [.changed, .removed, .added])
        #expect(atBob.consents.last?.withdrawnOn == F.day("2026-03-01"))
    }

    @Test("a referral outcome, an episode and a change of lead professional travel between stores (#15)")
    func caseLifeTravels() throws {
        let server = TestTeamServer()
        let (alice, bob) = try twoStores()
        var family = F.quillfeather()
        family.referrals[0].status = .sent
        try alice.apply([.addFamily(family)], by: "alice")
        try server.sync(alice, as: "alice")
        try server.sync(bob, as: "bob")
        let outcome = ReferralOutcome(status: .accepted, on: F.day("2026-01-08"), reason: "", recordedBy: "bob")
        let lead = LeadProfessionalChange(
            professional: F.sam, previous: F.jo, on: F.day("2026-01-09"), reason: "Jo moved team", recordedBy: "bob",
            recordedAt: F.at("2026-01-09T09:00:00Z"))
        let episode = EarlyHelpEpisode(
            id: "E-2", service: "bright-futures", openedOn: F.day("2026-01-09"), openedBecause: "school attendance",
            concurrentReason: "Zoë's school plan", openedBy: "bob")
        try bob.apply(
            [
                .recordReferralOutcome(family: family.id, referral: "R-1", outcome),
                .changeLeadProfessional(family: family.id, lead), .openEpisode(family: family.id, episode),
                .closeEpisode(family: family.id, episode: "E-1", on: F.day("2026-01-10"), reason: .transferred),
            ], by: "bob")
        #expect(try server.sync(bob, as: "bob").map(\.status) == [.applied, .applied, .applied, .applied])
        try server.sync(alice, as: "alice")
        let atAlice = try #require(try alice.family(family.id))
        #expect(atAlice == (try bob.family(family.id)))
        #expect(atAlice.referrals[0].status == .accepted)
        #expect(atAlice.leadProfessionalHistory == [lead])
        #expect(atAlice.openServices == ["bright-futures", "bright-start"])
        #expect(atAlice.episodes[0].closureReason == .transferred)
    }

    @Test("a social-care status, an episode put on hold and resumed, and team changes travel between stores")
    func caseLifeStagesTravel() throws {
        let server = TestTeamServer()
        let (alice, bob) = try twoStores()
        let family = F.quillfeather()
        try alice.apply([.addFamily(family)], by: "alice")
        try server.sync(alice, as: "alice")
        try server.sync(bob, as: "bob")
        let plan = SocialCareRecord(
            id: "SC-1", person: "P-ava", status: .childProtectionPlan, from: F.day("2026-01-08"), recordedBy: "bob",
            sourceReferral: "R-1")
        try bob.apply(
            [
                .lifecycle(family: family.id, .recordSocialCare(plan)),
                .lifecycle(
                    family: family.id,
                    .suspendEpisode(
                        "E-1", EpisodeSuspension(from: F.day("2026-01-08"), reason: "stepped up", suspendedBy: "bob"))),
                .lifecycle(
                    family: family.id,
                    .changeTeam(
                        TeamMemberChange(
                            kind: .removed, professional: F.sam, on: F.day("2026-01-08"), recordedBy: "bob",
                            recordedAt: F.at("2026-01-08T10:00:00Z")))),
                .lifecycle(
                    family: family.id, .resumeEpisode("E-1", on: F.day("2026-01-20"), reason: "CSCT closed", by: "bob")),
                .lifecycle(
                    family: family.id, .endSocialCare("SC-1", on: F.day("2026-01-20"), reason: "closed", by: "bob")),
                .closeEpisode(family: family.id, episode: "E-1", on: F.day("2026-01-21"), reason: .needsMet),
            ], by: "bob")
        #expect(try server.sync(bob, as: "bob").allSatisfy { $0.status == .applied })
        try server.sync(alice, as: "alice")
        let atAlice = try #require(try alice.family(family.id))
        #expect(atAlice == (try bob.family(family.id)))
        #expect(atAlice.socialCareRecords.first?.endReason == "closed")
        #expect(atAlice.episodes[0].suspensionHistory.first?.resumeReason == "CSCT closed")
        #expect(atAlice.episodes[0].closedBy == "bob", "the closer is the author the server gave")
        #expect(atAlice.teamAroundFamily.isEmpty)
        #expect(atAlice.teamHistory.map(\.kind) == [.removed])
    }

    @Test("the same change pushed twice is applied once")
    func duplicatePush() throws {
        let server = TestTeamServer()
        let (alice, _) = try twoStores()
        try alice.apply([.addFamily(F.quillfeather())], by: "alice")
        let pending = try alice.pendingChanges(limit: 10)
        let first = server.push(pending, as: "alice")
        let again = server.push(pending, as: "alice")
        #expect(again.map(\.status) == [.duplicate])
        #expect(again.map(\.seq) == first.map(\.seq))
        #expect(server.log.count == 1)
    }

    @Test("different fields of one person changed in both stores: both changes stand everywhere")
    func differentFieldsMerge() throws {
        let server = TestTeamServer()
        let (alice, bob) = try twoStores()
        try alice.apply([.addFamily(F.quillfeather())], by: "alice")
        try server.sync(alice, as: "alice")
        try server.sync(bob, as: "bob")

        try alice.apply(
            [.updatePersonFields(family: "F-00017", person: "P-marta", fields: [.phone: "0161 496 0000"])], by: "alice")
        var marta = try #require(try bob.family("F-00017")?.members[0])
        marta.firstLanguage = "English"
        let relationships = try #require(try bob.family("F-00017")).relationships.filter {
            $0.from == "P-marta" || $0.to == "P-marta"
        }
        try bob.apply([.updatePerson(family: "F-00017", marta, relationships: relationships)], by: "bob")

        try server.sync(alice, as: "alice")
        #expect(try server.sync(bob, as: "bob").map(\.status) == [.applied])
        try server.sync(alice, as: "alice")
        #expect(server.conflicts.isEmpty)
        for store in [alice, bob] {
            let person = try #require(try store.family("F-00017")?.members[0])
            #expect(person.phone == "0161 496 0000")
            #expect(person.firstLanguage == "English")
        }
    }

    @Test("the same field changed in both stores is a conflict; the server's value stands in both")
    func sameFieldConflicts() throws {
        let server = TestTeamServer()
        let (alice, bob) = try twoStores()
        try alice.apply([.addFamily(F.quillfeather())], by: "alice")
        try server.sync(alice, as: "alice")
        try server.sync(bob, as: "bob")

        try alice.apply(
            [.updatePersonFields(family: "F-00017", person: "P-marta", fields: [.phone: "0161 496 0000"])], by: "alice")
        try bob.apply(
            [.updatePersonFields(family: "F-00017", person: "P-marta", fields: [.phone: "0113 496 0999"])], by: "bob")
        try server.sync(alice, as: "alice")
        #expect(try server.sync(bob, as: "bob").map(\.status) == [.conflict])
        try server.sync(alice, as: "alice")

        #expect(
            server.conflicts == [
                TestTeamServer.Conflict(
                    family: "F-00017", record: "P-marta", field: "phone", serverValue: "0161 496 0000",
                    pushedValue: "0113 496 0999", serverAuthor: "alice", pushedAuthor: "bob")
            ])
        #expect(try alice.family("F-00017")?.members[0].phone == "0161 496 0000")
        #expect(try bob.family("F-00017")?.members[0].phone == "0161 496 0000")
    }

    @Test(
        "two different outcomes recorded offline for one referral: a conflict, the first to reach the server stands"
    )
    func concurrentReferralOutcomesConflict() throws {
        let server = TestTeamServer()
        let (alice, bob) = try twoStores()
        var family = F.quillfeather()
        var referral = family.referrals.removeFirst()
        referral.status = .sent
        try alice.apply([.addFamily(family), .addReferral(family: family.id, referral)], by: "alice")
        try server.sync(alice, as: "alice")
        try server.sync(bob, as: "bob")

        let accepted = ReferralOutcome(status: .accepted, on: F.day("2026-01-08"), reason: "", recordedBy: "alice")
        let declined = ReferralOutcome(
            status: .declined, on: F.day("2026-01-08"), reason: "below threshold", recordedBy: "bob")
        try alice.apply([.recordReferralOutcome(family: family.id, referral: "R-1", accepted)], by: "alice")
        try bob.apply([.recordReferralOutcome(family: family.id, referral: "R-1", declined)], by: "bob")
        let sent = try #require(try bob.pendingChanges(limit: 10).first)
        #expect(sent.base != nil, "the outcome is based on the version of the referral the store held")
        #expect(sent.fields == ["status": "declined"])

        #expect(try server.sync(alice, as: "alice").map(\.status) == [.applied])
        #expect(try server.sync(bob, as: "bob").map(\.status) == [.conflict])
        try server.sync(alice, as: "alice")
        #expect(
            server.conflicts == [
                TestTeamServer.Conflict(
                    family: family.id, record: "R-1", field: "status", serverValue: "accepted",
                    pushedValue: "declined", serverAuthor: "alice", pushedAuthor: "bob")
            ])
        for store in [alice, bob] {
            let referral = try #require(try store.family(family.id)?.referrals[0])
            #expect(referral.status == .accepted, "one outcome stands in both stores, not whichever came last")
            #expect(referral.outcomeBy == "alice")
        }
        let audit = try alice.auditTrail(family: family.id, limit: 1)
        #expect(audit.first?.action == "set-aside-referral-outcome")
        #expect(audit.first?.summary.contains("declined by bob") == true)
    }

    @Test("the same outcome recorded in both stores is not a conflict")
    func sameReferralOutcomeDoesNotConflict() throws {
        let server = TestTeamServer()
        let (alice, bob) = try twoStores()
        var family = F.quillfeather()
        family.referrals[0].status = .sent
        try alice.apply([.addFamily(family)], by: "alice")
        try server.sync(alice, as: "alice")
        try server.sync(bob, as: "bob")
        for (store, who) in [(alice, "alice"), (bob, "bob")] {
            try store.apply(
                [
                    .recordReferralOutcome(
                        family: family.id, referral: "R-1",
                        ReferralOutcome(status: .accepted, on: F.day("2026-01-08"), reason: "", recordedBy: who))
                ], by: who)
        }
        #expect(try server.sync(alice, as: "alice").map(\.status) == [.applied])
        #expect(try server.sync(bob, as: "bob").map(\.status) == [.applied])
        #expect(server.conflicts.isEmpty)
    }

    @Test("one store changing a field twice before it syncs is not in conflict with itself")
    func ownEditsDoNotConflict() throws {
        let server = TestTeamServer()
        let (alice, _) = try twoStores()
        try alice.apply([.addFamily(F.quillfeather())], by: "alice")
        try server.sync(alice, as: "alice")
        try alice.apply([.updateFamilyFields("F-00017", fields: [.accessNotes: "Text first"])], by: "alice")
        try alice.apply([.updateFamilyFields("F-00017", fields: [.accessNotes: "Call after 4"])], by: "alice")
        #expect(try server.sync(alice, as: "alice").map(\.status) == [.applied, .applied])
        #expect(server.conflicts.isEmpty)
        #expect(try alice.family("F-00017")?.accessNotes == "Call after 4")
    }

    @Test("a change made after pulling the other's is based on it, and does not conflict")
    func sequentialEditsDoNotConflict() throws {
        let server = TestTeamServer()
        let (alice, bob) = try twoStores()
        try alice.apply([.addFamily(F.quillfeather())], by: "alice")
        try alice.apply([.updateFamilyFields("F-00017", fields: [.accessNotes: "Text first"])], by: "alice")
        try server.sync(alice, as: "alice")
        try server.sync(bob, as: "bob")
        try bob.apply([.updateFamilyFields("F-00017", fields: [.accessNotes: "Call after 4"])], by: "bob")
        #expect(try bob.pendingChanges(limit: 1).first?.base == 2)
        #expect(try server.sync(bob, as: "bob").map(\.status) == [.applied])
        try server.sync(alice, as: "alice")
        #expect(try alice.family("F-00017")?.accessNotes == "Call after 4")
    }
}
