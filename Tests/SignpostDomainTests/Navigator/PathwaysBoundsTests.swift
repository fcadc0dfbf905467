import Foundation
import Testing

@testable import SignpostDomain

/// Pathways files are bounded so that nothing drawn or walked from them can exhaust the stack (issue #12).
@Suite("Pathways bounds")
struct PathwaysBoundsTests {
    /// A chain of `length` outcomes, each leading to the next.
    static func chain(_ length: Int) -> Data {
        let nodes = (0..<length).map { index in
            let then = index + 1 < length ? #", "then": "o\#(index + 1)""# : ""
            return
                #"{"id": "o\#(index)", "type": "outcome", "title": "Step \#(index)", "destinations": [{"service": "s1", "urgency": "routine", "consentRequired": false}]\#(then)}"#
        }
        return BrokenPathways.file(start: "o0", nodes: nodes)
    }

    @Test("a 20,000-deep chain is refused for its size, quickly and without recursion")
    func hugeChain() {
        #expect {
            _ = try Pathways.load(Self.chain(20_000), source: "deep.json")
        } throws: { error in
            "\(error)".contains("there are 20000 nodes; pathways may have at most 2000")
        }
    }

    @Test("a walk deeper than 200 steps is refused")
    func deepChain() {
        #expect {
            _ = try Pathways.load(Self.chain(250), source: "deep.json")
        } throws: { error in
            "\(error)".contains("can take 250 steps; pathways may be at most 200 steps deep")
        }
    }

    @Test("a 200-step chain loads")
    func longestAllowed() throws {
        let pathways = try Pathways.load(Self.chain(200), source: "deep.json")
        #expect(pathways.start == "o0")
    }

    @Test("a key given twice in a pathways file is refused")
    func duplicateKey() {
        let data = BrokenPathways.file(nodes: [BrokenPathways.question, BrokenPathways.outcome])
        let doubled = Data(
            String(decoding: data, as: UTF8.self).replacingOccurrences(
                of: #""name": "Test""#, with: #""name": "A", "name": "B""#
            )
            .utf8)
        #expect {
            _ = try Pathways.load(doubled, source: "twice.json")
        } throws: { error in
            "\(error)".contains("field name is given twice")
        }
    }
}
