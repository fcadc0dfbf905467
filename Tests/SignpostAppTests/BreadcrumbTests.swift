import Foundation
import SignpostDomain
import SignpostTerminal
import Testing

@testable import SignpostApp

/// The title bar's trail of screens ("Signpost › … › Quillfeather family › Episode") gives way at whole
/// words: a parent title shortens first, then goes, and the screen's own title is cut last.
@Suite("The breadcrumb at 80 columns")
struct BreadcrumbTests {
    @Test("a long parent title shortens at a word so the screen's own title stays whole")
    func parentShortensFirst() {
        let trail = Breadcrumb.fitted(
            titles: [
                "Families", "Quillfeather family", "Assessment (CAF) · Noor Quillfeather · Complete", "Census factors",
            ],
            width: 78)
        #expect(trail == "Signpost › … › Assessment (CAF) · Noor Quillfeather… › Census factors")
        #expect(DisplayWidth.of(trail) <= 78)
    }

    @Test("a trail that fits is left as it is")
    func fitsWhole() {
        #expect(
            Breadcrumb.fitted(titles: ["Families", "Quillfeather family"], width: 78)
                == "Signpost › Families › Quillfeather family")
    }

    @Test("with very little room the root and the parent go before the screen's title is cut, and then at a word")
    func tightRoom() {
        #expect(
            Breadcrumb.fitted(titles: ["Families", "Quillfeather family"], width: 30)
                == "Families › Quillfeather family")
        let cut = Breadcrumb.fitted(titles: ["Families", "Quillfeather family", "Who it is about"], width: 20)
        #expect(cut == "… › Who it is about")
        let tiny = Breadcrumb.fitted(titles: ["Families", "Quillfeather family", "Who it is about"], width: 12)
        #expect(tiny == "Who it is…")
    }

    @Test(
        "no screen's title bar cuts a word in the middle", arguments: ScreenSnapshot.Name.allCases,
        ScreenSnapshotTests.sizes)
    func noWordCut(_ name: ScreenSnapshot.Name, size: Size) throws {
        let app = try TestApplication(size: size)
        let family = try ScreenSnapshotTests.familyWithAssessment(app)
        let application = try ScreenSnapshot.application(for: name, family: family, environment: app.environment)
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        let lines = surface.text().split(separator: "\n", omittingEmptySubsequences: false)
        let titleRow = lines.dropFirst().first.map(String.init) ?? ""
        // Every word the title row ends with "…" must be a whole word of some screen's title.
        let words = Set(application.stack.flatMap { $0.title.split(separator: " ").map(String.init) })
        for token in titleRow.split(separator: " ") where token.count > 1 && token.hasSuffix("…") {
            #expect(words.contains(String(token.dropLast())), "\(name.rawValue) \(size): \(titleRow)")
        }
    }
}
