import Foundation
import SignpostDomain
import Testing

@Suite("Pathways validation")
struct PathwaysValidationTests {
    @Test("the built-in Islington pathways load clean")
    func builtInLoads() throws {
        let pathways = try Pathways.builtIn()
        #expect(pathways.name == "Islington")
        let ids = Set(pathways.directory.services.map(\.id.rawValue))
        for required in [
            "emergency-services", "csct", "emergency-duty-team", "bright-start", "bright-futures",
            "targeted-youth-support", "camhs", "disabled-childrens-team", "send-support", "adult-social-care",
            "access-islington", "bright-lives", "universal",
        ] {
            #expect(ids.contains(required), "missing service \(required)")
        }
        #expect(pathways.directory.bankHolidays.count == 24)
    }

    @Test("a file where a safeguarding concern can end at no safeguarding service is refused, naming the route")
    func unsafeFileRefused() throws {
        // The built-in file with the out-of-hours CSCT follow-up emptied: a neglected child at night goes nowhere.
        let url = try #require(Self.builtInURL())
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var nodes = try #require(object["nodes"] as? [[String: Any]])
        let index = try #require(nodes.firstIndex { $0["id"] as? String == "csct-next-working-day" })
        nodes[index]["destinations"] = []
        object["nodes"] = nodes
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try Pathways.load(data, source: "unsafe.json")
            Issue.record("an unsafe file was accepted")
        } catch {
            #expect(
                error.description.contains(
                    "unsafe.json: safety: an unborn baby with \"neglect\" can end with no children's safeguarding service"
                ),
                "\(error.description)")
            #expect(error.description.contains("csct-next-working-day"))
        }
    }

    @Test("a file with no service that takes children's safeguarding is refused")
    func noSafeguardingService() {
        let data = B.file(
            services: B.replacing(
                B.services, #""safeguarding": ["children", "adults"], "#, #""safeguarding": ["adults"], "#),
            nodes: [B.question, B.outcome])
        do {
            _ = try Pathways.load(data, source: "t.json")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("no service takes children's safeguarding"), "\(error.description)")
        }
    }

    static func builtInURL() -> URL? {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent("Sources/SignpostDomain/Navigator/Resources/islington-pathways.json")
    }
}

/// Small pathways files written inline, each broken in one way.
enum BrokenPathways {
    static let services = """
        [{"id": "s1", "name": "Service one", "phones": [{"number": "020 0000 0001", "label": ""}],
          "safeguarding": ["children", "adults"], "source": "test",
          "schedule": {"alwaysOpen": true}, "consentRequired": false, "lastChecked": "2026-11-01"},
         {"id": "mute", "name": "No way to reach", "schedule": {"alwaysOpen": true}, "consentRequired": false,
          "source": "test", "lastChecked": "2026-11-01"}]
        """
    static let question = """
        {"id": "q1", "type": "question", "scope": "person", "text": "Child or adult?", "fact": "role",
         "answers": [{"value": "child", "label": "Child", "next": "o1"}, {"value": "adult", "label": "Adult", "next": "o1"}]}
        """
    static let outcome = """
        {"id": "o1", "type": "outcome", "title": "Done",
         "destinations": [{"service": "s1", "urgency": "routine", "consentRequired": false}]}
        """

    static func file(start: String = "q1", services: String = services, nodes: [String]) -> Data {
        Data(
            """
            {"name": "Test", "start": "\(start)", "services": \(services), "nodes": [\(nodes.joined(separator: ",\n"))]}
            """.utf8)
    }

    static func replacing(_ text: String, _ old: String, _ new: String) -> String {
        text.replacingOccurrences(of: old, with: new)
    }
}

struct BrokenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var data: Data
    /// A line the error must contain, location included.
    var expected: String
    var testDescription: String { name }
}

private typealias B = BrokenPathways

let brokenCases: [BrokenCase] = [
    BrokenCase(
        name: "answer leading nowhere",
        data: B.file(nodes: [B.replacing(B.question, "\"next\": \"o1\"}]", "\"next\": \"nowhere\"}]"), B.outcome]),
        expected: "t.json: nodes[0] \"q1\": answers[1].next \"nowhere\" is not a node"),
    BrokenCase(
        name: "unknown service",
        data: B.file(nodes: [B.question, B.replacing(B.outcome, "\"s1\"", "\"ghost\"")]),
        expected: "t.json: nodes[1] \"o1\": destinations[0].service \"ghost\" is not a service in the directory"),
    BrokenCase(
        name: "unreachable node",
        data: B.file(nodes: [B.question, B.outcome, B.replacing(B.outcome, "\"o1\"", "\"o2\"")]),
        expected: "t.json: nodes[2] \"o2\": is not reachable from the start \"q1\""),
    BrokenCase(
        name: "cycle through then",
        data: B.file(nodes: [B.question, B.replacing(B.outcome, "\"title\"", "\"then\": \"q1\", \"title\"")]),
        expected: "t.json: nodes[0] \"q1\": is part of a cycle: q1 → o1 → q1"),
    BrokenCase(
        name: "answer with no next step",
        data: B.file(nodes: [
            B.replacing(B.question, ", \"next\": \"o1\"}, {\"value\": \"adult\"", "}, {\"value\": \"adult\""),
            B.outcome,
        ]),
        expected: "t.json: nodes[0] \"q1\": answers[0] has no next step"),
    BrokenCase(
        name: "question with no answers",
        data: B.file(nodes: [
            """
            {"id": "q1", "type": "question", "scope": "family", "text": "Anything?", "answers": []}
            """, B.outcome,
        ]),
        expected: "t.json: nodes[0] \"q1\": a question needs at least one answer"),
    BrokenCase(
        name: "outcome at a service with no contact route",
        data: B.file(nodes: [B.question, B.replacing(B.outcome, "\"s1\"", "\"mute\"")]),
        expected:
            "t.json: nodes[1] \"o1\": destinations[0].service \"mute\" has no contact route (no phone, email or url)"),
    BrokenCase(
        name: "duplicate node ids",
        data: B.file(nodes: [B.question, B.outcome, B.outcome]),
        expected: "t.json: nodes[2] \"o1\": the id \"o1\" is used by an earlier node"),
    BrokenCase(
        name: "duplicate service ids",
        data: B.file(services: B.replacing(B.services, "\"mute\"", "\"s1\""), nodes: [B.question, B.outcome]),
        expected: "t.json: services[1] \"s1\": the id \"s1\" is used by an earlier service"),
    BrokenCase(
        name: "unknown fact",
        data: B.file(nodes: [B.replacing(B.question, "\"role\"", "\"mood\""), B.outcome]),
        expected: "t.json: nodes[0] \"q1\": fact \"mood\" is not a fact the navigator knows"),
    BrokenCase(
        name: "unknown concern in a concern fact",
        data: B.file(nodes: [B.replacing(B.question, "\"role\"", "\"concern:sadness\""), B.outcome]),
        expected: "t.json: nodes[0] \"q1\": fact \"concern:sadness\" is not a fact the navigator knows"),
    BrokenCase(
        name: "answer value the fact cannot produce",
        data: B.file(nodes: [B.replacing(B.question, "\"adult\", \"label\"", "\"teen\", \"label\""), B.outcome]),
        expected:
            "t.json: nodes[0] \"q1\": answers[1].value \"teen\" is not a value fact \"role\" can produce (child, adult)"
    ),
    BrokenCase(
        name: "a value the fact can produce that no answer takes",
        data: B.file(nodes: [
            B.replacing(B.question, ", {\"value\": \"adult\", \"label\": \"Adult\", \"next\": \"o1\"}", ""), B.outcome,
        ]),
        expected: "t.json: nodes[0] \"q1\": no answer for \"adult\", which fact \"role\" can produce"),
    BrokenCase(
        name: "family fact on a person question",
        data: B.file(nodes: [
            B.replacing(
                B.replacing(B.question, "\"role\"", "\"office-hours\""), "\"child\", \"label\"", "\"yes\", \"label\""
            )
            .replacingOccurrences(of: "\"adult\", \"label\"", with: "\"no\", \"label\""), B.outcome,
        ]),
        expected:
            "t.json: nodes[0] \"q1\": fact \"office-hours\" is about the family but the question's scope is person"),
    BrokenCase(
        name: "start that is not a node", data: B.file(start: "begin", nodes: [B.question, B.outcome]),
        expected: "t.json: start: \"begin\" is not a node"),
    BrokenCase(
        name: "urgency that is not one",
        data: B.file(nodes: [B.question, B.replacing(B.outcome, "\"routine\"", "\"whenever\"")]),
        expected:
            "t.json: nodes[1] \"o1\": destinations[0].urgency \"whenever\" is not one of routine, same-day, immediate"),
    BrokenCase(
        name: "then that is not a node",
        data: B.file(nodes: [B.question, B.replacing(B.outcome, "\"title\"", "\"then\": \"later\", \"title\"")]),
        expected: "t.json: nodes[1] \"o1\": then \"later\" is not a node"),
    BrokenCase(
        name: "out-of-hours alternative that is not a service",
        data: B.file(
            services: B.replacing(
                B.services, "\"consentRequired\": false, \"lastChecked\": \"2026-11-01\"},\n",
                "\"consentRequired\": false, \"outOfHours\": \"night\", \"lastChecked\": \"2026-11-01\"},\n"),
            nodes: [B.question, B.outcome]),
        expected: "t.json: services[0] \"s1\": outOfHours \"night\" is not a service"),
    BrokenCase(
        name: "opening hours that are not a time",
        data: B.file(
            services: B.replacing(
                B.services, "{\"alwaysOpen\": true}, \"consentRequired\": false, \"lastChecked\": \"2026-11-01\"},\n",
                "{\"weekly\": {\"monday\": [\"9am-5pm\"]}}, \"consentRequired\": false, \"lastChecked\": \"2026-11-01\"},\n"
            ),
            nodes: [B.question, B.outcome]),
        expected: "t.json: services[0] \"s1\": schedule.weekly.monday \"9am-5pm\" is not a period such as 09:00-17:00"),
    BrokenCase(
        name: "not JSON at all", data: Data("{\"nodes\": [".utf8), expected: "t.json: not readable JSON"),
]

extension PathwaysValidationTests {
    @Test("the small valid file loads")
    func smallFileLoads() throws {
        let pathways = try Pathways.load(B.file(nodes: [B.question, B.outcome]), source: "t.json")
        #expect(pathways.nodes.count == 2)
        #expect(pathways[node: "q1"] != nil)
    }

    @Test("each kind of broken file is refused with its location", arguments: brokenCases)
    func refused(_ broken: BrokenCase) {
        do {
            _ = try Pathways.load(broken.data, source: "t.json")
            Issue.record("\(broken.name) was accepted")
        } catch {
            #expect(error.description.contains(broken.expected), "\(error.description)")
        }
    }

    @Test("every problem is reported at once, one line each")
    func allProblemsAtOnce() {
        let data = B.file(nodes: [
            B.replacing(B.question, "\"next\": \"o1\"}]", "\"next\": \"nowhere\"}]"),
            B.replacing(B.outcome, "\"s1\"", "\"ghost\""),
            B.replacing(B.outcome, "\"o1\"", "\"o2\""),
        ])
        do {
            _ = try Pathways.load(data, source: "t.json")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.count == 3, "\(error)")
            #expect(error.description.split(separator: "\n").count == 3)
            #expect(error.description.split(separator: "\n").allSatisfy { $0.hasPrefix("t.json: ") })
        }
    }
}
