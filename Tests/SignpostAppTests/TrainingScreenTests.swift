import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostStore
import SignpostStoreTesting
import SignpostTerminal
import Testing

@testable import SignpostApp

/// Training mode: exercises triaged with the normal screens, marked against the expected answer, and presented.
@Suite("Training exercises")
struct TrainingScreenTests {
    /// Kofi Thistlewood (2) with speech worries, consent given, on a Tuesday morning: Bright Start.
    static func scenario() throws -> TrainingScenario {
        let at = Date(timeIntervalSince1970: 1_795_428_000 + 86_400 + 900)  // Tuesday 24 Nov 2026, 10:15
        let situation = Situation(
            door: .childrenCentre, consent: .given,
            people: [
                SituationPerson(
                    id: "ZZ-P-0004-3", name: "Kofi Thistlewood", role: .child,
                    dateOfBirth: try CalendarDate(iso: "2024-03-19"), concerns: [.earlyDevelopment])
            ])
        let result = Navigator().evaluate(situation, at: at)
        let answer = ScenarioAnswer(result)
        return TrainingScenario(
            id: "kofi-speech", title: "A nursery worried about Kofi's speech",
            narrative: "Jo Pemberton, Kofi's key worker, says he has very few words; Li Na would like help.",
            family: "ZZ-F-0004", at: at, caller: Caller(name: "Jo Pemberton", relationship: "key worker"),
            situation: situation,
            expected: ExpectedOutcome(
                levels: answer.levels,
                destinations: answer.destinations.map { ExpectedDestination(service: $0.key, people: Array($0.value)) }),
            teachingPoint: "Speech delay with a family who wants help is early help, not social care.")
    }

    static func application(size: Size = Size(width: 120, height: 40)) throws -> (TestApplication, Application) {
        let test = try TestApplication(size: size, kind: .training)
        var environment = test.environment
        environment.trainingScenarios = [try scenario()]
        let application = Application(environment: environment)
        application.openExercises()
        return (test, application)
    }

    static func press(_ application: Application, _ size: Size, _ keys: Key...) {
        for key in keys { application.handle(key, size: size) }
    }

    static func type(_ application: Application, _ size: Size, _ text: String) {
        for character in text { application.handle(.character(character), size: size) }
    }

    static func screen(_ application: Application, _ size: Size) -> String {
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        return surface.text()
    }

    /// Takes Kofi's call: `concern` ticked, consent given, and the suggested level kept.
    static func takeCall(_ application: Application, _ size: Size, concern: String) {
        press(application, size, .enter, .enter)  // the scenario, then take the call
        type(application, size, "Jo Pemberton")
        press(application, size, .control("n"))
        type(application, size, "kofi thistlewood")
        press(application, size, .enter, .control("n"), .tab)
        type(application, size, concern)
        press(application, size, .enter, .control("n"), .control("n"), .right, .control("n"))
        var guardrail = 20
        while let triage = application.top as? TriageScreen, triage.walk?.pendingQuestion != nil, guardrail > 0 {
            press(application, size, .character("2"))
            guardrail -= 1
        }
        press(application, size, .control("o"))
    }

    @Test("a trainee who triages the call as expected is told so, with the teaching point and the pathway's why")
    func correctAnswer() throws {
        let size = Size(width: 120, height: 40)
        let (_, application) = try Self.application(size: size)
        #expect(application.top is ExercisesScreen)
        #expect(Self.screen(application, size).contains("TRAINING — FICTIONAL DATA"))
        Self.takeCall(application, size, concern: "early")
        let result = try #require(application.top as? ExerciseResultScreen)
        #expect(result.marking.isCorrect, "\(result.marking.differences)")
        let screen = Self.screen(application, size)
        #expect(screen.contains("✓ Right"))
        #expect(screen.contains("Teaching point"))
        #expect(screen.contains("Why this is asked") || screen.contains("question by question"))
        Self.press(application, size, .escape)
        #expect(Self.screen(application, size).contains("Score so far: 1 of 1"))
    }

    @Test("a trainee who misses sees what differed and why, and the summary lists the miss")
    func wrongAnswer() throws {
        let size = Size(width: 120, height: 40)
        let (_, application) = try Self.application(size: size)
        Self.takeCall(application, size, concern: "neglect")
        let result = try #require(application.top as? ExerciseResultScreen, "\(Self.screen(application, size))")
        #expect(!result.marking.isCorrect)
        let screen = Self.screen(application, size)
        #expect(screen.contains("✗ Not quite"))
        #expect(screen.contains("Missed bright-start") || screen.contains("Level for Kofi Thistlewood"), "\(screen)")
        Self.press(application, size, .escape, .character("s"))
        let summary = Self.screen(application, size)
        #expect(summary.contains("Score: 0 right of 1 tried"))
        #expect(summary.contains("A nursery worried about Kofi's speech"))
    }

    @Test(
        "the presenter view steps through the pathway one question at a time, with the help in full, then the outcome")
    func presenter() throws {
        let size = Size(width: 120, height: 40)
        let (_, application) = try Self.application(size: size)
        Self.press(application, size, .character("p"))
        let presenter = try #require(application.top as? PresenterScreen)
        #expect(Self.screen(application, size).contains("Kofi's key worker"))
        Self.press(application, size, .right)
        var screen = Self.screen(application, size)
        #expect(screen.contains("Is this person in immediate danger?"))
        #expect(screen.contains("→ No"))
        #expect(screen.contains("Why this is asked"))
        Self.press(application, size, .character("z"))
        #expect(application.top is NavigatorMapScreen)
        #expect(Self.screen(application, size).contains("▶"))
        Self.press(application, size, .escape)
        for _ in 0..<40 { Self.press(application, size, .right) }
        screen = Self.screen(application, size)
        #expect(screen.contains("Where the call goes"))
        #expect(screen.contains("Bright Start"))
        #expect(presenter.step > 1)
    }
}
