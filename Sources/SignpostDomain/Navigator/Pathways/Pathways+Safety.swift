import Foundation

/// The safety invariant a pathways file must keep: every safeguarding matter reaches a safeguarding service.
///
/// For each kind of safeguarding concern and indicator, for a person at each
/// age that matters (unborn, a child, a 17-year-old, a young adult with SEND, an
/// adult), and for a child living with an adult's domestic abuse or a risk from
/// the household, every route through the graph is followed: each level the
/// practitioner could type, each consent answer, in and out of office hours,
/// and every answer to a question no fact answers. Each route must reach a
/// service that takes that person's safeguarding (`"safeguarding":
/// ["children"]` for under-18s, `["adults"]` from 18) that also serves their age.
///
/// ```text
/// my.json: safety: a child of 9 with "sexual-abuse" can end with no children's safeguarding service
///   (level 2, consent refused, out of hours): immediate-danger → role → … → end
/// ```
enum PathwaysSafety {
    /// One person (and whoever they live with) whose every route must reach safeguarding.
    struct Probe {
        var label: String
        var situation: Situation
        var person: SituationPerson
        var scope: SafeguardingScope
    }

    /// Every route that can end without a safeguarding service, one problem per probe.
    static func problems(in pathways: Pathways) -> [PathwaysProblem] {
        let services = pathways.directory.services
        var problems: [PathwaysProblem] = []
        for scope in SafeguardingScope.allCases where !services.contains(where: { $0.safeguarding.contains(scope) }) {
            problems.append(
                PathwaysProblem(
                    location: "services",
                    message:
                        "no service takes \(scope.rawValue)'s safeguarding: mark one with \"safeguarding\": [\"\(scope.rawValue)\"]"
                ))
        }
        guard problems.isEmpty else { return problems }
        var unsafe = 0
        for probe in probes() {
            if let failure = firstUnsafeRoute(for: probe, in: pathways) {
                unsafe += 1
                // The first few say enough to find the broken branch; the count says how far it reaches.
                guard unsafe <= 5 else { continue }
                problems.append(
                    PathwaysProblem(
                        location: "safety",
                        message:
                            "\(probe.label) can end with no \(probe.scope == .children ? "children's" : "adult") "
                            + "safeguarding service (\(failure.choices)): \(failure.path.joined(separator: " → "))"))
            }
        }
        if unsafe > 5 {
            problems.append(
                PathwaysProblem(location: "safety", message: "and \(unsafe - 5) more situations like these"))
        }
        return problems
    }

    /// The reference date probes are aged on; the walk's office-hours answer is explored both ways.
    static let today = try! CalendarDate(iso: "2026-01-14")
    static let instant = Timestamp.date("2026-01-14T12:00:00Z")!

    static func probes() -> [Probe] {
        var probes: [Probe] = []
        let expected = today.adding(days: 90)
        func person(age: Int?, role: SituationRole, send: Bool = false) -> SituationPerson {
            age == nil
                ? SituationPerson(id: "probe", role: .child, unborn: true, expectedDate: expected, concerns: [])
                : SituationPerson(id: "probe", role: role, age: age, send: send, concerns: [])
        }
        let shapes: [(label: String, age: Int?, role: SituationRole, send: Bool)] = [
            ("an unborn baby", nil, .child, false), ("a child of 3", 3, .child, false),
            ("a child of 9", 9, .child, false), ("a young person of 17", 17, .child, false),
            ("a young adult of 20 with SEND", 20, .child, true), ("a young adult of 24 with SEND", 24, .child, true),
            ("an adult of 35", 35, .adult, false),
        ]
        for shape in shapes {
            let isChild = shape.age.map { $0 < 18 } ?? true
            let scope: SafeguardingScope = isChild ? .children : .adults
            for concern in Concern.allCases where concern.isSafeguarding || (isChild && concern == .domesticAbuse) {
                var probe = person(age: shape.age, role: shape.role, send: shape.send)
                probe.concerns = [concern]
                probes.append(
                    Probe(
                        label: "\(shape.label) with \"\(concern.rawValue)\"", situation: Situation(people: [probe]),
                        person: probe, scope: scope))
            }
            for indicator in LevelIndicator.allCases
            where indicator.isSafeguarding && (isChild || !indicator.isRiskToHouseholdChildren) {
                var probe = person(age: shape.age, role: shape.role, send: shape.send)
                probe.indicators = [indicator]
                probes.append(
                    Probe(
                        label: "\(shape.label) with the indicator \"\(indicator.rawValue)\"",
                        situation: Situation(people: [probe]), person: probe, scope: scope))
            }
            guard isChild else { continue }
            // Think family: the child's concerns are none of their own, only what an adult's record shows.
            let child = person(age: shape.age, role: shape.role, send: shape.send)
            var adults: [(String, SituationPerson)] = [
                (
                    "an adult's domestic abuse",
                    SituationPerson(id: "carer", role: .adult, age: 30, concerns: [.domesticAbuse])
                )
            ]
            for indicator in LevelIndicator.allCases where indicator.isRiskToHouseholdChildren {
                adults.append(
                    (
                        "an adult with the indicator \"\(indicator.rawValue)\"",
                        SituationPerson(id: "carer", role: .adult, age: 30, concerns: [], indicators: [indicator])
                    ))
            }
            for (what, adult) in adults {
                probes.append(
                    Probe(
                        label: "\(shape.label) living with \(what)",
                        situation: Situation(people: [adult, child]), person: child, scope: .children))
            }
        }
        return probes
    }

    struct Failure {
        var path: [String]
        var choices: String
    }

    /// Depth-first over every route for the probe; the first route with no safeguarding service, if any.
    static func firstUnsafeRoute(for probe: Probe, in pathways: Pathways) -> Failure? {
        // Answers the practitioner or the clock decide: each explored every way, the same answer along one route.
        var free: [String: String] = [:]
        var failure: Failure?
        let directory = pathways.directory
        func walk(_ id: String?, path: [String], safe: Bool, depth: Int) {
            guard failure == nil else { return }
            guard let id, depth <= pathways.nodes.count, let node = pathways[node: id] else {
                if !safe {
                    let choices = free.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                    failure = Failure(
                        path: path, choices: choices.isEmpty ? "every way" : choices.joined(separator: ", "))
                }
                return
            }
            switch node {
            case .outcome(let outcome):
                let reaches = outcome.destinations.contains { destination in
                    guard let service = directory[destination.service] else { return false }
                    return service.safeguarding.contains(probe.scope) && service.serves(probe.person, today: today)
                }
                walk(outcome.then, path: path + [id], safe: safe || reaches, depth: depth + 1)
            case .question(let question):
                let freeKey: String?
                switch question.fact {
                case .officeHours?: freeKey = "office hours"
                case .level?: freeKey = "level"
                case .consent?: freeKey = "consent"
                case .door?: freeKey = "door"
                case nil: freeKey = nil
                default: freeKey = nil
                }
                var values: [String]
                if let key = freeKey, let chosen = free[key] {
                    values = [chosen]
                } else if let fact = question.fact, freeKey == nil,
                    let known = fact.value(for: probe.person, in: probe.situation, directory: directory, at: instant)
                {
                    values = [known]
                } else {
                    values = question.answers.map(\.value)
                }
                for value in values {
                    guard let answer = question.answer(value) else { continue }
                    let isNewChoice = freeKey != nil && free[freeKey!] == nil
                    if isNewChoice { free[freeKey!] = value }
                    walk(answer.next, path: path + [id], safe: safe, depth: depth + 1)
                    if isNewChoice { free[freeKey!] = nil }
                    if failure != nil { return }
                }
            }
        }
        walk(pathways.start, path: [], safe: false, depth: 0)
        return failure
    }
}
