import Foundation
import Testing

/// Compares rendered text with a snapshot file stored next to the tests.
///
/// Snapshots live in `__Snapshots__/NAME.txt`. A missing or different
/// snapshot fails the test and prints both versions; set
/// `SIGNPOST_RECORD_SNAPSHOTS=1` to write them anew, on purpose, and review
/// the diff before committing.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["SIGNPOST_RECORD_SNAPSHOTS"] == "1" }

    /// The result of comparing `text` with the stored snapshot `name`, or nil when they match.
    static func mismatch(_ text: String, named name: String) -> String? {
        let file = folder.appendingPathComponent("\(name).txt")
        let stored = try? String(contentsOf: file, encoding: .utf8)
        if isRecording {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? (text + "\n").write(to: file, atomically: true, encoding: .utf8)
            return nil
        }
        guard let stored else {
            return
                "no snapshot \(name).txt; record it with SIGNPOST_RECORD_SNAPSHOTS=1 and review it. Rendered:\n\(text)"
        }
        guard stored != text + "\n" else { return nil }
        let storedLines = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let renderedLines = (text + "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference =
            Array(zip(storedLines, renderedLines)).firstIndex { $0 != $1 }
            ?? min(storedLines.count, renderedLines.count)
        return """
            \(name) differs from its snapshot at line \(firstDifference + 1).
            --- stored
            \(stored)
            --- rendered
            \(text)
            """
    }
}
