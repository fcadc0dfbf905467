import Foundation

extension Pathways {
    /// Reads and checks a pathways file, refusing it with every problem found if anything is wrong.
    ///
    /// Refused: JSON that is not a pathways file; duplicate node or service
    /// ids; references to nodes or services that do not exist; questions with
    /// no answers or an answer with no next step; unknown facts, answer values
    /// their fact can never produce, or values it can produce that no answer
    /// takes; destinations at a service with no
    /// phone, e-mail or web address; services with no source or last-checked date; nodes the start cannot
    /// reach; cycles; and a graph that breaks the safety invariant: a safeguarding concern or indicator with
    /// a route that reaches no safeguarding service (see `PathwaysSafety`).
    ///
    /// - Parameter source: the file name or label shown before each problem.
    public static func load(_ data: Data, source: String) throws(PathwaysError) -> Pathways {
        let raw: RawPathways
        do {
            raw = try JSONDecoder().decode(RawPathways.self, from: data)
        } catch let error as DecodingError {
            let problem = SituationProblem(error)
            throw PathwaysError(
                source: source, problems: [PathwaysProblem(location: problem.field, message: problem.message)])
        } catch {
            throw PathwaysError(source: source, problems: [PathwaysProblem(location: "", message: "\(error)")])
        }
        if let problem = StrictJSON.firstProblem(in: data) {
            throw PathwaysError(source: source, problems: [PathwaysProblem(location: "", message: problem)])
        }
        var checker = PathwaysChecker(raw: raw)
        let pathways = checker.check()
        guard let pathways, checker.problems.isEmpty else {
            throw PathwaysError(source: source, problems: checker.problems)
        }
        // Only a file that is whole can be walked: the safety invariant is checked last.
        let unsafe = PathwaysSafety.problems(in: pathways)
        guard unsafe.isEmpty else { throw PathwaysError(source: source, problems: unsafe) }
        return pathways
    }

    /// Islington's built-in pathways and directory (`islington-pathways.json`, shipped with the domain library).
    public static let islington: Pathways = {
        do {
            return try builtIn()
        } catch {
            // The test suite loads this file; a broken one must never ship.
            fatalError("The built-in pathways are broken:\n\(error)")
        }
    }()

    /// Loads the built-in Islington pathways, reporting problems instead of stopping (for tests and `--check`).
    public static func builtIn() throws(PathwaysError) -> Pathways {
        let name = "islington-pathways.json"
        guard
            let url = Bundle.module.url(
                forResource: "islington-pathways", withExtension: "json", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "islington-pathways", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else {
            throw PathwaysError(
                source: name, problems: [PathwaysProblem(location: "", message: "is missing from the domain library")])
        }
        return try load(data, source: name)
    }
}

// MARK: - The file as written, every field optional so that each missing one can be reported

struct RawPathways: Decodable {
    var name: String?
    var version: String?
    var start: String?
    var bankHolidays: [String]?
    var services: [RawService]?
    var nodes: [RawNode]?
}

struct RawService: Decodable {
    var id: String?
    var name: String?
    var organization: String?
    var description: String?
    var eligibility: String?
    var minimumAge: Int?
    var maximumAge: Int?
    var location: String?
    var contact: String?
    var phones: [ServicePhone]?
    var email: String?
    var url: String?
    var schedule: RawSchedule?
    var outOfHours: String?
    var consentRequired: Bool?
    var lastChecked: String?
    var source: String?
    var sessions: [RawSession]?
    var servesExpectantParents: Bool?
    var safeguarding: [String]?
}

struct RawSession: Decodable {
    var name: String?
    var weekly: [String: [String]]?
}

struct RawSchedule: Decodable {
    var alwaysOpen: Bool?
    /// Periods by weekday name: `{"monday": ["09:00-17:00"]}`.
    var weekly: [String: [String]]?
    /// `closed` (the default) or `open` (open all day).
    var bankHolidays: String?
}

struct RawNode: Decodable {
    var id: String?
    var type: String?
    var scope: String?
    var text: String?
    var help: String?
    var fact: String?
    var answers: [RawAnswer]?
    var title: String?
    var destinations: [RawDestination]?
    var warning: String?
    var then: String?
}

struct RawAnswer: Decodable {
    var value: String?
    var label: String?
    var next: String?
}

struct RawDestination: Decodable {
    var service: String?
    var urgency: String?
    var consentRequired: Bool?
    var kind: String?
    var actions: [String]?
    var nextWorkingDay: Bool?
}

// MARK: - Checking

/// Checks a raw file and builds the pathways, collecting every problem rather than stopping at the first.
struct PathwaysChecker {
    let raw: RawPathways
    var problems: [PathwaysProblem] = []

    init(raw: RawPathways) { self.raw = raw }

    mutating func problem(_ location: String, _ message: String) {
        problems.append(PathwaysProblem(location: location, message: message))
    }

    mutating func check() -> Pathways? {
        let bankHolidays = checkBankHolidays()
        let services = checkServices(bankHolidays: bankHolidays)
        let directory = ServiceDirectory(services: services, bankHolidays: bankHolidays)
        let nodes = checkNodes(directory: directory)
        let nodeIDs = Set((raw.nodes ?? []).compactMap(\.id))
        let start = raw.start ?? ""
        if raw.start == nil {
            problem("start", "is missing: name the node every walk starts at")
        } else if !nodeIDs.contains(start) {
            problem("start", "\"\(start)\" is not a node")
        } else if checkNodeCount() {
            checkDepth(start: start)
            checkGraph(start: start)
        }
        guard problems.isEmpty else { return nil }
        return Pathways(
            name: raw.name ?? "Pathways", version: raw.version ?? "", directory: directory, start: start, nodes: nodes)
    }

    private mutating func checkBankHolidays() -> Set<CalendarDate> {
        var days: Set<CalendarDate> = []
        for (index, text) in (raw.bankHolidays ?? []).enumerated() {
            do {
                days.insert(try CalendarDate(iso: text))
            } catch {
                problem("bankHolidays[\(index)]", "\(error)")
            }
        }
        return days
    }

    private mutating func checkServices(bankHolidays: Set<CalendarDate>) -> [DirectoryService] {
        let rawServices = raw.services ?? []
        if raw.services == nil { problem("services", "is missing: the pathways need a service directory") }
        let knownIDs = Set(rawServices.compactMap(\.id))
        var seen: Set<String> = []
        var services: [DirectoryService] = []
        for (index, service) in rawServices.enumerated() {
            guard let id = service.id, !id.isEmpty else {
                problem("services[\(index)]", "has no id")
                continue
            }
            let location = "services[\(index)] \"\(id)\""
            if !seen.insert(id).inserted { problem(location, "the id \"\(id)\" is used by an earlier service") }
            if (service.name ?? "").isEmpty { problem(location, "name is missing") }
            if let minimum = service.minimumAge, minimum < 0 { problem(location, "minimumAge \(minimum) is negative") }
            if let minimum = service.minimumAge, let maximum = service.maximumAge, minimum > maximum {
                problem(location, "minimumAge \(minimum) is above maximumAge \(maximum)")
            }
            if let alternative = service.outOfHours, !knownIDs.contains(alternative) {
                problem(location, "outOfHours \"\(alternative)\" is not a service")
            }
            if service.consentRequired == nil { problem(location, "consentRequired is missing (true or false)") }
            var lastChecked: CalendarDate?
            if let text = service.lastChecked {
                do { lastChecked = try CalendarDate(iso: text) } catch { problem(location, "lastChecked: \(error)") }
            } else {
                problem(location, "lastChecked is missing: say when the details were last checked")
            }
            if (service.source ?? "").isEmpty {
                problem(location, "source is missing: say where the details come from")
            }
            var scopes: Set<SafeguardingScope> = []
            for text in service.safeguarding ?? [] {
                if let scope = SafeguardingScope(rawValue: text) {
                    scopes.insert(scope)
                } else {
                    problem(location, "safeguarding \"\(text)\" is not children or adults")
                }
            }
            var sessions: [DropInSession] = []
            for (number, session) in (service.sessions ?? []).enumerated() {
                let field = "sessions[\(number)]"
                if (session.name ?? "").isEmpty { problem(location, "\(field).name is missing") }
                let hours = checkSchedule(
                    RawSchedule(alwaysOpen: nil, weekly: session.weekly, bankHolidays: nil),
                    location: "\(location) \(field)",
                    bankHolidays: bankHolidays)
                if case .weekly(let weekly)? = hours {
                    sessions.append(DropInSession(name: session.name ?? "", hours: weekly))
                }
            }
            let schedule = checkSchedule(service.schedule, location: location, bankHolidays: bankHolidays)
            guard let schedule, let lastChecked else { continue }
            services.append(
                DirectoryService(
                    id: ServiceID(id), name: service.name ?? id, organization: service.organization ?? "",
                    description: service.description ?? "", eligibility: service.eligibility ?? "",
                    minimumAge: service.minimumAge, maximumAge: service.maximumAge, location: service.location ?? "",
                    contact: service.contact ?? "", phones: service.phones ?? [], email: service.email,
                    url: service.url, schedule: schedule, outOfHours: service.outOfHours.map { ServiceID($0) },
                    consentRequired: service.consentRequired ?? false, lastChecked: lastChecked,
                    source: service.source ?? "", sessions: sessions,
                    servesExpectantParents: service.servesExpectantParents ?? false, safeguarding: scopes))
        }
        return services
    }

    private mutating func checkSchedule(_ schedule: RawSchedule?, location: String, bankHolidays: Set<CalendarDate>)
        -> ServiceSchedule?
    {
        guard let schedule else {
            problem(location, "schedule is missing: give weekly hours or alwaysOpen")
            return nil
        }
        if schedule.alwaysOpen == true {
            if schedule.weekly != nil { problem(location, "schedule has both alwaysOpen and weekly hours") }
            return .alwaysOpen
        }
        guard let weekly = schedule.weekly else {
            problem(location, "schedule has neither alwaysOpen nor weekly hours")
            return nil
        }
        var periods: [Int: [OpeningPeriod]] = [:]
        var valid = true
        for (day, texts) in weekly.sorted(by: { $0.key < $1.key }) {
            guard let weekdayIndex = WeeklyHours.weekdayNames.firstIndex(of: day) else {
                problem(location, "schedule.weekly \"\(day)\" is not a day of the week")
                valid = false
                continue
            }
            for text in texts {
                guard let period = OpeningPeriod(parsing: text) else {
                    problem(location, "schedule.weekly.\(day) \"\(text)\" is not a period such as 09:00-17:00")
                    valid = false
                    continue
                }
                periods[weekdayIndex + 1, default: []].append(period)
            }
        }
        let openOnBankHolidays: Bool
        switch schedule.bankHolidays ?? "closed" {
        case "closed": openOnBankHolidays = false
        case "open": openOnBankHolidays = true
        case let other:
            problem(location, "schedule.bankHolidays \"\(other)\" is not closed or open")
            return nil
        }
        guard valid else { return nil }
        return .weekly(
            WeeklyHours(periods: periods, openAllDayOnBankHolidays: openOnBankHolidays, bankHolidays: bankHolidays))
    }

    private mutating func checkNodes(directory: ServiceDirectory) -> [PathwayNode] {
        let rawNodes = raw.nodes ?? []
        if rawNodes.isEmpty { problem("nodes", "there are no nodes") }
        let nodeIDs = Set(rawNodes.compactMap(\.id))
        var seen: Set<String> = []
        var nodes: [PathwayNode] = []
        for (index, node) in rawNodes.enumerated() {
            guard let id = node.id, !id.isEmpty else {
                problem("nodes[\(index)]", "has no id")
                continue
            }
            let location = "nodes[\(index)] \"\(id)\""
            if !seen.insert(id).inserted { problem(location, "the id \"\(id)\" is used by an earlier node") }
            switch node.type {
            case "question":
                if let question = checkQuestion(node, id: id, location: location, nodeIDs: nodeIDs) {
                    nodes.append(.question(question))
                }
            case "outcome":
                if let outcome = checkOutcome(node, id: id, location: location, nodeIDs: nodeIDs, directory: directory)
                {
                    nodes.append(.outcome(outcome))
                }
            case let other?:
                problem(location, "type \"\(other)\" is not question or outcome")
            case nil:
                problem(location, "type is missing (question or outcome)")
            }
        }
        return nodes
    }

    private mutating func checkQuestion(_ node: RawNode, id: String, location: String, nodeIDs: Set<String>)
        -> PathwayQuestion?
    {
        let before = problems.count
        let scope = node.scope.flatMap(QuestionScope.init(rawValue:))
        if scope == nil {
            problem(location, node.scope.map { "scope \"\($0)\" is not family or person" } ?? "scope is missing")
        }
        if (node.text ?? "").isEmpty { problem(location, "text is missing") }
        var fact: NavigatorFact?
        if let factID = node.fact {
            fact = NavigatorFact(id: factID)
            if let fact {
                if let scope, fact.scope != scope {
                    problem(
                        location,
                        "fact \"\(factID)\" is about the \(fact.scope.rawValue) but the question's scope is \(scope.rawValue)"
                    )
                }
            } else {
                problem(location, "fact \"\(factID)\" is not a fact the navigator knows")
            }
        }
        let rawAnswers = node.answers ?? []
        if rawAnswers.isEmpty { problem(location, "a question needs at least one answer") }
        var answers: [PathwayAnswer] = []
        var values: Set<String> = []
        for (index, answer) in rawAnswers.enumerated() {
            let field = "answers[\(index)]"
            guard let value = answer.value, !value.isEmpty else {
                problem(location, "\(field) has no value")
                continue
            }
            if !values.insert(value).inserted { problem(location, "\(field).value \"\(value)\" is given twice") }
            if let fact, !fact.values.contains(value) {
                problem(
                    location,
                    "\(field).value \"\(value)\" is not a value fact \"\(fact.id)\" can produce (\(fact.values.joined(separator: ", ")))"
                )
            }
            guard let next = answer.next, !next.isEmpty else {
                problem(location, "\(field) has no next step")
                continue
            }
            if !nodeIDs.contains(next) { problem(location, "\(field).next \"\(next)\" is not a node") }
            answers.append(PathwayAnswer(value: value, label: answer.label ?? value, next: next))
        }
        if let fact, !rawAnswers.isEmpty {
            // A value the fact can produce with no answer would leave the walk with nowhere to go.
            let missing = fact.values.filter { !values.contains($0) }
            if !missing.isEmpty {
                let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
                problem(location, "no answer for \(list), which fact \"\(fact.id)\" can produce")
            }
        }
        guard problems.count == before, let scope else { return nil }
        return PathwayQuestion(
            id: id, scope: scope, text: node.text ?? "", help: node.help ?? "", fact: fact, answers: answers)
    }

    private mutating func checkOutcome(
        _ node: RawNode, id: String, location: String, nodeIDs: Set<String>, directory: ServiceDirectory
    ) -> PathwayOutcome? {
        let before = problems.count
        if (node.title ?? "").isEmpty { problem(location, "title is missing") }
        var destinations: [PathwayDestination] = []
        for (index, destination) in (node.destinations ?? []).enumerated() {
            let field = "destinations[\(index)]"
            guard let serviceID = destination.service else {
                problem(location, "\(field).service is missing")
                continue
            }
            if let service = directory[ServiceID(serviceID)] {
                if !service.hasContactRoute {
                    problem(location, "\(field).service \"\(serviceID)\" has no contact route (no phone, email or url)")
                }
            } else if !(raw.services ?? []).contains(where: { $0.id == serviceID }) {
                problem(location, "\(field).service \"\(serviceID)\" is not a service in the directory")
            }
            let urgency = destination.urgency.flatMap(Urgency.init(rawValue:))
            if urgency == nil {
                let allowed = Urgency.allCases.map(\.rawValue).joined(separator: ", ")
                problem(
                    location,
                    destination.urgency.map { "\(field).urgency \"\($0)\" is not one of \(allowed)" }
                        ?? "\(field).urgency is missing (\(allowed))")
            }
            let kind = DestinationKind(rawValue: destination.kind ?? "referral")
            if kind == nil {
                problem(location, "\(field).kind \"\(destination.kind ?? "")\" is not referral or signpost")
            }
            if destination.consentRequired == nil { problem(location, "\(field).consentRequired is missing") }
            if let urgency, let kind {
                destinations.append(
                    PathwayDestination(
                        service: ServiceID(serviceID), urgency: urgency,
                        consentRequired: destination.consentRequired ?? false, kind: kind,
                        actions: destination.actions ?? [], nextWorkingDay: destination.nextWorkingDay ?? false))
            }
        }
        if let next = node.then, !nodeIDs.contains(next) { problem(location, "then \"\(next)\" is not a node") }
        guard problems.count == before else { return nil }
        return PathwayOutcome(
            id: id, title: node.title ?? id, destinations: destinations, warning: node.warning, then: node.then)
    }

    /// Reports nodes the start cannot reach, and every cycle (a walk must always end).
    private mutating func checkGraph(start: String) {
        let rawNodes = raw.nodes ?? []
        var positions: [String: Int] = [:]
        for (index, node) in rawNodes.enumerated() {
            if let id = node.id, positions[id] == nil { positions[id] = index }
        }
        func edges(_ id: String) -> [String] {
            guard let node = positions[id].map({ rawNodes[$0] }) else { return [] }
            return ((node.answers ?? []).compactMap(\.next) + [node.then].compactMap { $0 }).filter {
                positions[$0] != nil
            }
        }
        // Depth-first from the start: grey nodes are on the current path, so an edge to one closes a cycle.
        enum Mark { case onPath, done }
        var marks: [String: Mark] = [:]
        var path: [String] = []
        var cycles: [[String]] = []
        func visit(_ id: String) {
            marks[id] = .onPath
            path.append(id)
            for next in edges(id) {
                switch marks[next] {
                case .onPath?:
                    let loop = Array(path[path.lastIndex(of: next)!...]) + [next]
                    cycles.append(loop)
                case .done?: continue
                case nil: visit(next)
                }
            }
            path.removeLast()
            marks[id] = .done
        }
        visit(start)
        for loop in cycles {
            let first = loop[0]
            problem(
                "nodes[\(positions[first]!)] \"\(first)\"", "is part of a cycle: \(loop.joined(separator: " → "))")
        }
        for (index, node) in rawNodes.enumerated() {
            if let id = node.id, marks[id] == nil, positions[id] == index {
                problem("nodes[\(index)] \"\(id)\"", "is not reachable from the start \"\(start)\"")
            }
        }
    }
}
