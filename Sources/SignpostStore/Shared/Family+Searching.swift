import Foundation
import SignpostDomain

/// The parts of a family that search looks at, best kind of match first.
///
/// Shared by every store so that they find the same families for the same
/// reasons: a person's name outranks an also-known-as, which outranks the
/// family's name, postcode, address and case notes.
package enum SearchField: Int, CaseIterable, Sendable {
    case personName
    case alsoKnownAs
    case familyName
    case postcode
    case address
    case note

    /// The column the field is kept in.
    package var column: String {
        switch self {
        case .personName: return "person_name"
        case .alsoKnownAs: return "also_known_as"
        case .familyName: return "family_name"
        case .postcode: return "postcode"
        case .address: return "address"
        case .note: return "note"
        }
    }

    /// How a hit on the field is introduced in ``FamilySearchHit/reason``.
    package var label: String {
        switch self {
        case .personName: return "name"
        case .alsoKnownAs: return "also known as"
        case .familyName: return "family name"
        case .postcode: return "postcode"
        case .address: return "address"
        case .note: return "case note"
        }
    }

    /// True for the names of people and of the family, which come before the matcher's similar names.
    package var isAName: Bool { self == .personName || self == .alsoKnownAs || self == .familyName }

    /// True for fields that belong to one person, whose id a hit reports.
    package var isAboutAPerson: Bool { self == .personName || self == .alsoKnownAs }
}

/// One searchable piece of a family.
package struct SearchEntry: Hashable, Sendable {
    package var field: SearchField
    package var person: PersonID?
    /// The text the words are matched against.
    package var text: String
    /// The text shown after the field's label when this entry matches.
    package var display: String
}

extension Family {
    /// Everything search can find this family by.
    ///
    /// A postcode is indexed with and without its space, so "N7 0ZZ", "n70zz"
    /// and the outward code "N7" all find it.
    package var searchEntries: [SearchEntry] {
        var entries: [SearchEntry] = []
        for person in members {
            entries.append(
                SearchEntry(field: .personName, person: person.id, text: person.fullName, display: person.fullName))
            for alias in person.alsoKnownAs where !alias.isEmpty {
                entries.append(
                    SearchEntry(
                        field: .alsoKnownAs, person: person.id, text: alias, display: "\(alias) (\(person.fullName))"))
            }
        }
        if !name.isEmpty { entries.append(SearchEntry(field: .familyName, person: nil, text: name, display: name)) }
        let postcode = address.postcode.trimmingCharacters(in: .whitespaces)
        if !postcode.isEmpty {
            let compact = postcode.filter { !$0.isWhitespace }
            let text = compact == postcode ? postcode : "\(postcode) \(compact)"
            entries.append(SearchEntry(field: .postcode, person: nil, text: text, display: postcode))
        }
        let lines = address.lines.filter { !$0.isEmpty }
        if !lines.isEmpty {
            let text = lines.joined(separator: ", ")
            entries.append(SearchEntry(field: .address, person: nil, text: text, display: text))
        }
        entries += notes.compactMap(Self.searchEntry(of:))
        return entries
    }

    /// What search finds a case note by: its text (nil for an empty note).
    ///
    /// A note added to a family adds just this entry, so a store can index it
    /// without writing the family's other entries again.
    package static func searchEntry(of note: CaseNote) -> SearchEntry? {
        // An amended note is found by what it says now; the original stays readable on the note itself.
        let text = note.currentText
        guard !text.isEmpty else { return nil }
        return SearchEntry(field: .note, person: nil, text: text, display: SearchText.excerpt(text))
    }
}

/// How search reads what is typed.
package enum SearchText {
    /// Lower case without accents: "Zoë" becomes "zoe".
    package static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    /// The folded words of `text`: runs of letters and digits.
    package static func words(_ text: String) -> [String] {
        fold(text).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The date typed, when the whole text is one (`14/03/2022` or `2022-03-14`).
    package static func date(_ text: String) -> CalendarDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("/") || trimmed.contains("-"), trimmed.first?.isNumber == true else { return nil }
        return try? CalendarDate(parsing: trimmed)
    }

    /// The start of a long text, cut at a word, for a search result line.
    package static func excerpt(_ text: String, length: Int = 60) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > length else { return flat }
        let cut = flat.prefix(length)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord + "…"
    }
}
