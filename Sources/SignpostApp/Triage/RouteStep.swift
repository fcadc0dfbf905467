import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Step 6 of a contact: the navigator asks only what is still unknown, then shows where to go; Ctrl-O records.
///
/// Keys: while a question waits, ↑/↓ pick an answer, Enter or its number gives
/// it, and b/Backspace takes the last answer back; once the outcome shows, ↑/↓
/// (or j/k) scroll the cards and Ctrl-O records the contact. While closing as
/// no further action, letters type the reason, Enter records and Esc goes back.
///
/// The cards show the consent as answered here, which is also what the recorded
/// referrals carry; they warn about services the family is already open to, and
/// say whose level the contact changes and who keeps theirs.
struct RouteStep {
    enum Action: Hashable, Sendable {
        case up, down, giveHighlighted, give(Int), takeBack, record, confirmClosing, cancelClosing
    }

    private(set) var walk: NavigatorWalk?
    /// The known family as stored when the walk was built (what it is open to, people's levels on record).
    private(set) var family: Family?
    private var answer = 0
    private var top = 0
    /// The reason being typed while closing as advice given / no further action.
    private(set) var closingReason: TextField?

    func keys(for draft: ContactDraft) -> KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        let group = contactKeyGroup
        if closingReason != nil {
            keys.bind(
                [.enter], .confirmClosing, hint: "Record",
                help: "Record the contact as advice given / no further action, with this reason", group: group)
            keys.bind([.escape], .cancelClosing, hint: "Back", help: "Back to the route, closing nothing", group: group)
            return keys
        }
        if let pending = walk?.pendingQuestion {
            keys.bind([.up], .up, hint: "Up", help: "Previous answer", group: group, showsInHintBar: false)
            keys.bind([.down], .down, hint: "Down", help: "Next answer", group: group, showsInHintBar: false)
            keys.bind([.enter], .giveHighlighted, hint: "Answer", help: "Give the highlighted answer", group: group)
            for number in 1...min(9, pending.question.answers.count) {
                keys.bind(
                    [.character(Character(String(number)))], .give(number), hint: "\(number)",
                    help: "Give answer \(number)", group: group, showsInHintBar: false)
            }
        } else {
            keys.bind(
                [.control("o")], .record, hint: "Record",
                help:
                    "Save the contact, referrals, level changes, consent and a case note together, then start the next call",
                group: group)
            keys.bind(
                [.down, .character("j")], .down, hint: "Down", help: "Scroll down", group: group, showsInHintBar: false)
            keys.bind([.up, .character("k")], .up, hint: "Up", help: "Scroll up", group: group, showsInHintBar: false)
        }
        if !draft.navigatorAnswers.isEmpty {
            keys.bind(
                [.backspace, .character("b")], .takeBack, hint: "Back a step",
                help: "Take back the last answer given to the navigator", group: group)
        }
        return keys
    }

    var acceptsTyping: Bool { closingReason != nil }

    mutating func perform(_ action: Action, draft: inout ContactDraft, app: AppEnvironment, at moment: Date)
        -> StepResult
    {
        switch action {
        case .up: if walk?.isFinished == true { top = max(0, top - 1) } else { answer = max(0, answer - 1) }
        case .down: if walk?.isFinished == true { top += 1 } else { answer += 1 }
        case .giveHighlighted: give(answer, draft: &draft)
        case .give(let number): give(number - 1, draft: &draft)
        case .takeBack:
            guard !draft.navigatorAnswers.isEmpty else { return .handled }
            draft.navigatorAnswers.removeLast()
            rebuild(&draft, app: app, at: moment)
        case .record: return .record(closingReason: nil)
        case .confirmClosing: return .record(closingReason: closingReason?.text ?? "")
        case .cancelClosing: closingReason = nil
        }
        return .handled
    }

    mutating func type(_ key: Key) -> StepResult {
        guard closingReason != nil else { return .ignored }
        return closingReason?.handle(key) == .ignored ? .ignored : .handled
    }

    /// Starts closing the contact as advice given / no further action: the reason is asked for first.
    mutating func startClosing() {
        closingReason = TextField(maxLength: 300, placeholder: "what advice was given, and why nothing more")
    }

    private mutating func give(_ index: Int, draft: inout ContactDraft) {
        guard var current = walk, let pending = current.pendingQuestion,
            pending.question.answers.indices.contains(index)
        else { return }
        let value = pending.question.answers[index].value
        guard (try? current.answer(value)) != nil else { return }
        draft.navigatorAnswers.append("\(Self.answerKey(pending))=\(value)")
        walk = current
        answer = 0
    }

    /// "question-id/person-id", what a navigator answer is stored against in the draft.
    static func answerKey(_ pending: PendingQuestion) -> String {
        "\(pending.question.id)/\(pending.person?.id.rawValue ?? "family")"
    }

    /// A new walk over what the contact has captured, with the answers already given replayed.
    mutating func rebuild(_ draft: inout ContactDraft, app: AppEnvironment, at moment: Date) {
        family = draft.family.flatMap { try? app.store.family($0) }
        var rebuilt = NavigatorWalk(
            pathways: app.pathways,
            situation: RecordContact.situation(for: draft, family: family, today: LondonTime.today(at: moment)),
            at: moment)
        // Answers are kept with the question and person they answered, so that after an earlier step
        // changes, an answer is only given again to the same question and never to a different one.
        var kept: [String] = []
        for given in draft.navigatorAnswers {
            guard let pending = rebuilt.pendingQuestion,
                given.hasPrefix(Self.answerKey(pending) + "="),
                (try? rebuilt.answer(String(given.split(separator: "=", maxSplits: 1)[1]))) != nil
            else { break }
            kept.append(given)
        }
        draft.navigatorAnswers = kept
        walk = rebuilt
        answer = 0
        closingReason = nil
    }

    func draw(on surface: any Surface, in area: Rect, draft: ContactDraft, app: AppEnvironment) -> (
        cursor: Point?, top: Int
    ) {
        if let closingReason {
            surface.put(
                "Close as advice given / no further action", at: area.origin, style: Style(.header, [.bold]),
                clip: area)
            surface.put("Reason (required):", at: Point(x: area.x, y: area.y + 2), style: Style(.focus), clip: area)
            closingReason.draw(
                on: surface,
                in: Rect(x: area.x + 19, y: area.y + 2, width: max(1, min(70, area.width - 19)), height: 1),
                focused: true)
            let cursor = surface.cursor
            surface.putNote("Enter records the contact with this reason; Esc goes back to the route.", in: area)
            return (cursor, top)
        }
        guard let walk else { return (area.origin, top) }
        if let pending = walk.pendingQuestion {
            let about =
                pending.person.map { "About \(QuestionView.label($0, today: app.today))" } ?? "About the whole family"
            QuestionView(
                question: pending.question, heading: "The navigator needs one more answer · \(about)",
                selected: min(answer, pending.question.answers.count - 1)
            ).draw(on: surface, in: area)
            return (surface.cursor, top)
        }
        guard walk.result != nil else { return (area.origin, top) }
        let recording = RecordContact(draft: draft, family: family, walk: walk, context: app.casework)
        var lines: [(String, Style)] = recording.alreadyOpen.map { service in
            (
                "⚠ The family is already open to \(ServiceNames.name(service)): check with them before referring again.",
                Style(.warning, [.bold])
            )
        }
        if !recording.levels.isEmpty {
            lines.append(("Levels: " + recording.levels.map(\.text).joined(separator: "; ") + ".", Style(.dim)))
        }
        var y = area.y
        for (text, style) in lines {
            for line in TextLayout.wrap(text, width: area.width).prefix(2) where y < area.maxY - 3 {
                surface.put(line, at: Point(x: area.x, y: y), style: style, clip: area)
                y += 1
            }
        }
        guard let result = walk.result else { return (area.origin, top) }
        var cards = OutcomeCards(
            result: result, situation: walk.situationAsAnswered, directory: app.pathways.directory)
        cards.footer = "Ctrl-O records the contact, referrals, levels, consent and a case note together."
        let shown = cards.draw(
            on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), from: top)
        surface.cursor = Point(x: area.x, y: y)
        return (Point(x: area.x, y: y), shown)
    }

    /// Keeps the scroll where the cards last drew it (they clamp it to what there is).
    mutating func scrolled(to shown: Int) { top = shown }
}
