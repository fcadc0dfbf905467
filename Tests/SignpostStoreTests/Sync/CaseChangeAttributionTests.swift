import Foundation
import SignpostDomain
import SignpostStore
import Testing

@Suite("CaseChange attributed to a login")
struct CaseChangeAttributionTests {
    /// The JSON keys of the fields that say who entered a record into the system.
    private static let recorderKeys: Set<String> = [
        "author", "by", "closedBy", "endedBy", "identifiedBy", "madeBy", "openedBy", "outcomeBy", "recordedBy",
        "resumedBy", "setBy", "suspendedBy",
    ]

    /// Kinds that carry whole records with the history they bring: attribution leaves them as they are.
    private static let recordCarriers: Set<String> = ["add-family", "add-person", "merge-families", "undo-merge"]

    /// Every recorder field's value in the change's JSON, wherever it is nested.
    private static func recorders(in change: CaseChange) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: try ChangeCoding.encoder.encode(change))
        var found: [String] = []
        func walk(_ value: Any) {
            if let dictionary = value as? [String: Any] {
                for (key, inner) in dictionary {
                    if recorderKeys.contains(key), let name = inner as? String { found.append(name) }
                    walk(inner)
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(object)
        return found
    }

    @Test(
        "every recorder in a change names the login; record carriers are left as they are",
        arguments: CaseChangeCodingTests.everyKind())
    func everyRecorderIsTheLogin(change: CaseChange) throws {
        let attributed = change.attributed(to: "alex")
        #expect(attributed.action == change.action)
        #expect(attributed.family == change.family)
        #expect(attributed.recordID == change.recordID)
        if Self.recordCarriers.contains(change.action) || change.action == "merge-people" {
            #expect(attributed == change)
        } else {
            #expect(try Self.recorders(in: attributed).allSatisfy { $0 == "alex" })
        }
    }

    @Test("a change already recorded by the login is unchanged", arguments: CaseChangeCodingTests.everyKind())
    func ownChangeUnchanged(change: CaseChange) {
        let once = change.attributed(to: "alex")
        #expect(once.attributed(to: "alex") == once)
    }

    @Test("names that are part of the record stay: the lead professional, the team member, attendees, who consented")
    func recordNamesKept() throws {
        let changes = CaseChangeCodingTests.everyKind().map { $0.attributed(to: "alex") }
        for change in changes {
            switch change {
            case .changeLeadProfessional(_, let lead):
                #expect(lead.professional == TestFamilies.sam)
                #expect(lead.previous == TestFamilies.jo)
            case .lifecycle(_, .changeTeam(let member)): #expect(member.professional == TestFamilies.sam)
            case .recordMeeting(_, let meeting):
                #expect(meeting.attendees == ["Marta", "Jo"])
                #expect(meeting.actions.map(\.who) == ["Jo"])
            case .recordConsent(_, let consent): #expect(consent.givenBy == "Marta Quillfeather")
            case .addReferral(_, let referral): #expect(referral.service == "bright-start")
            default: continue
            }
        }
    }
}
