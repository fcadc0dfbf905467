import Foundation
import SignpostDomain
import SignpostTerminal
import Testing

@testable import SignpostApp

/// One meaning per key, everywhere: no screen's keys (with the keys every screen shares) bind a key twice.
@Suite("One meaning per key")
struct KeyMeaningTests {
    /// The key labels bound to more than one action on the screen on top, with those actions.
    static func conflicts(on application: Application) -> [String] {
        func conflicts<S: Screen>(_ screen: S) -> [String] {
            application.frameKeys(for: screen).conflicts.map { "\($0.key.label): \($0.actions)" }
        }
        return conflicts(application.top)
    }

    @Test("no screen binds one key to two meanings", arguments: ScreenSnapshot.Name.allCases)
    func everyScreen(_ name: ScreenSnapshot.Name) throws {
        let app = try TestApplication()
        let family = try ScreenSnapshotTests.familyWithAssessment(app)
        let application = try ScreenSnapshot.application(for: name, family: family, environment: app.environment)
        #expect(Self.conflicts(on: application) == [], "\(name.rawValue)")
    }

    /// Keys the team has given one meaning on every screen, with the words every hint for them must use:
    /// `m` is "mine" (my reviews or everyone's, my contacts or everyone's, keep mine in a conflict), so a
    /// meeting is `v` (the reviews key), the navigator's map `z`, the merges made `h`, a Markdown export `X`.
    static let oneMeaningEverywhere: [Character: [String]] = [
        "m": ["mine", "everyone's"], "v": ["review"], "z": ["map"], "X": ["export"], "A": ["audit"],
    ]

    /// Each key of ``oneMeaningEverywhere`` bound on the screen on top, with a hint that says something else.
    static func otherMeanings(on application: Application) -> [String] {
        func other<S: Screen>(_ screen: S) -> [String] {
            application.frameKeys(for: screen).bindings.flatMap { binding in
                binding.keys.compactMap(\.typedCharacter).compactMap { character -> String? in
                    guard let words = oneMeaningEverywhere[character] else { return nil }
                    let hint = binding.hint.lowercased()
                    return words.contains { hint.contains($0) } ? nil : "\(character): \(binding.hint)"
                }
            }
        }
        return other(application.top)
    }

    @Test("a key the team made one meaning means it on every screen", arguments: ScreenSnapshot.Name.allCases)
    func oneMeaningAcrossScreens(_ name: ScreenSnapshot.Name) throws {
        let app = try TestApplication()
        let family = try ScreenSnapshotTests.familyWithAssessment(app)
        let application = try ScreenSnapshot.application(for: name, family: family, environment: app.environment)
        #expect(Self.otherMeanings(on: application) == [], "\(name.rawValue)")
    }

    @Test("reading a CAF exports Markdown with X, not m")
    func assessmentReading() throws {
        let app = try TestApplication(families: [AssessmentEditorTests.family()])
        app.press(.enter, .down, .character("c"), .character("x"))
        #expect(app.application.top is AssessmentReadScreen)
        #expect(Self.otherMeanings(on: app.application) == [])
        #expect(app.screen().contains("X Export Markdown"), "\(app.screen())")
    }

    @Test("no form binds one key to two meanings, while typing included")
    func forms() throws {
        let app = try TestApplication()
        app.press(.enter)
        for key in [Key.character("n"), .character("l"), .character("a"), .character("e")] {
            app.press(key)
            #expect(Self.conflicts(on: app.application) == [], "\(app.application.top.title)")
            app.press(.escape)
            #expect(app.application.top is FamilyScreen)
        }
        app.press(.escape, .character("n"))
        #expect(app.application.top is NewFamilyScreen)
        #expect(Self.conflicts(on: app.application) == [])
    }

    @Test("the CAF editor binds each key once, while a field is being typed too")
    func assessmentEditor() throws {
        let app = try TestApplication(families: [AssessmentEditorTests.family()])
        app.press(.enter, .down, .character("c"))
        #expect(app.application.top is AssessmentEditorScreen)
        #expect(Self.conflicts(on: app.application) == [])
        app.press(.enter)
        #expect(app.screen().contains("Save field"), "a one-line field is open for typing")
        #expect(Self.conflicts(on: app.application) == [])
    }

    /// The printable keys the hint bar and help offer on the screen on top.
    static func printableKeys(on application: Application) -> [String] {
        func printable<S: Screen>(_ screen: S) -> [String] {
            application.frameKeys(for: screen).bindings.flatMap(\.keys).compactMap(\.typedCharacter).map { String($0) }
        }
        return printable(application.top)
    }

    @Test("while typing, no printable key is offered: it would go into the field, so only F-keys are listed")
    func typingOffersOnlyFunctionKeys() throws {
        let app = try TestApplication()
        app.press(.character("/"))
        #expect(Self.printableKeys(on: app.application) == [], "search box")
        #expect(app.screen().contains("F1 Help"))
        app.press(.escape, .enter, .character("n"))
        #expect(Self.printableKeys(on: app.application) == [], "case note text")
        app.type("Is she safe? Need to ask N")
        #expect(app.application.top is CaseNoteScreen, "? and N were typed, not help or the navigator")
        app.press(.tab)
        #expect(Self.printableKeys(on: app.application).contains("?"), "on the checkbox, ? is help again")
        app.press(.escape, .character("y"), .character("a"))
        #expect(Self.printableKeys(on: app.application) == [], "member's first name")

        let caf = try TestApplication(families: [AssessmentEditorTests.family()])
        caf.press(.enter, .down, .character("c"))
        #expect(Self.printableKeys(on: caf.application).contains("?"))
        caf.press(.enter)
        #expect(Self.printableKeys(on: caf.application) == [], "a CAF field being typed")
    }

    @Test("F2 opens the navigator from a form, as the help says, and never saves it")
    func functionTwoIsTheNavigator() throws {
        let app = try TestApplication()
        app.press(.enter, .character("n"))
        app.type("Mum rang about the boiler")
        let frame = app.application.frameKeys(for: app.application.top as! CaseNoteScreen)
        #expect(frame.binding(for: .function(2))?.hint == "Navigator")
        let help = HelpOverlay.lines(for: frame).map(\.text)
        #expect(help.filter { $0.hasPrefix("Ctrl-O") }.count == 1)
        #expect(!help.contains { $0.contains("F2") && $0.contains("Save") })
        let notesBefore = try app.store.family(try #require(app.application.stack[1].familyContext).id)?.notes.count
        app.press(.function(2))
        #expect(app.application.top is NavigatorScreen)
        let family = try #require(app.application.stack[1].familyContext)
        #expect(try app.store.family(family.id)?.notes.count == notesBefore, "F2 saved nothing")
    }
}
