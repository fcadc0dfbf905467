import Foundation
import Testing

/// A partner's early help assessment imported from the command line and in a real terminal (#17).
@Suite("Partner CAF import", .serialized)
struct PartnerCAFTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    /// A school's assessment of the demonstration store's Noor Quillfeather, born `born`.
    static func document(born: String, startedOn: String = "2026-11-10") -> String {
        """
        {"format": "signpost-caf/1",
         "writtenBy": {"organisation": "Fiddlesticks Nursery School", "author": "Dee Okafor",
                       "role": "Designated safeguarding lead", "writtenOn": "2026-11-20"},
         "child": {"givenName": "Noor", "familyName": "Quillfeather", "dateOfBirth": "\(born)", "postcode": "N7 8ZZ"},
         "parentsAndCarers": [{"name": "Zoë Quillfeather", "relationship": "Mother", "hasParentalResponsibility": true}],
         "assessment": {"status": "draft", "startedOn": "\(startedOn)",
                        "whatLedToAssessment": "Noor uses very few words for her age.",
                        "elements": {"speech-language-communication": {"rating": "need", "evidence": "About 20 words."}}},
         "views": {"child": "Likes the sand tray.", "parent": "Wants help with talking."},
         "consent": {"toShare": {"decision": "given", "givenBy": "Zoë Quillfeather", "givenOn": "2026-11-10",
                                 "agencies": ["Speech and language therapy"]}},
         "servicesInvolved": ["Health visiting"],
         "interpreter": {"needed": false}}
        """
    }

    @Test("caf import reviews (dry run, refusal) on the command line; :import-caf reviews and saves in the interface")
    func importMainPath() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        // The demonstration store's dates move with today: ask the matcher for Noor's date of birth.
        let found = try binary.run(["match", "noor", "quillfeather", "--format", "json", "--store", path], home: home)
        let line = try #require(found.standardOutput.split(separator: "\n").first)
        let match = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let born = try #require(match["dateOfBirth"] as? String)
        let person = try #require(match["personID"] as? String)

        let file = home.url.appendingPathComponent("noor-caf.json")
        try Data(Self.document(born: born).utf8).write(to: file)
        let dryRun = try binary.run(["caf", "import", file.path, "--dry-run", "--store", path], home: home)
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        #expect(dryRun.standardOutput.contains("Match: certain: \(person) Noor Quillfeather"))
        #expect(dryRun.standardOutput.contains("Dry run: nothing was saved."))

        // Noor's own CAF is still open: a second one is imported only on purpose (--another).
        let unasked = try binary.run(["caf", "import", file.path, "--store", path], home: home)
        #expect(unasked.status == 2)
        #expect(unasked.standardError.contains("the child already has an open CAF; give --another"))
        let saved = try binary.run(["caf", "import", file.path, "--another", "--store", path], home: home)
        #expect(saved.status == 0, "\(saved.standardError)")
        #expect(saved.standardOutput.contains("Saved: CAF"))
        #expect(saved.standardOutput.contains("imported from Fiddlesticks Nursery School"))

        let bad = home.url.appendingPathComponent("bad-caf.json")
        try Data(Self.document(born: born, startedOn: "10/11/2026").utf8).write(to: bad)
        let refused = try binary.run(["caf", "import", bad.path, "--store", path], home: home)
        #expect(refused.status == 2)
        #expect(
            refused.standardOutput.contains("$.assessment.startedOn: “10/11/2026” is not a date written YYYY-MM-DD"))
        #expect(refused.standardError.contains("bad-caf.json was refused; nothing was imported"))

        let session = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", path], home: home, width: 120, height: 40)
        try session.waitFor("DEMONSTRATION — FICTIONAL DATA")
        try session.send(":")
        try session.type("import-caf \(file.path)")
        // The command line shows what was typed before Enter runs it.
        try session.waitFor("noor-caf.json")
        try session.send("Enter")
        try session.waitFor("Match: certain")
        let review = try session.waitFor("The assessment as it will be saved")
        #expect(review.contains("Save to: Noor Quillfeather (\(person))"))
        try session.send("C-o")
        let after = try session.waitUntil("saved, or asked about the open CAF") {
            $0.contains("is already open") || $0.contains("imported Fiddlesticks Nursery School")
        }
        if after.contains("is already open") {
            try session.send("y")
        }
        try session.waitFor("imported Fiddlesticks Nursery School's assessment")
        try session.send("q")
        try session.send("q")

        let audit = try binary.run(["audit", "--store", path], home: home)
        #expect(
            audit.standardOutput.contains("from Fiddlesticks Nursery School"), "\(audit.standardOutput.suffix(2000))")
    }
}
