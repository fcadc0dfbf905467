import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The front-door contact: a call from the first word to a routed, recorded contact.
@Suite("Front-door contact")
struct TriageScreenTests {
    /// Ava Wrenfold (3) and her mother, with nothing open: the family the calls below are about.
    static func family() throws -> Family {
        let marta = Person(
            id: "P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true)
        let ava = Person(
            id: "P-ava", role: .child, givenName: "Ava", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "2023-06-14"))
        return Family(
            id: "F-TRI1", name: "Wrenfold", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [marta, ava],
            relationships: [Relationship(from: "P-marta", kind: .parent, to: "P-ava")])
    }

    /// Presses keys, counting them; typed words are not counted.
    final class Keys {
        let app: TestApplication
        private(set) var count = 0
        init(_ app: TestApplication) { self.app = app }
        func press(_ keys: Key...) {
            count += keys.count
            for key in keys { app.press(key) }
        }
        func type(_ text: String) { app.type(text) }
    }

    @Test("a call about a known family, one concern, early help: recorded in about 20 keys plus the words")
    func knownFamilyCall() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try Self.family()])
        let keys = Keys(app)
        keys.press(.character("c"))
        #expect(app.application.top is TriageScreen)
        keys.type("Ms Adeyemi")
        keys.press(.enter)
        keys.type("class teacher")
        keys.press(.enter)
        keys.type("Hornsey Road Primary")
        keys.press(.enter, .enter)  // no phone
        keys.press(.right, .enter)  // the door: CSCT
        keys.press(.right, .right)  // the source: school
        keys.press(.control("n"))
        #expect(app.screen().contains("Find:"))
        keys.type("ava wrenf")
        #expect(app.screen().contains("Ava Wrenfold"))
        keys.press(.enter)
        #expect(app.screen().contains("On this contact (Wrenfold family)"))
        keys.press(.control("n"))
        keys.type("Ava is not talking yet and mum seems low.")
        keys.press(.tab)
        keys.type("early")
        keys.press(.enter)
        #expect(app.screen().contains("[x] Early development"))
        keys.press(.control("n"))
        #expect(app.screen().contains("suggested L2"))
        keys.press(.control("n"))
        keys.press(.right)  // consent given
        keys.press(.tab)
        keys.type("mother, on the phone")
        keys.press(.control("n"))
        let screen = app.screen()
        #expect(screen.contains("Bright Start"), "\(screen)")
        keys.press(.control("o"))
        #expect(keys.count <= 25, "took \(keys.count) keys")
        let triage = try #require(app.application.top as? TriageScreen)
        #expect(triage.draft.step == .caller, "an empty contact is ready for the next call")
        #expect(app.screen().contains("Contact recorded on the Wrenfold family"))

        let saved = try #require(try app.store.family("F-TRI1"))
        let contact = try #require(saved.contacts.first)
        #expect(
            contact.caller == Caller(name: "Ms Adeyemi", agency: "Hornsey Road Primary", relationship: "class teacher"))
        #expect(contact.door == .csct)
        #expect(contact.source == .school)
        #expect(contact.about == ["P-ava"])
        #expect(contact.concerns == [.earlyDevelopment])
        #expect(contact.concernInCallersWords == "Ava is not talking yet and mum seems low.")
        #expect(contact.outcome == .referred)
        #expect(contact.recordedBy == "test.worker")
        let referral = try #require(saved.referrals.first { $0.service == "bright-start" })
        #expect(referral.people == ["P-ava"])
        #expect(referral.consent == .given)
        #expect(referral.contact == contact.id)
        let ava = try #require(saved.member("P-ava"))
        #expect(ava.currentLevel == .earlyHelp)
        #expect(ava.currentLevelEntry?.suggestedLevel == .earlyHelp)
        #expect(saved.notes.contains { $0.text.contains("Front-door contact from Ms Adeyemi") })
        #expect(try app.store.drafts(for: "test.worker").isEmpty, "a recorded contact leaves no draft")
        print("keystrokes for a known-family call: \(keys.count)")
    }

    @Test("every key saves the draft; leaving keeps it and the home screen offers it back, exactly as it was")
    func draftsAreKept() throws {
        let app = try TestApplication(families: [try Self.family()])
        app.press(.character("c"))
        app.type("Mr Okoro")
        let drafts = try app.store.drafts(for: "test.worker")
        #expect(drafts.count == 1)
        #expect(drafts.first?.caller.name == "Mr Okoro")
        app.press(.escape)
        #expect(app.screen().contains("kept in your drafts"))
        app.press(.character("y"))
        #expect(app.application.top is HomeScreen)
        #expect(app.screen().contains("1 unfinished contact"))
        app.press(.character("D"), .enter)
        let resumed = try #require(app.application.top as? TriageScreen)
        #expect(resumed.draft.caller.name == "Mr Okoro")
        #expect(app.screen().contains("Mr Okoro"))
        app.application.offerToResumeDraft()
        #expect(app.screen().contains("You have an unfinished contact"))
    }

    @Test("a new family with an unborn baby is made with the contact; a lookalike is warned about first")
    func newFamilyWithUnbornBaby() throws {
        let app = try TestApplication(families: [try Self.family()])
        app.press(.character("c"), .control("n"))
        app.press(.control("r"))
        app.type("Baby")
        app.press(.tab)
        app.type("Pennyroyal")
        app.press(.tab, .right, .tab)  // unborn
        app.type("01/03/2027")
        // The new family's address is asked for; its locality is not assumed (#15).
        app.press(.tab)
        app.type("4 Imaginary Lane")
        app.press(.tab)
        app.type("n7 1zz")
        app.press(.control("o"))
        #expect(app.screen().contains("Say which locality the new family lives in"))
        app.press(.right, .right)  // the refusal moved to the locality: Central
        app.press(.control("o"))
        let triage = try #require(app.application.top as? TriageScreen)
        #expect(triage.draft.people.map(\.fullName) == ["Baby Pennyroyal"])
        #expect(triage.draft.newFamily?.name == "Pennyroyal")
        #expect(
            triage.draft.newFamily?.address == Address(lines: ["4 Imaginary Lane"], postcode: "N7 1ZZ"))
        #expect(triage.draft.newFamily?.locality == .central)
        app.press(.control("n"), .tab)
        app.type("parenting")
        app.press(.enter, .control("n"), .control("n"), .right, .control("n"))
        app.press(.control("o"))
        let page = try app.store.families(FamilyListQuery(limit: 10))
        let made = try #require(page.summaries.first { $0.name == "Pennyroyal" })
        let family = try #require(try app.store.family(made.id))
        let baby = try #require(family.members.first)
        #expect(baby.isUnborn)
        #expect(baby.expectedDeliveryDate == (try CalendarDate(iso: "2027-03-01")))
        #expect(family.contacts.count == 1)
        #expect(family.referrals.contains { $0.service == "bright-start" })

        // Someone who looks like Ava is warned about before being added as new.
        app.press(.control("n"), .control("r"))
        app.type("Ava")
        app.press(.tab)
        app.type("Wrenfold")
        app.press(.tab, .tab)
        app.type("14/06/2023")
        app.press(.control("o"))
        #expect(app.screen().contains("Looks like Ava Wrenfold"))
    }

    @Test("closing as no further action needs a reason, and records the contact with it")
    func noFurtherAction() throws {
        let app = try TestApplication(families: [try Self.family()])
        app.press(.character("c"))
        app.type("Neighbour")
        app.press(.control("n"))
        app.type("marta wrenfold")
        app.press(.enter, .control("x"))
        app.press(.enter)
        #expect(app.screen().contains("Say why no further action is needed"))
        app.type("Advice on the housing helpline given")
        app.press(.enter)
        let saved = try #require(try app.store.family("F-TRI1"))
        let contact = try #require(saved.contacts.first)
        #expect(contact.outcome == .adviceGiven)
        #expect(contact.outcomeReason == "Advice on the housing helpline given")
        #expect(saved.referrals.isEmpty)
    }

    @Test("a level other than the suggestion needs a reason before the contact can be recorded")
    func overrideNeedsReason() throws {
        let app = try TestApplication(families: [try Self.family()])
        app.press(.character("c"), .control("n"))
        app.type("ava wrenfold")
        app.press(.enter, .control("n"), .tab)
        app.type("early")
        app.press(.enter, .control("n"), .right)
        #expect(app.screen().contains("reason needed"))
        app.press(.control("n"), .right, .control("n"))
        app.press(.control("o"))
        #expect(app.screen().contains("give a reason") || app.screen().contains("Give a reason"))
        let triage = try #require(app.application.top as? TriageScreen)
        #expect(triage.draft.step == .level)
        app.type("Mum disclosed she cannot cope; social worker advice")
        app.press(.control("n"), .control("n"))
        app.press(.control("o"))
        let saved = try #require(try app.store.family("F-TRI1"))
        let entry = try #require(saved.member("P-ava")?.currentLevelEntry)
        #expect(entry.level == .complex)
        #expect(entry.suggestedLevel == .earlyHelp)
        #expect(entry.reason.contains("cannot cope"))
    }

    @Test("ticking a threshold indicator raises the suggestion, and it is recorded with the level")
    func indicatorsFeedTheSuggestion() throws {
        let app = try TestApplication(families: [try Self.family()])
        app.press(.character("c"), .control("n"))
        app.type("ava wrenfold")
        app.press(.enter, .control("n"), .control("n"))
        let triage = try #require(app.application.top as? TriageScreen)
        #expect(triage.draft.levels.first?.suggested == .universal, "no concerns: level 1")
        app.press(.tab)
        let index = try #require(LevelIndicator.allCases.firstIndex(of: .persistentAbsence))
        for _ in 0..<index { app.press(.down) }
        app.press(.enter)
        #expect(triage.draft.people.first?.indicators == [.persistentAbsence])
        #expect(triage.draft.levels.first?.suggested == .complex)
        #expect(triage.draft.levels.first?.level == .complex, "the decision follows the suggestion until changed")
        #expect(app.screen().contains("[x] L3"))
        app.press(.control("n"), .right, .control("n"))
        app.press(.control("o"))
        let saved = try #require(try app.store.family("F-TRI1"))
        let entry = try #require(saved.member("P-ava")?.currentLevelEntry)
        #expect(entry.level == .complex)
        #expect(entry.indicators.contains(LevelIndicator.persistentAbsence.label))
    }

    @Test("today's list shows the contacts recorded today with counts by outcome")
    func todayList() throws {
        let app = try TestApplication(families: [try Self.family()])
        app.press(.character("c"))
        app.type("Neighbour")
        app.press(.control("n"))
        app.type("marta wrenfold")
        app.press(.enter, .control("x"))
        app.type("Advice given")
        app.press(.enter, .escape)
        app.press(.character("T"))
        let screen = app.screen()
        #expect(screen.contains("1 advice given"), "\(screen)")
        #expect(screen.contains("Wrenfold family"))
    }
}
