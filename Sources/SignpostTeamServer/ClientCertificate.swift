import Foundation
import NIOSSL

/// A practitioner's client certificate and its private key, as two PEM files: how a login signs in
/// without a password, when the team server's `pg_hba.conf` has a `cert` rule for it.
///
/// Only the paths are kept (in the URL's `sslcert=` and `sslkey=`, and in team.toml); the files
/// are read when connecting. As libpq does, a private key that its group or others may read is
/// refused before anything is sent: a key other people can copy is not a practitioner's own.
/// Every refusal names the file it is about.
///
/// ```swift
/// let certificate = ClientCertificate(certificateFile: "/home/sam/.signpost/sam.crt",
///                                     keyFile: "/home/sam/.signpost/sam.key")
/// let loaded = try certificate.load()   // throws ClientCertificate.Refusal naming the file
/// ```
public struct ClientCertificate: Hashable, Sendable {
    /// The certificate (PEM; intermediate certificates may follow it in the same file).
    public var certificateFile: String
    /// The certificate's private key (PEM, not encrypted), readable by its owner only.
    public var keyFile: String

    public init(certificateFile: String, keyFile: String) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }

    /// The certificate chain and key, read and checked.
    public struct Loaded {
        var chain: [NIOSSLCertificate]
        var key: NIOSSLPrivateKey
    }

    /// Why a certificate or key cannot be used, naming the file.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        /// The file is missing or this user may not read it.
        case unreadable(file: String, what: String, why: String)
        /// The file holds no PEM certificate or key.
        case notPEM(file: String, what: String)
        /// The key is encrypted with a passphrase, which Signpost does not ask for.
        case encryptedKey(file: String)
        /// The key file may be read by its group or by others (its permissions, in octal).
        case keyReadableByOthers(file: String, permissions: Int, ownedByRoot: Bool)

        public var description: String {
            switch self {
            case .unreadable(let file, let what, let why):
                "the \(what) file \(file) cannot be read (\(why))"
            case .notPEM(let file, let what):
                "the \(what) file \(file) does not hold a PEM \(what) (-----BEGIN ...-----)"
            case .encryptedKey(let file):
                "the private key file \(file) is protected by a passphrase, which Signpost does not ask for: "
                    + "keep an unencrypted copy readable by you alone (openssl pkey -in KEY -out NEW.key; chmod 600 NEW.key)"
            case .keyReadableByOthers(let file, let permissions, let ownedByRoot):
                "the private key file \(file) has group or world access (permissions "
                    + String(permissions, radix: 8) + "); it must be readable by you alone: chmod 600 \(file)"
                    + (ownedByRoot ? " (or 640 when root owns it)" : "")
            }
        }
    }

    /// Reads and checks both files: the key's permissions first (as libpq does: no group or other
    /// access, or group read only when root owns it), then that each holds PEM.
    func load() throws -> Loaded {
        try checkKeyPermissions()
        let certificateBytes = try contents(of: certificateFile, what: "client certificate")
        let keyBytes = try contents(of: keyFile, what: "private key")
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(certificateBytes)
        } catch {
            throw Refusal.notPEM(file: certificateFile, what: "client certificate")
        }
        guard !chain.isEmpty else { throw Refusal.notPEM(file: certificateFile, what: "client certificate") }
        if String(decoding: keyBytes, as: UTF8.self).contains("ENCRYPTED") {
            throw Refusal.encryptedKey(file: keyFile)
        }
        do {
            return Loaded(chain: chain, key: try NIOSSLPrivateKey(bytes: keyBytes, format: .pem))
        } catch {
            throw Refusal.notPEM(file: keyFile, what: "private key")
        }
    }

    /// Refuses a key file its group or others may read (or write), before it is opened.
    func checkKeyPermissions() throws {
        var status = stat()
        guard stat(keyFile, &status) == 0 else {
            throw Refusal.unreadable(
                file: keyFile, what: "private key", why: String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw Refusal.unreadable(file: keyFile, what: "private key", why: "it is not a regular file")
        }
        let permissions = Int(status.st_mode & 0o777)
        // libpq's rule: no access at all for group and others, except that a key root owns (kept
        // for a service, say) may be readable by its group.
        let ownedByRoot = status.st_uid == 0 && geteuid() != 0
        let forbidden = ownedByRoot ? 0o037 : 0o077
        if permissions & forbidden != 0 {
            throw Refusal.keyReadableByOthers(file: keyFile, permissions: permissions, ownedByRoot: ownedByRoot)
        }
    }

    private func contents(of file: String, what: String) throws -> [UInt8] {
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            let why: String
            if !FileManager.default.fileExists(atPath: file) {
                why = "there is no such file"
            } else if !FileManager.default.isReadableFile(atPath: file) {
                why = "you may not read it"
            } else {
                why = error.localizedDescription
            }
            throw Refusal.unreadable(file: file, what: what, why: why)
        }
    }
}
