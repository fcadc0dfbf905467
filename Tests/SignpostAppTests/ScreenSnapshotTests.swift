import Foundation
import SignpostDomain
import SignpostTerminal
import Testing

@testable import SignpostApp

/// Every screen at 80×24 and 120×40, compared with the text files in `__Snapshots__`.
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    /// The family the family-level snapshots open: the first fixture family with an assessment.
    static func familyWithAssessment(_ app: TestApplication) throws -> FamilyID {
        let ids = try app.store.familyIDs(after: nil, limit: 1000)
        for id in ids where !(try app.store.family(id)?.assessments.isEmpty ?? true) { return id }
        throw SnapshotProblem("no fixture family has an assessment")
    }

    @Test("every screen matches its snapshot", arguments: ScreenSnapshot.Name.allCases, sizes)
    func screenMatchesSnapshot(_ name: ScreenSnapshot.Name, size: Size) throws {
        let app = try TestApplication(size: size)
        let family = try Self.familyWithAssessment(app)
        let text = try ScreenSnapshot.render(name, family: family, size: size, environment: app.environment)
        let mismatch = Snapshot.mismatch(text, named: "\(name.rawValue).\(size.width)x\(size.height)")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    /// Screens whose sentences once ran off the right edge, cut mid-word with no "…".
    static let wrappingScreens: [ScreenSnapshot.Name] = [
        .about, .drafts, .newFamily, .family, .chronology, .services, .assessments, .exercises, .level, .note,
        .consent, .familyDetails, .relationships, .recordConsent,
    ]

    @Test(
        "no sentence is cut at the right edge: it wraps, or ends in …", arguments: wrappingScreens, sizes)
    func nothingCutAtTheEdge(_ name: ScreenSnapshot.Name, size: Size) throws {
        let app = try TestApplication(size: size)
        let family = try Self.familyWithAssessment(app)
        let lines = try ScreenSnapshot.render(name, family: family, size: size, environment: app.environment)
            .split(separator: "\n", omittingEmptySubsequences: false)
        // The body's last column is width - 2; a line reaching it and ending in a letter was cut inside a word.
        for (row, line) in lines.enumerated().dropFirst(3).dropLast() where DisplayWidth.of(line) >= size.width - 1 {
            #expect(!(line.last?.isLetter ?? false), "\(name.rawValue) row \(row + 1) is cut: \(line)")
        }
    }

    @Test("a layout that moves one column is caught")
    func brokenLayoutFails() throws {
        let app = try TestApplication()
        let text = try ScreenSnapshot.render(
            .home, family: nil, size: Size(width: 80, height: 24), environment: app.environment)
        let shifted = text.split(separator: "\n", omittingEmptySubsequences: false).map { " " + $0 }.joined(
            separator: "\n")
        #expect(Snapshot.isRecording || Snapshot.mismatch(shifted, named: "home.80x24") != nil)
    }
}

struct SnapshotProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
