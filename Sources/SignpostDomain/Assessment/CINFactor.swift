/// The children in need census "factors identified at the end of assessment" (`AssessmentFactors`).
///
/// Codes and wording are the Department for Education's children in need census schema
/// (`assessmentfactorstype`, as kept in Social Finance's `liia-tools`,
/// `liiatools/cin_census_pipeline/spec/CIN_schema_2024.xsd`). A code ending A is about the
/// child, B about a parent or carer, C about another person in the household (for
/// physical and sexual abuse: B by another child, C by an adult).
///
/// ```swift
/// CINFactor(rawValue: "3B")?.label   // "Domestic abuse: parent or carer the subject"
/// CINFactor.domesticAbuseParent.code // "3B"
/// ```
public enum CINFactor: String, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    case alcoholChild = "1A"
    case alcoholParent = "1B"
    case alcoholOther = "1C"
    case drugsChild = "2A"
    case drugsParent = "2B"
    case drugsOther = "2C"
    case domesticAbuseChild = "3A"
    case domesticAbuseParent = "3B"
    case domesticAbuseOther = "3C"
    case mentalHealthChild = "4A"
    case mentalHealthParent = "4B"
    case mentalHealthOther = "4C"
    case learningDisabilityChild = "5A"
    case learningDisabilityParent = "5B"
    case learningDisabilityOther = "5C"
    case physicalDisabilityChild = "6A"
    case physicalDisabilityParent = "6B"
    case physicalDisabilityOther = "6C"
    case youngCarer = "7A"
    case privatelyFosteredOverseasReturn = "8B"
    case privatelyFosteredOverseasStay = "8C"
    case privatelyFosteredEducation = "8D"
    case privatelyFosteredFamilyArrangement = "8E"
    case privatelyFosteredOther = "8F"
    case unaccompaniedAsylumSeeking = "9A"
    case missing = "10A"
    case sexualExploitation = "11A"
    case trafficking = "12A"
    case gangs = "13A"
    case sociallyUnacceptableBehaviour = "14A"
    case selfHarm = "15A"
    case neglect = "16A"
    case emotionalAbuse = "17A"
    case physicalAbuseByChild = "18B"
    case physicalAbuseByAdult = "18C"
    case sexualAbuseByChild = "19B"
    case sexualAbuseByAdult = "19C"
    case other = "20"
    case noFactors = "21"
    case femaleGenitalMutilation = "22A"
    case faithOrBeliefAbuse = "23A"
    case criminalExploitation = "24A"

    /// The census code, such as "3B".
    public var code: String { rawValue }

    /// A short label in the census's terms.
    public var label: String {
        switch self {
        case .alcoholChild: return "Alcohol misuse: the child"
        case .alcoholParent: return "Alcohol misuse: parent or carer"
        case .alcoholOther: return "Alcohol misuse: another person in the household"
        case .drugsChild: return "Drug misuse: the child"
        case .drugsParent: return "Drug misuse: parent or carer"
        case .drugsOther: return "Drug misuse: another person in the household"
        case .domesticAbuseChild: return "Domestic abuse: the child the subject"
        case .domesticAbuseParent: return "Domestic abuse: parent or carer the subject"
        case .domesticAbuseOther: return "Domestic abuse: another person in the household the subject"
        case .mentalHealthChild: return "Mental health: the child"
        case .mentalHealthParent: return "Mental health: parent or carer"
        case .mentalHealthOther: return "Mental health: another person in the household"
        case .learningDisabilityChild: return "Learning disability: the child"
        case .learningDisabilityParent: return "Learning disability: parent or carer"
        case .learningDisabilityOther: return "Learning disability: another person in the household"
        case .physicalDisabilityChild: return "Physical disability or illness: the child"
        case .physicalDisabilityParent: return "Physical disability or illness: parent or carer"
        case .physicalDisabilityOther: return "Physical disability or illness: another person in the household"
        case .youngCarer: return "Young carer"
        case .privatelyFosteredOverseasReturn: return "Privately fostered: overseas, intends to return"
        case .privatelyFosteredOverseasStay: return "Privately fostered: overseas, intends to stay"
        case .privatelyFosteredEducation: return "Privately fostered: UK, in an educational placement"
        case .privatelyFosteredFamilyArrangement: return "Privately fostered: UK, alternative family arrangement"
        case .privatelyFosteredOther: return "Privately fostered: other"
        case .unaccompaniedAsylumSeeking: return "Unaccompanied asylum-seeking child"
        case .missing: return "Going or being missing"
        case .sexualExploitation: return "Child sexual exploitation"
        case .trafficking: return "Trafficking"
        case .gangs: return "Gangs"
        case .sociallyUnacceptableBehaviour: return "Socially unacceptable behaviour"
        case .selfHarm: return "Self-harm"
        case .neglect: return "Neglect"
        case .emotionalAbuse: return "Emotional abuse"
        case .physicalAbuseByChild: return "Physical abuse by another child"
        case .physicalAbuseByAdult: return "Physical abuse by an adult"
        case .sexualAbuseByChild: return "Sexual abuse by another child"
        case .sexualAbuseByAdult: return "Sexual abuse by an adult"
        case .other: return "Other"
        case .noFactors: return "No factors identified"
        case .femaleGenitalMutilation: return "Female genital mutilation"
        case .faithOrBeliefAbuse: return "Abuse linked to faith or belief"
        case .criminalExploitation: return "Child criminal exploitation"
        }
    }

    public var description: String { rawValue }

    /// In the census's order (1A, 1B, … 24A), not the codes' text order.
    public static func < (lhs: CINFactor, rhs: CINFactor) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A factor suggested for an assessment, and the record that suggests it.
public struct CINFactorSuggestion: Hashable, Sendable {
    public var factor: CINFactor
    /// "Domestic abuse recorded on contact C-12 about Marta (parent or carer)".
    public var reason: String

    public init(factor: CINFactor, reason: String) {
        self.factor = factor
        self.reason = reason
    }
}

extension CINFactor {
    /// Factors suggested for an assessment of `child`, from the concerns ticked on the family's contacts.
    ///
    /// A concern about the child suggests the child's code (A); about a parent or carer, the B code; about
    /// another adult in the household, the C code, for the factors the census splits that way. Where one
    /// concern covers two codes (substance use: alcohol or drugs; exploitation: sexual or criminal; abuse by a
    /// child or an adult) both are suggested, for the practitioner to keep the one that applies. Nothing is
    /// recorded until the practitioner accepts it.
    ///
    /// ```swift
    /// CINFactor.suggestions(for: ava.id, in: family).map(\.factor)  // [.domesticAbuseParent, .neglect]
    /// ```
    public static func suggestions(for child: PersonID, in family: Family) -> [CINFactorSuggestion] {
        let people = Dictionary(family.members.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [CINFactor: String] = [:]
        for contact in family.contacts.sorted(by: { $0.receivedAt < $1.receivedAt }) {
            for personID in contact.about {
                guard let person = people[personID] else { continue }
                let who: Who =
                    personID == child
                    ? .child : person.role == .parentOrCarer ? .parent : person.role.isAdult ? .other : .none
                for concern in contact.concerns {
                    for factor in factors(for: concern, who: who) where found[factor] == nil {
                        found[factor] =
                            "\(concern.label) recorded on contact \(contact.id) about \(person.fullName)"
                            + (who == .child ? "" : " (\(person.role.label.lowercased()))")
                    }
                }
            }
        }
        return found.sorted { $0.key < $1.key }.map { CINFactorSuggestion(factor: $0.key, reason: $0.value) }
    }

    private enum Who { case child, parent, other, none }

    private static func factors(for concern: Concern, who: Who) -> [CINFactor] {
        func split(_ child: CINFactor, _ parent: CINFactor, _ other: CINFactor) -> [CINFactor] {
            switch who {
            case .child: return [child]
            case .parent: return [parent]
            case .other: return [other]
            case .none: return []
            }
        }
        switch concern {
        case .substanceUse:
            return split(.alcoholChild, .alcoholParent, .alcoholOther) + split(.drugsChild, .drugsParent, .drugsOther)
        case .domesticAbuse: return split(.domesticAbuseChild, .domesticAbuseParent, .domesticAbuseOther)
        case .mentalHealth: return split(.mentalHealthChild, .mentalHealthParent, .mentalHealthOther)
        case .disability, .physicalHealth:
            return split(.physicalDisabilityChild, .physicalDisabilityParent, .physicalDisabilityOther)
        default: break
        }
        guard who == .child else { return [] }
        switch concern {
        case .youngCarer: return [.youngCarer]
        case .missing: return [.missing]
        case .exploitation: return [.sexualExploitation, .criminalExploitation]
        case .offending: return [.sociallyUnacceptableBehaviour]
        case .selfHarm: return [.selfHarm]
        case .neglect: return [.neglect]
        case .emotionalAbuse: return [.emotionalAbuse]
        case .physicalAbuse: return [.physicalAbuseByAdult, .physicalAbuseByChild]
        case .sexualAbuse: return [.sexualAbuseByAdult, .sexualAbuseByChild]
        default: return []
        }
    }
}
