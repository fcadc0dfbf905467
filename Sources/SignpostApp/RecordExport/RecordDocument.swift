import Foundation

/// A family's whole record as a document: sections of paragraphs, labelled fields, lists, tables
/// and preformatted text, before it is written in any format.
///
/// Built once from the family (``RecordDocument/init(family:options:)``) and rendered by
/// ``RecordRenderer`` as plain text, Markdown or HTML, so the three formats always hold the same
/// content and each escapes text its own way. The family screen's export and
/// `signpost export-record` both come through here.
///
/// ```swift
/// let document = RecordDocument(family: family, options: RecordExportOptions(exportedBy: "jo", at: now))
/// let html = RecordRenderer.render(document, as: .html)
/// ```
public struct RecordDocument: Hashable, Sendable {
    public var title: String
    /// Lines under the title: who exported it, when, the chronology's scope, the handling marking.
    public var preamble: [String]
    public var sections: [Section]

    public init(title: String, preamble: [String], sections: [Section]) {
        self.title = title
        self.preamble = preamble
        self.sections = sections
    }

    /// One titled part of the record.
    public struct Section: Hashable, Sendable {
        public var title: String
        public var blocks: [Block]

        public init(_ title: String, _ blocks: [Block]) {
            self.title = title
            self.blocks = blocks
        }
    }

    /// What a section holds.
    public enum Block: Hashable, Sendable {
        /// A smaller heading inside a section (one person's level history, one assessment).
        case heading(String)
        /// Running text; line breaks in it are kept.
        case paragraph(String)
        /// Label and value pairs.
        case fields([Field])
        /// A bulleted list.
        case list([String])
        /// A table with a header row.
        case table(headers: [String], rows: [[String]])
        /// Text kept exactly as laid out (an assessment in full).
        case preformatted(String)
    }

    /// A label and its value.
    public struct Field: Hashable, Sendable {
        public var label: String
        public var value: String

        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }
}

/// The formats the record is written in.
public enum RecordExportFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    case text
    case markdown
    case html

    /// The file name's extension.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .markdown: return "md"
        case .html: return "html"
        }
    }

    public var label: String {
        switch self {
        case .text: return "Plain text"
        case .markdown: return "Markdown"
        case .html: return "Printable HTML"
        }
    }

    public var description: String { rawValue }
}

/// What the practitioner chose for an export, and who made it when (printed on the document).
public struct RecordExportOptions: Hashable, Sendable {
    /// Only significant events in the chronology (as a case conference reads it), or everything.
    public var significantOnly: Bool
    public var exportedBy: String
    public var at: Date

    public init(significantOnly: Bool = false, exportedBy: String, at: Date) {
        self.significantOnly = significantOnly
        self.exportedBy = exportedBy
        self.at = at
    }
}
