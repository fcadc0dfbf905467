import Foundation
import SignpostDomain
import Testing

/// Families of any shape at any minute of any day in 2025–2035, for the safety invariants.
enum SituationFactory {
    static let start = Timestamp.date("2025-01-01T00:00:00Z")!.timeIntervalSince1970
    static let end = Timestamp.date("2036-01-01T00:00:00Z")!.timeIntervalSince1970

    static func situation(_ rng: inout SeededGenerator) -> (Situation, Date) {
        let instant = Date(timeIntervalSince1970: (Double.random(in: start..<end, using: &rng) / 60).rounded() * 60)
        let today = LondonTime.today(at: instant)
        let size = Int.random(in: 1...12, using: &rng)
        var people: [SituationPerson] = []
        for index in 0..<size {
            var person: SituationPerson
            let id = PersonID("p\(index)")
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:
                person = SituationPerson(
                    id: id, role: .child, unborn: true,
                    expectedDate: today.adding(days: Int.random(in: 1...250, using: &rng)))
            case 1...4:
                person = SituationPerson(id: id, role: .child, age: Int.random(in: 0...17, using: &rng))
            case 5:
                person = SituationPerson(id: id, role: .child, age: Int.random(in: 18...25, using: &rng), send: true)
            default:
                person = SituationPerson(id: id, role: .adult, age: Int.random(in: 18...95, using: &rng))
                person.pregnant = person.age! < 45 && Int.random(in: 0..<8, using: &rng) == 0
            }
            if person.role == .child, !person.unborn, Bool.random(using: &rng) { person.send = true }
            person.level = Int.random(in: 0..<3, using: &rng) == 0 ? nil : NeedLevel.allCases.randomElement(using: &rng)
            let concernCount = [0, 0, 1, 1, 1, 2, 3].randomElement(using: &rng)!
            person.concerns = (0..<concernCount).map { _ in Concern.allCases.randomElement(using: &rng)! }
            let indicatorCount = [0, 0, 0, 1, 2].randomElement(using: &rng)!
            person.indicators = (0..<indicatorCount).map { _ in LevelIndicator.allCases.randomElement(using: &rng)! }
            let canConsent = person.role == .adult || (person.age ?? 0) >= 16
            if canConsent, Int.random(in: 0..<4, using: &rng) == 0 {
                person.consent = SituationConsent.allCases.randomElement(using: &rng)
            }
            people.append(person)
        }
        let consent: SituationConsent? =
            Int.random(in: 0..<8, using: &rng) == 0 ? nil : SituationConsent.allCases.randomElement(using: &rng)
        let door = Bool.random(using: &rng) ? ContactDoor.allCases.randomElement(using: &rng) : nil
        return (Situation(door: door, consent: consent, people: people), instant)
    }
}

/// The invariants, stated independently of the navigator's own code.
enum SafetyOracle {
    static let safeguardingConcerns: Set<Concern> = [
        .immediateDanger, .physicalAbuse, .emotionalAbuse, .sexualAbuse, .neglect, .exploitation, .missing,
    ]
    static let safeguardingIndicators: Set<LevelIndicator> = [
        .regularlyMissing, .domesticAbuseBetweenCarers, .signsOfAbuseOrNeglect, .domesticViolenceHeardAtMARAC,
        .sexOffenderJoiningHousehold, .trafficking, .homeUsedForDrugDealing, .riskOfSignificantHarm,
        .femaleGenitalMutilation, .forcedMarriage, .radicalisation, .riskToChildren,
    ]
    /// Recorded on an adult, these are a risk to every child of the household.
    static let householdRisks: Set<LevelIndicator> = [
        .domesticAbuseBetweenCarers, .domesticViolenceHeardAtMARAC, .sexOffenderJoiningHousehold,
        .homeUsedForDrugDealing, .riskToChildren,
    ]

    static func isChild(_ person: SituationPerson, today: CalendarDate) -> Bool {
        person.unborn || (person.age(on: today) ?? 0) < 18
    }

    /// Whether the sources say a safeguarding service must hear about this person.
    static func needsSafeguarding(_ person: SituationPerson, in situation: Situation, today: CalendarDate) -> Bool {
        let concerns = Set(person.concerns ?? [])
        if !concerns.isDisjoint(with: safeguardingConcerns) { return true }
        if isChild(person, today: today) {
            if concerns.contains(.domesticAbuse) || !Set(person.indicators).isDisjoint(with: safeguardingIndicators) {
                return true
            }
            return situation.people.contains { other in
                !isChild(other, today: today)
                    && ((other.concerns ?? []).contains(.domesticAbuse)
                        || !Set(other.indicators).isDisjoint(with: householdRisks))
            }
        }
        return !Set(person.indicators).subtracting(householdRisks).isDisjoint(with: safeguardingIndicators)
    }
}

@Suite("Navigator safety invariants (property test)")
struct NavigatorSafetyPropertyTests {
    /// Each generated situation with its instant and the navigator's result, worked out once for both tests.
    static let evaluated: [(situation: Situation, instant: Date, result: NavigationResult)] = {
        var rng = SeededGenerator(seed: 20_261_125)
        let navigator = Navigator()
        return (0..<3000).map { _ in
            let (situation, instant) = SituationFactory.situation(&rng)
            return (situation, instant, navigator.evaluate(situation, at: instant))
        }
    }()

    @Test("3,000 generated situations: safeguarding always reaches a safeguarding service")
    func safeguardingAlwaysReached() {
        var failures: [String] = []
        var checked = 0
        for (situation, instant, result) in Self.evaluated {
            let today = LondonTime.today(at: instant)
            for person in situation.people where SafetyOracle.needsSafeguarding(person, in: situation, today: today) {
                checked += 1
                let allowed: Set<ServiceID> =
                    SafetyOracle.isChild(person, today: today)
                    ? ["csct", "emergency-duty-team"] : ["adult-social-care"]
                let reached = result.destinations.contains {
                    allowed.contains($0.service) && $0.people.contains(person.id)
                }
                if !reached, failures.count < 5 {
                    failures.append("\(Timestamp.text(instant)) \(person): \(result.text)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        #expect(checked > 3000, "the generator makes plenty of safeguarding matters (\(checked))")
    }

    @Test("3,000 generated situations: no destination outside its age range, and every destination has a why")
    func ageRangesAndWhys() {
        let directory = Pathways.islington.directory
        var failures: [String] = []
        for (situation, instant, result) in Self.evaluated {
            let today = LondonTime.today(at: instant)
            for destination in result.destinations {
                let service = directory[destination.service]
                for id in destination.people {
                    guard let person = situation[person: id] else { continue }
                    let age = person.age(on: today)
                    var inRange = true
                    if person.pregnant && service?.servesExpectantParents == true {
                        inRange = true
                    } else if person.unborn {
                        inRange = service?.minimumAge == nil
                    } else if let age {
                        inRange = age >= (service?.minimumAge ?? 0) && age <= (service?.maximumAge ?? Int.max)
                    }
                    if !inRange {
                        failures.append("\(destination.name) for \(id) aged \(age.map(String.init) ?? "unborn")")
                    }
                }
                let reasons = Set(destination.why.filter { !$0.path.isEmpty }.map(\.person))
                if reasons != Set(destination.people) { failures.append("\(destination.name): a person without a why") }
            }
            if result.warnings.contains(where: { $0.contains(", so it is not suggested") }) {
                failures.append("the pathways led somewhere the age range refuses: \(result.warnings)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
    }
}
