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
}
