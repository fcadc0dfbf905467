import Foundation

extension TeamServerEndpoint {
    /// The password PostgreSQL's own tools would use for this endpoint: `PGPASSWORD`, else the
    /// first matching line of the password file (`PGPASSFILE` or `~/.pgpass`), else nil.
    ///
    /// ```swift
    /// endpoint.password = endpoint.password ?? endpoint.passwordFromEnvironment()
    /// ```
    public func passwordFromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let file =
            environment["PGPASSFILE"]
            ?? (environment["HOME"].map { ($0 as NSString).appendingPathComponent(".pgpass") } ?? "")
        guard !file.isEmpty, let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return Self.password(inPasswordFile: text, for: self)
    }

    /// The password of the first line of a `.pgpass` text matching the endpoint
    /// (`host:port:database:login:password`, `*` matching anything, `\:` and `\\` escaped).
    static func password(inPasswordFile text: String, for endpoint: TeamServerEndpoint) -> String? {
        let host = endpoint.host ?? "localhost"
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = splitPasswordLine(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(endpoint.port), endpoint.database, endpoint.login]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func splitPasswordLine(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
