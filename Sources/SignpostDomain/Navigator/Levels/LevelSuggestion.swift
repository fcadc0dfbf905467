/// A suggested level of need for one person, with the reasons in words.
///
/// The suggestion is the highest level any concern or ticked indicator points
/// at. It is advice: the practitioner decides, and the navigator warns when
/// the level they give is lower than the one suggested.
///
/// ```swift
/// let suggestion = LevelSuggestion.suggest(concerns: [.neglect], indicators: [.persistentAbsence])
/// suggestion.level    // .complex
/// suggestion.reasons  // ["Neglect is a safeguarding concern: level 3 or above", …]
/// ```
public struct LevelSuggestion: Hashable, Codable, Sendable {
    public var level: NeedLevel
    /// Why, one line per concern or indicator that set the level (those pointing lower are left out).
    public var reasons: [String]

    public init(level: NeedLevel, reasons: [String]) {
        self.level = level
        self.reasons = reasons
    }

    /// The level the concerns and indicators point at: the highest of them, level 1 when there are none.
    ///
    /// `household` adds what a child lives with ("think family"): an adult's domestic abuse, substance misuse,
    /// mental ill-health or a risk to children, each naming the adult.
    public static func suggest(
        concerns: [Concern], indicators: [LevelIndicator], household: [HouseholdConcern] = []
    ) -> LevelSuggestion {
        var candidates: [(level: NeedLevel, reason: String)] = []
        for concern in concerns {
            let rule = LevelRules.rule(for: concern)
            let why: String
            switch rule.level {
            case .acute: why = "\(concern.label): risk to life or of significant harm is level 4"
            case .complex:
                why =
                    concern.isSafeguarding
                    ? "\(concern.label) is a safeguarding concern: level 3 or above"
                    : "\(concern.label) points to complex needs: level 3"
            case .earlyHelp: why = "\(concern.label) is an emerging or additional need: level 2"
            case .universal: why = "\(concern.label) can be met by universal services: level 1"
            }
            candidates.append((rule.level, "\(why) [\(rule.source)]"))
        }
        for indicator in indicators {
            let rule = LevelRules.rule(for: indicator)
            let safeguarding = indicator.isSafeguarding ? ", a safeguarding indicator" : ""
            candidates.append(
                (
                    rule.level,
                    "Indicator “\(indicator.label)”: level \(rule.level.rawValue)\(safeguarding) [\(rule.source)]"
                ))
        }
        for item in household {
            candidates.append((item.level, "\(item.reason): level \(item.level.rawValue) (think family)"))
        }
        guard let highest = candidates.map(\.level).max() else {
            return LevelSuggestion(level: .universal, reasons: ["No concerns or indicators recorded: level 1"])
        }
        return LevelSuggestion(level: highest, reasons: candidates.filter { $0.level == highest }.map(\.reason))
    }
}
