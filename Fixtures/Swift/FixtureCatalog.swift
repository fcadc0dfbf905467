import Foundation
import SignpostDomain

/// The fictional families shipped with Signpost, for demonstrations, training and tests.
///
/// The families are JSON family documents in `Fixtures/families`, written by
/// `Fixtures/tools/make_fixtures.py`. Every one is marked fictional and every id
/// in it starts with the fictional mark `ZZ-` (``IDNamespace``), so none can be
/// imported into a live store.
///
/// ```swift
/// let families = try FixtureCatalog.families()  // sorted by family id
/// ```
public enum FixtureCatalog {
    /// Why a fixture file could not be read: the file and what was wrong, in plain words.
    public struct Problem: Error, CustomStringConvertible {
        public var file: String
        public var detail: String
        public var description: String { "fixture \(file): \(detail)" }
    }

    /// Every bundled family document, sorted by family id.
    ///
    /// - Throws: ``Problem`` naming the file and field when a document is malformed or not fictional.
    public static func families() throws -> [FamilyDocument] {
        guard let folder = Bundle.module.url(forResource: "families", withExtension: nil) else {
            throw Problem(file: "families", detail: "the fixture folder is missing from the bundle")
        }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        var documents: [FamilyDocument] = []
        for file in files {
            let document: FamilyDocument
            do {
                document = try FamilyDocument(decoding: try Data(contentsOf: file))
            } catch {
                throw Problem(file: file.lastPathComponent, detail: "\(error)")
            }
            guard document.fictional else {
                throw Problem(file: file.lastPathComponent, detail: "is not marked fictional")
            }
            documents.append(document)
        }
        return documents.sorted { $0.family.id < $1.family.id }
    }
}
