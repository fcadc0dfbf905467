import Foundation

/// A training exercise: a call or situation told for trainees, the fictional family it uses, and the right answer.
///
/// Scenarios are data (`Fixtures/training/*.json`), written by trainers. The
/// expected outcome is checked against the navigator by `signpost train --check`,
/// so a change to the pathways that would make the teaching material wrong is
/// caught by the test suite.
///
/// ```json
/// {"id": "bright-start-speech", "title": "A nursery worried about speech",
///  "narrative": "Tuesday, 10:15. A key worker at …", "family": "F-0003", "at": "2026-11-24T10:15:00Z",
///  "caller": {"name": "Jo Pemberton", "relationship": "key worker", "agency": "Little Acorns Nursery"},
///  "situation": {"door": "children-centre", "consent": "given",
///                "people": [{"id": "P-0003-2", "role": "child", "dateOfBirth": "2023-01-09",
///                            "concerns": ["early-development"]}]},
///  "expected": {"levels": {"P-0003-2": 2},
///               "destinations": [{"service": "bright-start", "people": ["P-0003-2"]}]},
///  "teachingPoint": "Speech delay with a willing family is early help, not social care.",
///  "obviousAnswerIsWrong": false, "covers": ["level-2", "bright-start"]}
/// ```
public struct TrainingScenario: Hashable, Sendable, Identifiable {
    public var id: String
    public var title: String
    /// The call or situation as trainees read it.
    public var narrative: String
    /// The fixture family the scenario is about.
    public var family: FamilyID
    /// When the call happens (opening hours and out-of-hours routes depend on it).
    public var at: Date
    public var caller: Caller
    public var door: ContactDoor?
    public var source: ContactSource?
    /// What the trainee should capture: the people the call is about, their concerns, consent.
    public var situation: Situation
    public var expected: ExpectedOutcome
    /// What the scenario teaches, shown beside the answer.
    public var teachingPoint: String
    /// True for the cases where the first answer that comes to mind is wrong.
    public var obviousAnswerIsWrong: Bool
    /// Tags for coverage: levels, services, "out-of-hours", "consent-refused", "think-family"…
    public var covers: [String]

    public init(
        id: String, title: String, narrative: String, family: FamilyID, at: Date, caller: Caller,
        door: ContactDoor? = nil, source: ContactSource? = nil, situation: Situation, expected: ExpectedOutcome,
        teachingPoint: String, obviousAnswerIsWrong: Bool = false, covers: [String] = []
    ) {
        self.id = id
        self.title = title
        self.narrative = narrative
        self.family = family
        self.at = at
        self.caller = caller
        self.door = door
        self.source = source
        self.situation = situation
        self.expected = expected
        self.teachingPoint = teachingPoint
        self.obviousAnswerIsWrong = obviousAnswerIsWrong
        self.covers = covers
    }
}

/// The right answer to a scenario: each person's level and where the call should go.
public struct ExpectedOutcome: Hashable, Sendable {
    public var levels: [PersonID: NeedLevel]
    public var destinations: [ExpectedDestination]

    public init(levels: [PersonID: NeedLevel], destinations: [ExpectedDestination]) {
        self.levels = levels
        self.destinations = destinations
    }
}

/// A service the call should reach, and for whom.
public struct ExpectedDestination: Hashable, Sendable {
    public var service: ServiceID
    public var people: [PersonID]

    public init(service: ServiceID, people: [PersonID]) {
        self.service = service
        self.people = people
    }
}
