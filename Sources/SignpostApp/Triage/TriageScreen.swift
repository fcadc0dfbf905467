import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Taking a call at the front door, from the first word to a routed contact, on one screen.
///
/// Six steps, shown as a bar across the top: the caller; who it is about
/// (matches from the store as you type); what was said (the caller's words and
/// a concern checklist per person); each person's level (the suggestion, and
/// the practitioner's decision); consent; and the route (the navigator asks
/// only what is still unknown, then shows where to go). Ctrl-O records it all
/// in one transaction and starts an empty contact for the next call; Ctrl-X
/// closes it as advice given / no further action, with a reason.
///
/// Nothing typed is ever lost: the contact is a ``ContactDraft`` saved to the
/// store after every change, so a crash, a killed terminal or Ctrl-C leaves it
/// to be resumed, exactly as it was, on the next start.
final class TriageScreen: Screen {
    enum Action: Hashable, Sendable {
        case nextStep, previousStep, nextField, previousField, leave, record, closeNoFurtherAction
        case up, down, left, right, toggle
        case addPerson, addWholeFamily, newPerson, removePerson
        case answer(Int), back
    }

    var draft: ContactDraft
    var savedDraft: ContactDraft?
    /// What went wrong with the last attempt, shown until the next key.
    var problem: String?
    var currentProblem: String? { problem }
    func setProblem(_ text: String) { problem = text }
    func setWalk(_ walk: NavigatorWalk) { self.walk = walk }
    var routeTopValue: Int {
        get { routeTop }
        set { routeTop = max(0, newValue) }
    }
    func routeTopClamp(_ top: Int) { routeTop = top }

    // The caller step.
    var callerForm: FormFields

    // The "who" step.
    var query = TextField(maxLength: 80, placeholder: "part of a name, a date of birth or a postcode")
    var matches: [PersonMatch] = []
    var matchCursor = 0
    var whoFocusOnPeople = false
    var peopleCursor = 0
    var newPersonForm: FormFields?
    var duplicateWarning: String?

    // The "said" step.
    var words: TextArea
    var saidFocusOnConcerns = false
    var concernFilter = ""
    var concernCursor = 0
    var concernPerson = 0

    // The level step.
    var levelPerson = 0
    var levelFocus = LevelFocus.people
    var indicatorCursor = 0
    var levelReason = TextField(maxLength: 300, placeholder: "why this level and not the suggested one")

    // The consent step.
    var consentForm: FormFields

    // The route step.
    var walk: NavigatorWalk?
    var routeAnswer = 0
    var routeTop = 0
    var closingReason: TextField?

    /// A new contact, or `draft` resumed exactly where it was left.
    init(draft: ContactDraft, app: AppEnvironment) {
        self.draft = draft
        savedDraft = draft.isEmpty ? nil : draft
        callerForm = TriageScreen.callerForm(for: draft)
        consentForm = TriageScreen.consentForm(for: draft)
        words = TextArea(text: draft.words)
        if draft.step == .route { rebuildWalk(app: app) }
    }

    /// The training exercise this contact is, if it is one: then it happens at the scenario's time and ends in its result.
    var exercise: TrainingExercise?

    /// The moment the call happens: now, or the exercise's time.
    func moment(_ app: AppEnvironment) -> Date { exercise?.scenario.at ?? app.clock() }

    /// An empty contact, taken now by the practitioner; from a family, with that family chosen and its members offered.
    convenience init(app: AppEnvironment, family: Family? = nil, exercise: TrainingExercise? = nil) {
        var draft = TriageScreen.newDraft(app: app)
        if let exercise { draft.startedAt = exercise.scenario.at }
        if let family {
            draft.family = family.id
            draft.familyName = family.name
            draft.step = .who
        }
        self.init(draft: draft, app: app)
        self.exercise = exercise
        if let family {
            query = TextField(text: family.name, maxLength: 80, placeholder: query.placeholder)
            matches = family.members.map { member in
                PersonMatch(
                    familyID: family.id, familyName: family.name, personID: member.id, personName: member.fullName,
                    dateOfBirth: member.dateOfBirth, postcode: family.address.postcode, score: 1,
                    reasons: [], openServices: family.openServices, leadProfessional: family.leadProfessional?.name,
                    highestLevel: family.members.compactMap(\.currentLevel).max(), isOpen: family.isOpen)
            }
        }
    }

    static func newDraft(app: AppEnvironment) -> ContactDraft {
        ContactDraft(id: app.newID("D"), practitioner: app.practitioner, startedAt: app.clock())
    }

    var title: String {
        exercise.map { "Exercise · \($0.scenario.title) · \(draft.step.title)" } ?? "New contact · \(draft.step.title)"
    }

    /// Everything typed is already in the draft, so leaving only needs a word about where it went.
    var hasUnsavedChanges: Bool { false }

    var familyContext: Family? { nil }

    // MARK: Keys

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        let flow = "Contact"
        switch draft.step {
        case .caller, .consent:
            keys.bind([.tab, .down], .nextField, hint: "Next field", help: "Move to the next field", group: flow)
            keys.bind(
                [.backTab, .up], .previousField, hint: "Previous field", help: "Move to the previous field",
                group: flow, showsInHintBar: false)
        case .who:
            if newPersonForm != nil {
                keys.bind(
                    [.tab, .down], .nextField, hint: "Next field", help: "Next field of the new person", group: flow)
                keys.bind(
                    [.backTab, .up], .previousField, hint: "Previous field", help: "Previous field", group: flow,
                    showsInHintBar: false)
                keys.bind(
                    [.control("o")], .addPerson, hint: "Add", help: "Add this new person to the contact",
                    group: flow)
            } else if whoFocusOnPeople {
                keys.bind([.up], .up, hint: "Up", help: "Previous person", group: flow, showsInHintBar: false)
                keys.bind([.down], .down, hint: "Down", help: "Next person", group: flow, showsInHintBar: false)
                keys.bind(
                    [.delete, .character("x")], .removePerson, hint: "Remove",
                    help: "Take the selected person off this contact", group: flow)
                keys.bind(
                    [.tab, .backTab], .nextField, hint: "Search", help: "Back to the search", group: flow)
            } else {
                keys.bind(
                    [.enter], .addPerson, hint: "Add person",
                    help: "Add the highlighted match to the contact (the family comes with them)", group: flow)
                keys.bind(
                    [.control("f")], .addWholeFamily, hint: "Whole family",
                    help: "Add everyone in the highlighted match's family", group: flow, showsInHintBar: false)
                keys.bind(
                    [.control("r")], .newPerson, hint: "Someone new",
                    help: "Add a person who is not on record (a new family if none is chosen yet)", group: flow)
                keys.bind([.up], .up, hint: "Up", help: "Previous match", group: flow, showsInHintBar: false)
                keys.bind([.down], .down, hint: "Down", help: "Next match", group: flow, showsInHintBar: false)
                if !draft.people.isEmpty {
                    keys.bind(
                        [.tab], .nextField, hint: "People", help: "Move to the people on this contact",
                        group: flow, showsInHintBar: false)
                }
            }
        case .said:
            keys.bind(
                [.tab, .backTab], .nextField, hint: saidFocusOnConcerns ? "Words" : "Concerns",
                help: "Move between the caller's words and the concern checklist", group: flow)
            if saidFocusOnConcerns {
                keys.bind([.up], .up, hint: "Up", help: "Previous concern", group: flow, showsInHintBar: false)
                keys.bind([.down], .down, hint: "Down", help: "Next concern", group: flow, showsInHintBar: false)
                keys.bind(
                    [.enter], .toggle, hint: "Tick",
                    help: "Tick or untick the highlighted concern for this person (type to narrow the list)",
                    group: flow)
                if draft.people.count > 1 {
                    keys.bind(
                        [.left, .right], .right, hint: "Person", help: "The concerns of the next person",
                        group: flow)
                }
            }
        case .level:
            switch levelFocus {
            case .people:
                keys.bind([.up], .up, hint: "Up", help: "Previous person", group: flow, showsInHintBar: false)
                keys.bind([.down], .down, hint: "Down", help: "Next person", group: flow, showsInHintBar: false)
                keys.bind([.left], .left, hint: "Lower", help: "A lower level", group: flow, showsInHintBar: false)
                keys.bind([.right], .right, hint: "Level", help: "Change the level: ← lower, → higher", group: flow)
            case .indicators:
                keys.bind([.up], .up, hint: "Up", help: "Previous indicator", group: flow, showsInHintBar: false)
                keys.bind([.down], .down, hint: "Down", help: "Next indicator", group: flow, showsInHintBar: false)
                keys.bind(
                    [.enter, .character(" ")], .toggle, hint: "Tick",
                    help: "Tick or untick the highlighted threshold indicator; the suggestion follows", group: flow)
            case .reason: break
            }
            keys.bind(
                [.tab, .backTab], .nextField, hint: levelFocus == .people ? "Indicators" : "Next",
                help: "Move between the people, their threshold indicators and the reason for the decision",
                group: flow)
        case .route:
            if closingReason != nil {
                keys.bind(
                    [.enter], .closeNoFurtherAction, hint: "Record",
                    help: "Record the contact as advice given / no further action, with this reason", group: flow)
            } else if let pending = walk?.pendingQuestion {
                keys.bind([.up], .up, hint: "Up", help: "Previous answer", group: flow, showsInHintBar: false)
                keys.bind([.down], .down, hint: "Down", help: "Next answer", group: flow, showsInHintBar: false)
                keys.bind([.enter], .toggle, hint: "Answer", help: "Give the highlighted answer", group: flow)
                for number in 1...min(9, pending.question.answers.count) {
                    keys.bind(
                        [.character(Character(String(number)))], .answer(number), hint: "\(number)",
                        help: "Give answer \(number)", group: flow, showsInHintBar: false)
                }
            } else {
                keys.bind(
                    [.control("o")], .record, hint: "Record",
                    help:
                        "Save the contact, referrals, level changes and a case note together, then start the next call",
                    group: flow)
                keys.bind(
                    [.down, .character("j")], .down, hint: "Down", help: "Scroll down", group: flow,
                    showsInHintBar: false)
                keys.bind(
                    [.up, .character("k")], .up, hint: "Up", help: "Scroll up", group: flow,
                    showsInHintBar: false)
            }
            if closingReason == nil, !draft.navigatorAnswers.isEmpty {
                keys.bind(
                    [.backspace, .character("b")], .back, hint: "Back a step",
                    help: "Take back the last answer given to the navigator", group: flow)
            }
        }
        if draft.step != TriageStep.allCases.last {
            keys.bind(
                [.control("n"), .pageDown], .nextStep, hint: "Next step",
                help: "Go on to the next step (everything typed is kept)", group: "Steps")
        }
        if draft.step != TriageStep.allCases.first {
            keys.bind(
                [.control("p"), .pageUp], .previousStep, hint: "Previous step",
                help: "Back to the previous step (everything typed is kept)", group: "Steps",
                showsInHintBar: false)
        }
        if !draft.people.isEmpty && closingReason == nil {
            keys.bind(
                [.control("x")], .closeNoFurtherAction, hint: "No further action",
                help: "Close the contact as advice given / no further action, with a reason", group: "Steps",
                showsInHintBar: draft.step == .route)
        }
        keys.bind(
            [.escape], .leave, hint: "Leave",
            help: "Leave the contact; it stays in your drafts to resume (D on the home screen)", group: "Steps")
        return keys
    }

    // MARK: Keys in

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        problem = nil
        let transition = route(key, in: area, app: app)
        persist(app: app)
        return transition
    }

    private func route(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        // Typing goes to the field in focus first, so letters are words and never commands there.
        if case .character = key, acceptsTyping, type(key, app: app) { return .handled }
        if let action = keys.action(for: key) { return perform(action, app: app) }
        // Keys the step's registry does not name (Space on a choice, arrows in the words) go to the field.
        return type(key, app: app) ? .handled : .ignored
    }

    /// Whether typed characters go into a field on this step right now.
    private var acceptsTyping: Bool {
        switch draft.step {
        case .caller:
            if case .text = callerForm.rows[callerForm.focus.focused].input { return true } else { return false }
        case .consent:
            if case .text = consentForm.rows[consentForm.focus.focused].input { return true } else { return false }
        case .who: return !whoFocusOnPeople
        case .said: return true
        case .level: return levelFocus == .reason
        case .route: return closingReason != nil
        }
    }

    private func perform(_ action: Action, app: AppEnvironment) -> Transition {
        switch action {
        case .nextStep: move(by: 1, app: app)
        case .previousStep: move(by: -1, app: app)
        case .leave: return leave(app: app)
        case .record: return record(app: app, closing: nil)
        case .closeNoFurtherAction:
            if let reason = closingReason { return record(app: app, closing: reason.text) }
            draft.step = .route
            closingReason = TextField(maxLength: 300, placeholder: "what advice was given, and why nothing more")
        default: performInStep(action, app: app)
        }
        return .handled
    }

    /// Goes `offset` steps along, syncing what the step holds into the draft first.
    private func move(by offset: Int, app: AppEnvironment) {
        let steps = TriageStep.allCases
        guard let index = steps.firstIndex(of: draft.step) else { return }
        let target = steps[max(0, min(steps.count - 1, index + offset))]
        if offset > 0 && draft.step == .who && draft.people.isEmpty {
            problem = "Add who the contact is about first: pick a match, or Ctrl-R for someone new."
            return
        }
        draft.step = target
        closingReason = nil
        if target == .level { settleLevels() }
        if target == .route { rebuildWalk(app: app) }
    }

    private func leave(app: AppEnvironment) -> Transition {
        if closingReason != nil {
            closingReason = nil
            return .handled
        }
        if newPersonForm != nil {
            newPersonForm = nil
            duplicateWarning = nil
            return .handled
        }
        guard !draft.isEmpty else {
            try? app.store.discardDraft(draft.id, by: app.practitioner)
            return .pop
        }
        return .confirm(
            Confirmation(
                "Leave this contact? It is kept in your drafts: resume it with D on the home screen.",
                yes: "Leave", no: "Stay"
            ) { .pop })
    }

    /// Saves the draft when it has changed, so a crash or a killed terminal loses nothing.
    private func persist(app: AppEnvironment) {
        syncFieldsIntoDraft()
        guard draft != savedDraft, !draft.isEmpty else { return }
        var stamped = draft
        stamped.updatedAt = app.clock()
        do {
            try app.store.saveDraft(stamped)
            draft.updatedAt = stamped.updatedAt
            savedDraft = draft
        } catch {
            problem =
                "The draft could not be saved (\(error)); keep this screen open and tell your system administrator."
        }
    }

    private func syncFieldsIntoDraft() {
        draft.caller = Caller(
            name: callerForm.text("name"), agency: callerForm.text("agency"),
            relationship: callerForm.text("relationship"), phone: callerForm.text("phone"))
        let door = callerForm.chosen("door")
        draft.door = door == 0 ? nil : ContactDoor.allCases[door - 1]
        let source = callerForm.chosen("source")
        draft.source = source == 0 ? nil : ContactSource.allCases[source - 1]
        draft.words = words.text
        let consent = consentForm.chosen("consent")
        draft.consent = consent == 0 ? nil : [SituationConsent.given, .refused, .notAsked][consent - 1]
        draft.consentBy = consentForm.text("by")
        if let decision = draft.levels.indices.first(where: { $0 == levelPerson }) {
            draft.levels[decision].reason = levelReason.text.trimmingCharacters(in: .whitespaces)
        }
    }

    // MARK: Recording

    private func record(app: AppEnvironment, closing reason: String?) -> Transition {
        syncFieldsIntoDraft()
        // Levels not visited are the suggestions, as the level step would have offered them.
        settleLevels()
        let family: Family?
        do {
            family = try draft.family.flatMap { try app.store.family($0) }
        } catch {
            problem = "The family could not be read: \(error)"
            return .handled
        }
        var result: NavigationResult?
        if reason == nil {
            rebuildWalk(app: app)
            guard let finished = walk?.result else {
                problem = "The navigator still has a question: answer it, or Ctrl-X for no further action."
                return .handled
            }
            result = finished
        }
        var recording = ContactRecording(draft: draft, family: family, result: result, app: app)
        recording.closingReason = reason ?? ""
        do {
            let changes = try recording.changes()
            try app.store.apply(changes, by: app.practitioner)
        } catch let refusal as ContactRecording.Refusal {
            problem = refusal.description.prefix(1).uppercased() + refusal.description.dropFirst() + "."
            if refusal.step != .route { draft.step = refusal.step }
            if refusal.step == .level,
                let missing = draft.levels.firstIndex(where: { $0.overridesSuggestion && $0.reason.isEmpty })
            {
                // Straight to the reason that is missing, for the person it is missing for.
                selectLevelPerson(missing)
                levelFocus = .reason
            }
            return .handled
        } catch {
            problem = "Not recorded: \(error). The draft is kept."
            return .handled
        }
        try? app.store.discardDraft(draft.id, by: app.practitioner)
        if let exercise { return finish(exercise, result: result, app: app) }
        let referrals = result?.destinations.filter { $0.kind == .referral }.count ?? 0
        let name = family?.name ?? draft.newFamily?.name ?? "the"
        startNextCall(app: app)
        let what = referrals == 0 ? "no referral" : "\(referrals) referral\(referrals == 1 ? "" : "s")"
        return .message("Contact recorded on the \(name) family (\(what)). Ready for the next call.", .success)
    }

    /// Marks the trainee's answer and shows it beside the expected one.
    private func finish(_ exercise: TrainingExercise, result: NavigationResult?, app: AppEnvironment) -> Transition {
        let names = Dictionary(draft.people.map { ($0.id, $0.fullName) }, uniquingKeysWith: { first, _ in first })
        func name(_ id: PersonID) -> String { names[id] ?? id.rawValue }
        let marking = exercise.mark(levels: draft.levels, result: result, names: name)
        var answer = draft.levels.map { "  \(name($0.person)): L\($0.level.rawValue) \($0.level.name)" }
        for destination in result?.destinations ?? [] {
            answer.append("  → \(destination.name) for \(destination.people.map(name).joined(separator: ", "))")
        }
        if result?.destinations.isEmpty ?? true { answer.append("  → no service to contact (no further action)") }
        return .replace(
            ExerciseResultScreen(
                scenario: exercise.scenario, session: exercise.session, marking: marking,
                answer: answer.joined(separator: "\n"), pathways: app.pathways))
    }

    private func startNextCall(app: AppEnvironment) {
        draft = TriageScreen.newDraft(app: app)
        savedDraft = nil
        callerForm = TriageScreen.callerForm(for: draft)
        consentForm = TriageScreen.consentForm(for: draft)
        words = TextArea()
        query = TextField(maxLength: 80, placeholder: query.placeholder)
        matches = []
        walk = nil
        closingReason = nil
        newPersonForm = nil
        levelPerson = 0
        concernPerson = 0
    }

    // MARK: Forms

    static func callerForm(for draft: ContactDraft) -> FormFields {
        let doors = ["not said"] + ContactDoor.allCases.map(\.label)
        let sources = ["not said"] + ContactSource.allCases.map(\.label)
        return FormFields([
            FormFields.text("name", "Caller's name", value: draft.caller.name, maxLength: 120),
            FormFields.text(
                "relationship", "Relationship to the family", value: draft.caller.relationship, maxLength: 120,
                placeholder: "class teacher, neighbour, mother"),
            FormFields.text("agency", "Agency or organisation", value: draft.caller.agency, maxLength: 120),
            FormFields.text("phone", "Phone", value: draft.caller.phone, maxLength: 40),
            FormFields.choice(
                "door", "Door they came through", options: doors,
                chosen: draft.door.flatMap { ContactDoor.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0),
            FormFields.choice(
                "source", "Source (national category)", options: sources,
                chosen: draft.source.flatMap { ContactSource.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0),
        ])
    }

    static func consentForm(for draft: ContactDraft) -> FormFields {
        let options = ["not known yet", "given", "refused", "not asked"]
        let chosen = draft.consent.map { [SituationConsent.given, .refused, .notAsked].firstIndex(of: $0)! + 1 } ?? 0
        return FormFields([
            FormFields.choice("consent", "Consent to early help", options: options, chosen: chosen),
            FormFields.text(
                "by", "Given or refused by", value: draft.consentBy, maxLength: 120,
                placeholder: "mother, on the phone"),
        ])
    }

    // MARK: The route

    /// "question-id/person-id", what a navigator answer is stored against in the draft.
    static func answerKey(_ pending: PendingQuestion) -> String {
        "\(pending.question.id)/\(pending.person?.id.rawValue ?? "family")"
    }

    /// A new navigator walk over what the contact has captured, with the answers already given replayed.
    func rebuildWalk(app: AppEnvironment) {
        var rebuilt = NavigatorWalk(
            pathways: app.pathways,
            situation: ContactRecording.situation(for: draft, today: LondonTime.today(at: moment(app))), at: moment(app)
        )
        // Answers are kept with the question and person they answered, so that after an earlier step
        // changes, an answer is only given again to the same question and never to a different one.
        var kept: [String] = []
        for answer in draft.navigatorAnswers {
            guard let pending = rebuilt.pendingQuestion,
                answer.hasPrefix(TriageScreen.answerKey(pending) + "="),
                (try? rebuilt.answer(String(answer.split(separator: "=", maxSplits: 1)[1]))) != nil
            else { break }
            kept.append(answer)
        }
        draft.navigatorAnswers = kept
        walk = rebuilt
        routeAnswer = 0
    }
}

/// What has focus on the level step.
enum LevelFocus {
    case people, indicators, reason
}
