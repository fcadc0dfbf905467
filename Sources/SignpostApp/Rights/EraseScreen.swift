import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// What an erase screen removes, in the words it uses: one person, or a whole family.
struct ErasureTarget {
    /// The screen's title.
    var title: String
    /// The id typed again to confirm (a slip of a key cannot produce it).
    var id: String
    /// "the person" or "the family", in the problems the screen reports.
    var noun: String
    /// What goes, said before anything is typed.
    var explanation: String
    /// The lines the explanation may take.
    var explanationHeight: Int
    /// Help for the save key and the leave key.
    var saves: String
    var leaves: String
    /// The last question, asked once both fields are right.
    var question: String
    /// The change that erases, with the reason given and the time.
    var change: (_ reason: String, _ at: Date) -> CaseChange
    /// Where the screen goes once the change is applied, with what it says.
    var closes: (_ message: String) -> Transition
}

/// Erasing after review: the reason, the id typed again, then a last question.
///
/// Erasure cannot be undone, so it is confirmed twice: typing the id and answering "Erase" to a
/// question that says what goes. The change removes the person or family everywhere the store holds
/// them and leaves one audit entry. ``ErasePersonScreen`` and ``EraseFamilyScreen`` say what to erase.
class EraseScreen: Screen {
    typealias Action = FormAction

    let target: ErasureTarget
    private var reason: TextField
    private var confirmation: TextField
    private var focus = FocusRing(count: 2)
    private var problem: String?
    /// The reason the screen opened with, so leaving it untouched asks nothing.
    private let initialReason: String

    /// - Parameter reason: The reason to start from (a retention review's); the practitioner may change it.
    init(_ target: ErasureTarget, reason: String) {
        self.target = target
        self.reason = TextField(maxLength: 200, placeholder: "why \(target.noun) is erased (required; audited)")
        self.reason.text = reason
        self.confirmation = TextField(maxLength: 64, placeholder: "type \(target.noun)'s id")
        self.initialReason = reason
    }

    var title: String { target.title }

    var hasUnsavedChanges: Bool { reason.text != initialReason || !confirmation.text.isEmpty }

    var takesTyping: Bool { true }

    var keys: KeyRegistry<Action> {
        formKeys(saves: target.saves, leaves: target.leaves, group: "Erase")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        y += surface.putWrapped(
            target.explanation, in: Rect(x: area.x, y: y, width: area.width, height: target.explanationHeight),
            style: Style(.warning))
        y += 1
        let labels = ["Reason * ", "Type \(target.id) to confirm * "]
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
            problem = "say why \(target.noun) is erased: the reason is kept in the audit trail"
            focus.focus(0)
            return .handled
        }
        guard confirmation.text.trimmingCharacters(in: .whitespaces) == target.id else {
            problem = "type \(target.id) exactly to confirm which \(target.noun.dropFirst(4)) is erased"
            focus.focus(1)
            return .handled
        }
        let change = target.change(why, app.clock())
        return .confirm(
            Confirmation(target.question, yes: "Erase", no: "Keep") { [self] in
                do {
                    try app.store.apply([change], by: app.practitioner)
                } catch {
                    self.problem = "nothing was erased: \(error)"
                    return .handled
                }
                return target.closes("\(target.id) erased; the audit trail keeps one entry saying so")
            })
    }
}

/// Erasing one member after review (``CaseChange/erasePerson(_:)``).
final class ErasePersonScreen: EraseScreen {
    init(family: Family, person: Person, reason: String = "") {
        let tally = (try? family.erasing(person.id).1)?.summary ?? "nothing else"
        super.init(
            ErasureTarget(
                title: "Erase a person · \(family.name) family", id: person.id.rawValue, noun: "the person",
                explanation: "Erasing \(person.fullName) (\(person.id)) removes them from this family and everywhere "
                    + "the store holds them: their details and levels, and \(tally). Records shared with others keep "
                    + "the others. Audit entries about them keep only a marker. One audit entry says what was erased, "
                    + "by whom and why. It cannot be undone, and other laptops erase them too.",
                explanationHeight: 5, saves: "Erase the person (asks once more): it cannot be undone",
                leaves: "Leave without erasing anyone",
                question: "Erase \(person.fullName) (\(person.id)) for good? This cannot be undone.",
                change: { .erasePerson(PersonErasure(family: family.id, person: person.id, reason: $0, at: $1)) },
                closes: { .popWithMessage($0) }),
            reason: reason)
    }
}

/// Erasing a whole family after review (``CaseChange/eraseFamily(_:)``).
///
/// A family's last member cannot be erased alone, so a closed record due for removal goes whole; on
/// success the screen closes with the list it was opened from, back to the records due.
final class EraseFamilyScreen: EraseScreen {
    init(family: Family, reason: String = "") {
        super.init(
            ErasureTarget(
                title: "Erase the whole family · \(family.name) family", id: family.id.rawValue, noun: "the family",
                explanation: "Erasing the \(family.name) family (\(family.id)) removes it and everything in it "
                    + "everywhere the store holds it: \(CaseChange.familyErasureTally(family)). Search, the matcher, "
                    + "drafts and changes waiting to be sent lose it too. Audit entries about it keep only a marker. "
                    + "One audit entry says what was erased, by whom and why. It cannot be undone, and other laptops "
                    + "erase it too.",
                explanationHeight: 6, saves: "Erase the whole family (asks once more): it cannot be undone",
                leaves: "Leave without erasing anything",
                question: "Erase the whole \(family.name) family (\(family.id)) for good? This cannot be undone.",
                change: { .eraseFamily(FamilyErasure(family: family.id, reason: $0, at: $1)) },
                closes: { .popFormWithMessage($0) }),
            reason: reason)
    }
}
