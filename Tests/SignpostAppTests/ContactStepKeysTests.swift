import Foundation
import SignpostDomain
import SignpostTerminal
import Testing

@testable import SignpostApp

/// Each step of a contact owns its keys: one meaning per key on every step, whatever has focus.
@Suite("Front-door contact: keys per step")
struct ContactStepKeysTests {
    /// The keys bound more than once in the screen's registry right now.
    static func repeatedKeys(_ app: TestApplication) throws -> [Key] {
        let triage = try #require(app.application.top as? TriageScreen)
        var seen: [Key] = []
        var repeated: [Key] = []
        for key in triage.keys.bindings.flatMap(\.keys) {
            if seen.contains(key) { repeated.append(key) } else { seen.append(key) }
        }
        return repeated
    }

    @Test("no key has two meanings on any step, in any focus")
    func oneMeaningPerKey() throws {
        let app = try TestApplication(size: Size(width: 120, height: 40), families: [try FrontDoorDefectTests.family()])
        app.press(.character("c"))
        #expect(try Self.repeatedKeys(app).isEmpty, "caller")
        app.press(.control("n"))
        app.type("ava wrenfold")
        #expect(try Self.repeatedKeys(app).isEmpty, "who: the search")
        app.press(.enter, .tab)
        #expect(try Self.repeatedKeys(app).isEmpty, "who: the people")
        app.press(.tab, .control("r"))
        #expect(try Self.repeatedKeys(app).isEmpty, "who: someone new")
        app.press(.escape, .control("n"))
        #expect(try Self.repeatedKeys(app).isEmpty, "said: the words")
        app.press(.tab)
        #expect(try Self.repeatedKeys(app).isEmpty, "said: the concerns")
        app.press(.control("n"))
        for place in ["people", "indicators", "reason"] {
            #expect(try Self.repeatedKeys(app).isEmpty, "level: \(place)")
            app.press(.tab)
        }
        app.press(.control("n"))
        #expect(try Self.repeatedKeys(app).isEmpty, "consent")
        app.press(.control("n"))
        #expect(try Self.repeatedKeys(app).isEmpty, "route: a question")
        app.press(.control("x"))
        #expect(try Self.repeatedKeys(app).isEmpty, "route: closing")
        let triage = try #require(app.application.top as? TriageScreen)
        #expect(triage.keys.action(for: .escape) == .route(.cancelClosing), "Esc backs out of closing")
        app.press(.escape)
        #expect(triage.draft.step == .route)
        #expect(triage.keys.action(for: .escape) == .leave)
    }
}
