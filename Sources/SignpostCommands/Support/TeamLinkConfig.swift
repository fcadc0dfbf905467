import Foundation
import SignpostSQLiteStore
import SignpostStore
import SignpostTeamServer
import SignpostTerminal
import TOMLKit

/// The team links in the user's config (`$XDG_CONFIG_HOME/signpost/team.toml`, or
/// `~/.config/signpost/team.toml`): for each store that joined a team server, the server, the
/// login, the certificate authority to verify the server with, and the practitioner's client
/// certificate and key when they sign in with one: their file paths, never a key's contents, and
/// never a password.
///
/// `signpost team join` writes it; `signpost sync`, `signpost conflicts` and the interface read
/// it. The store itself only remembers which server it joined (a store joins one server only,
/// and a fictional store never a live one), so the link lives in one place. Links are kept by
/// the store's file, so two practitioners trying the team server on one computer (each with
/// their own `--store`) each keep theirs. The file is made readable by its owner only (0600), in
/// a folder only its owner may enter (0700). A file that cannot be read is never overwritten:
/// its error names the file and the line.
///
/// ```toml
/// # Signpost's team server links, written by `signpost team join`. Never a password.
/// [stores."/home/alex/.local/share/signpost/signpost.sqlite"]
/// server = "postgresql://alex@team.example.org:5432/signpost?sslmode=verify-full"
/// login = "alex"
/// tls_ca = "/etc/signpost/council-ca.pem"
/// tls_cert = "/home/alex/.signpost/alex.crt"
/// tls_key = "/home/alex/.signpost/alex.key"
/// ```
struct TeamLinkConfig {
    /// The config file.
    let file: URL

    /// The file the environment names: under `XDG_CONFIG_HOME` when it is an absolute path (as the
    /// XDG specification asks), else under `HOME`'s `.config`.
    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> TeamLinkConfig {
        let base: URL
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config", isDirectory: true)
        } else {
            base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config", isDirectory: true)
        }
        return TeamLinkConfig(file: base.appendingPathComponent("signpost/team.toml"))
    }

    /// The link kept for the store at `store` (a file path); nil when the file, or a link for
    /// that store, is missing.
    ///
    /// - Throws: ``CommandFailure`` naming the file and line when the file is not valid TOML, or
    ///   naming the store when a value is missing or of the wrong type.
    func link(forStoreAt store: URL, kind: StoreKind) throws -> TeamServerLink? {
        guard let table = try read() else { return nil }
        guard let stores = table[Self.storesKey] else { return nil }
        guard let byStore = stores.table else { throw invalid("[\(Self.storesKey)] must be a table of stores") }
        let key = Self.key(for: store)
        guard let value = byStore[key] else { return nil }
        let section = "[\(Self.storesKey).\"\(visible(key))\"]"
        guard let entry = value.table else {
            throw invalid("\(section) must be a table of server, login, tls_ca, tls_cert and tls_key")
        }
        guard let server = entry["server"]?.string, !server.isEmpty else {
            throw invalid("\(section) has no server = \"postgresql://LOGIN@HOST/DATABASE\"")
        }
        guard let login = entry["login"]?.string, !login.isEmpty else {
            throw invalid("\(section) has no login = \"NAME\"")
        }
        var files: [String: String] = [:]
        for (key, parameter) in Self.fileKeys {
            guard let value = entry[key] else { continue }
            guard let path = value.string else { throw invalid("\(section) \(key) must be a file name in quotes") }
            if !path.isEmpty { files[parameter] = path }
        }
        if (files["sslcert"] == nil) != (files["sslkey"] == nil) {
            throw invalid(
                "\(section) needs both tls_cert and tls_key (a client certificate and its private key), or neither")
        }
        let url = try Self.url(server, files: files, describing: invalid)
        return TeamServerLink(url: url, login: login, serverKind: kind == .live ? .live : .demonstration)
    }

    /// The link a store that joined a team syncs through: the one kept for the store's file,
    /// which must be to the server the store joined. Nil when the store never joined one.
    ///
    /// A store from before links moved to the config still holds its link: it is moved here,
    /// once, and the store forgets it.
    ///
    /// - Throws: ``CommandFailure`` when the config cannot be read, or has no link (or another
    ///   server's) for a store that joined one.
    func link(joinedBy store: SQLiteCaseStore) throws -> TeamServerLink? {
        guard let joined = try StoreOpening.run({ try store.joinedTeamServer() }) else { return nil }
        var found = try link(forStoreAt: store.url, kind: store.kind)
        if found == nil, let kept = try StoreOpening.run({ try store.teamServerLinkKeptInStore() }) {
            try save(kept, forStoreAt: store.url)
            try StoreOpening.run { try store.forgetTeamServerLinkKeptInStore() }
            found = kept
        }
        guard let found else {
            throw CommandFailure.badInput(
                "\(store.path) joined the team server \(joined), but \(file.path) has no link for it: "
                    + "run signpost team join URL --store \(store.path) again")
        }
        guard found.server == TeamServerLink.server(of: joined) else {
            throw CommandFailure.badInput(
                "\(file.path) links \(store.path) to \(found.server), but that store joined \(joined) and syncs with "
                    + "no other: run signpost team join with that server's URL")
        }
        return found
    }

    /// Writes `link` as the link for the store at `store`, keeping the file's other links and keys.
    ///
    /// The certificate authority file is kept as an absolute path, so the link works from any
    /// folder. The file is written whole to a new file beside it, then moved into place.
    ///
    /// - Throws: ``CommandFailure`` when the file there cannot be read (then it is left as it
    ///   was) or cannot be written.
    func save(_ link: TeamServerLink, forStoreAt store: URL) throws {
        let table = try read() ?? TOMLTable()
        var endpoint: TeamServerEndpoint
        do {
            endpoint = try TeamServerEndpoint(url: link.url)
        } catch {
            throw CommandFailure.badInput("\(error)")
        }
        endpoint.password = nil
        let absolute = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
        let certificateAuthority = endpoint.certificateAuthorityFile.map(absolute)
        let clientCertificate = endpoint.clientCertificate
        endpoint.certificateAuthorityFile = nil
        endpoint.clientCertificate = nil
        let entry = TOMLTable()
        entry["server"] = endpoint.redacted
        entry["login"] = link.login
        if let certificateAuthority { entry["tls_ca"] = certificateAuthority }
        if let clientCertificate {
            entry["tls_cert"] = absolute(clientCertificate.certificateFile)
            entry["tls_key"] = absolute(clientCertificate.keyFile)
        }
        let byStore: TOMLTable
        if let existing = table[Self.storesKey] {
            guard let stores = existing.table else { throw invalid("[\(Self.storesKey)] must be a table of stores") }
            byStore = stores
        } else {
            byStore = TOMLTable()
        }
        byStore[Self.key(for: store)] = entry
        table[Self.storesKey] = byStore
        let text =
            """
            # Signpost's team server links, written by `signpost team join`: for each store, the
            # server it syncs with, the login, the certificate authority that signed the server's
            # certificate, and the files of a client certificate and its key for a login that
            # signs in with one. Never a password (PGPASSWORD, ~/.pgpass, or typed when asked),
            # never a key's contents.

            """ + table.convert(to: .toml, options: [.allowUnicodeStrings, .indentations]) + "\n"
        try write(text)
    }

    // MARK: Reading and writing the file

    /// The parsed file; nil when there is none.
    private func read() throws -> TOMLTable? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw CommandFailure.badInput("\(file.path) cannot be read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure.badInput("\(file.path) is not UTF-8 text; it was left as it is")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw CommandFailure.badInput(
                "\(file.path) line \(error.source.begin.line): \(visible(error.description)); "
                    + "correct or remove it (it was left as it is)")
        }
    }

    private func write(_ text: String) throws {
        let folder = file.deletingLastPathComponent()
        let manager = FileManager.default
        do {
            if !manager.fileExists(atPath: folder.path) {
                try manager.createDirectory(
                    at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            let temporary = folder.appendingPathComponent(".team.toml.\(UUID().uuidString)")
            guard
                manager.createFile(
                    atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
            do {
                if rename(temporary.path, file.path) != 0 { throw CocoaError(.fileWriteUnknown) }
            } catch {
                try? manager.removeItem(at: temporary)
                throw error
            }
        } catch {
            throw CommandFailure.badInput("\(file.path) cannot be written: \(error.localizedDescription)")
        }
    }

    private func invalid(_ why: String) -> CommandFailure {
        CommandFailure.badInput("\(file.path): \(why); correct it or run signpost team join again")
    }

    /// The table the links are kept in, by store.
    private static let storesKey = "stores"

    /// A store's key: its file's absolute path, with symbolic links resolved.
    private static func key(for store: URL) -> String {
        store.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The keys that name files, and the URL parameter each becomes.
    private static let fileKeys = [("tls_ca", "sslrootcert"), ("tls_cert", "sslcert"), ("tls_key", "sslkey")]

    /// The server's URL with the files put back as `sslrootcert=`, `sslcert=` and `sslkey=`, checked.
    private static func url(
        _ server: String, files: [String: String], describing invalid: (String) -> CommandFailure
    ) throws -> String {
        guard var components = URLComponents(string: server) else {
            throw invalid("server = \"\(visible(server))\" is not a URL")
        }
        if !files.isEmpty {
            components.queryItems =
                (components.queryItems ?? []).filter { files[$0.name] == nil }
                + Self.fileKeys.compactMap { _, parameter in
                    files[parameter].map { URLQueryItem(name: parameter, value: $0) }
                }
        }
        let url = components.string ?? server
        do {
            _ = try TeamServerEndpoint(url: url)
        } catch {
            throw invalid("server: \(error)")
        }
        return url
    }
}
