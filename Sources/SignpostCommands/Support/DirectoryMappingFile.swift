import Foundation
import SignpostDomain
import SignpostTerminal
import TOMLKit

/// The council's directory mapping file: TOML naming which feed services, organisations and taxonomy terms are
/// which pathway destinations (format in `docs/directory-mapping.md`, example `docs/directory-mapping.example.toml`).
///
/// ```toml
/// [services]
/// "svc-bright-start-north" = "bright-start"
///
/// [organizations]
/// "org-youth-justice" = "youth-justice"
///
/// [taxonomy]
/// "Young carers" = "young-carers"
/// ```
///
/// TOML itself is checked by TOMLKit; each line is also read here, so that every problem (a key given twice,
/// a table that is not one of the three, a destination that is not quoted text) is listed with its line
/// rather than the first alone. Problems with what the rules name (a service not in the feed, an unknown
/// destination) are found by ``OpenReferralImport``, with the same lines.
///
/// ```swift
/// let mapping = try DirectoryMappingFile.parse(text, name: "mapping.toml")
/// ```
enum DirectoryMappingFile {
    /// One `key = value` line as written.
    struct Line {
        var table: String?
        var key: String
        var number: Int
    }

    /// The rules of a mapping file, or every problem in it with its line.
    static func parse(_ text: String, name: String) throws(DirectoryImportError) -> DirectoryMapping {
        var problems: [String] = []
        let lines = scan(text, problems: &problems)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // The line-by-line reading explains a duplicate or a malformed line better than the parser's first error.
            if problems.isEmpty {
                problems.append("mapping line \(error.source.begin.line): \(visible(error.description))")
            }
            throw DirectoryImportError(problems: problems, subject: "mapping file \(name)")
        } catch {
            throw DirectoryImportError(problems: ["mapping: \(error)"], subject: "mapping file \(name)")
        }
        guard problems.isEmpty else { throw DirectoryImportError(problems: problems, subject: "mapping file \(name)") }

        var rules: [DirectoryMapping.Rule] = []
        for kind in DirectoryMapping.Kind.allCases {
            guard let section = table[kind.rawValue]?.table else { continue }
            for (key, value) in section {
                let number = lines.first { $0.table == kind.rawValue && $0.key == key }?.number
                let location = number.map { "mapping line \($0)" } ?? "mapping [\(kind.rawValue)]"
                guard let destination = value.string else {
                    problems.append(
                        "\(location): '\(visible(key))' must map to a destination in quotes, such as \"csct\"")
                    continue
                }
                rules.append(
                    DirectoryMapping.Rule(kind: kind, key: key, destination: ServiceID(destination), line: number))
            }
        }
        guard problems.isEmpty else { throw DirectoryImportError(problems: problems, subject: "mapping file \(name)") }
        return DirectoryMapping(rules: rules.sorted { ($0.line ?? .max, $0.key) < ($1.line ?? .max, $1.key) })
    }

    /// Reads the file line by line: table headers and `key = "value"` lines, reporting a repeated table or key,
    /// an unknown table, a key outside a table, a value that is not quoted text, and a line that is neither.
    static func scan(_ text: String, problems: inout [String]) -> [Line] {
        let tables = DirectoryMapping.Kind.allCases.map(\.rawValue)
        var found: [Line] = []
        var tableLines: [String: Int] = [:]
        var current: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard !line.hasPrefix("[["), let close = line.firstIndex(of: "]"),
                    afterValue(line[line.index(after: close)...])
                else {
                    problems.append(
                        "mapping line \(number): write a table as [services], [organizations] or [taxonomy]")
                    current = nil
                    continue
                }
                let name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                current = name
                if !tables.contains(name) {
                    problems.append(
                        "mapping line \(number): [\(visible(name))] is not a mapping table (services, organizations or taxonomy)"
                    )
                } else if let first = tableLines[name] {
                    problems.append(
                        "mapping line \(number): [\(name)] is given twice (also line \(first)); keep one [\(name)]")
                } else {
                    tableLines[name] = number
                }
                continue
            }
            guard let (key, rest) = readKey(Substring(line)) else {
                problems.append(
                    "mapping line \(number): not a mapping; write \"feed-id\" = \"destination\" under [services], [organizations] or [taxonomy]"
                )
                continue
            }
            let value = rest.drop { $0 == " " || $0 == "\t" }
            guard value.first == "=" else {
                problems.append("mapping line \(number): '\(visible(key))' has no = \"destination\"")
                continue
            }
            let valueText = value.dropFirst().drop { $0 == " " || $0 == "\t" }
            if readString(valueText).map({ afterValue($0.rest) }) != true {
                problems.append(
                    "mapping line \(number): '\(visible(key))' must map to a destination in quotes, such as \"csct\"")
            }
            guard let table = current else {
                problems.append(
                    "mapping line \(number): '\(visible(key))' is outside a table; put it under [services], [organizations] or [taxonomy]"
                )
                continue
            }
            if let first = found.first(where: { $0.table == table && $0.key == key }) {
                problems.append(
                    "mapping line \(number): [\(table)] '\(visible(key))' is given twice (also line \(first.number))")
                continue
            }
            found.append(Line(table: table, key: key, number: number))
        }
        return found
    }

    /// A bare key (letters, digits, `-`, `_`) or a quoted one, and what follows it.
    private static func readKey(_ text: Substring) -> (key: String, rest: Substring)? {
        if let quoted = readString(text) { return (quoted.value, quoted.rest) }
        let bare = text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        guard !bare.isEmpty else { return nil }
        return (String(bare), text.dropFirst(bare.count))
    }

    /// A TOML basic ("…", with `\"` and `\\` escapes) or literal ('…') string on one line, and what follows it.
    private static func readString(_ text: Substring) -> (value: String, rest: Substring)? {
        guard let quote = text.first, quote == "\"" || quote == "'" else { return nil }
        var value = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == quote { return (value, text[text.index(after: index)...]) }
            if quote == "\"", character == "\\" {
                index = text.index(after: index)
                guard index < text.endIndex else { return nil }
                switch text[index] {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(text[index])
                }
            } else {
                value.append(character)
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Whether only spaces and a comment follow a value.
    private static func afterValue(_ rest: Substring) -> Bool {
        let trimmed = rest.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// The mapping as TOML: what `signpost directory convert-mapping` writes from an old JSON mapping.
    static func toml(_ mapping: DirectoryMapping, from source: String) -> String {
        var text = """
            # Which services in the council's Open Referral UK feed are the navigator's pathway destinations.
            # Converted from \(source.replacingOccurrences(of: "\n", with: " ")); the format is in docs/directory-mapping.md.

            """
        for kind in DirectoryMapping.Kind.allCases {
            let rules = mapping.rules.filter { $0.kind == kind }
            guard !rules.isEmpty else { continue }
            text += "\n[\(kind.rawValue)]\n"
            for rule in rules { text += "\(quoted(rule.key)) = \(quoted(rule.destination.rawValue))\n" }
        }
        return text
    }

    /// A TOML basic string.
    private static func quoted(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += String(format: "\\u%04X", scalar.value)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"\(escaped)\""
    }
}

/// The directory mapping as it was first written, in JSON: `{"services": {"feed-id": "destination"}}`.
///
/// Read only to convert it to TOML (`signpost directory convert-mapping`).
struct LegacyJSONDirectoryMapping: Decodable {
    var services: [String: String]
}
