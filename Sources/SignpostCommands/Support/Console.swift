import Foundation
import SignpostDomain
import SignpostTerminal

/// Where commands write: standard output for results, standard error for one-line problems.
///
/// Everything goes through the one sanitiser (``visible(_:keepingLines:)``): an id,
/// a name or a file's text holding an escape sequence is printed with the sequence
/// shown, never obeyed. JSON goes through ``StrictJSON/escapingInvisibles(_:)``
/// instead, which escapes what the JSON writer leaves raw, so the JSON still reads
/// back to the same values.
enum Console {
    /// Prints a line of text for a person to read.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((visible(text, keepingLines: true) + "\n").utf8))
    }

    /// Prints JSON a program will read (a document, a line of `--json` output).
    static func writeJSON(_ data: Data) {
        FileHandle.standardOutput.write(StrictJSON.escapingInvisibles(data))
    }

    /// Prints CSV a spreadsheet or program will read, lines ending LF as a terminal expects, through the sanitiser.
    static func writeCSV(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        FileHandle.standardOutput.write(Data(visible(text, keepingLines: true).utf8))
    }

    /// Prints a problem on standard error, after `signpost: `.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("signpost: " + visible(text, keepingLines: true) + "\n").utf8))
    }

    /// Shows a progress note on standard error in place of the previous one (back to the start of the line).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(("\r" + visible(text)).utf8))
    }

    /// Ends a run of progress notes with a line break.
    static func progressDone() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
