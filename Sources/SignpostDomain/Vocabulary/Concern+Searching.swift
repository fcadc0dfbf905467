import Foundation

extension Concern {
    /// Words callers and practitioners use for the concern, beyond its label, for narrowing a checklist.
    ///
    /// A caller says "he's not talking yet" or "she's been hit", not "early development"
    /// or "physical abuse"; a front-door worker types what was said. Every safeguarding
    /// concern has the everyday words for it, so that typing one never hides it.
    public var everydayWords: [String] {
        switch self {
        case .immediateDanger: return ["danger", "emergency", "threat", "weapon", "knife", "unsafe now"]
        case .physicalAbuse: return ["hit", "bruise", "injury", "smack", "beaten", "hurt", "burn", "violence"]
        case .emotionalAbuse: return ["shouting", "belittled", "threatened", "controlling", "bullied at home"]
        case .sexualAbuse: return ["sexual", "rape", "touching", "indecent", "disclosure"]
        case .neglect: return ["hungry", "dirty", "unwashed", "left alone", "no food", "unsupervised"]
        case .exploitation:
            return ["grooming", "county lines", "cse", "cce", "trafficking", "gangs", "older boyfriend"]
        case .missing: return ["ran away", "runaway", "absconded", "not come home", "whereabouts unknown"]
        case .domesticAbuse:
            return ["dv", "dva", "domestic violence", "partner", "coercive control", "fighting at home"]
        case .mentalHealth: return ["depression", "anxiety", "low mood", "psychosis", "breakdown", "wellbeing"]
        case .selfHarm: return ["suicide", "suicidal", "cutting", "overdose", "harming themselves"]
        case .substanceUse: return ["drugs", "alcohol", "drinking", "cannabis", "addiction"]
        case .disability: return ["autism", "autistic", "wheelchair", "learning disability", "deaf", "blind"]
        case .send: return ["sen", "ehcp", "education health and care plan", "learning needs"]
        case .schoolAttendance: return ["truancy", "truanting", "not in school", "absence", "attendance"]
        case .exclusion: return ["excluded", "suspended", "suspension", "expelled"]
        case .earlyDevelopment: return ["speech", "language", "talking", "walking", "milestones", "delay"]
        case .parenting: return ["routines", "boundaries", "behaviour at home", "struggling to cope"]
        case .familyRelationships: return ["conflict", "separation", "divorce", "arguments", "contact dispute"]
        case .youngCarer: return ["caring for", "looks after mum", "looks after dad", "carer"]
        case .offending: return ["police", "arrested", "crime", "asb", "youth offending"]
        case .housing: return ["eviction", "evicted", "homeless", "overcrowded", "damp", "temporary accommodation"]
        case .financial: return ["debt", "rent arrears", "arrears", "benefits", "money", "food bank", "poverty"]
        case .employment: return ["unemployed", "job", "work", "training"]
        case .isolation: return ["lonely", "isolated", "no friends", "no support"]
        case .physicalHealth: return ["illness", "ill", "hospital", "diabetes", "asthma", "pregnancy"]
        case .adultCareNeeds: return ["frail", "elderly", "care package", "personal care"]
        }
    }

    /// The concerns whose id, label or everyday words begin with what was typed (any word of them), in vocabulary order.
    ///
    /// Matching ignores case and surrounding spaces; nothing typed matches everything.
    ///
    /// ```swift
    /// Concern.matching("speech")  // [.earlyDevelopment]
    /// Concern.matching("ran away")  // [.missing]
    /// ```
    public static func matching(_ typed: String) -> [Concern] {
        let typed = typed.lowercased().trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return allCases }
        return allCases.filter { concern in
            let phrases = [concern.rawValue, concern.label.lowercased()] + concern.everydayWords
            return phrases.contains { phrase in
                phrase.hasPrefix(typed) || phrase.split(separator: " ").contains { $0.hasPrefix(typed) }
            }
        }
    }
}
