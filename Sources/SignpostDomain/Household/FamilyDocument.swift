import Foundation

/// A family as one JSON document: the export and import format, and the format of the fixtures.
///
/// The document says whether the family is fictional, and its ids must agree: a
/// fictional family's every id carries the reserved prefix `ZZ-` (``IDNamespace``)
/// and a live family's none, so flipping `"fictional"` in an export does not make
/// demonstration families live (the document is refused, naming the record). Encoding is
/// deterministic (sorted keys, ISO 8601 dates to the second), so exporting,
/// importing and exporting again gives the same bytes.
///
/// ```swift
/// let data = try FamilyDocument(family: family, isFictional: false).encoded()
/// let back = try FamilyDocument(decoding: data).family
/// ```
public struct FamilyDocument: Codable, Hashable, Sendable {
    /// Always `signpost-family`: tells a Signpost document from any other JSON.
    public var format: String
    public var formatVersion: Int
    /// True for demonstration and training families.
    public var fictional: Bool
    public var family: Family

    public static let formatName = "signpost-family"
    public static let currentVersion = 1

    public init(family: Family, isFictional: Bool) {
        self.format = FamilyDocument.formatName
        self.formatVersion = FamilyDocument.currentVersion
        self.fictional = isFictional
        self.family = family
    }

    /// Reads a document, saying plainly what is wrong with one that cannot be read.
    ///
    /// - Throws: ``FamilyDocumentError``.
    public init(decoding data: Data) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = Timestamp.decodingStrategy
        struct Header: Decodable {
            var format: String?
            var formatVersion: Int?
        }
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            throw FamilyDocumentError.notJSON
        }
        // Before decoding: a key given twice would be read as one of the two, NUL would cut text short in the store.
        if let problem = StrictJSON.firstProblem(in: data) { throw FamilyDocumentError.invalid(problem) }
        // Valid JSON of another shape (an array, or a "format" that is not text) is simply not ours.
        guard let header = try? decoder.decode(Header.self, from: data),
            header.format == FamilyDocument.formatName
        else { throw FamilyDocumentError.notAFamilyDocument }
        if let version = header.formatVersion, version > FamilyDocument.currentVersion {
            throw FamilyDocumentError.newerFormat(version)
        }
        do {
            self = try decoder.decode(FamilyDocument.self, from: data)
        } catch let error as DecodingError {
            throw FamilyDocumentError.invalid(FamilyDocumentError.describe(error))
        }
        if let problem = namespaceProblem { throw FamilyDocumentError.invalid(problem) }
    }

    /// What is wrong when the `fictional` mark and the ids disagree, naming the first record that differs; nil when they agree.
    ///
    /// A fictional family's ids all start with `ZZ-`; a live family's never do.
    public var namespaceProblem: String? {
        let expected: IDNamespace = fictional ? .fictional : .live
        let outside = family.recordsOutside(expected)
        guard let first = outside.first else { return nil }
        let more = outside.count > 1 ? " (and \(outside.count - 1) more record\(outside.count == 2 ? "" : "s"))" : ""
        return fictional
            ? "the document is marked \"fictional\": true, but \(first) has a live id (fictional ids start with \(FamilyID.fictionalPrefix))\(more); a fictional family's ids are all fictional"
            : "\(first) has a fictional id (starting \(FamilyID.fictionalPrefix))\(more), but the document is marked \"fictional\": false; fictional records can never become live ones"
    }

    /// The document as pretty-printed JSON with sorted keys and a final newline.
    ///
    /// DEL, C1 controls and invisible formatting characters are written as escapes
    /// (``StrictJSON/escapingInvisibles(_:)``), so the document is safe to print and reads back the same.
    public func encoded() throws -> Data {
        var data = StrictJSON.escapingInvisibles(try FamilyDocument.encoder.encode(self))
        data.append(0x0A)
        return data
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = Timestamp.encodingStrategy
        return encoder
    }
}

/// Why a family document could not be read.
public enum FamilyDocumentError: Error, Equatable, CustomStringConvertible {
    case notJSON
    case notAFamilyDocument
    case newerFormat(Int)
    /// The JSON is a family document but a field is wrong; the text names the field.
    case invalid(String)

    public var description: String {
        switch self {
        case .notJSON: return "not a JSON document"
        case .notAFamilyDocument: return "not a Signpost family document (no \"format\": \"signpost-family\")"
        case .newerFormat(let version):
            return "written by a newer Signpost (format version \(version)); update Signpost to read it"
        case .invalid(let detail): return detail
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "missing field \(parent.isEmpty ? "" : parent + ".")\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field \(path(context.codingPath)) has the wrong type: \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "field \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

extension AssessmentElement: CodingKeyRepresentable {}
