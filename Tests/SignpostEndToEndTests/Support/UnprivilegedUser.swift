import Foundation
import Testing

/// `nobody` (uid and gid 65534): who the read-only tests run the binary as when the suite runs as root, as CI does.
///
/// Root may write any file, so a file with mode 0400 is read-only only to another user. Under root the binary is
/// started through `setpriv` as this user, and the files it must read are handed to it first (``hand(_:)``); as an
/// ordinary user nothing changes, and the files stay that user's own.
enum UnprivilegedUser {
    static let id: UInt32 = 65_534
    static let setpriv = "/usr/bin/setpriv"
    static let arguments = ["--reuid=\(id)", "--regid=\(id)", "--clear-groups", "--"]

    /// Whether runs must change user: only when the tests run as root.
    static var isNeeded: Bool { geteuid() == 0 }

    /// Gives `paths` (files or folders) to the unprivileged user when the tests run as root, and makes every folder
    /// above them passable, so that user can reach and read them; nothing is done otherwise.
    ///
    /// - Throws: when `setpriv` is missing or a path cannot be handed over.
    static func hand(_ paths: [String]) throws {
        guard isNeeded else { return }
        guard FileManager.default.isExecutableFile(atPath: setpriv) else {
            throw HarnessError("\(setpriv) is needed to run the read-only tests as root (util-linux); install it")
        }
        for path in paths {
            guard chown(path, id, id) == 0 else {
                throw HarnessError("cannot give \(path) to uid \(id): \(String(cString: strerror(errno)))")
            }
            // Every folder above must let the user pass (o+x); the temporary home is made 0700 by default.
            var folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            while folder.path != "/" {
                var info = stat()
                if stat(folder.path, &info) == 0, info.st_mode & 0o001 == 0 {
                    chmod(folder.path, (info.st_mode & 0o7777) | 0o001)
                }
                folder.deleteLastPathComponent()
            }
        }
    }
}
