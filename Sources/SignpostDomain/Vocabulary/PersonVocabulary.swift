/// A household's locality: the Fairer Together hub area it belongs to.
public enum Locality: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case north
    case central
    case south
    case outOfBorough = "out-of-borough"

    public var label: String {
        switch self {
        case .north: return "North"
        case .central: return "Central"
        case .south: return "South"
        case .outOfBorough: return "Out of borough"
        }
    }

    public var description: String { rawValue }
}

/// Gender as recorded, including "not known" and "not stated", which are answers too.
public enum Gender: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case female
    case male
    case other
    case notKnown = "not-known"
    case notStated = "not-stated"

    public var label: String {
        switch self {
        case .female: return "Female"
        case .male: return "Male"
        case .other: return "Other"
        case .notKnown: return "Not known"
        case .notStated: return "Not stated"
        }
    }

    public var description: String { rawValue }
}

/// Ethnicity in the categories of the Department for Education's census returns.
public enum Ethnicity: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case whiteBritish = "WBRI"
    case whiteIrish = "WIRI"
    case travellerOfIrishHeritage = "WIRT"
    case gypsyRoma = "WROM"
    case anyOtherWhite = "WOTH"
    case whiteAndBlackCaribbean = "MWBC"
    case whiteAndBlackAfrican = "MWBA"
    case whiteAndAsian = "MWAS"
    case anyOtherMixed = "MOTH"
    case indian = "AIND"
    case pakistani = "APKN"
    case bangladeshi = "ABAN"
    case anyOtherAsian = "AOTH"
    case caribbean = "BCRB"
    case african = "BAFR"
    case anyOtherBlack = "BOTH"
    case chinese = "CHNE"
    case anyOtherEthnicGroup = "OOTH"
    case refused = "REFU"
    case notObtained = "NOBT"

    public var label: String {
        switch self {
        case .whiteBritish: return "White British"
        case .whiteIrish: return "White Irish"
        case .travellerOfIrishHeritage: return "Traveller of Irish heritage"
        case .gypsyRoma: return "Gypsy/Roma"
        case .anyOtherWhite: return "Any other White background"
        case .whiteAndBlackCaribbean: return "White and Black Caribbean"
        case .whiteAndBlackAfrican: return "White and Black African"
        case .whiteAndAsian: return "White and Asian"
        case .anyOtherMixed: return "Any other mixed background"
        case .indian: return "Indian"
        case .pakistani: return "Pakistani"
        case .bangladeshi: return "Bangladeshi"
        case .anyOtherAsian: return "Any other Asian background"
        case .caribbean: return "Caribbean"
        case .african: return "African"
        case .anyOtherBlack: return "Any other Black background"
        case .chinese: return "Chinese"
        case .anyOtherEthnicGroup: return "Any other ethnic group"
        case .refused: return "Refused"
        case .notObtained: return "Information not yet obtained"
        }
    }

    public var description: String { rawValue }
}

/// How one household member is related to another ("Ava is the daughter of Marta").
public enum RelationshipKind: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case parent
    case stepParent = "step-parent"
    case fosterCarer = "foster-carer"
    case kinshipCarer = "kinship-carer"
    case grandparent
    case child
    case stepChild = "step-child"
    case grandchild
    case sibling
    case halfSibling = "half-sibling"
    case partner
    case auntOrUncle = "aunt-or-uncle"
    case nieceOrNephew = "niece-or-nephew"
    case other

    /// The same relationship seen from the other person ("parent" ↔ "child").
    public var inverse: RelationshipKind {
        switch self {
        case .parent: return .child
        case .stepParent: return .stepChild
        case .fosterCarer, .kinshipCarer: return .child
        case .grandparent: return .grandchild
        case .child: return .parent
        case .stepChild: return .stepParent
        case .grandchild: return .grandparent
        case .sibling: return .sibling
        case .halfSibling: return .halfSibling
        case .partner: return .partner
        case .auntOrUncle: return .nieceOrNephew
        case .nieceOrNephew: return .auntOrUncle
        case .other: return .other
        }
    }

    public var label: String {
        switch self {
        case .parent: return "parent"
        case .stepParent: return "step-parent"
        case .fosterCarer: return "foster carer"
        case .kinshipCarer: return "kinship carer"
        case .grandparent: return "grandparent"
        case .child: return "child"
        case .stepChild: return "step-child"
        case .grandchild: return "grandchild"
        case .sibling: return "sibling"
        case .halfSibling: return "half-sibling"
        case .partner: return "partner"
        case .auntOrUncle: return "aunt or uncle"
        case .nieceOrNephew: return "niece or nephew"
        case .other: return "other"
        }
    }

    public var description: String { rawValue }
}
