import Foundation
import Testing

/// One record per person (#16) in a real terminal at 80×24: the duplicate check, the list, a merge, an undo.
@Suite("One record per person", .serialized)
struct PeopleTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    @Test("n for someone on record warns; added anyway, the pair is listed, merged, and the old id still resolves")
    func duplicateMergedAndUndone() throws {
        let path = home.path("demo.sqlite")
        let load = try binary.run(["demo", "load", "--store", path], home: home)
        #expect(load.status == 0, "\(load.standardError)")

        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", path], home: home)
        try session.waitFor("FICTIONAL")
        try session.send("n")
        try session.waitFor("First member: first name")
        try session.type("Marchbank-Oddly")
        try session.send("Tab", "Tab", "Tab", "Tab", "Tab")
        try session.type("Siobhan")
        try session.send("Tab", "Tab", "Left", "Left", "Tab")
        try session.type("10/05/1990")
        try session.send("C-o")
        try session.waitFor("looks like someone already recorded")
        try session.waitFor("ZZ-F-0002")
        try session.send("a")
        try session.waitFor("Why add a new record anyway?")
        try session.type("not checked with the caller")
        try session.send("C-o")
        try session.waitFor("added the Marchbank-Oddly family")

        try session.send("=")
        try session.waitFor("Across the store")
        try session.waitFor("Siobhan Marchbank-Oddly")
        try session.send("Enter")
        try session.waitFor("Keeps (left)")
        try session.send("Tab")
        try session.type("the same household, entered twice")
        try session.send("C-o")
        try session.waitFor("Please confirm")
        try session.send("y")
        try session.waitFor("merged ")
        try session.send("q", "q")
        try session.waitFor("[exited 0]")

        // The merge as scripts see it: listed, the merged-away id still opens the survivor.
        let merges = try binary.run(["undo-merge", "--store", path], home: home)
        #expect(merges.status == 0, "\(merges.standardError)")
        let line = try #require(merges.standardOutput.split(separator: "\n").first.map(String.init))
        let words = line.split(separator: " ").map(String.init)
        let mergeID = try #require(words.first)
        let into = try #require(words.firstIndex(of: "into"))
        let absorbed = words[into - 1]
        let survivor = words[into + 1]
        let shown = try binary.run(["show", "--store", path, absorbed], home: home)
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(shown.standardOutput.contains(survivor), "\(shown.standardOutput)")

        // Undone, both are back.
        let undo = try binary.run(["undo-merge", "--store", path, mergeID, "--reason", "two households"], home: home)
        #expect(undo.status == 0, "\(undo.standardError)")
        let again = try binary.run(["show", "--store", path, absorbed], home: home)
        #expect(again.status == 0)
        #expect(again.standardOutput.contains(absorbed), "\(again.standardOutput)")
        let duplicates = try binary.run(["duplicates", "--store", path, "--format", "json"], home: home)
        #expect(duplicates.status == 0, "\(duplicates.standardError)")
        #expect(duplicates.standardOutput.contains("ZZ-P-0002-1"), "\(duplicates.standardOutput)")
    }

    @Test("importing a family under a new id is refused unless the duplicates are accepted with a reason")
    func importRefusesDuplicates() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let exported = try binary.run(["export", "--store", path, "ZZ-F-0002"], home: home)
        #expect(exported.status == 0, "\(exported.standardError)")
        // The same family under new ids throughout, as another system's export would have it.
        let copy = exported.standardOutput.replacingOccurrences(of: "-0002", with: "-7777")
        let file = home.path("copy.json")
        try copy.write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try binary.run(["import", "--store", path, file], home: home)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("possible duplicate"), "\(refused.standardError)")
        #expect(refused.standardError.contains("nothing was imported"), "\(refused.standardError)")
        #expect(try binary.run(["show", "--store", path, "ZZ-F-7777"], home: home).status == 4)
        let accepted = try binary.run(
            ["import", "--store", path, file, "--accept-duplicates", "a copy for training"], home: home)
        #expect(accepted.status == 0, "\(accepted.standardError)")
        let duplicates = try binary.run(["duplicates", "--store", path, "--family", "ZZ-F-7777"], home: home)
        #expect(duplicates.standardOutput.contains("ZZ-P-0002-1"), "\(duplicates.standardOutput)")
        #expect(
            try binary.run(["merge", "--store", path, "ZZ-F-0002", "ZZ-F-7777", "--reason", "copy"], home: home).status
                == 0)
        #expect(
            try binary.run(["show", "--store", path, "ZZ-F-7777"], home: home).standardOutput.contains("ZZ-F-0002"))
    }
}
