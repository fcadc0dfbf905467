import Foundation

/// A walk through the pathways one question at a time, for the interactive screen.
///
/// How a walk goes: each person in the situation is walked in turn from the
/// pathways' start. At a question, the answer comes from the situation when
/// its fact is known (marked ``AnswerSource/situation``), else from the
/// practitioner; the walk stops at the first question nobody has answered
/// (``pendingQuestion``). Family questions are answered once and the answer
/// reused for everyone; person questions are answered for each person.
/// Outcomes add their destinations for that person and the walk goes on at
/// their `then`, so one person can reach several services.
///
/// The walk is a value: it keeps only the practitioner's answers, in order,
/// and replays the graph from them, so ``back()`` and ``restart()`` are exact
/// and ``Navigator/evaluate(_:at:)`` (the same replay with no answers) always
/// agrees with a walk whose situation knows everything.
///
/// ```swift
/// var walk = NavigatorWalk(pathways: .islington, situation: situation, at: Date())
/// while let pending = walk.pendingQuestion {
///     try walk.answer(pending.question.answers[0].value)
/// }
/// walk.result  // the NavigationResult
/// ```
public struct NavigatorWalk: Sendable {
    public let pathways: Pathways
    public let situation: Situation
    /// The instant the walk is for (office hours, ages, opening times).
    public let instant: Date
    /// The practitioner's answers, oldest first.
    private var given: [(key: AnswerKey, value: String)] = []
    private var run: WalkRun

    public init(pathways: Pathways, situation: Situation, at instant: Date) {
        self.pathways = pathways
        self.situation = situation
        self.instant = instant
        self.run = WalkRun(pathways: pathways, situation: situation, at: instant, given: [:], stopAtUnknown: true)
    }

    /// The question waiting for an answer; nil when the walk has finished.
    public var pendingQuestion: PendingQuestion? { run.pending }

    /// Every question answered so far, in order, and where each answer came from.
    public var steps: [WalkStep] { run.steps }

    /// True when every person's walk has ended.
    public var isFinished: Bool { run.pending == nil }

    /// The result, once the walk has finished.
    public var result: NavigationResult? { isFinished ? run.result() : nil }

    /// Answers the pending question with one of its answers' values.
    ///
    /// - Throws: ``NavigatorWalkError`` when nothing is pending or the value is not one of the answers.
    public mutating func answer(_ value: String) throws(NavigatorWalkError) {
        guard let pending = run.pending else { throw .finished }
        guard pending.question.answer(value) != nil else {
            throw .notAnAnswer(value, question: pending.question.id, allowed: pending.question.answers.map(\.value))
        }
        given.append((pending.key, value))
        replay()
    }

    /// Takes back the practitioner's last answer; false when there is none to take back.
    @discardableResult
    public mutating func back() -> Bool {
        guard !given.isEmpty else { return false }
        given.removeLast()
        replay()
        return true
    }

    /// Forgets every answer the practitioner gave and starts again.
    public mutating func restart() {
        given.removeAll()
        replay()
    }

    private mutating func replay() {
        let answers = Dictionary(given.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        run = WalkRun(pathways: pathways, situation: situation, at: instant, given: answers, stopAtUnknown: true)
    }
}

/// Why an answer was not accepted.
public enum NavigatorWalkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The walk has finished: there is no question to answer.
    case finished
    /// The value is not one of the pending question's answers.
    case notAnAnswer(String, question: String, allowed: [String])

    public var description: String {
        switch self {
        case .finished: return "the walk has finished: there is no question to answer"
        case .notAnAnswer(let value, let question, let allowed):
            return "\"\(value)\" is not an answer to \"\(question)\" (\(allowed.joined(separator: ", ")))"
        }
    }
}

/// The question a walk is waiting on, and who it is about.
public struct PendingQuestion: Hashable, Sendable {
    public var question: PathwayQuestion
    /// The person the question is about; nil for a family question.
    public var person: SituationPerson?
    /// The person whose walk reached the question (for a family question, who it was reached for).
    public var walkFor: PersonID
    let key: AnswerKey
}

/// One answered question in a walk: the breadcrumb the screen shows.
public struct WalkStep: Hashable, Codable, Sendable {
    public var node: String
    public var question: String
    /// The person the question is about; nil for a family question.
    public var person: PersonID?
    /// The person whose walk reached it.
    public var walkFor: PersonID
    public var value: String
    public var answer: String
    public var source: AnswerSource
}

/// Where an answer came from.
public enum AnswerSource: String, Codable, Sendable {
    /// From the record: a fact of the situation.
    case situation
    /// Given by the practitioner during the walk.
    case practitioner
}

/// What a practitioner's answer is stored under: the fact it settles (so every question on the same fact
/// reuses it), or the question itself; and the person, for person questions.
struct AnswerKey: Hashable, Sendable {
    var subject: String
    var person: PersonID?
}

/// One replay of the pathways over a situation and the practitioner's answers.
///
/// With `stopAtUnknown` (the interactive walk) it stops at the first question
/// nobody can answer. Without it (``Navigator``) it notes a warning, ends that
/// person's walk and goes on to the next person.
struct WalkRun: Sendable {
    let pathways: Pathways
    let situation: Situation
    let instant: Date
    var steps: [WalkStep] = []
    var pending: PendingQuestion?
    var path: [String] = []
    var warnings: [String] = []
    var reached: [(person: PersonID, destination: PathwayDestination, why: [String])] = []
    private var factCache: [FactKey: String?] = [:]

    private struct FactKey: Hashable {
        var fact: NavigatorFact
        var person: PersonID?
    }

    init(pathways: Pathways, situation: Situation, at instant: Date, given: [AnswerKey: String], stopAtUnknown: Bool) {
        self.pathways = pathways
        self.situation = situation
        self.instant = instant
        let today = LondonTime.today(at: instant)
        people: for person in situation.people {
            var nodeID: String? = pathways.start
            // Think family: what the person lives with is part of why they go anywhere.
            var why: [String] = situation.householdConcerns(for: person, today: today).map {
                "Think family: \($0.reason)"
            }
            var visited = 0
            while let id = nodeID {
                visited += 1
                guard visited <= pathways.nodes.count, let node = pathways[node: id] else {
                    warn("\(person.displayName): the pathways lead to \"\(id)\", which is missing or loops")
                    continue people
                }
                path.append(id)
                switch node {
                case .outcome(let outcome):
                    for destination in outcome.destinations {
                        // Every service's age range holds, whatever a pathways file says.
                        if let service = pathways.directory[destination.service], !service.serves(person, today: today)
                        {
                            warn(
                                "\(person.displayName): \(service.name) is for \(service.ageRange), so it is not suggested"
                            )
                            continue
                        }
                        reached.append((person.id, destination, why))
                    }
                    if let warning = outcome.warning { warn(warning) }
                    nodeID = outcome.then
                case .question(let question):
                    let about = question.scope == .person ? person.id : nil
                    let key = AnswerKey(
                        subject: question.fact.map { "fact:\($0.id)" } ?? "node:\(question.id)", person: about)
                    let known = question.fact.flatMap { fact in
                        cachedValue(of: fact, for: person)
                    }
                    guard let value = known ?? given[key] else {
                        if stopAtUnknown {
                            pending = PendingQuestion(
                                question: question, person: question.scope == .person ? person : nil,
                                walkFor: person.id, key: key)
                            return
                        }
                        path.removeLast()
                        let fact = question.fact.map { " (\($0.id) is not known)" } ?? ""
                        warn("\(person.displayName): stopped at “\(question.text)”\(fact); answer it in the walk")
                        continue people
                    }
                    guard let answer = question.answer(value) else {
                        warn("\(person.displayName): “\(question.text)” has no answer for \"\(value)\" in the pathways")
                        continue people
                    }
                    steps.append(
                        WalkStep(
                            node: question.id, question: question.text, person: about, walkFor: person.id, value: value,
                            answer: answer.label, source: known != nil ? .situation : .practitioner))
                    why.append("\(question.text) \(answer.label)")
                    nodeID = answer.next
                }
            }
        }
    }

    /// A fact's value for a person, worked out once per walk: many questions ask the same fact, and facts
    /// such as the level or safeguarding look at the whole household.
    private mutating func cachedValue(of fact: NavigatorFact, for person: SituationPerson) -> String? {
        // Consent is asked as a family question, but its value is still per person (their own consent).
        let perPerson = fact.scope == .person || fact == .consent
        let key = FactKey(fact: fact, person: perPerson ? person.id : nil)
        if let cached = factCache[key] { return cached }
        let value = fact.value(for: person, in: situation, directory: pathways.directory, at: instant)
        factCache[key] = .some(value)
        return value
    }

    private mutating func warn(_ warning: String) {
        if !warnings.contains(warning) { warnings.append(warning) }
    }
}
