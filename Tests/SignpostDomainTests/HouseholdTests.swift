import Foundation
import SignpostDomain
import Testing

@Suite("Families, people and levels")
struct HouseholdTests {
    let today = try! CalendarDate(iso: "2026-11-23")

    func date(_ text: String) -> CalendarDate { try! CalendarDate(iso: text) }
    func at(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

    @Test("an unborn child has no age and a due date instead")
    func unborn() {
        let bump = Person(
            id: "P-1", role: .unbornChild, givenName: "Baby", familyName: "Quillfeather",
            expectedDeliveryDate: date("2027-02-01"))
        #expect(bump.age(on: today) == nil)
        #expect(bump.ageBand(on: today) == .unborn)
        #expect(bump.ageDescription(on: today) == "unborn (due 1 Feb 2027)")
    }

    @Test(
        "age bands follow the services' boundaries, with SEND up to 25",
        arguments: [
            (3, false, AgeBand.earlyYears), (5, false, .primary), (10, false, .primary), (11, false, .secondary),
            (16, false, .postSixteen), (18, false, .postSixteen), (21, true, .sendYoungAdult), (21, false, .adult),
            (26, true, .adult),
        ])
    func bands(age: Int, send: Bool, band: AgeBand) {
        let person = Person(
            id: "P-1", role: .child, givenName: "A", familyName: "B", dateOfBirth: today.adding(years: -age),
            needs: SpecialNeeds(hasSEND: send))
        #expect(person.ageBand(on: today) == band)
    }

    @Test("babies' ages are in months, older children's in years")
    func ageDescriptions() {
        let baby = Person(id: "P-1", role: .child, givenName: "A", familyName: "B", dateOfBirth: date("2026-04-30"))
        #expect(baby.ageDescription(on: today) == "6m")
        let child = Person(id: "P-2", role: .child, givenName: "A", familyName: "B", dateOfBirth: date("2019-11-24"))
        #expect(child.ageDescription(on: today) == "6y")
    }

    @Test("the current level is the latest entry, and an override of a suggestion is recognised")
    func levels() {
        var person = Person(id: "P-1", role: .child, givenName: "Ava", familyName: "Q")
        #expect(person.currentLevel == nil)
        person.levelHistory.append(
            LevelEntry(level: .earlyHelp, setBy: "a", setAt: at(0), reason: "start", suggestedLevel: .earlyHelp))
        person.levelHistory.append(
            LevelEntry(level: .complex, setBy: "b", setAt: at(60), reason: "police report", suggestedLevel: .earlyHelp))
        #expect(person.currentLevel == .complex)
        #expect(person.levelHistory[0].overrodeSuggestion == false)
        #expect(person.levelHistory[1].overrodeSuggestion)
        #expect(LevelEntry(level: .acute, setBy: "c", setAt: at(0), reason: "x").overrodeSuggestion == false)
        #expect(NeedLevel.acute.description == "L4 Acute", "levels always show their number")
    }

    func sampleFamily() -> Family {
        let mum = Person(
            id: "P-m", role: .parentOrCarer, givenName: "Marta", familyName: "Q",
            levelHistory: [
                LevelEntry(level: .earlyHelp, setBy: "a", setAt: at(10), reason: "debt")
            ])
        let ava = Person(
            id: "P-a", role: .child, givenName: "Ava", familyName: "Q", dateOfBirth: date("2022-03-14"),
            levelHistory: [
                LevelEntry(level: .complex, setBy: "a", setAt: at(20), reason: "neglect")
            ])
        return Family(
            id: "F-1", name: "Q", locality: .north, members: [mum, ava],
            relationships: [Relationship(from: "P-m", kind: .parent, to: "P-a")],
            episodes: [
                EarlyHelpEpisode(id: "E-1", service: "bright-start", openedOn: date("2025-01-01")),
                EarlyHelpEpisode(
                    id: "E-2", service: "bright-futures", openedOn: date("2024-01-01"), closedOn: date("2024-06-01"),
                    closureReason: .needsMet),
            ],
            contacts: [
                Contact(
                    id: "C-1", receivedAt: at(30), caller: Caller(name: "Teacher"), source: .school, about: ["P-a"],
                    concernInCallersWords: "hungry", concerns: [.neglect], outcome: .safeguarding, recordedBy: "a")
            ],
            referrals: [
                Referral(
                    id: "R-1", service: "csct", people: ["P-a"], madeAt: at(30), madeBy: "a", consent: .notRequired,
                    urgency: .immediate, status: .sent)
            ],
            notes: [
                CaseNote(id: "N-1", writtenAt: at(40), author: "a", text: "visit"),
                CaseNote(id: "N-2", writtenAt: at(50), author: "a", text: "strategy meeting", isSignificant: true),
            ],
            createdAt: at(0))
    }

    @Test("highest level, open services and open state come from members, episodes and referrals")
    func familySummary() {
        let family = sampleFamily()
        #expect(family.highestCurrentLevel == .complex)
        // The CSCT referral is only sent, awaiting its decision: the family is not open to CSCT on it (#15).
        #expect(family.openServices == ["bright-start"])
        #expect(family.isOpen)
        #expect(family.lastActivity == LondonTime.start(of: date("2025-01-01")), "the newest episode opened then")
    }

    @Test("open to: accepted referrals and open episodes only; sent, declined, closed and withdrawn do not count")
    func openToIsDerived() {
        var family = sampleFamily()
        family.episodes = []
        #expect(family.openServices == [])
        #expect(!family.isOpen)
        for status in ReferralStatus.allCases {
            family.referrals[0].status = status
            #expect(family.openServices == (status == .accepted ? ["csct"] : []), "\(status)")
            #expect(family.isOpen == (status == .accepted))
        }
    }

    @Test("the chronology is newest first, and narrows to significant events")
    func chronology() {
        let family = sampleFamily()
        let all = family.chronology()
        #expect(all.map(\.at) == all.map(\.at).sorted(by: >))
        #expect(all.count == 9, "six records, and two episodes opened and one closed")
        let significant = family.chronology(significantOnly: true)
        #expect(
            significant.count == 7,
            "the flagged note, the referral, the safeguarding contact, the level 3 and the three episode events")
        #expect(
            !significant.contains { if case .note(let note) = $0 { return note.id == "N-1" } else { return false } })
    }

    @Test("a CAF started and completed shows on the chronology, as significant events")
    func assessmentsOnTheChronology() throws {
        var family = sampleFamily()
        let child = try #require(family.members.first { !$0.role.isAdult })
        var caf = EarlyHelpAssessment.draft(
            id: "A-1", for: child, in: family, startedOn: try CalendarDate(iso: "2025-02-01"))
        family.assessments = [caf]
        let started = family.chronology(significantOnly: true).filter {
            if case .assessmentStarted(let assessment) = $0 { return assessment.id == "A-1" } else { return false }
        }
        #expect(started.count == 1)
        caf.completedOn = try CalendarDate(iso: "2025-03-01")
        family.assessments = [caf]
        let entries = family.chronology()
        #expect(entries.contains { if case .assessmentCompleted = $0 { return true } else { return false } })
        #expect(entries.count == sampleFamily().chronology().count + 2)
    }

    @Test("relationships read from both sides")
    func relationships() {
        let family = sampleFamily()
        #expect(family.relationships(of: "P-m").first?.kind == .parent)
        #expect(family.relationships(of: "P-a").first?.kind == .child)
        #expect(
            RelationshipKind.allCases.allSatisfy {
                $0.inverse.inverse == $0 || [.fosterCarer, .kinshipCarer].contains($0)
            })
    }

    @Test("consent is in force only between being given and being withdrawn")
    func consent() {
        let record = ConsentRecord(
            id: "K-1", givenBy: "Marta", givenOn: date("2025-01-01"), scope: "share", withdrawnOn: date("2025-06-01"),
            recordedBy: "a")
        #expect(!record.isInForce(on: date("2024-12-31")))
        #expect(record.isInForce(on: date("2025-03-01")))
        #expect(!record.isInForce(on: date("2025-06-01")))
    }

    @Test("a family with no history writes the JSON it always did; one with history reads back equal")
    func historyInJSON() throws {
        var family = Family(
            id: "F-J1", name: "Jsonford", address: Address(lines: ["1 Old Road"], postcode: "N1 1AA"),
            locality: .north,
            members: [Person(id: "P-1", role: .parentOrCarer, givenName: "Kim", familyName: "Jsonford")],
            consents: [
                ConsentRecord(
                    id: "CN-1", givenBy: "Kim", givenOn: date("2026-01-01"), scope: "early help", recordedBy: "jo")
            ])
        let plain = String(decoding: try JSONEncoder().encode(family), as: UTF8.self)
        for key in ["previousAddresses", "relationshipHistory", "addressSince", "purposes", "agencies", "method"] {
            #expect(!plain.contains(key), "\(key) in \(plain)")
        }
        family = try family.moving(
            AddressMove(
                address: Address(lines: ["2 New Road"], postcode: "N2 2BB"), movedOn: date("2026-02-01"),
                recordedBy: "jo"))
        family.consents[0].purposes = [.share]
        family.consents[0].agencies = ["School"]
        let data = try JSONEncoder().encode(family)
        #expect(try JSONDecoder().decode(Family.self, from: data) == family)
    }
}
