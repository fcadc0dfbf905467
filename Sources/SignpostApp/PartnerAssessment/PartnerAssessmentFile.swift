import Foundation
import SignpostDomain

/// Finding and reading a partner's assessment file inside a chosen folder, so that a path typed on a screen
/// can never reach outside that folder.
///
/// The file is named relative to the folder; an absolute path, a `..` step, or a symbolic link that leads
/// out of the folder is refused before anything is read, and so is a file past the format's size limit.
///
/// ```swift
/// let data = try PartnerAssessmentFile.read("school/caf.json", in: "/home/sam/imports")
/// ```
enum PartnerAssessmentFile {
    /// Where the import form starts: `SIGNPOST_IMPORT_DIR` when set, else the folder Signpost was started in.
    static func defaultFolder(environment: [String: String]) -> String {
        if let folder = environment["SIGNPOST_IMPORT_DIR"], !folder.isEmpty { return folder }
        return FileManager.default.currentDirectoryPath
    }

    /// A path given on the command line (`:import-caf PATH`) as a folder and a file in it: an absolute path
    /// is split at its last `/`; a relative one is inside `folder`.
    static func split(_ path: String, defaultFolder folder: String) -> (folder: String, file: String) {
        guard path.hasPrefix("/") || path.hasPrefix("~") else { return (folder, path) }
        let expanded = (path as NSString).expandingTildeInPath
        return ((expanded as NSString).deletingLastPathComponent, (expanded as NSString).lastPathComponent)
    }

    /// Why a file could not be read, in words for the practitioner; `field` is the form field to fix.
    struct Problem: Error, CustomStringConvertible {
        var description: String
        var field: String
    }

    /// The bytes of `file` inside `folder`.
    ///
    /// - Throws: ``Problem`` when the folder is not one, the path leaves the folder, the file is missing,
    ///   unreadable or too large; nothing is read then.
    static func read(_ file: String, in folder: String) throws -> Data {
        let folderPath = (folder.trimmingCharacters(in: .whitespaces) as NSString).expandingTildeInPath
        var isFolder: ObjCBool = false
        guard !folderPath.isEmpty, FileManager.default.fileExists(atPath: folderPath, isDirectory: &isFolder),
            isFolder.boolValue
        else { throw Problem(description: "\(folder) is not a folder", field: "folder") }
        let name = file.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw Problem(description: "give the file's name inside the folder", field: "file") }
        guard !name.hasPrefix("/"), !name.hasPrefix("~") else {
            throw Problem(description: "give the file's path inside the folder, not from the root", field: "file")
        }
        guard !name.split(separator: "/").contains("..") else {
            throw Problem(description: "the path may not leave the folder (no “..”)", field: "file")
        }
        let root = URL(fileURLWithPath: folderPath, isDirectory: true).resolvingSymlinksInPath()
        let target = root.appendingPathComponent(name).resolvingSymlinksInPath()
        guard target.path.hasPrefix(root.path.hasSuffix("/") ? root.path : root.path + "/") else {
            throw Problem(description: "\(name) leads outside the folder (a link); nothing was read", field: "file")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
            throw Problem(description: "no file \(name) in \(folder)", field: "file")
        }
        guard !isDirectory.boolValue else {
            throw Problem(description: "\(name) is a folder; give a file", field: "file")
        }
        guard let handle = FileHandle(forReadingAtPath: target.path) else {
            throw Problem(description: "cannot read \(name): check its permissions", field: "file")
        }
        defer { try? handle.close() }
        let limit = PartnerAssessmentDocument.sizeLimit
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        guard data.count <= limit else {
            throw Problem(
                description: "\(name) is larger than \(limit >> 10) KB; nothing was read. Check it is the right file",
                field: "file")
        }
        return data
    }
}
