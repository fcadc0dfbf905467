import Foundation
import Testing

/// A family's details, its move of address and its consent, in a real terminal (#15 part A).
@Suite("Household details and consent", .serialized)
struct HouseholdTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    @Test("a move is saved with the old address in the chronology, and consent is recorded on its tab")
    func moveAndConsent() throws {
        let path = try binary.loadDemo(home: home)
        let (familyID, familyName) = try binary.firstFamily(inStore: path, home: home)

        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", path], home: home)
        try session.waitFor(familyName)
        try session.send("Enter")
        try session.waitFor("\(familyName) family ·")
        try session.send("d")
        try session.waitFor("Moved in on")
        try session.type("5 Imaginary Terrace")
        try session.send("Tab")
        try session.type("N1 9ZZ")
        try session.send("C-o")
        try session.waitFor("saved the family's details")
        try session.waitFor("5 Imaginary Terrace, N1 9ZZ (since")
        try session.send("Tab")
        try session.waitFor("Moved from")

        try session.send("Tab", "Tab", "Tab")
        try session.waitFor("Can consent")
        try session.send("r")
        try session.waitFor("With which agencies")
        try session.send("Tab", "Tab", "Tab", "Tab")
        try session.type("School")
        try session.send("C-o")
        try session.waitFor("recorded consent given by")
        try session.waitFor("GIVEN")
        try session.send("Enter")
        try session.waitFor("Covers: to assess; to share with School")
        try session.send("Escape")
        try session.waitFor("Can consent")
        try session.send("q", "q")
        try session.waitFor("[exited 0]")

        // Kept: the record read back by another command shows the move and the consent.
        let shown = try binary.run(["show", "--store", path, familyID], home: home)
        #expect(shown.standardOutput.contains("5 Imaginary Terrace"), "\(shown.standardOutput)")
        #expect(shown.standardOutput.contains("Moved from"), "\(shown.standardOutput)")
        #expect(shown.standardOutput.contains("Consent given by"), "\(shown.standardOutput)")
    }
}
