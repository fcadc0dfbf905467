/// The three domains of the Common Assessment Framework triangle.
public enum AssessmentDomain: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case development
    case parentsAndCarers = "parents-and-carers"
    case familyAndEnvironment = "family-and-environment"

    public var number: Int { AssessmentDomain.allCases.firstIndex(of: self)! + 1 }

    public var title: String {
        switch self {
        case .development: return "Development of the baby, child or young person"
        case .parentsAndCarers: return "Parents and carers"
        case .familyAndEnvironment: return "Family and environmental factors"
        }
    }

    /// The elements assessed under this domain, in form order.
    public var elements: [AssessmentElement] { AssessmentElement.allCases.filter { $0.domain == self } }

    public var description: String { rawValue }
}

/// One element of an assessment domain, each recorded as a strength, a need or not assessed.
public enum AssessmentElement: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case generalHealth = "general-health"
    case physicalDevelopment = "physical-development"
    case speechLanguageCommunication = "speech-language-communication"
    case emotionalSocialDevelopment = "emotional-social-development"
    case behaviouralDevelopment = "behavioural-development"
    case identityAndPresentation = "identity-self-esteem"
    case familyAndSocialRelationships = "family-social-relationships"
    case selfCareAndIndependence = "self-care-independence"
    case learning
    case basicCareSafety = "basic-care-safety"
    case emotionalWarmthStability = "emotional-warmth-stability"
    case guidanceBoundariesStimulation = "guidance-boundaries-stimulation"
    case familyHistoryFunctioning = "family-history-functioning"
    case widerFamily = "wider-family"
    case housingEmploymentFinance = "housing-employment-finance"
    case socialCommunityResources = "social-community-resources"

    public var domain: AssessmentDomain {
        switch self {
        case .generalHealth, .physicalDevelopment, .speechLanguageCommunication, .emotionalSocialDevelopment,
            .behaviouralDevelopment, .identityAndPresentation, .familyAndSocialRelationships,
            .selfCareAndIndependence, .learning:
            return .development
        case .basicCareSafety, .emotionalWarmthStability, .guidanceBoundariesStimulation:
            return .parentsAndCarers
        case .familyHistoryFunctioning, .widerFamily, .housingEmploymentFinance, .socialCommunityResources:
            return .familyAndEnvironment
        }
    }

    /// The element's name on the form.
    public var title: String {
        switch self {
        case .generalHealth: return "General health"
        case .physicalDevelopment: return "Physical development"
        case .speechLanguageCommunication: return "Speech, language and communication"
        case .emotionalSocialDevelopment: return "Emotional and social development"
        case .behaviouralDevelopment: return "Behavioural development"
        case .identityAndPresentation: return "Identity, self-esteem, self-image and social presentation"
        case .familyAndSocialRelationships: return "Family and social relationships"
        case .selfCareAndIndependence: return "Self-care skills and independence"
        case .learning: return "Learning (understanding, participation, progress, aspirations)"
        case .basicCareSafety: return "Basic care, ensuring safety and protection"
        case .emotionalWarmthStability: return "Emotional warmth and stability"
        case .guidanceBoundariesStimulation: return "Guidance, boundaries and stimulation"
        case .familyHistoryFunctioning: return "Family history, functioning and wellbeing"
        case .widerFamily: return "Wider family"
        case .housingEmploymentFinance: return "Housing, employment and financial considerations"
        case .socialCommunityResources: return "Social and community elements and resources, including education"
        }
    }

    public var description: String { rawValue }
}

/// How an element was judged.
public enum ElementRating: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case notAssessed = "not-assessed"
    case strength
    case need

    public var label: String {
        switch self {
        case .notAssessed: return "Not assessed"
        case .strength: return "Strength"
        case .need: return "Need"
        }
    }

    public var description: String { rawValue }
}

/// The rating and evidence for one element.
public struct ElementAssessment: Hashable, Codable, Sendable {
    public var rating: ElementRating
    public var evidence: String

    public init(rating: ElementRating = .notAssessed, evidence: String = "") {
        self.rating = rating
        self.evidence = evidence
    }
}
