import Foundation

/// A council's pathways: a decision graph of questions and outcomes, and the service directory it sends people to.
///
/// Pathways are data (a JSON file), so a council can change where concerns go
/// without a new release; ``load(_:source:)`` refuses a file with any broken
/// reference, unreachable node or cycle. Islington's are built in:
/// ``islington``.
///
/// The graph is walked once for each person from ``start`` (see
/// ``NavigatorWalk``). Questions are about the person or about the whole
/// family; family questions are answered once and the answer reused.
///
/// The file:
///
/// ```json
/// {"name": "Islington", "version": "2026-11-23", "start": "immediate-danger",
///  "bankHolidays": ["2026-12-25", "2026-12-28"],
///  "services": [
///   {"id": "csct", "name": "Children's Services Contact Team", "organization": "Islington Council",
///    "description": "…", "eligibility": "…", "minimumAge": 0, "maximumAge": 25, "location": "…",
///    "contact": "…", "phones": [{"number": "020 7527 7400", "label": ""}], "email": "…", "url": "…",
///    "schedule": {"weekly": {"monday": ["09:00-17:00"]}, "bankHolidays": "closed"},
///    "outOfHours": "emergency-duty-team", "consentRequired": false, "lastChecked": "2026-11-23",
///    "source": "Fairer Together strategy, glossary of services", "safeguarding": ["children"],
///    "sessions": [{"name": "Family support surgeries", "weekly": {"monday": ["09:00-12:00"]}}],
///    "servesExpectantParents": false}],
///  "nodes": [
///   {"id": "role", "type": "question", "scope": "person", "text": "Child or adult?",
///    "help": "Why it is asked and what the answer changes (for trainers)", "fact": "role",
///    "answers": [{"value": "child", "label": "Child", "next": "…"}, {"value": "adult", "label": "Adult", "next": "…"}]},
///   {"id": "bright-start", "type": "outcome", "title": "Early help: Bright Start",
///    "destinations": [{"service": "bright-start", "urgency": "routine", "consentRequired": true,
///                      "kind": "referral", "actions": ["…"], "nextWorkingDay": false}],
///    "warning": "optional, shown whenever the walk reaches this outcome",
///    "then": "optional node to continue at, so one walk reaches several destinations"}]}
/// ```
///
/// `schedule` is `{"alwaysOpen": true}` or weekly office hours in London time
/// (`24:00` allowed as an end), closed or open all day on bank holidays;
/// drop-in `sessions` are listed apart. `safeguarding` marks the services
/// that take children's or adults' safeguarding: loading refuses a file in
/// which a safeguarding concern can end without one (see `PathwaysSafety`).
/// Facts are listed in ``NavigatorFact``.
public struct Pathways: Hashable, Sendable {
    /// A name for the pathways ("Islington").
    public var name: String
    /// The pathways' own version, for the record of which rules gave an answer.
    public var version: String
    public var directory: ServiceDirectory
    /// The node every person's walk starts at.
    public var start: String
    /// The nodes, in file order.
    public var nodes: [PathwayNode]
    private var index: [String: Int]

    public init(name: String, version: String, directory: ServiceDirectory, start: String, nodes: [PathwayNode]) {
        self.name = name
        self.version = version
        self.directory = directory
        self.start = start
        self.nodes = nodes
        self.index = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The node with this id.
    public subscript(node id: String) -> PathwayNode? { index[id].map { nodes[$0] } }
}

/// One node of the decision graph.
public enum PathwayNode: Hashable, Sendable, Identifiable {
    case question(PathwayQuestion)
    case outcome(PathwayOutcome)

    public var id: String {
        switch self {
        case .question(let question): return question.id
        case .outcome(let outcome): return outcome.id
        }
    }
}

/// Whether a question is asked once for the family or once for each person.
public enum QuestionScope: String, CaseIterable, Codable, Sendable {
    case family
    case person
}

/// A question in the graph, and where each answer leads.
public struct PathwayQuestion: Hashable, Sendable, Identifiable {
    public var id: String
    public var scope: QuestionScope
    /// The question as the practitioner sees it.
    public var text: String
    /// For trainers: why it is asked and what the answer changes.
    public var help: String
    /// The fact of the situation that answers the question without asking, when it is known.
    public var fact: NavigatorFact?
    public var answers: [PathwayAnswer]

    public init(
        id: String, scope: QuestionScope, text: String, help: String = "", fact: NavigatorFact? = nil,
        answers: [PathwayAnswer]
    ) {
        self.id = id
        self.scope = scope
        self.text = text
        self.help = help
        self.fact = fact
        self.answers = answers
    }

    /// The answer with this value.
    public func answer(_ value: String) -> PathwayAnswer? { answers.first { $0.value == value } }
}

/// One answer to a question: the value a fact produces or the practitioner picks, and the node it leads to.
public struct PathwayAnswer: Hashable, Sendable {
    public var value: String
    public var label: String
    public var next: String

    public init(value: String, label: String, next: String) {
        self.value = value
        self.label = label
        self.next = next
    }
}

/// An end of a branch: where to send the person, and optionally where the walk goes on to.
public struct PathwayOutcome: Hashable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var destinations: [PathwayDestination]
    /// A warning to show whenever the walk reaches this outcome ("consent has not been asked").
    public var warning: String?
    /// The node the walk continues at, so one walk can reach several destinations; nil ends the person's walk.
    public var then: String?

    public init(
        id: String, title: String, destinations: [PathwayDestination], warning: String? = nil, then: String? = nil
    ) {
        self.id = id
        self.title = title
        self.destinations = destinations
        self.warning = warning
        self.then = then
    }
}

/// A service an outcome sends the person to, how soon, and what to do.
public struct PathwayDestination: Hashable, Sendable {
    public var service: ServiceID
    public var urgency: Urgency
    /// Whether the family must agree first (never for safeguarding).
    public var consentRequired: Bool
    /// A referral, or a signpost the family can use themselves.
    public var kind: DestinationKind
    /// What to do next, in order.
    public var actions: [String]
    /// A follow-up when the service next opens (CSCT the next working day after the Emergency Duty Team).
    public var nextWorkingDay: Bool

    public init(
        service: ServiceID, urgency: Urgency, consentRequired: Bool, kind: DestinationKind = .referral,
        actions: [String] = [], nextWorkingDay: Bool = false
    ) {
        self.nextWorkingDay = nextWorkingDay
        self.service = service
        self.urgency = urgency
        self.consentRequired = consentRequired
        self.kind = kind
        self.actions = actions
    }
}

/// Whether a destination is a referral made by the practitioner or a signpost the family uses themselves.
public enum DestinationKind: String, CaseIterable, Codable, Sendable {
    /// The practitioner refers (or phones) the service.
    case referral
    /// The family is told about the service and can contact it themselves; nothing is sent.
    case signpost
}
