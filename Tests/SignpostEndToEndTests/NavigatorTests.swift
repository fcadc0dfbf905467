import Foundation
import Testing

/// `signpost navigate` as a script or phone system would call it, and the navigator screen in a real terminal.
@Suite("Navigator", .serialized)
struct NavigatorTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    static let situation = Data(
        #"""
        {"door": "csct", "consent": "given",
         "people": [
          {"id": "mum", "role": "adult", "age": 34, "level": 2, "concerns": ["financial"]},
          {"id": "ava", "role": "child", "dateOfBirth": "2022-03-14", "concerns": ["early-development"]},
          {"id": "bump", "role": "child", "unborn": true, "expectedDate": "2027-02-01"}]}
        """#.utf8)

    @Test("a situation on standard input gives destinations, levels, path and warnings as JSON")
    func navigateJSON() throws {
        let run = try binary.run(
            ["navigate", "--situation", "-", "--format", "json", "--at", "2026-11-23T11:00:00Z"], home: home,
            input: Self.situation)
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: run.outputData) as? [String: Any])
        let destinations = try #require(object["destinations"] as? [[String: Any]])
        let brightStart = try #require(destinations.first { $0["service"] as? String == "bright-start" })
        #expect(brightStart["people"] as? [String] == ["ava"])
        #expect(brightStart["urgency"] as? String == "routine")
        #expect(brightStart["consentRequired"] as? Bool == true)
        #expect(brightStart["contact"] != nil)
        #expect(!((brightStart["why"] as? [Any]) ?? []).isEmpty)
        let levels = try #require(object["levels"] as? [[String: Any]])
        let ava = try #require(levels.first { $0["person"] as? String == "ava" })
        #expect(ava["suggested"] as? Bool == true, "no level was given for Ava, so hers is the suggestion")
        #expect((object["path"] as? [String])?.first == "immediate-danger")
        #expect(object["warnings"] is [Any])
    }

    @Test("out of hours, immediate danger to a child goes to 999 and the Emergency Duty Team, in text")
    func navigateOutOfHoursText() throws {
        let file = home.url.appendingPathComponent("danger.json")
        try Data(
            #"{"people": [{"id": "kai", "role": "child", "age": 8, "concerns": ["immediate-danger"]}]}"#.utf8
        ).write(to: file)
        // Saturday 28 November 2026, 14:00 in London.
        let run = try binary.run(
            ["navigate", "--situation", file.path, "--at", "2026-11-28T14:00:00Z"], home: home)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Emergency services"))
        #expect(run.standardOutput.contains("Emergency Duty Team"))
        #expect(!run.standardOutput.contains("\u{1B}"))
    }

    @Test("a disclosure at 17:30 on a Friday: the Emergency Duty Team now, CSCT named the next working day, no ids")
    func outOfHoursDisclosure() throws {
        let input =
            #"{"consent": "given", "people": [{"id": "kid", "role": "child", "age": 9, "concerns": ["sexual-abuse"]}]}"#
        let run = try binary.run(
            ["navigate", "--situation", "-", "--at", "2025-12-19T17:30:00Z"], home: home, input: Data(input.utf8))
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("1. Emergency Duty Team (immediate") == true, "\(run.standardOutput)")
        #expect(
            lines.contains {
                $0.hasPrefix("2. Children's Services Contact Team (CSCT) (next working day: opens Mon 22/12/2025 09:00")
            },
            "\(run.standardOutput)")
        #expect(!run.standardOutput.contains("emergency-duty-team"))
    }

    @Test("a misspelt or repeated key exits 2 naming it and the nearest known one; nothing is printed")
    func misspeltKeys() throws {
        let cases: [(String, String)] = [
            (
                #"{"people": [{"id": "a", "role": "child", "age": 9, "concern": ["sexual-abuse"]}]}"#,
                #"people[0]: unknown key "concern" (did you mean "concerns"?)"#
            ),
            (
                #"{"consent": "given", "consent": "refused", "people": [{"id": "a", "role": "adult", "age": 30}]}"#,
                "consent: is given twice"
            ),
        ]
        for (input, message) in cases {
            let run = try binary.run(["navigate", "--situation", "-"], home: home, input: Data(input.utf8))
            #expect(run.status == 2, "\(input) exited \(run.status)")
            #expect(run.standardError.contains(message), "\(run.standardError)")
            #expect(run.standardOutput.isEmpty)
        }
    }

    @Test("bad situations exit 2 naming the field; the vocabularies are published")
    func badInputAndLists() throws {
        let cases: [(String, String)] = [
            (#"{"people": []}"#, "people"),
            (#"{"people": [{"id": "a", "role": "child", "age": 4, "concerns": ["sadness"]}]}"#, "concerns[0]"),
            (#"{"people": [{"id": "a", "role": "child", "age": -1}]}"#, "age"),
            (#"{"people": [{"id": "a", "role": "child", "dateOfBirth": "2099-01-01"}]}"#, "dateOfBirth"),
            ("not json", "JSON"),
        ]
        for (input, field) in cases {
            let run = try binary.run(["navigate", "--situation", "-"], home: home, input: Data(input.utf8))
            #expect(run.status == 2, "\(input) exited \(run.status)")
            #expect(run.standardError.contains(field), "\(input): \(run.standardError)")
            #expect(run.standardOutput.isEmpty)
        }
        let concerns = try binary.run(["navigate", "--list-concerns"], home: home)
        for id in ["immediate-danger", "early-development", "adult-care-needs", "young-carer"] {
            #expect(concerns.standardOutput.contains(id))
        }
        let services = try binary.run(["navigate", "--list-services"], home: home)
        for id in [
            "emergency-services", "csct", "emergency-duty-team", "bright-start", "bright-futures",
            "targeted-youth-support", "camhs", "disabled-childrens-team", "send-support", "adult-social-care",
            "access-islington", "bright-lives", "universal", "family-information-service", "marac", "young-carers",
        ] {
            #expect(services.standardOutput.contains(id + "\t"), "no \(id) in --list-services")
        }
        let indicators = try binary.run(["navigate", "--list-indicators"], home: home)
        #expect(indicators.standardOutput.contains("trafficking\t4\tTrafficking\tsafeguarding"))
        let doors = try binary.run(["navigate", "--list-doors"], home: home)
        for id in [
            "csct", "access-islington", "school", "gp", "health-visitor", "children-centre", "hub", "police",
            "self", "vcs", "other",
        ] {
            #expect(doors.standardOutput.contains(id + "\t"), "no \(id) in --list-doors")
        }
    }

    @Test("a broken pathways file is refused with each problem's location; the built-in ones still work")
    func brokenPathwaysFile() throws {
        let file = home.url.appendingPathComponent("broken-pathways.json")
        try Data(
            #"""
            {"name": "Broken", "version": "1", "start": "first", "services": [],
             "nodes": [{"id": "first", "type": "question", "scope": "person", "text": "Q?", "help": "h",
                        "answers": [{"value": "yes", "label": "Yes", "next": "nowhere"}]}]}
            """#.utf8
        ).write(to: file)
        let run = try binary.run(
            ["navigate", "--pathways", file.path, "--situation", "-"], home: home, input: Self.situation)
        #expect(run.status == 2)
        #expect(run.standardError.contains("broken-pathways.json"), "\(run.standardError)")
        #expect(run.standardError.contains("nowhere"), "\(run.standardError)")
        let fallback = try binary.run(["navigate", "--situation", "-"], home: home, input: Self.situation)
        #expect(fallback.status == 0)
    }

    @Test("in the terminal: N on a family walks its pathway, m shows the map, s saves the outcome to the chronology")
    func navigatorScreen() throws {
        let path = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", path], home: home).status == 0)
        let session = try TmuxSession(
            binary: binary, arguments: ["demo", "--store", path], home: home, width: 120, height: 40)
        try session.waitFor("DEMONSTRATION — FICTIONAL DATA")
        try session.send("Enter")
        try session.waitFor("Members")
        try session.send("N")
        try session.waitFor("Is this person in immediate danger?")
        try session.waitFor("Why this is asked")
        try session.send("z")
        try session.waitFor("Pathway map")
        try session.waitFor("▶")
        try session.send("Escape")
        try session.waitFor("Why this is asked")
        // No to every worry; yes to consent, so early help can be offered.
        var screen = try session.screen()
        var answered = 0
        while !screen.contains("Where to go"), answered < 60 {
            let before = screen
            try session.send(screen.contains("agreed") ? "1" : "2")
            screen = try session.waitUntil("the next question", timeout: 10) { $0 != before }
            answered += 1
        }
        #expect(screen.contains("Where to go"))
        #expect(screen.contains("Answers so far"))
        try session.send("s")
        try session.waitFor("Save on the")
        try session.send("y")
        try session.waitFor("saved")
        try session.send("q")
        try session.waitFor("Members")
        try session.send("Tab")
        try session.waitFor("Navigator outcome")
        try session.send("q")
        try session.send("q")
        try session.waitFor("[exited 0]")
    }
}
