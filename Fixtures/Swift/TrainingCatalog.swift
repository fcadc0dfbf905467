import Foundation
import SignpostDomain

/// The training scenarios shipped with Signpost (`Fixtures/training/*.json`), or a trainer's own folder of them.
///
/// Every scenario uses one of the fixture families and names services from the
/// pathways' directory; ``scenarios(in:directory:)`` refuses a file that is
/// malformed or refers to a family or service that does not exist, naming the
/// file and the field.
///
/// ```swift
/// let scenarios = try TrainingCatalog.scenarios(directory: Pathways.islington.directory)
/// ```
public enum TrainingCatalog {
    /// The bundled scenarios folder.
    public static var bundledFolder: URL? { Bundle.module.url(forResource: "training", withExtension: nil) }

    /// Every scenario in `folder` (the bundled one by default), in file-name order.
    ///
    /// - Throws: ``ScenarioError`` for the first file that cannot be used.
    public static func scenarios(in folder: URL? = nil, directory: ServiceDirectory) throws -> [TrainingScenario] {
        guard let folder = folder ?? bundledFolder else {
            throw ScenarioError(file: "training", field: "", message: "the scenarios folder is missing from the bundle")
        }
        let families = Dictionary(
            try FixtureCatalog.families().map { ($0.family.id, $0.family) }, uniquingKeysWith: { first, _ in first })
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw ScenarioError(file: folder.path, field: "", message: "cannot be read: \(error.localizedDescription)")
        }
        var scenarios: [TrainingScenario] = []
        var seen: [String: String] = [:]
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw ScenarioError(file: file.lastPathComponent, field: "", message: "cannot be read")
            }
            let scenario = try TrainingScenario.load(
                data, file: file.lastPathComponent, families: families, directory: directory)
            if let other = seen[scenario.id] {
                throw ScenarioError(
                    file: file.lastPathComponent, field: "id", message: "“\(scenario.id)” is also the id in \(other)")
            }
            seen[scenario.id] = file.lastPathComponent
            scenarios.append(scenario)
        }
        return scenarios
    }
}
