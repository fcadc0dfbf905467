import CSV
import Foundation

/// A table written as CSV by the CSV.swift library, with every cell a spreadsheet could run made inert.
///
/// Quoting is the library's (a cell holding a comma, a quote or a line break is
/// quoted, quotes doubled). Before that, a cell beginning with `=`, `+`, `-` or `@`
/// (or a tab or carriage return, which some spreadsheets skip before a formula) is
/// prefixed with an apostrophe and quoted, the OWASP advice against CSV injection,
/// so a name typed as `=HYPERLINK(…)` reads as text. Lines end CRLF (RFC 4180).
///
/// ```swift
/// let csv = CSVDocument(headers: ["Child Unique ID", "Gender"], rows: [["P-1", "b) Female"]])
/// String(decoding: try csv.encoded(), as: UTF8.self)  // "Child Unique ID,Gender\r\nP-1,b) Female\r\n"
/// ```
public struct CSVDocument: Hashable, Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// The first characters that make a spreadsheet treat a cell as a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `cell` made inert for a spreadsheet, and whether it must be quoted.
    public static func neutralised(_ cell: String) -> (text: String, mustQuote: Bool) {
        guard let first = cell.first, formulaStarts.contains(first) else { return (cell, false) }
        return ("'" + cell, true)
    }

    /// The CSV bytes, UTF-8, headers first, every line ending CRLF.
    public func encoded() throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in [headers] + rows {
            let cells = row.map(Self.neutralised)
            try writer.write(row: cells.map(\.text), quotedAtIndex: { cells[$0].mustQuote })
        }
        stream.close()
        var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        data.append(contentsOf: Array("\r\n".utf8))
        return data
    }
}
