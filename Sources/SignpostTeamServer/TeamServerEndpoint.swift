import Foundation
import NIOSSL
import PostgresNIO

/// Where a team server is and which login connects to it, parsed from a PostgreSQL URL.
///
/// Accepts `postgresql://LOGIN[:PASSWORD]@HOST[:PORT]/DATABASE`, and
/// `postgresql://LOGIN@/DATABASE?host=/socket/directory&port=5432` for a unix socket. A password
/// is kept only for as long as the connection needs it: `redacted` is what is stored or shown.
///
/// TLS is required for anything but this machine: a server elsewhere is always reached with TLS,
/// verifying its certificate against the system's certificate authorities, or those in the file
/// `sslrootcert=` names; `sslmode=disable` for such a server is refused before any password is
/// looked for. `sslmode=verify-full` (or `verify-ca`) asks for TLS on this machine too.
///
/// A practitioner may sign in with a client certificate instead of a password, as libpq does:
/// `sslcert=FILE&sslkey=FILE` (PEM files; the key readable by its owner only). With a certificate
/// the connection always uses TLS, and no password is looked for: the server's `cert` rule checks
/// the certificate and that its common name is the login (``ClientCertificate``).
///
/// ```swift
/// let endpoint = try TeamServerEndpoint(url: "postgresql://alex@127.0.0.1:54329/signpost")
/// endpoint.redacted  // "postgresql://alex@127.0.0.1:54329/signpost"
/// ```
public struct TeamServerEndpoint: Hashable, Sendable {
    /// A host name or address; nil when the server is reached through a unix socket.
    public var host: String?
    /// The directory holding the server's unix socket, when there is no host.
    public var socketDirectory: String?
    public var port: Int
    public var database: String
    public var login: String
    public var password: String?
    /// Whether the connection uses TLS, and what it verifies (`sslmode=` in the URL).
    public var security: TransportSecurity
    /// A file of CA certificates (PEM) to verify the server's certificate against instead of the
    /// system's (`sslrootcert=` in the URL).
    public var certificateAuthorityFile: String?
    /// The practitioner's client certificate and private key (`sslcert=` and `sslkey=` in the URL):
    /// file paths only, read when connecting.
    public var clientCertificate: ClientCertificate?

    public init(url: String) throws {
        guard let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(), scheme == "postgresql" || scheme == "postgres"
        else {
            throw TeamServerError.badURL(url: Self.redact(url), why: "it must start postgresql://")
        }
        let query = components.queryItems ?? []
        let socketDirectory = query.first { $0.name == "host" }?.value
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        if host == nil && socketDirectory == nil {
            throw TeamServerError.badURL(url: Self.redact(url), why: "it names no host")
        }
        guard let login = components.user, !login.isEmpty else {
            throw TeamServerError.badURL(url: Self.redact(url), why: "it names no login (postgresql://LOGIN@HOST/...)")
        }
        let portText = query.first { $0.name == "port" }?.value
        let port = components.port ?? portText.flatMap(Int.init) ?? 5432
        guard (1...65535).contains(port) else {
            throw TeamServerError.badURL(url: Self.redact(url), why: "the port must be 1-65535")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.host = socketDirectory == nil ? host : nil
        self.socketDirectory = socketDirectory
        self.port = port
        self.database = path.isEmpty ? "signpost" : path
        self.login = login
        self.password = components.password
        self.certificateAuthorityFile = query.first { $0.name == "sslrootcert" }?.value.flatMap {
            $0.isEmpty ? nil : $0
        }
        let certificateFile = query.first { $0.name == "sslcert" }?.value.flatMap { $0.isEmpty ? nil : $0 }
        let keyFile = query.first { $0.name == "sslkey" }?.value.flatMap { $0.isEmpty ? nil : $0 }
        switch (certificateFile, keyFile) {
        case (let certificate?, let key?):
            clientCertificate = ClientCertificate(certificateFile: certificate, keyFile: key)
        case (nil, nil):
            clientCertificate = nil
        case (_?, nil):
            throw TeamServerError.badURL(
                url: Self.redact(url), why: "sslcert= needs sslkey=, the file of the certificate's private key")
        case (nil, _?):
            throw TeamServerError.badURL(
                url: Self.redact(url), why: "sslkey= needs sslcert=, the file of the client certificate")
        }
        let mode = query.first { $0.name == "sslmode" }?.value
        let local = socketDirectory != nil || Self.isLoopback(host)
        switch mode {
        case nil:
            security = local && certificateAuthorityFile == nil && clientCertificate == nil ? .plain : .verifyFull
        case "disable", "allow", "prefer":
            if clientCertificate != nil {
                throw TeamServerError.badURL(
                    url: Self.redact(url),
                    why: "a client certificate is presented only over TLS: remove sslmode=\(mode ?? "")")
            }
            guard local else {
                throw TeamServerError.badURL(
                    url: Self.redact(url),
                    why: "TLS is required for a team server that is not on this machine: "
                        + "remove sslmode=\(mode ?? ""), and give sslrootcert=CA-FILE if its certificate is not "
                        + "signed by a certificate authority this machine trusts")
            }
            security = .plain
        case "require", "verify-full":
            // Signpost always verifies the certificate: "require" without verifying would let anyone in
            // between read the casework.
            security = .verifyFull
        case "verify-ca":
            security = .verifyCertificateAuthority
        case .some(let other):
            throw TeamServerError.badURL(
                url: Self.redact(url), why: "sslmode=\(other) is not one of disable, require, verify-ca, verify-full")
        }
        if socketDirectory != nil && security != .plain {
            throw TeamServerError.badURL(
                url: Self.redact(url),
                why: "a unix socket on this machine is reached without TLS: remove sslmode"
                    + (clientCertificate == nil ? "" : ", sslcert and sslkey (or use the server's host and port)"))
        }
    }

    /// How the connection to the server is protected.
    public enum TransportSecurity: String, Hashable, Sendable {
        /// No TLS: only for a server on this machine (a unix socket or a loopback address).
        case plain = "disable"
        /// TLS, verifying that a trusted authority signed the certificate and that it names the host.
        case verifyFull = "verify-full"
        /// TLS, verifying that a trusted authority signed the certificate (not the name in it).
        case verifyCertificateAuthority = "verify-ca"
    }

    /// Whether the server is on this machine (a unix socket or a loopback address): the only
    /// case where the connection may go without TLS.
    public var isLocal: Bool {
        guard let host else { return true }
        return Self.isLoopback(host)
    }

    static func isLoopback(_ host: String?) -> Bool {
        guard let host else { return false }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    /// The URL without any password: what is stored, shown and audited.
    public var redacted: String {
        var components = URLComponents()
        components.scheme = "postgresql"
        components.user = login
        components.host = host ?? ""
        if host != nil { components.port = port }
        components.path = "/" + database
        var items: [URLQueryItem] = []
        if let socketDirectory {
            items = [
                URLQueryItem(name: "host", value: socketDirectory), URLQueryItem(name: "port", value: String(port)),
            ]
        }
        // What the connection verifies is part of where the server is: kept wherever the URL is kept.
        let verifyFullGoesWithoutSaying =
            security == .verifyFull && (!isLocal || clientCertificate != nil) && certificateAuthorityFile == nil
        if security != .plain && !verifyFullGoesWithoutSaying {
            items.append(URLQueryItem(name: "sslmode", value: security.rawValue))
        }
        if let certificateAuthorityFile {
            items.append(URLQueryItem(name: "sslrootcert", value: certificateAuthorityFile))
        }
        if let clientCertificate {
            items.append(URLQueryItem(name: "sslcert", value: clientCertificate.certificateFile))
            items.append(URLQueryItem(name: "sslkey", value: clientCertificate.keyFile))
        }
        if !items.isEmpty { components.queryItems = items }
        return components.string ?? "postgresql://\(login)@\(host ?? "")/\(database)"
    }

    /// The same endpoint for another login (and its password).
    public func signingIn(as login: String, password: String?) -> TeamServerEndpoint {
        var copy = self
        copy.login = login
        copy.password = password
        return copy
    }

    /// The postgres-nio configuration: TLS required for any server that is not on this machine.
    ///
    /// A client certificate and its key are read here, before anything is sent: a key others may
    /// read, or a file that is missing or not PEM, is refused naming the file.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let socketDirectory {
            let socketPath = (socketDirectory as NSString).appendingPathComponent(".s.PGSQL.\(port)")
            return PostgresConnection.Configuration(
                unixSocketPath: socketPath, username: login, password: password, database: database)
        }
        let host = self.host ?? "localhost"
        let tls: PostgresConnection.Configuration.TLS
        switch security {
        case .plain:
            guard isLocal else {
                throw TeamServerError.badURL(
                    url: redacted, why: "TLS is required for a team server that is not on this machine")
            }
            tls = .disable
        case .verifyFull, .verifyCertificateAuthority:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification =
                security == .verifyFull ? .fullVerification : .noHostnameVerification
            if let certificateAuthorityFile {
                guard FileManager.default.isReadableFile(atPath: certificateAuthorityFile) else {
                    throw TeamServerError.badURL(
                        url: redacted, why: "the certificate authority file \(certificateAuthorityFile) cannot be read")
                }
                configuration.trustRoots = .file(certificateAuthorityFile)
            }
            if let loaded = try checkedClientCertificate() {
                configuration.certificateChain = loaded.chain.map { .certificate($0) }
                configuration.privateKey = .privateKey(loaded.key)
            }
            do {
                tls = .require(try NIOSSLContext(configuration: configuration))
            } catch NIOSSLError.failedToLoadPrivateKey where clientCertificate != nil {
                throw TeamServerError.clientCertificate(
                    why: "the private key in \(clientCertificate?.keyFile ?? "") is not the key of the certificate in "
                        + (clientCertificate?.certificateFile ?? ""))
            } catch {
                throw TeamServerError.badURL(
                    url: redacted,
                    why:
                        "the certificate authority file \(certificateAuthorityFile ?? "") is not PEM certificates (\(error))"
                )
            }
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: login, password: password, database: database, tls: tls)
    }

    /// The client certificate and key read and checked (nil without one): a key others may read,
    /// or a file that is missing, unreadable or not PEM, is refused naming the file.
    @discardableResult
    public func checkedClientCertificate() throws -> ClientCertificate.Loaded? {
        guard let clientCertificate else { return nil }
        do {
            return try clientCertificate.load()
        } catch let refusal as ClientCertificate.Refusal {
            throw TeamServerError.clientCertificate(why: refusal.description)
        }
    }

    /// A URL with any password replaced, for error messages about a URL that did not parse.
    static func redact(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = nil
        return components.string ?? "the URL given"
    }
}
