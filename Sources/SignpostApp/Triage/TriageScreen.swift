import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Taking a call at the front door, from the first word to a routed contact, on one screen.
///
/// Six steps, shown as a bar across the top, each its own type that owns its
/// state and its keys: ``CallerStep`` (the caller), ``WhoStep`` (who it is
/// about, matched as you type), ``SaidStep`` (the caller's words and a concern
/// checklist per person), ``LevelStep`` (each person's level), ``ConsentStep``
/// and ``RouteStep`` (the navigator asks only what is still unknown, then shows
/// where to go). To find what a key does on a step, read that step's `keys`.
/// This screen adds only the keys every step shares (Ctrl-N/Ctrl-P between
/// steps, Ctrl-X to close as no further action, Esc to leave) and records the
/// contact with ``RecordContact``, then starts every step fresh for the next call.
///
/// Nothing typed is ever lost: the contact is a ``ContactDraft`` saved to the
/// store after every change, so a crash, a killed terminal or Ctrl-C leaves it
/// to be resumed, exactly as it was, on the next start.
final class TriageScreen: Screen {
    enum Action: Hashable, Sendable {
        case caller(CallerStep.Action), who(WhoStep.Action), said(SaidStep.Action), level(LevelStep.Action)
        case consent(ConsentStep.Action), route(RouteStep.Action)
        case nextStep, previousStep, leave, closeNoFurtherAction
    }

    private(set) var draft: ContactDraft
    private var savedDraft: ContactDraft?
    /// What went wrong with the last attempt, shown until the next key.
    private var problem: String?

    private var caller: CallerStep
    private var who: WhoStep
    private(set) var said: SaidStep
    private var level: LevelStep
    private var consent: ConsentStep
    private var route = RouteStep()

    /// The navigator's walk on the route step, once it is reached.
    var walk: NavigatorWalk? { route.walk }

    /// The training exercise this contact is, if it is one: then it happens at the scenario's time and ends in its result.
    var exercise: TrainingExercise?

    /// A new contact, or `draft` resumed exactly where it was left.
    init(draft: ContactDraft, app: AppEnvironment) {
        self.draft = draft
        savedDraft = draft.isEmpty ? nil : draft
        caller = CallerStep(draft: draft)
        who = WhoStep()
        said = SaidStep(draft: draft)
        level = LevelStep(draft: draft)
        consent = ConsentStep(draft: draft)
        if draft.step == .consent { consent.showOnFile(consentOnFile(app: app), draft: draft) }
        if draft.step == .route { route.rebuild(&self.draft, app: app, at: moment(app)) }
    }

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
        if let family { who = WhoStep(family: family) }
    }

    static func newDraft(app: AppEnvironment) -> ContactDraft {
        ContactDraft(id: app.newID("D"), practitioner: app.practitioner, startedAt: app.clock())
    }

    /// The moment the call happens: now, or the exercise's time.
    func moment(_ app: AppEnvironment) -> Date { exercise?.scenario.at ?? app.clock() }

    var title: String {
        exercise.map { "Exercise · \($0.scenario.title) · \(draft.step.title)" } ?? "New contact · \(draft.step.title)"
    }

    /// Everything typed is already in the draft, so leaving only needs a word about where it went.
    var hasUnsavedChanges: Bool { false }

    // MARK: Keys

    /// The step's own keys first (so a step's Esc or Enter wins), then the keys every step shares.
    var keys: KeyRegistry<Action> {
        var keys: KeyRegistry<Action>
        switch draft.step {
        case .caller: keys = caller.keys.mapped(Action.caller)
        case .who: keys = who.keys(for: draft).mapped(Action.who)
        case .said: keys = said.keys(for: draft).mapped(Action.said)
        case .level: keys = level.keys(for: draft).mapped(Action.level)
        case .consent: keys = consent.keys.mapped(Action.consent)
        case .route: keys = route.keys(for: draft).mapped(Action.route)
        }
        let steps = "Steps"
        if draft.step != TriageStep.allCases.last {
            keys.bind(
                [.control("n"), .pageDown], .nextStep, hint: "Next step",
                help: "Go on to the next step (everything typed is kept)", group: steps)
        }
        if draft.step != TriageStep.allCases.first {
            keys.bind(
                [.control("p"), .pageUp], .previousStep, hint: "Previous step",
                help: "Back to the previous step (everything typed is kept)", group: steps, showsInHintBar: false)
        }
        if !draft.people.isEmpty && route.closingReason == nil {
            keys.bind(
                [.control("x")], .closeNoFurtherAction, hint: "No further action",
                help: "Close the contact as advice given / no further action, with a reason", group: steps,
                showsInHintBar: draft.step == .route)
        }
        // A step that gives Esc a meaning of its own (back out of a form) keeps it: one meaning per key.
        if keys.binding(for: .escape) == nil {
            keys.bind(
                [.escape], .leave, hint: "Leave",
                help: "Leave the contact; it stays in your drafts to resume (D on the home screen)", group: steps)
        }
        return keys
    }

    /// Whether typed letters go into a field on this step right now (then they are words, never commands).
    private var acceptsTyping: Bool {
        switch draft.step {
        case .caller: return caller.acceptsTyping
        case .who: return who.acceptsTyping
        case .said: return said.acceptsTyping
        case .level: return level.acceptsTyping
        case .consent: return consent.acceptsTyping
        case .route: return route.acceptsTyping
        }
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        problem = nil
        let transition = answer(key, app: app)
        persist(app: app)
        return transition
    }

    private func answer(_ key: Key, app: AppEnvironment) -> Transition {
        if case .character = key, acceptsTyping {
            let typed = type(key, app: app)
            if typed != .ignored { return carryOut(typed, app: app) }
        }
        if let action = keys.action(for: key) { return perform(action, app: app) }
        // Keys no registry names (Space on a choice, arrows in the words) go to the field in focus.
        return carryOut(type(key, app: app), app: app)
    }

    /// A key for the field in focus on the current step.
    private func type(_ key: Key, app: AppEnvironment) -> StepResult {
        switch draft.step {
        case .caller: return caller.type(key)
        case .who: return who.type(key, app: app)
        case .said: return said.type(key)
        case .level: return level.type(key, draft: &draft)
        case .consent: return consent.type(key)
        case .route: return route.type(key)
        }
    }

    private func perform(_ action: Action, app: AppEnvironment) -> Transition {
        let result: StepResult
        switch action {
        case .caller(let action): result = caller.perform(action)
        case .who(let action): result = who.perform(action, draft: &draft, app: app)
        case .said(let action): result = said.perform(action, draft: &draft)
        case .level(let action): result = level.perform(action, draft: &draft)
        case .consent(let action): result = consent.perform(action)
        case .route(let action): result = route.perform(action, draft: &draft, app: app, at: moment(app))
        case .nextStep: result = move(by: 1, app: app)
        case .previousStep: result = move(by: -1, app: app)
        case .leave: return leave(app: app)
        case .closeNoFurtherAction:
            syncFields()
            draft.step = .route
            route.rebuild(&draft, app: app, at: moment(app))
            route.startClosing()
            result = .handled
        }
        return carryOut(result, app: app)
    }

    private func carryOut(_ result: StepResult, app: AppEnvironment) -> Transition {
        switch result {
        case .ignored: return .ignored
        case .handled: return .handled
        case .problem(let text):
            problem = text
            return .handled
        case .record(let closingReason): return confirmSecondReferral(app: app, closing: closingReason)
        }
    }

    /// Goes `offset` steps along, with what the fields hold already in the draft.
    private func move(by offset: Int, app: AppEnvironment) -> StepResult {
        let steps = TriageStep.allCases
        guard let index = steps.firstIndex(of: draft.step) else { return .handled }
        if offset > 0 && draft.step == .who && draft.people.isEmpty {
            return .problem("Add who the contact is about first: pick a match, or Ctrl-R for someone new.")
        }
        syncFields()
        draft.step = steps[max(0, min(steps.count - 1, index + offset))]
        if draft.step == .level { level.settle(&draft, app: app, today: LondonTime.today(at: moment(app))) }
        if draft.step == .consent { consent.showOnFile(consentOnFile(app: app), draft: draft) }
        if draft.step == .route { route.rebuild(&draft, app: app, at: moment(app)) }
        return .handled
    }

    /// The chosen family's consent to early help as the record holds it on the contact's day.
    private func consentOnFile(app: AppEnvironment) -> SituationConsent? {
        guard let id = draft.family, let family = try? app.store.family(id) else { return nil }
        return family.consentOnFile(on: LondonTime.today(at: moment(app)))
    }

    private func leave(app: AppEnvironment) -> Transition {
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

    /// Copies the steps' form fields into the draft (lists and levels write to it as they change).
    private func syncFields() {
        caller.sync(into: &draft)
        said.sync(into: &draft)
        consent.sync(into: &draft)
    }

    /// Saves the draft when it has changed, so a crash or a killed terminal loses nothing.
    private func persist(app: AppEnvironment) {
        syncFields()
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

    // MARK: Recording

    /// Records the contact, first asking when it refers the family again to a service it is already open to
    /// or awaiting a decision from.
    private func confirmSecondReferral(app: AppEnvironment, closing reason: String?) -> Transition {
        guard reason == nil, let id = draft.family, let family = try? app.store.family(id) else {
            return record(app: app, closing: reason)
        }
        syncFields()
        route.rebuild(&draft, app: app, at: moment(app))
        guard route.walk?.isFinished == true else { return record(app: app, closing: reason) }
        let warnings = RecordContact(draft: draft, family: family, walk: route.walk, context: app.casework)
            .secondReferralWarnings
        guard !warnings.isEmpty else { return record(app: app, closing: reason) }
        var confirmation = Confirmation(warnings.joined(separator: " "), yes: "Refer again", no: "Not now") {
            [self] in record(app: app, closing: reason)
        }
        confirmation.onNo = {
            .message("Not recorded: the contact is still here; check with the service first.", .info)
        }
        return .confirm(confirmation)
    }

    private func record(app: AppEnvironment, closing reason: String?) -> Transition {
        syncFields()
        // Levels are brought up to date with the concerns, as the level step would show them.
        level.settle(&draft, app: app, today: LondonTime.today(at: moment(app)))
        let family: Family?
        do {
            family = try draft.family.flatMap { try app.store.family($0) }
        } catch {
            problem = "The family could not be read: \(error)"
            return .handled
        }
        if reason == nil {
            route.rebuild(&draft, app: app, at: moment(app))
            guard route.walk?.isFinished == true else {
                problem = "The navigator still has a question: answer it, or Ctrl-X for no further action."
                return .handled
            }
        }
        let recording = RecordContact(
            draft: draft, family: family, walk: reason == nil ? route.walk : nil, closingReason: reason ?? "",
            context: app.casework)
        let recorded: RecordContact.Recorded
        do {
            recorded = try recording.run()
        } catch let refusal as RecordContact.Refusal {
            problem = refusal.description.prefix(1).uppercased() + refusal.description.dropFirst() + "."
            if refusal.step != .route { draft.step = refusal.step }
            if refusal.step == .level,
                let missing = draft.levels.firstIndex(where: {
                    draft.needsReason($0) && $0.reason.trimmingCharacters(in: .whitespaces).isEmpty
                })
            {
                // Straight to the reason that is missing, for the person it is missing for.
                level.focusReason(of: missing, in: draft)
            }
            return .handled
        } catch let failure as RecordContact.Failure {
            // The draft was recorded before (from another window, or before a crash): its copy is retired.
            try? app.store.discardDraft(draft.id, by: app.practitioner)
            startNextCall(app: app)
            return .message(failure.description, .warning)
        } catch {
            problem = "Not recorded: \(error). The draft is kept."
            return .handled
        }
        if let exercise { return finish(exercise, result: recording.result, app: app) }
        startNextCall(app: app)
        return .message(recorded.summary, .success)
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

    /// An empty contact with every step fresh: no focus, filter, cursor or answer is carried into the next call.
    private func startNextCall(app: AppEnvironment) {
        draft = TriageScreen.newDraft(app: app)
        savedDraft = nil
        caller = CallerStep(draft: draft)
        who = WhoStep()
        said = SaidStep(draft: draft)
        level = LevelStep(draft: draft)
        consent = ConsentStep(draft: draft)
        route = RouteStep()
    }

    // MARK: Drawing

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        drawStepBar(on: surface, in: Rect(x: area.x, y: area.y, width: area.width, height: 1))
        var body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        if let problem {
            surface.put(
                TextLayout.truncate(problem, to: area.width), at: Point(x: area.x, y: area.maxY - 1),
                style: Style(.error, [.bold]), clip: area)
            body.height -= 2
        }
        let cursor: Point?
        switch draft.step {
        case .caller: cursor = caller.draw(on: surface, in: body)
        case .who: cursor = who.draw(on: surface, in: body, draft: draft, app: app)
        case .said: cursor = said.draw(on: surface, in: body, draft: draft)
        case .level: cursor = level.draw(on: surface, in: body, draft: draft)
        case .consent: cursor = consent.draw(on: surface, in: body)
        case .route:
            let drawn = route.draw(on: surface, in: body, draft: draft, app: app)
            route.scrolled(to: drawn.top)
            cursor = drawn.cursor
        }
        surface.cursor = cursor
    }

    /// The steps across the top, the current one in brackets as well as highlighted.
    private func drawStepBar(on surface: any Surface, in area: Rect) {
        var x = area.x
        // Short names when the full ones do not fit: every step must stay visible.
        let full = TriageStep.allCases.map(\.title).joined().count + 6 * 5 <= area.width
        for (index, step) in TriageStep.allCases.enumerated() {
            let current = step == draft.step
            let name = full ? step.title : step.shortTitle
            let text = current ? "[\(index + 1) \(name)]" : " \(index + 1) \(name) "
            x = surface.put(
                text, at: Point(x: x, y: area.y), style: current ? Style(.focus, [.bold, .reverse]) : Style(.dim),
                clip: area)
            if index < TriageStep.allCases.count - 1 { x = surface.put("›", at: Point(x: x, y: area.y), clip: area) }
        }
    }
}
