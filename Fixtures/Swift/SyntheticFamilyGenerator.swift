import Foundation
import SignpostDomain

/// Makes any number of plainly fictional families, the same ones for the same seed.
///
/// For benchmarks and load tests: `signpost demo generate --families 100000`.
/// Names are made from invented syllables ("Brindlewock", "Tazzimor"), streets
/// are all "Imaginary" and postcodes all end in ZZ, so no generated family can be
/// mistaken for a real one; every id starts with the fictional mark `ZZ-`
/// (`ZZ-G-0000001`), so a live store refuses them. Nobody is born after `today`
/// and no level is recorded before a person's birth. Shapes follow a borough's caseload: one to seven
/// members, most families at level 1 or 2, a few at 3 or 4, with contacts,
/// notes, referrals, episodes and some assessments.
///
/// ```swift
/// let generator = SyntheticFamilyGenerator(seed: 7)
/// let family = generator.family(number: 0, today: today)
/// ```
public struct SyntheticFamilyGenerator: Sendable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// Family number `number` (0-based); the same number and seed always give the same family.
    ///
    /// - Parameters:
    ///   - number: which family.
    ///   - today: the date ages and history are measured back from.
    ///   - chronologyEntries: how many case notes to add beyond the usual few (for "a family with 200 entries").
    public func family(number: Int, today: CalendarDate, chronologyEntries: Int = 0) -> Family {
        // Each family's stream starts from a hash of its number, so neighbours share nothing.
        var hash = SplitMix64(seed: UInt64(number))
        var random = SplitMix64(seed: hash.next() ^ seed)
        let surname = Self.name(&random, syllables: 2 + Int(random.next() % 2))
        // Fictional ids (ZZ-…, ``IDNamespace``): a live store refuses every one of them.
        let id = Self.familyID(number: number)
        let todayStart = Self.instant(today)
        let createdAt = todayStart.addingTimeInterval(-Double(86_400 * (30 + Int(random.next() % 1500))))
        func moment(_ offsetDays: Int) -> Date {
            createdAt.addingTimeInterval(Double(offsetDays * 86_400 + Int(random.next() % 28_800) + 28_800))
        }
        let span = max(1, Int(todayStart.timeIntervalSince(createdAt) / 86_400))
        let localities: [Locality] = [.north, .central, .south, .north, .central, .south, .outOfBorough]
        var family = Family(
            id: id, name: surname,
            address: Address(
                lines: [
                    "\(1 + random.next() % 200) Imaginary \(Self.streets[Int(random.next() % UInt64(Self.streets.count))])"
                ],
                postcode: "\(Self.districts[Int(random.next() % UInt64(Self.districts.count))]) \(random.next() % 10)ZZ"
            ),
            locality: localities[Int(random.next() % UInt64(localities.count))], createdAt: createdAt)
        let levelRoll = random.next() % 100
        let familyLevel: NeedLevel =
            levelRoll < 35 ? .universal : levelRoll < 80 ? .earlyHelp : levelRoll < 95 ? .complex : .acute
        let adults = 1 + Int(random.next() % 2)
        let children = Int(random.next() % 6) % (7 - adults)
        for index in 0..<(adults + children) {
            let isAdult = index < adults
            var person = Person(
                id: PersonID("\(id.rawValue)-\(index + 1)"), role: isAdult ? .parentOrCarer : .child,
                givenName: Self.name(&random, syllables: 2), familyName: surname,
                gender: random.next() % 2 == 0 ? .female : .male, hasParentalResponsibility: isAdult)
            let age = isAdult ? 20 + Int(random.next() % 40) : Int(random.next() % 18)
            if !isAdult && random.next() % 25 == 0 {
                person.role = .unbornChild
                person.expectedDeliveryDate = today.adding(days: 10 + Int(random.next() % 200))
            } else {
                person.dateOfBirth = today.adding(years: -age).adding(days: -Int(random.next() % 360))
            }
            let level = NeedLevel(rawValue: max(1, familyLevel.rawValue - Int(random.next() % 2)))!
            var setAt = moment(Int(random.next() % UInt64(span)))
            // No level before the person was born: one drawn earlier is recorded on their date of birth.
            if let born = person.dateOfBirth, LondonTime.today(at: setAt) < born { setAt = Self.instant(born) }
            person.levelHistory = [
                LevelEntry(
                    level: level, setBy: "generator", setAt: setAt, reason: "Synthetic level for load testing",
                    indicators: [])
            ]
            family.members.append(person)
        }
        let firstAdult = family.members[0].id
        for child in family.members.dropFirst(adults) {
            family.relationships.append(Relationship(from: firstAdult, kind: .parent, to: child.id))
        }
        if familyLevel >= .earlyHelp {
            let service: ServiceID =
                children > 0 && (family.members.last?.age(on: today) ?? 10) < 5 ? "bright-start" : "bright-futures"
            family.episodes.append(
                EarlyHelpEpisode(
                    id: EpisodeID("\(id.rawValue)-E1"), service: service, openedOn: LondonTime.today(at: createdAt)))
            family.leadProfessional = Professional(
                name: Self.name(&random, syllables: 2) + " " + Self.name(&random, syllables: 2),
                role: "Family practitioner", organisation: "Synthetic hub")
            family.referrals.append(
                Referral(
                    id: ReferralID("\(id.rawValue)-R1"), service: service, people: family.members.map(\.id),
                    madeAt: moment(1), madeBy: "generator", consent: .given, urgency: .routine, status: .accepted))
        }
        let contactCount = 1 + Int(random.next() % 3)
        for index in 0..<contactCount {
            family.contacts.append(
                Contact(
                    id: ContactID("\(id.rawValue)-C\(index + 1)"),
                    receivedAt: moment(Int(random.next() % UInt64(span))),
                    caller: Caller(name: Self.name(&random, syllables: 2), agency: "Synthetic school"), source: .school,
                    door: .school, about: [family.members.last!.id],
                    concernInCallersWords: "Synthetic concern number \(index + 1) for load testing.",
                    concerns: [Concern.allCases[Int(random.next() % UInt64(Concern.allCases.count))]],
                    outcome: .signposted, recordedBy: "generator"))
        }
        let notes = Int(random.next() % 4) + chronologyEntries
        for index in 0..<notes {
            family.notes.append(
                CaseNote(
                    id: CaseNoteID("\(id.rawValue)-N\(index + 1)"),
                    writtenAt: moment(Int(random.next() % UInt64(span))),
                    author: "generator",
                    text: "Synthetic case note \(index + 1): visit, phone call or meeting recorded.",
                    isSignificant: random.next() % 10 == 0))
        }
        if familyLevel >= .earlyHelp, children > 0, random.next() % 3 == 0, let child = family.members.last {
            family.assessments.append(
                EarlyHelpAssessment.draft(
                    id: AssessmentID("\(id.rawValue)-A1"), for: child, in: family,
                    startedOn: LondonTime.today(at: moment(2))))
        }
        return family
    }

    /// The id of family `number`: `ZZ-G-0000042`, fictional (``IDNamespace``) so a live store refuses it.
    public static func familyID(number: Int) -> FamilyID {
        IDNamespace.fictional.id(String(format: "G-%07d", number))
    }

    /// Families `range` in order.
    public func families(_ range: Range<Int>, today: CalendarDate) -> [Family] {
        range.map { family(number: $0, today: today) }
    }

    private static let syllables = [
        "brin", "dle", "wock", "taz", "zi", "mor", "quil", "pen", "dro", "fli", "bax", "ter", "nim", "wal", "lo", "gub",
        "ble", "rix", "vo", "dan", "pum", "ket", "sor", "lin", "mab", "rue", "tho", "zel", "cor", "vin", "pip", "ola",
    ]
    private static let streets = ["Row", "Lane", "Road", "Place", "Mews", "Terrace", "Walk", "Yard"]
    private static let districts = ["N1", "N5", "N7", "N19", "EC1V", "EC1R"]

    private static func name(_ random: inout SplitMix64, syllables count: Int) -> String {
        let joined = (0..<count).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined()
        return joined.prefix(1).uppercased() + joined.dropFirst()
    }

    private static func instant(_ date: CalendarDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LondonTime.zone
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))!
    }
}

/// A small, fast, seedable random number generator (SplitMix64), so generated data is reproducible everywhere.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
