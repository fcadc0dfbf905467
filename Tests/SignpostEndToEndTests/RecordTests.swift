import Foundation
import Testing

/// The audit in view, the record on paper and amended notes, in a real terminal and on the command line (#16).
@Suite("Audit, record export and notes", .serialized)
struct RecordTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    @Test("a typed note, amended, exported as Markdown and read back in the family's audit trail, at 80x24")
    func noteAmendExportAudit() throws {
        let path = try binary.loadDemo(home: home)
        let family = try binary.firstFamily(inStore: path, home: home)

        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", path], home: home)
        try session.waitFor(family.name)
        try session.send("Enter")
        try session.waitFor("\(family.name) family ·")
        try session.send("n")
        try session.waitFor("Type: ‹ Other ›")
        try session.type("Saw Mum at home; *all* well #1")
        try session.send("Tab", "Right")
        try session.waitFor("Type: ‹ Home visit ›")
        try session.send("C-o")
        try session.waitFor("case note added")
        try session.send("Tab")
        try session.waitFor("Home visit about")

        try session.send("e")
        try session.waitFor("Note as it should read")
        try session.type(" Dad was there too.")
        try session.send("Tab")
        try session.type("left out Dad")
        try session.send("C-o")
        try session.waitFor("note amended")
        try session.waitFor("(amended)")
        try session.send("Enter")
        try session.waitFor("Original, written")
        try session.send("Escape")

        try session.send("X")
        try session.waitFor("Ctrl-O exports")
        try session.send("Right")
        try session.waitFor("‹ Markdown ›")
        try session.send("C-o")
        try session.waitFor("exported to")

        try session.send("A")
        try session.waitFor("Audit trail")
        try session.waitFor("Exported")
        try session.waitFor("amended the case note")
        try session.send("q", "q", "q")
        try session.waitFor("[exited 0]")

        let folder = home.url.appendingPathComponent("signpost-exports")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let name = try #require(files.first { $0.hasPrefix("record-\(family.id)-") && $0.hasSuffix(".md") })
        let file = folder.appendingPathComponent(name)
        let markdown = try String(contentsOf: file, encoding: .utf8)
        #expect(markdown.contains(##"Saw Mum at home; \*all\* well \#1 Dad was there too."##), "\(markdown)")
        #expect(markdown.contains("## Chronology"))
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        let audit = try binary.run(
            ["audit", "--store", path, "--family", family.id, "--format", "json"], home: home)
        #expect(audit.status == 0, "\(audit.standardError)")
        let lines = audit.standardOutput.split(separator: "\n")
        let kinds = try lines.map { line -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["kind"] as? String)
        }
        #expect(kinds.first == "exported", "\(audit.standardOutput)")
        #expect(kinds.contains("viewed"))
        #expect(kinds.contains("changed"))
        #expect(audit.standardOutput.contains(#""field":"text""#))
    }

    @Test("export-record writes a printable page readable only by its owner; audit prints CSV safe for spreadsheets")
    func commandLine() throws {
        let path = try binary.loadDemo(home: home)
        let family = try binary.firstFamily(inStore: path, home: home)
        let output = home.path("papers")
        let export = try binary.run(
            [
                "export-record", "--store", path, family.id, "--format", "html", "--output", output,
                "--significant-only",
            ],
            home: home)
        #expect(export.status == 0, "\(export.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: output)
        #expect(files.count == 1)
        let file = URL(fileURLWithPath: output).appendingPathComponent(try #require(files.first))
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Chronology: significant events only"))
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        let bad = try binary.run(
            ["export-record", "--store", path, "../../etc", "--output", output], home: home)
        #expect(bad.status == 2, "\(bad.standardError)")

        let csv = try binary.run(
            ["audit", "--store", path, "--action", "exported", "--format", "csv", "--user", "=cmd|calc"], home: home)
        #expect(csv.status == 0, "\(csv.standardError)")
        let rows = csv.standardOutput.split(separator: "\n")
        #expect(rows.first == "at,actor,kind,action,family,record,summary,values")
        #expect(rows.count == 2, "\(csv.standardOutput)")
        #expect(rows.dropFirst().allSatisfy { $0.contains("export-family") })

        // Someone whose login begins with = is written so a spreadsheet shows it as text.
        _ = try binary.run(["show", "--store", path, family.id, "--user", "=cmd|calc"], home: home)
        let viewed = try binary.run(
            ["audit", "--store", path, "--actor", "=cmd|calc", "--format", "csv"], home: home)
        #expect(viewed.standardOutput.contains("'=cmd|calc"), "\(viewed.standardOutput)")

        // The front door's matcher reads who may be who: that read is audited as a view.
        #expect(try binary.run(["match", "--store", path, "marchbank"], home: home).status == 0)
        let reads = try binary.run(["audit", "--store", path, "--action", "viewed", "--limit", "1"], home: home)
        #expect(reads.standardOutput.contains("matched “marchbank”"), "\(reads.standardOutput)")

        let wrong = try binary.run(["audit", "--store", path, "--since", "31/02/2026"], home: home)
        #expect(wrong.status == 2)
    }
}
