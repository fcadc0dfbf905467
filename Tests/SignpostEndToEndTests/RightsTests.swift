import Foundation
import SignpostDomain
import Testing

/// Erasure, subject access and the retention review, in a real terminal (#16): the main path of each.
@Suite("Erasure, subject access and retention review", .serialized)
struct RightsTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    /// A demonstration store, and the id and name of the family the home screen lists first.
    private func demoStore() throws -> (path: String, id: String, name: String) {
        let path = try binary.loadDemo(home: home)
        let first = try binary.firstFamily(inStore: path, home: home)
        return (path, first.id, first.name)
    }

    /// The name and id a screen shows as "Name (ID)" after `prefix`.
    private func person(after prefix: String, on screen: String) throws -> (name: String, id: String) {
        let line = try #require(screen.split(separator: "\n").first { $0.contains(prefix) })
        let after = try #require(line.range(of: prefix)).upperBound
        let rest = line[after...]
        let open = try #require(rest.firstIndex(of: "("))
        let close = try #require(rest.firstIndex(of: ")"))
        return (
            String(rest[..<open]).trimmingCharacters(in: .whitespaces),
            String(rest[rest.index(after: open)..<close])
        )
    }

    @Test(
        "Ctrl-E on a member, confirmed with a reason: gone from the family, search and show; the audit keeps no content"
    )
    func erasure() throws {
        let store = try demoStore()
        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor(store.name)
        try session.send("Enter")
        try session.waitFor("\(store.name) family ·")
        try session.send("Down")
        try session.send("C-e")
        let screen = try session.waitFor("Erasing ")
        let erased = try person(after: "Erasing ", on: screen)
        try session.type("upheld erasure request")
        try session.send("Tab")
        try session.type(erased.id)
        try session.send("C-o")
        try session.waitFor("Please confirm")
        try session.send("y")
        try session.waitFor("\(erased.id) erased")
        try session.waitForAbsence(of: erased.name)
        try session.send("q", "q")
        try session.waitFor("[exited 0]")

        let show = try binary.run(["show", "--store", store.path, store.id, "--json"], home: home)
        #expect(show.status == 0, "\(show.standardError)")
        #expect(!show.standardOutput.contains(erased.id))
        #expect(!show.standardOutput.contains(erased.name))
        let search = try binary.run(["search", "--store", store.path, erased.name, "--json"], home: home)
        #expect(search.status == 0, "\(search.standardError)")
        #expect(!search.standardOutput.contains(erased.id), "\(search.standardOutput)")
        #expect(!search.standardOutput.contains(erased.name), "\(search.standardOutput)")

        let audit = try binary.run(
            ["audit", "--store", store.path, "--family", store.id, "--format", "json"], home: home)
        #expect(audit.status == 0, "\(audit.standardError)")
        let first = try #require(audit.standardOutput.split(separator: "\n").first { $0.contains("erase-person") })
        #expect(first.contains("erased person \(erased.id)"), "\(first)")
        #expect(first.contains("upheld erasure request"))
        #expect(!audit.standardOutput.contains(erased.name), "no audit entry keeps the erased name")
    }

    @Test(
        "Ctrl-X on a member writes the copy into the chosen folder, readable only by its owner, third parties redacted")
    func subjectAccess() throws {
        let store = try demoStore()
        let folder = home.path("requests")
        let document = try #require(
            try FamilyDocument(
                decoding: Data(
                    binary.run(["show", "--store", store.path, store.id, "--json"], home: home).standardOutput.utf8)))
        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor(store.name)
        try session.send("Enter")
        try session.waitFor("\(store.name) family ·")
        try session.send("Down")
        try session.send("C-x")
        try session.waitFor("Ctrl-O writes")
        try session.send("Tab")
        try session.waitFor("> Folder")
        try session.send("C-u")
        try session.type(folder)
        try session.waitFor("/requests")
        try session.send("C-o")
        try session.waitFor("subject access copy written to")
        try session.send("q", "q")
        try session.waitFor("[exited 0]")

        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        let name = try #require(files.first { $0.hasPrefix("subject-access-") })
        let file = URL(fileURLWithPath: folder).appendingPathComponent(name)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let text = try String(contentsOf: file, encoding: .utf8)
        let subject = document.family.members[1]
        #expect(name.contains(subject.id.rawValue))
        #expect(text.contains(subject.fullName))
        #expect(text.contains("[third party]"))
        for other in document.family.members where other.id != subject.id {
            #expect(!text.contains(other.fullName), "\(other.fullName) is a third party")
        }
    }

    /// A closed household whose children are grown (the younger born on `youngest`), fictional.
    private static func grownFamily(_ number: Int, _ name: String, youngest: String) throws -> Family {
        func person(_ index: Int, _ role: PersonRole, _ given: String, _ born: String) throws -> Person {
            Person(
                id: PersonID("ZZ-P-RV\(number)-\(index)"), role: role, givenName: given, familyName: name,
                dateOfBirth: try CalendarDate(iso: born))
        }
        return Family(
            id: FamilyID("ZZ-F-RV\(number)"), name: name, locality: .north,
            members: [
                try person(1, .parentOrCarer, number == 1 ? "Orla" : "Piers", "197\(number)-03-03"),
                try person(2, .child, number == 1 ? "Tam" : "Ula", "1996-07-0\(number)"),
                try person(3, .child, number == 1 ? "Vida" : "Wren", youngest),
            ],
            episodes: [
                EarlyHelpEpisode(
                    id: EpisodeID("ZZ-E-RV\(number)"), service: "bright-start",
                    openedOn: try CalendarDate(iso: "2009-01-05"),
                    closedOn: try CalendarDate(iso: "2011-09-30"), closureReason: .needsMet)
            ],
            createdAt: Date(timeIntervalSince1970: 1_231_113_600))
    }

    @Test(
        "R lists records due; K keeps one until a day with a reason; Ctrl-E erases a person, then the whole family, after review; the commands agree"
    )
    func retentionReview() throws {
        let store = try demoStore()
        for (number, name, youngest) in [
            (1, "Quenby", "1998-02-02"), (2, "Rushmere", "1999-04-04"), (3, "Selworthy", "1999-05-05"),
        ] {
            let document = FamilyDocument(
                family: try Self.grownFamily(number, name, youngest: youngest), isFictional: true)
            let file = home.path("\(name).json")
            try document.encoded().write(to: URL(fileURLWithPath: file))
            let imported = try binary.run(["import", "--store", store.path, file], home: home)
            #expect(imported.status == 0, "\(imported.standardError)")
        }
        let before = try binary.run(["retention", "--store", store.path], home: home)
        #expect(before.standardOutput.contains("ZZ-F-RV1  Quenby"), "\(before.standardOutput)")
        #expect(before.standardOutput.contains("ZZ-F-RV2  Rushmere"))

        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store.path], home: home)
        try session.waitFor(store.name)
        try session.send("R")
        try session.waitFor("Retention review")
        try session.waitFor("kept 6 years after the youngest child turns 18")
        try session.waitFor("Quenby (ZZ-F-RV1)")
        try session.waitFor("youngest child turns 18 on 02/02/2016")
        try session.send("K")
        try session.waitFor("Keep until (date)")
        try session.send("C-u")
        try session.type("01/12/2030")
        try session.waitFor("01/12/2030")
        try session.send("Tab")
        try session.waitFor("> Reason")
        try session.type("sibling's case open at Bright Futures")
        try session.waitFor("Bright Futures")
        try session.send("C-o")
        try session.waitFor("kept until 01/12/2030")
        try session.waitForAbsence(of: "Quenby (ZZ-F-RV1)")

        try session.waitFor("Rushmere (ZZ-F-RV2)")
        try session.send("C-e")
        try session.waitFor("Erase after review")
        try session.waitFor("Wren Rushmere (ZZ-P-RV2-3)")
        try session.waitFor("> The whole family (ZZ-F-RV2)")
        try session.send("Down")
        try session.send("Down")
        try session.send("Down")
        try session.waitFor("> Wren Rushmere (ZZ-P-RV2-3)")
        try session.send("Enter")
        try session.waitFor("Erasing Wren Rushmere (ZZ-P-RV2-3)")
        try session.waitFor("(6 years after 18)")
        try session.send("Tab")
        try session.type("ZZ-P-RV2-3")
        try session.waitFor("ZZ-P-RV2-3 ")
        try session.send("C-o")
        try session.waitFor("Please confirm")
        try session.send("y")
        try session.waitFor("ZZ-P-RV2-3 erased")
        try session.waitForAbsence(of: "Wren Rushmere")
        try session.send("Escape")
        try session.waitFor("Rushmere (ZZ-F-RV2)")

        // The review's usual outcome: the whole family erased, its id typed, the reason from the review.
        try session.send("C-e")
        try session.waitFor("> The whole family (ZZ-F-RV2): 2 people and everything about them")
        try session.send("Enter")
        try session.waitFor("Erasing the Rushmere family (ZZ-F-RV2)")
        try session.waitFor("(6 years after 18)")
        try session.send("Tab")
        try session.type("ZZ-F-RV2")
        try session.waitFor("ZZ-F-RV2 ")
        try session.send("C-o")
        try session.waitFor("Please confirm")
        try session.send("y")
        try session.waitFor("ZZ-F-RV2 erased")
        try session.waitFor("Retention review")
        try session.waitForAbsence(of: "Rushmere")
        try session.send("Escape")
        try session.waitFor(store.name)
        try session.waitForAbsence(of: "Rushmere")
        try session.send("q", "q")
        try session.waitFor("[exited 0]")

        let after = try binary.run(["retention", "--store", store.path], home: home)
        #expect(!after.standardOutput.contains("Quenby"), "kept until 2030: \(after.standardOutput)")
        #expect(after.standardOutput.contains("ZZ-F-RV3  Selworthy"))
        let kept = try binary.run(["retention", "--store", store.path, "--on", "2030-12-01"], home: home)
        #expect(kept.standardOutput.contains("last review kept it until 01/12/2030"), "\(kept.standardOutput)")
        let audit = try binary.run(
            ["audit", "--store", store.path, "--family", "ZZ-F-RV1", "--format", "json"], home: home)
        #expect(audit.standardOutput.contains("retention review: kept until 01/12/2030"), "\(audit.standardOutput)")
        #expect(!after.standardOutput.contains("Rushmere"), "erased whole: \(after.standardOutput)")
        let show = try binary.run(["show", "--store", store.path, "ZZ-F-RV2", "--json"], home: home)
        #expect(show.status != 0)
        #expect(!show.standardOutput.contains("Rushmere"))
        let search = try binary.run(["search", "--store", store.path, "Rushmere"], home: home)
        #expect(!search.standardOutput.contains("ZZ-F-RV2"), "\(search.standardOutput)")
        let erasureAudit = try binary.run(
            ["audit", "--store", store.path, "--family", "ZZ-F-RV2", "--format", "json"], home: home)
        #expect(erasureAudit.standardOutput.contains("erased family ZZ-F-RV2"), "\(erasureAudit.standardOutput)")
        #expect(!erasureAudit.standardOutput.contains("Rushmere"), "\(erasureAudit.standardOutput)")

        // The command erases a whole family too, only once its id is typed again.
        let unconfirmed = try binary.run(
            [
                "erase", "--store", store.path, "--family", "ZZ-F-RV3", "--reason", "retention review", "--confirm",
                "ZZ-F-RV2",
            ],
            home: home)
        #expect(unconfirmed.status != 0)
        #expect(unconfirmed.standardError.contains("nothing was erased"), "\(unconfirmed.standardError)")
        let erased = try binary.run(
            [
                "erase", "--store", store.path, "--family", "ZZ-F-RV3", "--reason", "retention review", "--confirm",
                "ZZ-F-RV3",
            ],
            home: home)
        #expect(erased.status == 0, "\(erased.standardError)")
        #expect(erased.standardOutput.contains("Erased the family ZZ-F-RV3"))
        let afterCommand = try binary.run(["retention", "--store", store.path], home: home)
        #expect(!afterCommand.standardOutput.contains("Selworthy"), "\(afterCommand.standardOutput)")
        let check = try binary.run(["check", "--store", store.path], home: home)
        #expect(check.status == 0, "\(check.standardOutput)")
    }
}
