import Foundation
import SignpostDomain
import SignpostFixtures
import SignpostStore
import SignpostStoreTesting
import SignpostTerminal
import Testing

@testable import SignpostApp

/// An application over the fixture families in memory, at a fixed moment, for screen tests.
struct TestApplication {
    /// 10:00 on Monday 23 November 2026 in London.
    static let now = Date(timeIntervalSince1970: 1_795_428_000)

    let store: InMemoryCaseStore
    let environment: AppEnvironment
    let application: Application
    var size: Size

    init(size: Size = Size(width: 80, height: 24), kind: StoreKind = .demonstration, families: [Family]? = nil) throws {
        let chosen = try families ?? FixtureCatalog.families().map(\.family)
        store = try InMemoryCaseStore(kind: kind, families: chosen, clock: { TestApplication.now })
        var environment = AppEnvironment(
            store: store, storeLocation: "/tmp/test-store.sqlite", storeKind: kind, practitioner: "test.worker",
            theme: .monochrome, clock: { TestApplication.now })
        environment.trainingScenarios = try TrainingCatalog.scenarios(directory: environment.pathways.directory)
        self.environment = environment
        application = Application(environment: environment)
        self.size = size
    }

    /// The screen as text.
    func screen() -> String {
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        return surface.text()
    }

    /// The surface after rendering, for cursor and style checks.
    func surface() -> MemorySurface {
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        return surface
    }

    /// Presses keys in order.
    func press(_ keys: Key...) {
        for key in keys { application.handle(key, size: size) }
    }

    /// Types text one character at a time, as a person would.
    func type(_ text: String) {
        for character in text { application.handle(.character(character), size: size) }
    }
}
