import Foundation
import SignpostDomain
import SignpostStore
import SignpostStoreTesting
import SignpostSync
import XCTest

@testable import SignpostTeamServer

/// A case's life (#15) through the real team server: the new kinds of change push, are kept and pull.
final class CaseLifecycleSyncTests: TeamServerTestCase {
    static let now = Date(timeIntervalSince1970: 1_795_428_000)

    func testOutcomeLeadMeetingAndEpisodesTravelThroughTheServer() async throws {
        let alexServer = try await practitioner("alex", role: .hubWorker, locality: "north")
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let alex = try InMemoryCaseStore().inTeam()
        let sam = try InMemoryCaseStore().inTeam()
        // An honest laptop: it records its practitioner as its team login, so both copies match.
        let login = alexServer.endpoint.login
        let id = FamilyID(familyID(1))
        let today = try CalendarDate(iso: "2026-11-23")
        let family = Family(
            id: id, name: "Wrenfold", locality: .north,
            members: [Person(id: "P-ava", role: .child, givenName: "Ava", familyName: "Wrenfold")],
            referrals: [
                Referral(
                    id: "R-1", service: "bright-start", people: ["P-ava"], madeAt: Self.now, madeBy: login,
                    consent: .given, urgency: .routine)
            ])
        try alex.apply([.addFamily(family)], by: login)
        let lead = LeadProfessionalChange(
            professional: Professional(name: "Priya Invented", role: "Family practitioner", organisation: "BS"),
            on: today, reason: "allocated", recordedBy: login, recordedAt: Self.now)
        let meeting = TeamMeeting(
            id: "M-1", heldOn: today, attendees: ["Marta", "Priya"], familyViews: "calmer", childViews: "happy",
            actions: [MeetingAction(who: "Priya", what: "nursery place", byWhen: today.adding(days: 14))],
            nextReview: today.adding(days: 42), recordedBy: login, recordedAt: Self.now)
        try alex.apply(
            [
                .recordReferralOutcome(
                    family: id, referral: "R-1",
                    ReferralOutcome(status: .accepted, on: today, reason: "", recordedBy: login)),
                .changeLeadProfessional(family: id, lead),
                .openEpisode(
                    family: id,
                    EarlyHelpEpisode(id: "E-1", service: "bright-start", openedOn: today, openedBecause: "speech")),
                .recordMeeting(family: id, meeting),
            ], by: login)
        let pushed = try await SyncEngine(store: alex, server: alexServer).sync()
        XCTAssertEqual(pushed.push.applied, 5)
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        let samsCopy = try XCTUnwrap(try sam.family(id))
        XCTAssertEqual(samsCopy, try alex.family(id))
        XCTAssertEqual(samsCopy.openServices, ["bright-start"])
        XCTAssertEqual(samsCopy.leadProfessionalHistory, [lead])
        XCTAssertEqual(samsCopy.meetings, [meeting])

        try sam.apply(
            [.closeEpisode(family: id, episode: "E-1", on: today, reason: .needsMet)], by: "sam")
        _ = try await SyncEngine(store: sam, server: samServer).sync()
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        XCTAssertEqual(try alex.family(id)?.episodes.first?.closureReason, .needsMet)
    }

    /// Alex accepts a referral and Sam, offline, declines it: the server keeps Alex's outcome, holds Sam's as a
    /// conflict on the referral's status, and both stores show one outcome.
    func testTwoDifferentOutcomesForOneReferralAreAConflict() async throws {
        let alexServer = try await practitioner("alex", role: .hubWorker, locality: "north")
        let samServer = try await practitioner("sam", role: .hubWorker, locality: "north")
        let alex = try InMemoryCaseStore()
        let sam = try InMemoryCaseStore()
        let id = FamilyID(familyID(2))
        let today = try CalendarDate(iso: "2026-11-23")
        let family = Family(
            id: id, name: "Wrenfold", locality: .north,
            members: [Person(id: "P-ava", role: .child, givenName: "Ava", familyName: "Wrenfold")])
        let referral = Referral(
            id: "R-2", service: "csct", people: ["P-ava"], madeAt: Self.now, madeBy: "alex", consent: .notRequired,
            urgency: .sameDay)
        try alex.apply([.addFamily(family), .addReferral(family: id, referral)], by: "alex")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()
        _ = try await SyncEngine(store: sam, server: samServer).sync()

        try alex.apply(
            [
                .recordReferralOutcome(
                    family: id, referral: "R-2",
                    ReferralOutcome(status: .accepted, on: today, reason: "", recordedBy: "alex"))
            ], by: "alex")
        try sam.apply(
            [
                .recordReferralOutcome(
                    family: id, referral: "R-2",
                    ReferralOutcome(status: .declined, on: today, reason: "below threshold", recordedBy: "sam"))
            ], by: "sam")
        let first = try await SyncEngine(store: alex, server: alexServer).sync()
        XCTAssertEqual(first.push.applied, 1)
        let second = try await SyncEngine(store: sam, server: samServer).sync()
        XCTAssertEqual(second.push.conflicts.count, 1, "a different outcome recorded meanwhile is a conflict")
        _ = try await SyncEngine(store: alex, server: alexServer).sync()

        let conflicts = try await samServer.openConflicts()
        let conflict = try XCTUnwrap(conflicts.first)
        XCTAssertEqual(conflict.edits, "record-referral-outcome")
        XCTAssertEqual(conflict.record, "R-2")
        XCTAssertEqual(conflict.field, "status")
        XCTAssertEqual(conflict.serverValue, .string("accepted"))
        XCTAssertEqual(conflict.pushedValue, .string("declined"))
        XCTAssertEqual(try alex.family(id)?.referrals.first?.status, .accepted)
        XCTAssertEqual(try sam.family(id)?.referrals.first?.status, .accepted, "the server's outcome stands")
        XCTAssertEqual(try alex.auditTrail(family: id, limit: 1).first?.action, "set-aside-referral-outcome")
    }
}
