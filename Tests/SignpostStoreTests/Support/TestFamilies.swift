import Foundation
import SignpostDomain

/// Fictional families for the store tests, with dates at whole seconds.
enum TestFamilies {
    static func at(_ text: String) -> Date { Timestamp.date(text)! }

    static func day(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }

    static let jo = Professional(
        name: "Jo Okafor", role: "Family support worker", organisation: "Bright Start North", phone: "020 7000 0001",
        email: "jo.okafor@example.org")
    static let sam = Professional(name: "Sam Pátel", role: "Early help practitioner", organisation: "Bright Futures")

    /// Marta with Ava (level 2) and Zoë (also known as Zee), open to Bright Start, N7 0ZZ.
    static func quillfeather() -> Family {
        let marta = Person(
            id: "P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Quillfeather",
            alsoKnownAs: ["Marta Q"], dateOfBirth: day("1990-05-02"), gender: .female, ethnicity: .anyOtherWhite,
            firstLanguage: "Polish", hasParentalResponsibility: true, phone: "07700 900001")
        let ava = Person(
            id: "P-ava", role: .child, givenName: "Ava", familyName: "Quillfeather", dateOfBirth: day("2022-03-14"),
            gender: .female, needs: SpecialNeeds(hasSEND: true, details: "speech delay"),
            levelHistory: [
                LevelEntry(
                    level: .earlyHelp, setBy: "j.okafor", setAt: at("2026-01-06T10:00:00Z"),
                    reason: "speech delay and sleep problems", indicators: ["low-level developmental concerns"],
                    suggestedLevel: .earlyHelp)
            ])
        let zoe = Person(
            id: "P-zoe", role: .child, givenName: "Zoë", familyName: "Quillfeather", alsoKnownAs: ["Zee"],
            dateOfBirth: day("2019-07-01"), gender: .female)
        var assessment = EarlyHelpAssessment(id: "A-ava-1", subject: "P-ava", startedOn: day("2026-01-10"))
        assessment.elements[.speechLanguageCommunication] = ElementAssessment(
            rating: .need, evidence: "Uses few words for her age")
        assessment.actions = [AssessmentAction(who: "Jo", what: "Refer to speech therapy", byWhen: day("2026-02-01"))]
        return Family(
            id: "F-00017", name: "Quillfeather",
            address: Address(lines: ["12 Example Road", "Islington"], postcode: "N7 0ZZ"),
            locality: .north, languages: ["English", "Polish"], interpreterNeeded: true,
            accessNotes: "Call Marta's mobile only", members: [marta, ava, zoe],
            relationships: [
                Relationship(from: "P-marta", kind: .parent, to: "P-ava"),
                Relationship(from: "P-marta", kind: .parent, to: "P-zoe"),
                Relationship(from: "P-ava", kind: .sibling, to: "P-zoe"),
            ],
            leadProfessional: jo, teamAroundFamily: [sam],
            episodes: [EarlyHelpEpisode(id: "E-1", service: "bright-start", openedOn: day("2026-01-06"))],
            contacts: [
                Contact(
                    id: "C-1", receivedAt: at("2026-01-05T09:30:00Z"),
                    caller: Caller(name: "Ms Hart", agency: "Hornsey Road Nursery", relationship: "key worker"),
                    source: .school, door: .childrenCentre, about: ["P-ava"],
                    concernInCallersWords: "Ava is not talking much and seems tired",
                    concerns: [.earlyDevelopment, .parenting], outcome: .referred, recordedBy: "csct.duty")
            ],
            referrals: [
                Referral(
                    id: "R-1", service: "bright-start", people: ["P-ava", "P-marta"],
                    madeAt: at("2026-01-05T11:00:00Z"),
                    madeBy: "csct.duty", consent: .given, urgency: .routine, status: .accepted, contact: "C-1",
                    reason: "speech and sleep support")
            ],
            notes: [
                CaseNote(
                    id: "N-1", writtenAt: at("2026-01-07T15:00:00Z"), author: "j.okafor",
                    text: "Home visit: discussed sleep routines and a nursery place.", about: ["P-ava"])
            ],
            consents: [
                ConsentRecord(
                    id: "K-1", givenBy: "Marta Quillfeather", givenOn: day("2026-01-05"),
                    scope: "share with Bright Start and the nursery", recordedBy: "csct.duty")
            ],
            assessments: [assessment],
            createdAt: at("2026-01-05T09:00:00Z"))
    }

    /// A family at level 3 in the south whose case note mentions the Quillfeathers.
    static func okonkwo() -> Family {
        let dami = Person(
            id: "P-dami", role: .child, givenName: "Dami", familyName: "Okonkwo-Brown", dateOfBirth: day("2014-11-30"),
            levelHistory: [
                LevelEntry(
                    level: .earlyHelp, setBy: "s.patel", setAt: at("2025-09-01T09:00:00Z"), reason: "attendance"),
                LevelEntry(
                    level: .complex, setBy: "s.patel", setAt: at("2025-10-01T09:00:00Z"),
                    reason: "persistent absence", suggestedLevel: .earlyHelp),
            ])
        let parent = Person(
            id: "P-grace", role: .parentOrCarer, givenName: "Grace", familyName: "Okonkwo-Brown",
            dateOfBirth: day("1985-02-11"))
        return Family(
            id: "F-00018", name: "Okonkwo-Brown", address: Address(lines: ["3 Sample Street"], postcode: "N19 3AB"),
            locality: .south, members: [parent, dami],
            relationships: [Relationship(from: "P-grace", kind: .parent, to: "P-dami")], leadProfessional: sam,
            episodes: [
                EarlyHelpEpisode(
                    id: "E-9", service: "bright-futures", openedOn: day("2025-09-01"), closedOn: day("2025-12-01"),
                    closureReason: .steppedUpToSocialCare)
            ],
            notes: [
                CaseNote(
                    id: "N-9", writtenAt: at("2025-10-02T12:00:00Z"), author: "s.patel",
                    text: "Dami walks to school with the Quillfeather children.", isSignificant: true)
            ],
            createdAt: at("2025-09-01T08:00:00Z"))
    }

    /// A small family with no level and nothing open.
    static func adeyemi() -> Family {
        Family(
            id: "F-00019", name: "Adeyemi", address: Address(lines: ["Flat 4, 9 Demo Court"], postcode: "EC1V 1AA"),
            locality: .central,
            members: [
                Person(
                    id: "P-tobi", role: .child, givenName: "Tobi", familyName: "Adeyemi", dateOfBirth: day("2022-03-14")
                ),
                Person(
                    id: "P-unborn", role: .unbornChild, givenName: "Baby", familyName: "Adeyemi",
                    expectedDeliveryDate: day("2027-02-01")),
            ],
            createdAt: at("2025-05-01T08:00:00Z"))
    }

    static func all() -> [Family] { [quillfeather(), okonkwo(), adeyemi()] }

    private static let givenNames = ["Amir", "Bea", "Cal", "Dara", "Eve", "Finn", "Gus", "Hana", "Ira", "Jude"]
    private static let familyNames = ["Ashdown", "Brightwater", "Carrow", "Dunmore", "Ellery", "Fairlie", "Garside"]

    /// `count` plain generated families, `G-00000` onwards, each with a parent, a child and a note.
    static func generated(count: Int, startingAt start: Int = 0) -> [Family] {
        (start..<start + count).map { index in
            let surname = familyNames[index % familyNames.count] + "\(index / familyNames.count)"
            let id = FamilyID(String(format: "G-%05d", index))
            let parent = Person(
                id: PersonID("\(id)-p"), role: .parentOrCarer, givenName: givenNames[index % givenNames.count],
                familyName: surname, dateOfBirth: day("1988-01-01").adding(days: index % 3000))
            let child = Person(
                id: PersonID("\(id)-c"), role: .child, givenName: givenNames[(index + 3) % givenNames.count],
                familyName: surname, dateOfBirth: day("2015-01-01").adding(days: index % 3000),
                levelHistory: [
                    LevelEntry(
                        level: NeedLevel(rawValue: index % 4 + 1)!, setBy: "gen",
                        setAt: at("2025-06-01T00:00:00Z").addingTimeInterval(Double(index * 60)),
                        reason: "generated")
                ])
            return Family(
                id: id, name: surname,
                address: Address(lines: ["\(index) Generated Road"], postcode: "N\(index % 20) \(index % 10)ZZ"),
                locality: Locality.allCases[index % Locality.allCases.count], members: [parent, child],
                relationships: [Relationship(from: parent.id, kind: .parent, to: child.id)],
                leadProfessional: index % 2 == 0 ? jo : nil,
                episodes: index % 3 == 0
                    ? [
                        EarlyHelpEpisode(
                            id: EpisodeID("E-\(index)"), service: "bright-start", openedOn: day("2025-06-01"))
                    ] : [],
                notes: [
                    CaseNote(
                        id: CaseNoteID("N-\(index)"),
                        writtenAt: at("2025-06-02T00:00:00Z").addingTimeInterval(Double(index * 60)),
                        author: "gen", text: "Visit \(index): family doing well with routines.")
                ],
                createdAt: at("2025-06-01T00:00:00Z"))
        }
    }
}
