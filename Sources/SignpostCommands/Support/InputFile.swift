import Foundation

/// Reading a file (or standard input) a command was given, up to a size that keeps its work quick.
///
/// A file past its limit is refused with a message giving the size found and
/// the limit, before any of it is parsed: a situation, a family or a pathways
/// file many times larger than any real one is a mistake or an attack.
enum InputFile {
    /// The largest situation `navigate` reads: a household of 100 people takes a few kilobytes.
    static let situationLimit = 1 << 20
    /// The largest family document `import` reads: the largest fixture family is about 40 KB.
    static let familyLimit = 16 << 20
    /// The largest pathways file read: the built-in Islington pathways are about 80 KB.
    static let pathwaysLimit = 4 << 20

    /// The bytes of `path` (`-` for standard input), refused when larger than `limit`.
    ///
    /// - Parameter what: what the file is, for messages ("the situation file").
    static func read(_ path: String, limit: Int, what: String) throws -> Data {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                throw CommandFailure.badInput("\(what) \(path) is a folder; give a file")
            }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure.badInput("cannot read \(what) \(path): check the path and its permissions")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw CommandFailure.badInput("cannot read \(what) \(path): \((error as NSError).localizedDescription)")
        }
        guard data.count <= limit else {
            throw CommandFailure.badInput(
                "\(what) \(path == "-" ? "on standard input" : path) is larger than \(limit >> 10) KB; nothing was read. Check it is the right file"
            )
        }
        return data
    }
}
