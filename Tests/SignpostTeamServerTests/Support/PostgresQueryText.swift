import PostgresNIO

/// Statements the tests run as the cluster's superuser, with identifiers quoted.
enum PostgresQueryText {
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func createDatabase(_ name: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "CREATE DATABASE \(quoted(name))")
    }

    static func dropDatabase(_ name: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(quoted(name)) WITH (FORCE)")
    }

    static func dropRole(_ name: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \(quoted(name))")
    }

    static func createLogin(_ name: String, password: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "CREATE ROLE \(quoted(name)) LOGIN PASSWORD '\(password)'")
    }
}
