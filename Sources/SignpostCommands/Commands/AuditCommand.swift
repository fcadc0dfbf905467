import ArgumentParser
import CSV
import Foundation
import SignpostApp
import SignpostDomain
import SignpostStore

/// `signpost audit`: the audit trail, newest first, filtered, as text, JSON lines or CSV.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Who created, changed, viewed or exported case data, when, with old and new values.",
        discussion: """
            Newest first, read a page at a time. Dates are days (DD/MM/YYYY or YYYY-MM-DD) in London time; \
            --until is inclusive. CSV cells that begin with = + - @ are written with a leading ' so that a \
            spreadsheet shows them as text. Reading the trail is itself audited (view-audit).
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only this family's entries (its id).")
    var family: String?

    @Option(help: "Only entries by this login.")
    var actor: String?

    @Option(help: "Only this kind of action: created, changed, viewed or exported.")
    var action: String?

    @Option(help: "From this day (inclusive).")
    var since: String?

    @Option(help: "Up to this day (inclusive).")
    var until: String?

    @Option(help: "At most this many entries (all that match when not given).")
    var limit: Int?

    @Option(help: "text (one line each), json (one object a line) or csv.")
    var format: OutputFormat = .text

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        let query = try makeQuery()
        let store = try storeOptions.openExisting()
        defer { try? store.close() }
        var printed = 0
        var page = query
        var csvHeaderWritten = false
        while true {
            page.limit = min(500, (limit ?? Int.max) - printed)
            guard page.limit > 0 else { break }
            let entries = try StoreOpening.run { try store.auditEntries(page) }
            switch format {
            case .text: for entry in entries { Console.print(AuditFormatting.line(entry, showingFamily: true)) }
            case .json: for entry in entries { Console.writeJSON(try Self.json(entry)) }
            case .csv:
                let text = try Self.csv(entries, header: !csvHeaderWritten)
                csvHeaderWritten = true
                if !text.isEmpty { Console.print(text) }
            }
            printed += entries.count
            guard entries.count == page.limit, let last = entries.last?.sequence else { break }
            page.before = last
        }
        if format == .csv && !csvHeaderWritten { Console.print(try Self.csv([], header: true)) }
        try storeOptions.recordRead(in: store) {
            try $0.recordRead(
                action: "view-audit",
                summary: "read \(printed) audit entr\(printed == 1 ? "y" : "ies") (\(AuditFormatting.describe(query)))"
                    + (query.family.map { " of \($0.rawValue)" } ?? ""),
                by: storeOptions.practitioner)
        }
    }

    private func makeQuery() throws -> AuditQuery {
        var query = AuditQuery()
        if let family {
            do throws(EntityIDError) {
                query.family = try FamilyID(validating: family)
            } catch {
                throw CommandFailure.badInput(error.description)
            }
        }
        query.actor = actor
        if let action {
            guard let kind = AuditActionKind(rawValue: action.lowercased()) else {
                throw CommandFailure.badInput(
                    "--action \(action.debugDescription) is not one of created, changed, viewed, exported")
            }
            query.kind = kind
        }
        let first = try since.map { try Self.day($0, option: "--since") }
        let last = try until.map { try Self.day($0, option: "--until") }
        if let first, let last, last < first {
            throw CommandFailure.badInput("--until \(last.british) comes before --since \(first.british)")
        }
        query.since = first.map(LondonTime.start(of:))
        query.until = last.map { LondonTime.start(of: $0.adding(days: 1)) }
        return query
    }

    private static func day(_ text: String, option: String) throws -> CalendarDate {
        do {
            return try CalendarDate(parsing: text)
        } catch {
            throw CommandFailure.badInput(
                "\(option) \(text.debugDescription): \(error); write DD/MM/YYYY or YYYY-MM-DD")
        }
    }

    /// One entry as a JSON object: when (ISO 8601), who, kind, action, family, record, summary, values.
    static func json(_ entry: AuditEntry) throws -> Data {
        struct Line: Encodable {
            var at: String
            var actor: String
            var kind: String
            var action: String
            var family: String?
            var record: String
            var summary: String
            var values: [AuditValueChange]?
            var erased: String?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = Line(
            at: ISO8601DateFormatter().string(from: entry.at), actor: entry.actor,
            kind: AuditActionKind(action: entry.action).rawValue, action: entry.action,
            family: entry.family?.rawValue, record: entry.recordID, summary: entry.summary,
            values: entry.detail.map(\.changes), erased: entry.detail?.erased)
        return try encoder.encode(line) + Data("\n".utf8)
    }

    static let csvHeader = ["at", "actor", "kind", "action", "family", "record", "summary", "values"]

    /// Entries as CSV rows (with the header row first when asked), every cell neutralised for spreadsheets.
    static func csv(_ entries: [AuditEntry], header: Bool) throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        if header { try writer.write(row: csvHeader) }
        let formatter = ISO8601DateFormatter()
        for entry in entries {
            try writer.write(
                row: [
                    formatter.string(from: entry.at), entry.actor, AuditActionKind(action: entry.action).rawValue,
                    entry.action, entry.family?.rawValue ?? "", entry.recordID, entry.summary,
                    entry.detail?.line ?? "",
                ].map(neutralised))
        }
        writer.stream.close()
        guard let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return first)
    /// with a `'` before it, so it shows as the text it is.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else {
            return cell
        }
        return "'" + cell
    }
}
