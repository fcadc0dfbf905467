import Foundation
import SignpostDomain

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folder `signpost export --output` writes into, and the guard that keeps every file inside it.
///
/// A file's name comes from a family's id. Ids follow a strict grammar, but a
/// store written by an older Signpost may hold one that does not, so each path
/// is also resolved and checked to lie directly inside the folder, and files
/// are opened without following a symbolic link planted in their place.
struct ExportFolder {
    /// The folder, with symbolic links resolved.
    let url: URL

    /// Creates the folder (0700) when it is missing.
    init(path: String) throws {
        let given = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: given, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            var info = stat()
            if stat(given.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
                throw CommandFailure.badInput("\(given.path) is a file, not a folder: give --output a folder")
            }
            throw CommandFailure.badInput("cannot create the folder \(given.path): check you may write there")
        }
        url = given.resolvingSymlinksInPath().standardizedFileURL
    }

    /// The file for family `id`, refused unless it lies directly inside the folder.
    func file(for id: FamilyID) throws -> URL {
        guard id.isWellFormed else {
            throw CommandFailure.badInput(
                "family \(id.rawValue.debugDescription) has an id that cannot name a file; nothing more was exported. Run `signpost check`"
            )
        }
        let file = url.appendingPathComponent("\(id.rawValue).json").standardizedFileURL
        guard file.deletingLastPathComponent().path == url.path else {
            throw CommandFailure.badInput(
                "family \(id.rawValue.debugDescription) would be written outside \(url.path); nothing more was exported"
            )
        }
        return file
    }

    /// Writes family `id`'s document, replacing an earlier export but never following a link.
    func write(_ data: Data, for id: FamilyID) throws {
        try write(data, to: try file(for: id))
    }

    /// Writes `data` to the file `name` directly inside the folder (a return's list), created 0600, replacing an
    /// earlier one but never following a link; a name that would leave the folder is refused.
    func write(_ data: Data, toFileNamed name: String) throws {
        let file = url.appendingPathComponent(name).standardizedFileURL
        guard !name.contains("/"), file.deletingLastPathComponent().path == url.path else {
            throw CommandFailure.badInput(
                "\(name.debugDescription) would be written outside \(url.path); nothing was written")
        }
        try write(data, to: file)
    }

    private func write(_ data: Data, to file: URL) throws {
        let path = file.path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let reason = errno
            if reason == ELOOP {
                throw CommandFailure.badInput(
                    "\(path) is a symbolic link; it was not followed. Remove it and export again")
            }
            throw CommandFailure.badInput("cannot write \(path): \(String(cString: strerror(reason)))")
        }
        // An earlier file keeps its mode when it is replaced: make it the owner's only, as a new one is.
        fchmod(descriptor, 0o600)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            throw CommandFailure.badInput(
                "cannot write \(path) completely (\((error as NSError).localizedDescription)); if the disk is full, free some space and export again"
            )
        }
    }
}
