/// Why a person matched a query, in words shown beside the match.
///
/// ```swift
/// MatchReason.name(.surname, .soundsLike).description   // "surname sounds like"
/// MatchReason.dateOfBirth([.day, .month]).description   // "date of birth matches day and month"
/// ```
public enum MatchReason: Hashable, Sendable, CustomStringConvertible {
    /// A typed word agreed with one of the person's names, in this way.
    case name(NameField, NameAgreement)
    /// The family name was typed first and the first name after it.
    case namesSwapped
    /// The date of birth agrees in these parts.
    case dateOfBirth([DatePart])
    /// A date of birth was typed and the person's differs (or is not recorded).
    case dateOfBirthDiffers
    /// The whole postcode (true) or its outward code (false) agrees.
    case postcode(whole: Bool)
    /// A postcode was typed and the family's differs.
    case postcodeDiffers

    public var description: String {
        switch self {
        case .name(let field, let agreement): return "\(field.label) \(agreement.phrase)"
        case .namesSwapped: return "first and last name swapped"
        case .dateOfBirth(let parts):
            guard parts.count < 3 else { return "date of birth matches" }
            let named = parts.map(\.rawValue)
            let list = named.count > 1 ? named.dropLast().joined(separator: ", ") + " and " + named.last! : named[0]
            return "date of birth matches \(list)"
        case .dateOfBirthDiffers: return "date of birth differs"
        case .postcode(let whole): return whole ? "postcode matches" : "postcode area matches"
        case .postcodeDiffers: return "postcode differs"
        }
    }
}

/// Which of a person's names a typed word agreed with.
public enum NameField: String, Hashable, Sendable, CaseIterable {
    case firstName
    case surname
    case alsoKnownAs
    /// The household's name, when it differs from the person's own surname.
    case familyName

    public var label: String {
        switch self {
        case .firstName: return "first name"
        case .surname: return "surname"
        case .alsoKnownAs: return "also known as"
        case .familyName: return "family name"
        }
    }
}

/// How closely a typed word agreed with a name, best first.
public enum NameAgreement: Int, Hashable, Sendable, CaseIterable, Comparable {
    case exact
    /// The same once accents are set aside ("Zoe" for "Zoë").
    case withoutAccents
    /// One or two letters wrong, missing, extra or swapped ("Quilfeather").
    case spelling
    /// Spelt differently but sounds the same ("Muhammad" for "Mohammed").
    case soundsLike
    /// The start of the name, as it is being typed ("quil").
    case beginsWith

    var phrase: String {
        switch self {
        case .exact: return "matches"
        case .withoutAccents: return "matches without accents"
        case .spelling: return "spelt similarly"
        case .soundsLike: return "sounds like"
        case .beginsWith: return "begins with"
        }
    }

    public static func < (lhs: NameAgreement, rhs: NameAgreement) -> Bool { lhs.rawValue < rhs.rawValue }
}
