import Foundation
import SignpostDomain
import SignpostStore
import Testing

@Suite("CaseChange as JSON")
struct CaseChangeCodingTests {
    typealias F = TestFamilies

    /// One change of every kind, so adding a kind without a JSON form fails here.
    static func everyKind() -> [CaseChange] {
        let family = F.quillfeather()
        let id = family.id
        var renamed = family.members[1]
        renamed.givenName = "Avie"
        renamed.dateOfBirth = nil
        var details = FamilyDetails(of: family)
        details.leadProfessional = nil
        return [
            .addFamily(family),
            .updateFamilyDetails(id, details),
            .updateFamilyFields(id, fields: [.accessNotes: "Text first"]),
            .addPerson(family: id, family.members[0], relationships: family.relationships),
            .updatePerson(family: id, renamed, relationships: [family.relationships[0]]),
            .updatePersonFields(family: id, person: "P-ava", fields: [.phone: "020 7946 0001", .ethnicity: .null]),
            .recordLevel(family: id, person: "P-ava", family.members[1].levelHistory[0]),
            .addCaseNote(family: id, family.notes[0]),
            .addContact(family: id, family.contacts[0]),
            .addReferral(family: id, family.referrals[0]),
            .updateReferralStatus(family: id, referral: "R-1", .closed),
            .recordConsent(family: id, family.consents[0]),
            .withdrawConsent(family: id, consent: "K-1", on: F.day("2026-02-01")),
            .openEpisode(family: id, family.episodes[0]),
            .closeEpisode(family: id, episode: "E-1", on: F.day("2026-03-01"), reason: .needsMet),
            .saveAssessment(family: id, family.assessments[0]),
            .saveAssessmentFields(family: id, assessment: "A-ava-1", fields: [.conclusions: "Speech therapy"]),
            .changeAddress(
                family: id,
                AddressMove(
                    address: Address(lines: ["3 New Street"], postcode: "N1 1AA"), movedOn: F.day("2026-02-01"),
                    recordedBy: "jo")),
            .addRelationship(
                family: id, Relationship(from: "P-ava", kind: .halfSibling, to: "P-zoe"),
                at: F.at("2026-02-01T10:00:00Z"), by: "jo"),
            .changeRelationship(
                family: id, Relationship(from: "P-zoe", kind: .sibling, to: "P-ava"),
                at: F.at("2026-02-02T10:00:00Z"), by: "jo"),
            .removeRelationship(
                family: id, between: "P-ava", and: "P-zoe", at: F.at("2026-02-03T10:00:00Z"), by: "jo"),
            .recordReferralOutcome(
                family: id, referral: "R-1",
                ReferralOutcome(status: .declined, on: F.day("2026-01-06"), reason: "below threshold", recordedBy: "jo")
            ),
            .changeLeadProfessional(
                family: id,
                LeadProfessionalChange(
                    professional: F.sam, previous: F.jo, on: F.day("2026-02-01"), reason: "Jo moved team",
                    recordedBy: "manager", recordedAt: F.at("2026-02-01T09:00:00Z"))),
            .recordMeeting(
                family: id,
                TeamMeeting(
                    id: "M-1", heldOn: F.day("2026-02-02"), attendees: ["Marta", "Jo"], familyViews: "going better",
                    childViews: "likes nursery",
                    actions: [MeetingAction(who: "Jo", what: "nursery place", byWhen: F.day("2026-02-20"))],
                    nextReview: F.day("2026-03-16"), recordedBy: "jo", recordedAt: F.at("2026-02-02T15:00:00Z"))),
            .resolveConflict(
                ConflictResolution(
                    conflict: 9, family: id, record: "P-ava", edits: "update-person", field: "phone",
                    value: "020 7946 0001", choice: .combined)),
            .lifecycle(
                family: id,
                .recordSocialCare(
                    SocialCareRecord(
                        id: "SC-1", person: "P-ava", status: .childProtectionPlan, from: F.day("2026-02-03"),
                        recordedBy: "jo", sourceReferral: "R-1"))),
            .lifecycle(family: id, .endSocialCare("SC-1", on: F.day("2026-04-01"), reason: "plan ended", by: "jo")),
            .lifecycle(
                family: id,
                .suspendEpisode(
                    "E-1", EpisodeSuspension(from: F.day("2026-02-03"), reason: "stepped up", suspendedBy: "jo"))),
            .lifecycle(family: id, .resumeEpisode("E-1", on: F.day("2026-04-01"), reason: "CSCT closed", by: "jo")),
            .lifecycle(
                family: id,
                .changeTeam(
                    TeamMemberChange(
                        kind: .added, professional: F.sam, on: F.day("2026-02-01"), recordedBy: "jo",
                        recordedAt: F.at("2026-02-01T09:00:00Z")))),
            .lifecycle(
                family: id,
                .changeTeam(
                    TeamMemberChange(
                        kind: .removed, professional: F.sam, on: F.day("2026-02-09"), recordedBy: "jo",
                        recordedAt: F.at("2026-02-09T09:00:00Z")))),
            .lifecycle(
                family: id,
                .setAsideReferralOutcome(
                    "R-1", ReferralOutcome(status: .accepted, on: F.day("2026-01-06"), reason: "", recordedBy: "kim"))),
            .supportingFamilies(
                family: id,
                .identifyNeed(
                    SupportingFamiliesNeed(
                        area: .secureHousing, identifiedOn: F.day("2026-01-05"), identifiedBy: "kim", note: "arrears"))),
            .supportingFamilies(
                family: id,
                .recordOutcome(
                    .secureHousing, OutcomeAchievement(on: F.day("2026-02-01"), evidence: "paid", recordedBy: "kim"))),
            .supportingFamilies(
                family: id,
                .recordCheck(
                    .secureHousing,
                    SustainCheck(on: F.day("2026-08-01"), sustained: true, note: "", recordedBy: "kim"))),
        ]
    }

    @Test("every kind of change reads back equal to what was written", arguments: everyKind())
    func roundTrip(change: CaseChange) throws {
        let data = try ChangeCoding.encoder.encode(change)
        #expect(try ChangeCoding.decoder.decode(CaseChange.self, from: data) == change)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["kind"] as? String == change.action)
        #expect(object?["version"] as? Int == CaseChange.codingVersion)
    }

    @Test("every action is covered by the round trip")
    func everyActionCovered() {
        let actions = Set(Self.everyKind().map(\.action))
        #expect(actions.count == 32)
        #expect(CaseChange.fieldKinds.isSubset(of: actions))
    }

    @Test("the wire form is spelt out, not taken from Swift's names")
    func stableWireForm() throws {
        let change = CaseChange.updatePersonFields(family: "F-1", person: "P-2", fields: [.phone: "020 7946 0001"])
        let text = String(decoding: try ChangeCoding.encoder.encode(change), as: UTF8.self)
        #expect(
            text
                == #"{"family":"F-1","fields":{"phone":"020 7946 0001"},"kind":"update-person","person":"P-2","version":1}"#
        )
        let close = CaseChange.closeEpisode(family: "F-1", episode: "E-1", on: F.day("2026-03-01"), reason: .needsMet)
        #expect(
            String(decoding: try ChangeCoding.encoder.encode(close), as: UTF8.self)
                == #"{"episode":"E-1","family":"F-1","kind":"close-episode","on":"2026-03-01","reason":"needs-met","version":1}"#
        )
    }

    @Test(
        "unknown kinds, unknown fields and newer versions are refused",
        arguments: [
            #"{"family":"F-1","kind":"delete-family","version":1}"#,
            #"{"family":"F-1","fields":{"shoeSize":1},"kind":"update-person","person":"P-2","version":1}"#,
            #"{"family":"F-1","fields":{},"kind":"update-person","person":"P-2","version":2}"#,
            #"{"family":"F-1","fields":{},"kind":"update-person","person":"P-2"}"#,
        ])
    func refused(json: String) {
        #expect(throws: DecodingError.self) { try ChangeCoding.decoder.decode(CaseChange.self, from: Data(json.utf8)) }
    }

    @Test("an envelope writes every top-level key and reads back; a mismatched change is refused")
    func envelope() throws {
        let change = CaseChange.updatePersonFields(family: "F-1", person: "P-2", fields: [.phone: "1"])
        let envelope = ChangeEnvelope(
            device: "D-7Q2M9X4K", hlc: HybridTimestamp(milliseconds: 5, counter: 0, device: "D-7Q2M9X4K"), base: nil,
            fields: change.fieldValues, scope: nil, change: change)
        #expect(envelope.kind == "update-person")
        #expect(envelope.record == "P-2")
        let data = try ChangeCoding.encoder.encode(envelope)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys)
                == ["id", "format", "device", "hlc", "family", "record", "kind", "base", "fields", "scope", "change"])
        #expect(object["base"] is NSNull)
        #expect(try ChangeCoding.decoder.decode(ChangeEnvelope.self, from: data) == envelope)

        var mismatched = envelope
        mismatched.record = "P-9"
        #expect(throws: DecodingError.self) {
            try ChangeCoding.decoder.decode(ChangeEnvelope.self, from: ChangeCoding.encoder.encode(mismatched))
        }
    }

    @Test("JSON values keep booleans, numbers, strings, arrays, objects and null apart")
    func jsonValues() throws {
        let value: JSONValue = .object([
            "a": .bool(true), "b": .number(1), "c": .string("1"), "d": .array([.null, .number(2.5)]), "e": .null,
        ])
        #expect(try ChangeCoding.decoder.decode(JSONValue.self, from: ChangeCoding.encoder.encode(value)) == value)
        #expect(try JSONValue(encoding: NeedLevel.acute) == .number(4))
        #expect(try JSONValue.number(4).decoded(as: NeedLevel.self) == .acute)
    }
}
