import Foundation
import SignpostDomain
import Testing

@Suite("Level suggestion")
struct LevelSuggestionTests {
    @Test("nothing recorded suggests level 1, and says so")
    func nothing() {
        let suggestion = LevelSuggestion.suggest(concerns: [], indicators: [])
        #expect(suggestion.level == .universal)
        #expect(suggestion.reasons == ["No concerns or indicators recorded: level 1"])
    }

    @Test(
        "each concern suggests its level",
        arguments: [
            (Concern.immediateDanger, NeedLevel.acute), (.neglect, .complex), (.sexualAbuse, .complex),
            (.domesticAbuse, .complex), (.adultCareNeeds, .complex), (.financial, .earlyHelp),
            (.earlyDevelopment, .earlyHelp), (.mentalHealth, .earlyHelp), (.employment, .earlyHelp),
            (.disability, .complex), (.physicalHealth, .universal),
        ])
    func concernLevels(_ concern: Concern, _ level: NeedLevel) {
        #expect(LevelSuggestion.suggest(concerns: [concern], indicators: []).level == level)
    }

    @Test("the highest concern or indicator wins, and only its reasons are given")
    func highestWins() {
        let suggestion = LevelSuggestion.suggest(
            concerns: [.financial, .housing], indicators: [.rentArrearsRiskingEviction, .housingMeetsNeeds])
        #expect(suggestion.level == .complex)
        #expect(
            suggestion.reasons == [
                "Indicator “Rent arrears risking eviction”: level 3 [threshold guidance (Kent, Bucks, East Sussex, Harrow): level 3]"
            ])
    }

    @Test("safeguarding reasons say why in words")
    func safeguardingReason() {
        let suggestion = LevelSuggestion.suggest(concerns: [.neglect, .parenting], indicators: [])
        #expect(
            suggestion.reasons == [
                "Neglect is a safeguarding concern: level 3 or above "
                    + "[DOMAIN levels of need (Fairer Together): level 3, safeguarding concerns incl. signs of abuse or neglect]"
            ])
    }

    @Test("one table: a concern and the indicator that means the same point at the same level, each citing a source")
    func oneTable() {
        #expect(Concern.disability.suggestedLevel == LevelIndicator.impairmentOrDisability.level)
        #expect(Concern.employment.suggestedLevel == LevelIndicator.debtOrUnemployment.level)
        #expect(Concern.financial.suggestedLevel == LevelIndicator.debtOrUnemployment.level)
        #expect(Concern.domesticAbuse.suggestedLevel == LevelIndicator.domesticAbuseBetweenCarers.level)
        #expect(Concern.isolation.suggestedLevel == LevelIndicator.lonelinessOrIsolation.level)
        for concern in Concern.allCases { #expect(!LevelRules.rule(for: concern).source.isEmpty) }
        for indicator in LevelIndicator.allCases { #expect(!LevelRules.rule(for: indicator).source.isEmpty) }
    }

    @Test("safeguarding concerns and indicators are never below level 3")
    func safeguardingAtLeastThree() {
        for concern in Concern.allCases where concern.isSafeguarding { #expect(concern.suggestedLevel >= .complex) }
        for indicator in LevelIndicator.allCases where indicator.isSafeguarding { #expect(indicator.level >= .complex) }
    }

    @Test("an indicator alone can raise the level to 4")
    func indicatorToFour() {
        #expect(LevelSuggestion.suggest(concerns: [.parenting], indicators: [.trafficking]).level == .acute)
    }

    @Test("every indicator has a label and a level")
    func vocabulary() {
        for indicator in LevelIndicator.allCases {
            #expect(!indicator.label.isEmpty)
            #expect(LevelIndicator(rawValue: indicator.rawValue) == indicator)
        }
        #expect(Set(LevelIndicator.allCases.map(\.level)) == Set(NeedLevel.allCases))
    }

    @Test("the result reports the level used, whether it was suggested, and warns when the given level is lower")
    func levelsInResult() {
        let situation = Situation(
            consent: .given,
            people: [.child("kid", age: 6, level: .earlyHelp, [.neglect]), .child("ava", age: 3, [.parenting])])
        let result = Navigator().evaluate(situation, at: Instant.weekdayMorning)
        #expect(result.levels.map(\.person) == ["kid", "ava"])
        #expect(result.levels[0].level == .earlyHelp && !result.levels[0].suggested)
        #expect(result.levels[0].suggestedLevel == .complex)
        #expect(result.levels[1].level == .earlyHelp && result.levels[1].suggested)
        #expect(result.warnings.contains { $0.hasPrefix("kid: level 2 given, lower than the suggested level 3") })
        #expect(!result.warnings.contains { $0.hasPrefix("ava:") })
    }

    @Test("ticked indicators feed the walk's level")
    func indicatorsRoute() {
        var person = SituationPerson.child("teen", age: 15, [.schoolAttendance])
        person.indicators = [.persistentAbsence]
        let result = Navigator().evaluate(Situation(consent: .given, people: [person]), at: Instant.weekdayMorning)
        #expect(result.destinations.map(\.service) == ["csct"])
        #expect(result.levels[0].reasons.count == 1)
        #expect(
            result.levels[0].reasons.first?.hasPrefix("Indicator “Persistent absence from school”: level 3 [") == true)
    }
}
