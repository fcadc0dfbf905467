/// The level of need a practitioner judges a person to be at, 1 to 4.
///
/// Levels belong to people, not families: a mother can be at level 2 while the
/// father is at level 3. The number is always shown with the name so that
/// meaning never rests on colour alone.
public enum NeedLevel: Int, CaseIterable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Level 1: copes with ups and downs; universal services.
    case universal = 1
    /// Level 2: emerging or additional needs; early help with consent.
    case earlyHelp = 2
    /// Level 3: complex and multiple needs, including safeguarding concerns.
    case complex = 3
    /// Level 4: acute needs, crisis, risk of significant harm.
    case acute = 4

    /// The practitioners' name for the level.
    public var name: String {
        switch self {
        case .universal: return "Universal"
        case .earlyHelp: return "Early help"
        case .complex: return "Complex"
        case .acute: return "Acute"
        }
    }

    /// What the level means, as threshold guidance puts it.
    public var meaning: String {
        switch self {
        case .universal: return "No additional needs; universal services and self-access"
        case .earlyHelp: return "Emerging or additional needs; early help with a lead professional, with consent"
        case .complex: return "Complex and multiple needs; safeguarding concerns; social-care led services"
        case .acute: return "Acute needs or crisis; high risk of significant harm; immediate referral"
        }
    }

    /// `L2 Early help`.
    public var description: String { "L\(rawValue) \(name)" }

    public static func < (lhs: NeedLevel, rhs: NeedLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
