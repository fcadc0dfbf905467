import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Erasing one member after review: the reason, the person's id typed again, then a last question.
///
/// Erasure cannot be undone, so it is confirmed twice: typing the person's id (a slip of a key cannot
/// produce it) and answering "Erase" to a question that says what goes. The change removes the person
/// everywhere the store holds them (``CaseChange/erasePerson(_:)``) and leaves one audit entry.
final class ErasePersonScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private let person: Person
    private var reason = TextField(maxLength: 200, placeholder: "why they are erased (required; audited)")
    private var confirmation = TextField(maxLength: 64, placeholder: "type the person's id")
    private var focus = FocusRing(count: 2)
    private var problem: String?
    /// The reason the screen opened with, so leaving it untouched asks nothing.
    private let initialReason: String

    /// - Parameter reason: The reason to start from (a retention review's); the practitioner may change it.
    init(family: Family, person: Person, reason: String = "") {
        self.family = family
        self.person = person
        self.initialReason = reason
        self.reason.text = reason
    }

    var title: String { "Erase a person · \(family.name) family" }

    var hasUnsavedChanges: Bool { reason.text != initialReason || !confirmation.text.isEmpty }

    var takesTyping: Bool { true }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Erase the person (asks once more): it cannot be undone",
            leaves: "Leave without erasing anyone", group: "Erase")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        let tally = (try? family.erasing(person.id).1)?.summary ?? "nothing else"
        y += surface.putWrapped(
            "Erasing \(person.fullName) (\(person.id)) removes them from this family and everywhere the store "
                + "holds them: their details and levels, and \(tally). Records shared with others keep the "
                + "others. Audit entries about them keep only a marker. One audit entry says what was erased, "
                + "by whom and why. It cannot be undone, and other laptops erase them too.",
            in: Rect(x: area.x, y: y, width: area.width, height: 5), style: Style(.warning))
        y += 1
        let labels = ["Reason * ", "Type \(person.id) to confirm * "]
        for (index, label) in labels.enumerated() {
            surface.put(
                label, at: Point(x: area.x, y: y), style: Style(focus.isFocused(index) ? .focus : .header), clip: area)
            let field = Rect(x: area.x + label.count, y: y, width: max(10, area.width - label.count), height: 1)
            if index == 0 {
                reason.draw(on: surface, in: field, focused: focus.isFocused(0))
            } else {
                confirmation.draw(on: surface, in: field, focused: focus.isFocused(1))
            }
            y += 2
        }
        if let problem {
            surface.putWrapped(
                problem, in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.error, [.bold]))
        }
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without erasing? Nothing has been erased.") ?? erase(app)
        }
        let outcome = focus.isFocused(0) ? reason.handle(key) : confirmation.handle(key)
        return outcome == .ignored ? .ignored : .handled
    }

    private func erase(_ app: AppEnvironment) -> Transition {
        let why = reason.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            problem = "say why the person is erased: the reason is kept in the audit trail"
            focus.focus(0)
            return .handled
        }
        guard confirmation.text.trimmingCharacters(in: .whitespaces) == person.id.rawValue else {
            problem = "type \(person.id) exactly to confirm which person is erased"
            focus.focus(1)
            return .handled
        }
        let erasure = PersonErasure(family: family.id, person: person.id, reason: why, at: app.clock())
        let name = person.fullName
        return .confirm(
            Confirmation("Erase \(name) (\(person.id)) for good? This cannot be undone.", yes: "Erase", no: "Keep") {
                [self] in
                do {
                    try app.store.apply([.erasePerson(erasure)], by: app.practitioner)
                } catch {
                    self.problem = "nothing was erased: \(error)"
                    return .handled
                }
                return .popWithMessage("\(erasure.person) erased; the audit trail keeps one entry saying so")
            })
    }
}
