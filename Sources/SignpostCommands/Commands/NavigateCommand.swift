import ArgumentParser
import Foundation
import SignpostDomain

/// `signpost navigate`: walks the referral pathways for a situation given as JSON, without a terminal.
struct NavigateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "navigate",
        abstract: "Walk the \"no wrong door\" pathways for a situation, for scripts and phone systems.",
        discussion: """
            The situation is JSON:
              {"door": "csct", "consent": "given",
               "people": [{"id": "mum", "role": "adult", "age": 34, "level": 2, "concerns": ["financial"]},
                          {"id": "ava", "role": "child", "dateOfBirth": "2022-03-14"},
                          {"id": "bump", "role": "child", "unborn": true, "expectedDate": "2027-02-01"}]}
            consent is given, refused or not-asked: the family's answer, the default for everyone. A person's own \
            "consent" (an adult's, a 16-17-year-old's, or a younger child's with "competent": true) applies to them; \
            a child without one has an adult's. role is child (a young person up to 25 with SEND included) or \
            adult; give age, dateOfBirth, or unborn with expectedDate; send: true marks SEND; pregnant: true \
            brings Bright Start and midwifery. level (1-4) is optional: without it the suggested level is used and \
            reported as suggested. indicators are threshold indicators (--list-indicators). Think family: an \
            adult's domestic abuse, substance use, mental ill-health or risk to children reaches every child in \
            the situation. Safeguarding always reaches CSCT or the Emergency Duty Team (children) or Adult Social \
            Care (18 and over), whatever the level or consent. See --list-doors, --list-concerns and \
            --list-services for the vocabularies. Bad input, unknown keys and keys given twice exit 2 naming the \
            field.
            """)

    @Option(
        help: ArgumentHelp("The situation as JSON: a file, or - for standard input.", valueName: "file|-"))
    var situation: String?

    @Option(
        help: ArgumentHelp(
            "When the contact happens, ISO 8601 (2026-11-23T19:30:00Z or with an offset); default now.",
            discussion: "Opening hours and out-of-hours routes are judged at this moment, in London time.",
            valueName: "instant"))
    var at: String?

    @Option(help: "text (for people) or json (for programs).")
    var format: OutputFormat = .text

    @OptionGroup var pathwaysOptions: PathwaysOptions

    @Flag(help: "List the doors a contact can come through, and exit.")
    var listDoors = false

    @Flag(help: "List the concern ids, and exit.")
    var listConcerns = false

    @Flag(help: "List the threshold indicators with their levels, and exit.")
    var listIndicators = false

    @Flag(help: "List the services in the directory with their contacts, and exit.")
    var listServices = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let pathways = try pathwaysOptions.load()
        if listDoors || listConcerns || listServices || listIndicators {
            if listDoors { for door in ContactDoor.allCases { Console.print("\(door.rawValue)\t\(door.label)") } }
            if listConcerns {
                for concern in Concern.allCases { Console.print("\(concern.rawValue)\t\(concern.label)") }
            }
            if listIndicators {
                for indicator in LevelIndicator.allCases {
                    let safeguarding = indicator.isSafeguarding ? "\tsafeguarding" : ""
                    Console.print(
                        "\(indicator.rawValue)\t\(indicator.level.rawValue)\t\(indicator.label)\(safeguarding)")
                }
            }
            if listServices {
                for service in pathways.directory.services {
                    let phone = service.phones.first?.number ?? service.email ?? service.url ?? ""
                    Console.print("\(service.id)\t\(service.name)\t\(phone)")
                }
            }
            return
        }
        guard let source = situation else {
            throw CommandFailure.badInput(
                "give the situation: --situation FILE, or --situation - to read standard input")
        }
        let data = try InputFile.read(source, limit: InputFile.situationLimit, what: "the situation file")
        let instant = try moment()
        let parsed: Situation
        do {
            parsed = try Situation.decode(data)
            // A household, not a population: keeps every walk quick whatever the input.
            guard parsed.people.count <= Self.maximumPeople else {
                throw CommandFailure.badInput(
                    "people: \(parsed.people.count) people given; a situation may have at most \(Self.maximumPeople)")
            }
            try parsed.validate(today: LondonTime.today(at: instant))
        } catch let failure as CommandFailure {
            throw failure
        } catch let error as SituationError {
            throw CommandFailure.badInput(error.problems.map(\.description).joined(separator: "; "))
        }
        let result = Navigator(pathways: pathways).evaluate(parsed, at: instant)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Console.writeJSON(try encoder.encode(result) + Data("\n".utf8))
        case .text:
            Console.print(result.text)
        }
    }

    /// The most people one situation may name.
    static let maximumPeople = 100

    private func moment() throws -> Date {
        guard let at else { return Date() }
        guard let instant = Timestamp.date(at) else {
            throw CommandFailure.badInput("--at: “\(at)” is not an ISO 8601 instant (e.g. 2026-11-23T19:30:00Z)")
        }
        return instant
    }
}
