import Foundation
import SignpostDomain
import SignpostStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing a family's record to a file in a folder the practitioner chose, readable only by them, and
/// auditing it as an export.
///
/// The file's name comes from the family's id, which must follow the id grammar
/// (`record-F-0001-2026-11-26.md`); the path is resolved and must lie directly inside the folder,
/// the file is created new with mode 0600 and never through a symbolic link, and an earlier export
/// of the same day is never overwritten (the next is `…-2.md`). The family screen and
/// `signpost export-record` both write through here.
///
/// ```swift
/// let file = try RecordExportFile.export(family, as: .html, options: options, into: folder, store: store)
/// ```
public enum RecordExportFile {
    /// Where records are exported unless the practitioner chooses otherwise: `$SIGNPOST_EXPORT_DIR`, else
    /// `~/signpost-exports` (where assessments are exported too).
    public static func defaultFolder(environment: [String: String]) -> String {
        AssessmentExportLocation.folder(environment: environment).path
    }

    /// Renders `family`'s record in `format`, writes it into `folder` and audits the export.
    ///
    /// - Returns: The file written.
    /// - Throws: ``RecordExportProblem`` when the folder or file cannot be made (nothing is audited then);
    ///   the store's error when the export cannot be audited (the file is removed again, so no export
    ///   goes unrecorded).
    public static func export(
        _ family: Family, as format: RecordExportFormat, options: RecordExportOptions, into folder: String,
        store: any CaseStore
    ) throws -> URL {
        let document = RecordDocument(family: family, options: options)
        let contents = RecordRenderer.render(document, as: format)
        let file = try write(
            contents, family: family.id, format: format, on: LondonTime.today(at: options.at), into: folder)
        do {
            let scope = options.significantOnly ? "significant events only" : "the whole chronology"
            try store.recordExported(
                family.id,
                summary: "exported the family record as \(format.label.lowercased()) (\(scope)) to \(file.path)",
                by: options.exportedBy)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        return file
    }

    /// Writes `contents` to a new file for family `id` inside `folder` (created 0700 when missing).
    ///
    /// - Parameter name: What the file name starts with before the family's id (`record`, or a subject
    ///   access copy's `subject-access-P-0003`, which must follow the id grammar too).
    public static func write(
        _ contents: String, family id: FamilyID, format: RecordExportFormat, on day: CalendarDate, into folder: String,
        named name: String = "record"
    ) throws -> URL {
        guard id.isWellFormed else {
            throw RecordExportProblem(
                "family \(id.rawValue.debugDescription) has an id that cannot name a file; run `signpost check`")
        }
        let trimmed = folder.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw RecordExportProblem("choose a folder to export to") }
        let expanded =
            trimmed.hasPrefix("~/")
            ? (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + trimmed.dropFirst()
            : trimmed
        let given = URL(fileURLWithPath: expanded)
        do {
            try FileManager.default.createDirectory(
                at: given, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw RecordExportProblem("cannot use the folder \(given.path): check it is a folder you may write to")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: given.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw RecordExportProblem("\(given.path) is not a folder: choose a folder")
        }
        let resolved = given.resolvingSymlinksInPath().standardizedFileURL
        for attempt in 1...100 {
            let suffix = attempt == 1 ? "" : "-\(attempt)"
            let fileName = "\(name)-\(id.rawValue)-\(day.iso)\(suffix).\(format.fileExtension)"
            let file = resolved.appendingPathComponent(fileName).standardizedFileURL
            guard file.deletingLastPathComponent().path == resolved.path else {
                throw RecordExportProblem(
                    "the file for \(id.rawValue) would be outside \(resolved.path); nothing was written")
            }
            let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                throw RecordExportProblem("cannot write \(file.path): \(String(cString: strerror(errno)))")
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do {
                try handle.write(contentsOf: Data(contents.utf8))
                try handle.synchronize()
            } catch {
                try? FileManager.default.removeItem(at: file)
                throw RecordExportProblem(
                    "cannot write \(file.path) completely; if the disk is full, free some space and export again")
            }
            return file
        }
        throw RecordExportProblem("100 exports of this record already exist today in \(resolved.path); tidy the folder")
    }
}

/// Why a record could not be exported, in words to show the practitioner.
public struct RecordExportProblem: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) { self.description = description }
}
