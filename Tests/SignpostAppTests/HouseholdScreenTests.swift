import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The family's details, relationships and consent panel, driven by keys (#15 part A).
@Suite("Family details, relationships and consent screens")
struct HouseholdScreenTests {
    static func family() throws -> Family {
        var family = try TriageScreenTests.family()
        family.members.append(
            Person(
                id: "P-ben", role: .child, givenName: "Ben", familyName: "Wrenfold",
                dateOfBirth: try CalendarDate(iso: "2009-01-20")))
        return family
    }

    /// The app on the Wrenfold family's screen (the home screen lists it first; Enter opens it).
    private func openFamily() throws -> TestApplication {
        let app = try TestApplication(families: [try Self.family()])
        app.press(.enter)
        #expect(app.screen().contains("Wrenfold family ·"))
        return app
    }

    @Test("d edits the address; the old one shows on the details and in the chronology")
    func editDetails() throws {
        let app = try openFamily()
        app.press(.character("d"))
        #expect(app.screen().contains("Now: 1 Imaginary Row, N7 0ZZ"))
        app.type("8 Imaginary Close")
        app.press(.tab)
        app.type("N5 1ZZ")
        app.press(.control("o"))
        #expect(app.screen().contains("saved the family's details"))
        let saved = try #require(try app.store.family("F-TRI1"))
        #expect(saved.address == Address(lines: ["8 Imaginary Close"], postcode: "N5 1ZZ"))
        #expect(saved.previousAddresses.map(\.address.postcode) == ["N7 0ZZ"])
        app.press(.character("d"))
        #expect(app.screen().contains("Before: 1 Imaginary Row, N7 0ZZ (until"))
        app.press(.escape, .tab)
        #expect(app.screen().contains("Moved from 1 Imaginary Row, N7 0ZZ"))
    }

    @Test("R relates the selected member; a contradiction is refused on the form with the reason")
    func relationships() throws {
        let app = try openFamily()
        // Marta is selected; the first other person is Ava, whose parent she is.
        app.press(.character("R"))
        #expect(app.screen().contains("Marta is now: parent of Ava Wrenfold"))
        app.press(.down, .right)  // the other person: Ben, not related yet
        app.press(.up)
        for _ in 0..<8 { app.press(.right) }  // parent → … → sibling
        app.press(.control("o"))
        #expect(app.screen().contains("recorded Marta as sibling of Ben"))
        var saved = try #require(try app.store.family("F-TRI1"))
        #expect(saved.relationship(between: "P-marta", and: "P-ben")?.kind == .sibling)
        // From Ava's side: Ava as the parent of Ben, her mother's sibling, is refused with the reason.
        app.press(.down, .character("R"))
        #expect(app.screen().contains("Ava is now: child of Marta Wrenfold"))
        app.press(.down, .right, .up)  // the other person: Ben; then the kind, still "child"
        for _ in 0..<5 { app.press(.left) }  // child → … → parent
        app.press(.control("o"))
        #expect(app.screen().contains("Ava cannot be the parent of Ben"))
        #expect(try app.store.family("F-TRI1")?.relationship(between: "P-ava", and: "P-ben") == nil)
        // Removing Ava–Marta asks first.
        app.press(.down, .left, .delete)
        #expect(app.screen().contains("Remove the relationship between Ava Wrenfold and Marta"))
        app.press(.character("y"))
        saved = try #require(try app.store.family("F-TRI1"))
        #expect(saved.relationship(between: "P-ava", and: "P-marta") == nil)
        #expect(saved.relationshipHistory.map(\.kind) == [.added, .removed])
    }

    @Test("the Consent tab records consent per person with r and withdraws it with w")
    func consentPanel() throws {
        let app = try openFamily()
        app.press(.tab, .tab, .tab, .tab)
        #expect(app.screen().contains("Can consent: Marta, Ben (for themselves)"))
        #expect(app.screen().contains("No consent recorded. Press r to record it."))
        app.press(.character("r"))
        app.press(.control("o"))
        #expect(app.screen().contains("Name the agencies information may be shared with."))
        app.type("School")
        app.press(.control("o"))
        #expect(app.screen().contains("recorded consent given by Marta Wrenfold"))
        #expect(app.screen().contains("GIVEN  Marta Wrenfold"))
        app.press(.character("w"))
        #expect(app.screen().contains("Withdrawn on"))
        app.press(.control("o"))
        #expect(app.screen().contains("WITHDRAWN"))
        let consent = try #require(try app.store.family("F-TRI1")?.consents.first)
        #expect(consent.person == "P-marta")
        #expect(consent.agencies == ["School"])
        #expect(consent.withdrawnOn != nil)
    }
}
