import Foundation
import SignpostDomain
import Testing

@testable import SignpostApp

/// The navigator map is drawn without recursion (issue #12, defect 5).
@Suite("Navigator map depth")
struct NavigatorMapDepthTests {
    @Test("the deepest pathways allowed draw one line per step, in order")
    func deepestChain() throws {
        let nodes = (0..<200).map { index in
            let then = index + 1 < 200 ? #", "then": "o\#(index + 1)""# : ""
            return
                #"{"id": "o\#(index)", "type": "outcome", "title": "Step \#(index)", "destinations": [{"service": "s1", "urgency": "routine", "consentRequired": false}]\#(then)}"#
        }
        let services =
            #"[{"id": "s1", "name": "Service one", "phones": [{"number": "020 0000 0001", "label": ""}], "safeguarding": ["children", "adults"], "source": "test", "schedule": {"alwaysOpen": true}, "consentRequired": false, "lastChecked": "2026-11-01"}]"#
        let file =
            #"{"name": "Deep", "start": "o0", "services": \#(services), "nodes": [\#(nodes.joined(separator: ","))]}"#
        let pathways = try Pathways.load(Data(file.utf8), source: "deep.json")
        let lines = NavigatorMapScreen.lines(for: pathways, visited: [], takenAnswers: [], current: "o199")
        #expect(lines.count == 200)
        #expect(lines.map(\.node) == (0..<200).map { "o\($0)" })
        #expect(lines.last?.isCurrent == true)
    }
}
