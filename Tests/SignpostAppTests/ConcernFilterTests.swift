import Foundation
import SignpostDomain
import Testing

@testable import SignpostApp

/// The concern checklist narrows by the words a caller uses, not only by the checklist's own labels.
@Suite("Concern checklist filter")
struct ConcernFilterTests {
    /// Types `words` into the concern filter of a contact about Ava and returns what the checklist shows.
    static func shown(after words: String) throws -> [Concern] {
        let app = try TestApplication(
            size: .init(width: 120, height: 40), families: [try FrontDoorDefectTests.family()])
        app.press(.character("c"), .control("n"))
        app.type("ava wrenfold")
        app.press(.enter, .control("n"))
        app.press(.tab)
        app.type(words)
        let triage = try #require(app.application.top as? TriageScreen)
        return triage.said.shownConcerns
    }

    @Test(
        "a caller's everyday words find the concern they mean",
        arguments: [
            ("speech", Concern.earlyDevelopment), ("talking", .earlyDevelopment), ("bruis", .physicalAbuse),
            ("hit", .physicalAbuse), ("drugs", .substanceUse), ("alcohol", .substanceUse), ("dv", .domesticAbuse),
            ("grooming", .exploitation), ("county lines", .exploitation), ("truan", .schoolAttendance),
            ("evict", .housing), ("rent", .financial), ("suicid", .selfHarm), ("ran away", .missing),
        ])
    func everydayWords(words: String, concern: Concern) throws {
        #expect(try Self.shown(after: words).contains(concern), "\(words) should find \(concern)")
    }

    @Test("the checklist's own labels still narrow it, and nothing typed shows everything")
    func labels() throws {
        #expect(try Self.shown(after: "early") == [.earlyDevelopment])
        #expect(try Self.shown(after: "").count == Concern.allCases.count)
        #expect(try Self.shown(after: "xylophone").isEmpty)
    }
}
