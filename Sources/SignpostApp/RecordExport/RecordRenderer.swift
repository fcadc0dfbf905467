import Foundation

/// Writes a ``RecordDocument`` as plain text, Markdown or a printable HTML page.
///
/// Whatever a practitioner typed stays text in every format: control characters are shown as
/// `^[` (as on screen), Markdown escapes every character that could start markup (a `#` or `*`
/// typed in a note stays a `#` or `*`), and HTML escapes `& < > " '`. The HTML page is
/// self-contained (no scripts, no links, its own print styles).
///
/// ```swift
/// let markdown = RecordRenderer.render(document, as: .markdown)
/// ```
public enum RecordRenderer {
    /// The document in `format`, ending with a newline.
    public static func render(_ document: RecordDocument, as format: RecordExportFormat) -> String {
        switch format {
        case .text: return text(document)
        case .markdown: return markdown(document)
        case .html: return html(document)
        }
    }

    // MARK: Plain text

    private static func text(_ document: RecordDocument) -> String {
        var out: [String] = []
        let title = visible(document.title)
        out += [title, String(repeating: "=", count: title.count), ""]
        out += document.preamble.map(visible)
        for section in document.sections {
            let heading = visible(section.title)
            out += ["", heading, String(repeating: "-", count: heading.count), ""]
            for block in section.blocks {
                switch block {
                case .heading(let text): out += ["", visible(text) + ":"]
                case .paragraph(let text): out.append(visible(text))
                case .fields(let fields): out += fields.map { "\(visible($0.label)): \(visible($0.value))" }
                case .list(let items): out += items.map { "- " + visible($0) }
                case .table(let headers, let rows):
                    // One entry a paragraph, each value labelled: columns would not survive an e-mail.
                    for row in rows {
                        let cells = zip(headers, row).filter { !$0.1.isEmpty }
                        out.append("- " + cells.map { "\(visible($0.0)): \(visible($0.1))" }.joined(separator: "; "))
                    }
                case .preformatted(let text):
                    out += visible(text).split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Markdown

    private static func markdown(_ document: RecordDocument) -> String {
        var out: [String] = ["# " + markdownInline(document.title), ""]
        for line in document.preamble { out += [markdownText(line), ""] }
        for section in document.sections {
            out += ["## " + markdownInline(section.title), ""]
            for block in section.blocks {
                switch block {
                case .heading(let text): out += ["### " + markdownInline(text), ""]
                case .paragraph(let text): out += [markdownText(text), ""]
                case .fields(let fields):
                    out += fields.map { "- **\(markdownInline($0.label)):** \(markdownInline($0.value))" }
                    out.append("")
                case .list(let items):
                    out += items.map { "- " + markdownInline($0) }
                    out.append("")
                case .table(let headers, let rows):
                    out.append("| " + headers.map(markdownInline).joined(separator: " | ") + " |")
                    out.append("|" + headers.map { _ in " --- |" }.joined())
                    for row in rows { out.append("| " + row.map(markdownInline).joined(separator: " | ") + " |") }
                    out.append("")
                case .preformatted(let text):
                    // A fence longer than any run of backticks in the text, so nothing in it can close the block.
                    let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
                    out += [fence + "text", visible(text), fence, ""]
                }
            }
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    /// Text on one line (a cell, a heading, a field): line breaks become spaces, every markup character escaped.
    static func markdownInline(_ text: String) -> String {
        markdownEscaped(
            visible(text).replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " "))
    }

    /// Running text: every markup character escaped, line breaks kept as hard breaks.
    static func markdownText(_ text: String) -> String {
        visible(text).split(separator: "\n", omittingEmptySubsequences: false).map { markdownEscaped(String($0)) }
            .joined(separator: "\\\n")
    }

    /// Every character that CommonMark or GitHub's tables may read as markup, backslash-escaped
    /// (CommonMark lets any ASCII punctuation be escaped, so a reader never sees the `\`).
    ///
    /// Emphasis, code, links, HTML, headings, tables and strikethrough characters are escaped
    /// wherever they are; a list or heading marker (`-`, `+`, `=`, `1.`) only where it would
    /// start a line, so dates and times stay readable in the file itself.
    static func markdownEscaped(_ text: String) -> String {
        let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "#", "!", "|", "<", ">", "~", "&"]
        var out = ""
        // Still in the line's leading spaces, and how many digits followed them.
        var leading = true
        var digits = 0
        for character in text {
            let marker =
                leading
                && (digits == 0 ? ["-", "+", "="].contains(character) : [".", ")"].contains(character))
            if special.contains(character) || marker { out.append("\\") }
            out.append(character)
            guard leading else { continue }
            if character == " " && digits == 0 { continue }
            if character.isASCII && character.isNumber {
                digits += 1
            } else {
                leading = false
            }
        }
        return out
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    // MARK: HTML

    private static func html(_ document: RecordDocument) -> String {
        var out: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"en-GB\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<title>\(escaped(document.title))</title>",
            "<style>",
            "body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; margin: 2em; color: #000; background: #fff; }",
            "h1 { font-size: 18pt; } h2 { font-size: 14pt; border-bottom: 1px solid #000; margin-top: 1.5em; } h3 { font-size: 12pt; }",
            "table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }",
            "th, td { border: 1px solid #444; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }",
            "th { background: #eee; }",
            "pre { white-space: pre-wrap; font-family: 'Courier New', monospace; font-size: 10pt; border: 1px solid #999; padding: 0.5em; }",
            ".marking { font-weight: bold; border: 2px solid #000; padding: 0.3em; }",
            "@media print { body { margin: 0; font-size: 10pt; } h2 { page-break-after: avoid; } tr, pre { page-break-inside: avoid; } thead { display: table-header-group; } }",
            "</style>",
            "</head>",
            "<body>",
            "<h1>\(escaped(document.title))</h1>",
        ]
        for (index, line) in document.preamble.enumerated() {
            out.append(index == 0 ? "<p class=\"marking\">\(escaped(line))</p>" : "<p>\(escaped(line))</p>")
        }
        for section in document.sections {
            out.append("<h2>\(escaped(section.title))</h2>")
            for block in section.blocks {
                switch block {
                case .heading(let text): out.append("<h3>\(escaped(text))</h3>")
                case .paragraph(let text): out.append("<p>\(escapedLines(text))</p>")
                case .fields(let fields):
                    out.append("<dl>")
                    for field in fields {
                        out.append("<dt>\(escaped(field.label))</dt><dd>\(escapedLines(field.value))</dd>")
                    }
                    out.append("</dl>")
                case .list(let items):
                    out.append("<ul>")
                    out += items.map { "<li>\(escapedLines($0))</li>" }
                    out.append("</ul>")
                case .table(let headers, let rows):
                    out.append("<table>")
                    out.append("<thead><tr>" + headers.map { "<th>\(escaped($0))</th>" }.joined() + "</tr></thead>")
                    out.append("<tbody>")
                    for row in rows {
                        out.append("<tr>" + row.map { "<td>\(escapedLines($0))</td>" }.joined() + "</tr>")
                    }
                    out.append("</tbody>")
                    out.append("</table>")
                case .preformatted(let text): out.append("<pre>\(escaped(text))</pre>")
                }
            }
        }
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// Text as HTML character data: `& < > " '` escaped, control characters shown as `^[`.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in visible(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func escapedLines(_ text: String) -> String {
        escaped(text).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "<br>\n")
    }

    /// Control characters (but line breaks and tabs) shown as `^X`, as the screens show them, so that
    /// an escape sequence typed into a note never reaches a terminal that displays the file.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.unicodeScalars.append(scalar)
            case 0x0D: continue
            case 0x00..<0x20: out += "^" + String(UnicodeScalar(scalar.value + 0x40)!)
            case 0x7F: out += "^?"
            case 0x80..<0xA0: out += "^" + String(UnicodeScalar(scalar.value - 0x40)!)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
