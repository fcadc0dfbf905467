import ArgumentParser
import Foundation
import SignpostTeamServer

/// `signpost server restrict FAMILY --to LOGIN[,LOGIN…]` (or `--lift`).
struct ServerRestrictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restrict",
        abstract: "Restrict a family to named workers, or lift the restriction (managers and administrators).",
        discussion: """
            Anyone not named must then give a reason to open the family; each opening (or refusal) \
            is audited on the server and listed by signpost server access-report. Earlier openings \
            do not carry over a new restriction. The server checks the role of the login in --url.
            """)

    @Argument(help: ArgumentHelp("The family's id.", valueName: "family"))
    var family: String

    @Option(
        help: ArgumentHelp("The practitioners' logins, separated by commas.", valueName: "login[,login…]"))
    var to: String?

    @Flag(help: "Lift the family's restriction instead.")
    var lift = false

    @OptionGroup var server: ServerURLOption

    var workers: [String] {
        (to ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        if lift && to != nil { throw ValidationError("give either --to LOGIN[,LOGIN…] or --lift, not both") }
        if !lift && workers.isEmpty {
            throw ValidationError("name the workers the family is restricted to (--to LOGIN[,LOGIN…]), or --lift")
        }
    }

    func run() async throws {
        let endpoint = try server.endpoint()
        let (family, workers, lift) = (self.family, self.workers, self.lift)
        try await TeamServerAccess.withConnection(to: endpoint) { connection in
            try await connection.restrictFamily(family, to: lift ? nil : workers)
        }
        if lift {
            Console.print("Lifted the restriction on \(family): it is read as its locality and caseload say.")
        } else {
            Console.print(
                "Restricted \(family) to \(workers.joined(separator: ", ")): anyone else must give a reason to open it."
            )
        }
    }
}

/// `signpost server assign FAMILY --to LOGIN`.
struct ServerAssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Put a family on a practitioner's caseload (managers and administrators).",
        discussion: """
            The practitioner may then read the family whatever its locality; their next sync brings \
            its whole history. The server checks the role of the login in --url.
            """)

    @Argument(help: ArgumentHelp("The family's id.", valueName: "family"))
    var family: String

    @Option(help: ArgumentHelp("The practitioner's login.", valueName: "login"))
    var to: String

    @OptionGroup var server: ServerURLOption

    func run() async throws {
        let endpoint = try server.endpoint()
        let (family, worker) = (self.family, self.to)
        try await TeamServerAccess.withConnection(to: endpoint) { connection in
            try await connection.assignCaseload(family: family, to: worker)
        }
        Console.print("Put \(family) on \(worker)'s caseload: their next sync brings it.")
    }
}

/// `signpost server access-report [--since DATE] [--format text|csv]`.
struct ServerAccessReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-report",
        abstract: "Who opened which restricted or out-of-scope families, when, and why (managers and administrators).",
        discussion: """
            Lists every opening of a family outside the opener's need-to-know (a restricted family \
            they are not named on, or one outside their locality and caseload) with the reason \
            given, and every refusal, oldest first, as the server's audit trail records them. The \
            server refuses anyone but a manager or an administrator.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv
    }

    @Option(help: ArgumentHelp("Only openings on or after this day (YYYY-MM-DD).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("text or csv.", valueName: "format"))
    var format: Format = .text

    @OptionGroup var server: ServerURLOption

    func sinceDate() throws -> Date? {
        guard let since else { return nil }
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_GB_POSIX")
        parser.timeZone = .current
        parser.dateFormat = "yyyy-MM-dd"
        guard let day = parser.date(from: since), parser.string(from: day) == since else {
            throw ValidationError("--since needs a day as YYYY-MM-DD, such as 2026-11-01 (got \(since))")
        }
        return day
    }

    func validate() throws {
        _ = try sinceDate()
    }

    func run() async throws {
        let endpoint = try server.endpoint()
        let since = try sinceDate()
        let entries = try await TeamServerAccess.withConnection(to: endpoint) {
            try await $0.accessReport(since: since)
        }
        switch format {
        case .csv:
            Console.print(AccessReportText.csv(entries))
        case .text:
            Console.print(AccessReportText.text(entries, since: self.since))
        }
    }
}

/// The access report as a person reads it, or as a spreadsheet takes it.
enum AccessReportText {
    static let timeFormat = Date.ISO8601FormatStyle(timeZone: .current).year().month().day()
        .time(includingFractionalSeconds: false)

    static func text(_ entries: [FamilyAccessEntry], since: String?) -> String {
        guard !entries.isEmpty else {
            return "No restricted or out-of-scope family was opened\(since.map { " since \($0)" } ?? "")."
        }
        var lines = [
            "\(entries.count) \(entries.count == 1 ? "opening" : "openings") of families outside the opener's need-to-know"
                + (since.map { " since \($0)" } ?? "") + ":"
        ]
        for entry in entries {
            let role = entry.role.map { " (\($0))" } ?? ""
            let what = entry.restricted ? "restricted" : "out of scope"
            let reason = entry.reason.map { "\"\($0)\"" } ?? "no reason given"
            lines.append(
                "\(entry.at.formatted(timeFormat))  \(entry.login)\(role)  \(entry.outcome) \(entry.family) (\(what))  "
                    + (entry.outcome == .opened ? "reason: " : "refused: ") + reason)
        }
        return lines.joined(separator: "\n")
    }

    static func csv(_ entries: [FamilyAccessEntry]) -> String {
        var lines = ["at,login,role,family,outcome,restricted,locality,reason"]
        for entry in entries {
            lines.append(
                [
                    entry.at.formatted(timeFormat), entry.login, entry.role?.rawValue ?? "", entry.family,
                    entry.outcome.rawValue, entry.restricted ? "yes" : "no", entry.locality ?? "", entry.reason ?? "",
                ].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    /// One CSV field, quoted when it holds a comma, a quote or a line break. A field starting with
    /// `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet never runs a reason as a formula.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\n\r".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
