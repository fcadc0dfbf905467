import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The navigator: one question at a time, the answers so far, and at the end where to go and why.
///
/// Started from a family, what the record already says (ages, levels, consent on
/// file) answers its questions without asking, and those answers are marked
/// "from the record". The outcome can then be saved on the family as referrals
/// with a case note. Started from anywhere else it walks a blank situation.
final class NavigatorScreen: Screen {
    enum Action: Hashable, Sendable {
        case up, down, choose, chooseNumber(Int), back, restart, map, save, addPerson, scrollDown, scrollUp, close
    }

    private(set) var walk: NavigatorWalk
    private let family: Family?
    /// The practitioner's answers in the order given, so the walk can be rebuilt when someone is added.
    private var given: [String] = []
    /// How many answers had been given when each person was added (without a family), so back can remove them.
    private var personStarts: [Int] = []
    /// Asking who else the contact is about (only when not started from a family).
    private var choosingPerson: Bool
    private var selectedAnswer = 0
    private var outcomeTop = 0
    private var saved = false

    /// A walk over `situation`; `family` is the family it came from, when there is one (then the outcome can be saved).
    init(situation: Situation, family: Family?, app: AppEnvironment) {
        self.family = family
        self.walk = NavigatorWalk(pathways: app.pathways, situation: situation, at: app.clock())
        self.choosingPerson = situation.people.isEmpty
    }

    /// The navigator for a family from the store, its record answering what it can.
    convenience init(family: Family, app: AppEnvironment) {
        self.init(
            situation: Situation(family: family, consent: family.consentOnFile(on: app.today)), family: family, app: app
        )
    }

    /// The navigator with nothing known: it first asks who the contact is about, then every question.
    convenience init(app: AppEnvironment) {
        self.init(situation: Situation(people: []), family: nil, app: app)
    }

    /// The question the screen asks itself before the pathways can start: who the contact is about.
    private var personQuestion: PathwayQuestion {
        var answers = [
            PathwayAnswer(value: "child", label: "A child or young person", next: ""),
            PathwayAnswer(value: "unborn", label: "An unborn baby", next: ""),
            PathwayAnswer(value: "adult", label: "An adult (parent, carer or other)", next: ""),
        ]
        if !walk.situation.people.isEmpty {
            answers.append(PathwayAnswer(value: "done", label: "No one else: show where to go", next: ""))
        }
        return PathwayQuestion(
            id: "who", scope: .family,
            text: walk.situation.people.isEmpty ? "Who is the contact about?" : "Who else is the contact about?",
            help: "The navigator walks the pathways once for each person, because levels and services belong to "
                + "people, not families. Add everyone the caller is worried about; a parent's own needs "
                + "(think family) can lead to adult services as well as children's.",
            answers: answers)
    }

    /// The question on screen: the screen's own "who" question, or the walk's next one.
    private var shownQuestion: ShownQuestion? {
        if choosingPerson { return ShownQuestion(question: personQuestion, person: nil) }
        return walk.pendingQuestion.map { ShownQuestion(question: $0.question, person: $0.person) }
    }

    /// A question on screen and the person it is about (nil for the family, or for the screen's own question).
    private struct ShownQuestion {
        var question: PathwayQuestion
        var person: SituationPerson?
    }

    var title: String { family == nil ? "Navigator · new situation" : "Navigator" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if let pending = shownQuestion {
            keys.bind(
                [.up, .character("k")], .up, hint: "Up", help: "Move to the answer above", group: "Answering",
                showsInHintBar: false)
            keys.bind(
                [.down, .character("j")], .down, hint: "Down", help: "Move to the answer below", group: "Answering",
                showsInHintBar: false)
            keys.bind(
                [.enter, .character(" ")], .choose, hint: "Answer", help: "Give the highlighted answer",
                group: "Answering")
            for number in 1...min(9, pending.question.answers.count) {
                keys.bind(
                    [.character(Character(String(number)))], .chooseNumber(number), hint: "\(number)",
                    help: "Give answer \(number)", group: "Answering", showsInHintBar: false)
            }
        } else {
            keys.bind(
                [.down, .character("j")], .scrollDown, hint: "Down", help: "Scroll the outcome down",
                group: "Reading", showsInHintBar: false)
            keys.bind(
                [.up, .character("k")], .scrollUp, hint: "Up", help: "Scroll the outcome up", group: "Reading",
                showsInHintBar: false)
            if family == nil {
                keys.bind(
                    [.character("p")], .addPerson, hint: "Add someone",
                    help: "Add another person the contact is about, and walk the pathways for them too",
                    group: "Outcome")
            }
            if family != nil && !saved && !(walk.result?.destinations.isEmpty ?? true) {
                keys.bind(
                    [.character("s")], .save, hint: "Save to family",
                    help: "Save the outcome on the family: a referral for each service, and a case note saying why",
                    group: "Outcome")
            }
        }
        if !given.isEmpty || !walk.situation.people.isEmpty && family == nil {
            keys.bind(
                [.backspace, .character("b")], .back, hint: "Back a step",
                help: "Undo the last answer you gave and ask it again", group: "Walking")
            keys.bind(
                [.character("r")], .restart, hint: "Restart", help: "Forget your answers and start again",
                group: "Walking")
        }
        keys.bind(
            [.character("z")], .map, hint: "Map",
            help: "The map (zoom out): the whole pathway as a tree, with this walk highlighted",
            group: "Walking")
        keys.bind([.escape, .character("q")], .close, hint: "Close", help: "Close the navigator", group: "General")
        return keys
    }

    // MARK: Drawing

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let wide = area.width >= 110
        let trailWidth = wide ? min(44, area.width / 3) : 0
        let main = Rect(x: area.x, y: area.y, width: area.width - (wide ? trailWidth + 2 : 0), height: area.height)
        if let pending = shownQuestion {
            let trailRows = wide || walk.steps.isEmpty ? 0 : min(max(0, area.height - 13), 7)
            let questionArea = Rect(x: main.x, y: main.y, width: main.width, height: main.height - trailRows)
            drawQuestion(pending, on: surface, in: questionArea, app: app)
            let cursor = surface.cursor
            if wide {
                drawTrail(
                    on: surface, in: Rect(x: area.maxX - trailWidth, y: area.y, width: trailWidth, height: area.height))
            } else if trailRows > 0 {
                drawTrail(
                    on: surface, in: Rect(x: main.x, y: main.maxY - trailRows, width: main.width, height: trailRows))
            }
            surface.cursor = cursor
        } else if let result = walk.result {
            drawOutcome(result, on: surface, in: main, app: app)
            if wide {
                drawTrail(
                    on: surface, in: Rect(x: area.maxX - trailWidth, y: area.y, width: trailWidth, height: area.height))
            }
            surface.cursor = main.origin
        }
    }

    private func drawQuestion(_ pending: ShownQuestion, on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let about =
            choosingPerson
            ? "Before the pathways"
            : pending.person.map { "About \(QuestionView.label($0, today: app.today))" } ?? "About the whole family"
        selectedAnswer = min(selectedAnswer, max(0, pending.question.answers.count - 1))
        QuestionView(
            question: pending.question, heading: "Question \(questionNumber) · \(about)",
            selected: selectedAnswer
        ).draw(on: surface, in: area)
    }

    /// The shown question's number, counting from 1: the pathways' questions answered so far, and each
    /// "who is the contact about" answered before them.
    private var questionNumber: Int { walk.steps.count + personStarts.count + 1 }

    /// The breadcrumb trail: every answer so far, newest last, each marked with where it came from.
    ///
    /// Each step takes two lines, the question then the answer, so the answer is never cut off.
    private func drawTrail(on surface: any Surface, in area: Rect) {
        guard area.height > 0 else { return }
        surface.put("Answers so far", at: area.origin, style: Style(.header), clip: area)
        var lines: [(String, Style)] = walk.steps.isEmpty ? [("  none yet", Style(.dim))] : []
        var lastPerson: PersonID?
        for step in walk.steps {
            if let person = step.person, person != lastPerson {
                lines.append((walk.situation[person: person]?.displayName ?? person.rawValue, Style(.normal, [.bold])))
                lastPerson = person
            }
            lines.append(("  " + step.question, Style(.dim)))
            let source = step.source == .practitioner ? "" : "  [from the record]"
            lines.append(("    → " + step.answer + source, .normal))
        }
        for (row, line) in lines.suffix(area.height - 1).enumerated() {
            surface.put(
                TextLayout.truncate(line.0, to: area.width), at: Point(x: area.x, y: area.y + 1 + row), style: line.1,
                clip: area)
        }
    }

    private func drawOutcome(_ result: NavigationResult, on surface: any Surface, in area: Rect, app: AppEnvironment) {
        // The consent answered during the walk is what the cards show, as the saved referrals carry it.
        var cards = OutcomeCards(result: result, situation: walk.situationAsAnswered, directory: app.pathways.directory)
        if saved { cards.footer = "✓ Saved on the family's record." }
        outcomeTop = cards.draw(on: surface, in: area, from: outcomeTop)
    }

    // MARK: Keys

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .up: selectedAnswer = max(0, selectedAnswer - 1)
        case .down: selectedAnswer = min((shownQuestion?.question.answers.count ?? 1) - 1, selectedAnswer + 1)
        case .choose: answer(selectedAnswer, app: app)
        case .chooseNumber(let number): answer(number - 1, app: app)
        case .back: back(app: app)
        case .restart:
            given.removeAll()
            personStarts.removeAll()
            if family == nil {
                rebuild(people: [], app: app)
                choosingPerson = true
            } else {
                walk.restart()
            }
            reset()
        case .addPerson:
            choosingPerson = true
            reset()
        case .scrollDown: outcomeTop += 1
        case .scrollUp: outcomeTop = max(0, outcomeTop - 1)
        case .map: return .push(NavigatorMapScreen(pathways: app.pathways, walk: walk))
        case .save: return confirmSave(app: app)
        case .close: return .pop
        }
        return .handled
    }

    private func reset() {
        selectedAnswer = 0
        outcomeTop = 0
        saved = false
    }

    private func answer(_ index: Int, app: AppEnvironment) {
        guard let pending = shownQuestion, pending.question.answers.indices.contains(index) else { return }
        let value = pending.question.answers[index].value
        defer { reset() }
        guard choosingPerson else {
            guard (try? walk.answer(value)) != nil else { return }
            given.append(value)
            return
        }
        choosingPerson = false
        guard value != "done" else { return }
        let number = walk.situation.people.count + 1
        let label = ["child": "child", "unborn": "unborn baby", "adult": "adult"][value] ?? value
        let person = SituationPerson(
            id: PersonID("person-\(number)"), name: "Person \(number) (\(label))",
            role: value == "adult" ? .adult : .child, unborn: value == "unborn", concerns: nil)
        personStarts.append(given.count)
        rebuild(people: walk.situation.people + [person], app: app)
    }

    /// Takes back the last answer; without a family, taking back past a person's first question removes them.
    private func back(app: AppEnvironment) {
        defer { reset() }
        if choosingPerson {
            choosingPerson = walk.situation.people.isEmpty
            return
        }
        if family == nil, let start = personStarts.last, given.count <= start {
            // Nothing answered for the newest person yet: going back removes them and asks "who" again.
            personStarts.removeLast()
            rebuild(people: Array(walk.situation.people.dropLast()), app: app)
            choosingPerson = true
            return
        }
        if walk.back() { given.removeLast() }
    }

    /// A new walk over `people`, with the practitioner's answers so far given again in order.
    private func rebuild(people: [SituationPerson], app: AppEnvironment) {
        var situation = walk.situation
        situation.people = people
        var rebuilt = NavigatorWalk(pathways: app.pathways, situation: situation, at: walk.instant)
        var kept: [String] = []
        for value in given {
            guard rebuilt.pendingQuestion != nil, (try? rebuilt.answer(value)) != nil else { break }
            kept.append(value)
        }
        given = kept
        walk = rebuilt
    }

    /// Answers every remaining question with its first answer: how snapshots reach the outcome cards reproducibly.
    func answerFirstChoiceToTheEnd(app: AppEnvironment) {
        var guardrail = 500
        while shownQuestion != nil && guardrail > 0 {
            answer(0, app: app)
            guardrail -= 1
        }
    }

    private func confirmSave(app: AppEnvironment) -> Transition {
        guard let family, let save = SaveNavigatorOutcome(family: family, walk: walk, context: app.casework) else {
            return .ignored
        }
        let referrals = save.referralCount
        // A second referral to a service the family is open to, or awaiting, is asked about first.
        let warning = save.secondReferralWarnings.map { $0 + " " }.joined()
        let question =
            warning
            + "Save on the \(family.name) family: \(referrals) referral\(referrals == 1 ? "" : "s") and a case note?"
        var confirmation = Confirmation(question, yes: "Save", no: "Not now") { [self] in
            do {
                try save.run()
                saved = true
                return .message("saved \(referrals) referral\(referrals == 1 ? "" : "s") and a case note", .success)
            } catch {
                return .message("not saved: \(error)", .error)
            }
        }
        // Enter saves (saving loses nothing); "Not now" says what it left unsaved.
        confirmation.defaultsToYes = true
        confirmation.onNo = { .message("Not saved: the outcome is still here, and s saves it.", .info) }
        return .confirm(confirmation)
    }
}
