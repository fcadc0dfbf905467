import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Erasing a whole family after review: the reason, the family's id typed again, then a last question.
///
/// A family's last member cannot be erased alone, so a closed record due for removal goes whole. It
/// cannot be undone, so it is confirmed twice, as a person's erasure is: typing the family's id and
/// answering "Erase" to a question that says what goes. The change removes the family everywhere the
/// store holds it (``CaseChange/eraseFamily(_:)``) and leaves one audit entry; on success the screen
/// closes with the list it was opened from, back to the records due.
final class EraseFamilyScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private var reason = TextField(maxLength: 200, placeholder: "why the family is erased (required; audited)")
    private var confirmation = TextField(maxLength: 64, placeholder: "type the family's id")
    private var focus = FocusRing(count: 2)
    private var problem: String?
    /// The reason the screen opened with, so leaving it untouched asks nothing.
    private let initialReason: String

    /// - Parameter reason: The reason to start from (a retention review's); the practitioner may change it.
    init(family: Family, reason: String = "") {
        self.family = family
        self.initialReason = reason
        self.reason.text = reason
    }

    var title: String { "Erase the whole family · \(family.name) family" }

    var hasUnsavedChanges: Bool { reason.text != initialReason || !confirmation.text.isEmpty }

    var takesTyping: Bool { true }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Erase the whole family (asks once more): it cannot be undone",
            leaves: "Leave without erasing anything", group: "Erase")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        y += surface.putWrapped(
            "Erasing the \(family.name) family (\(family.id)) removes it and everything in it everywhere the "
                + "store holds it: \(CaseChange.familyErasureTally(family)). Search, the matcher, drafts and "
                + "changes waiting to be sent lose it too. Audit entries about it keep only a marker. One audit "
                + "entry says what was erased, by whom and why. It cannot be undone, and other laptops erase it too.",
            in: Rect(x: area.x, y: y, width: area.width, height: 6), style: Style(.warning))
        y += 1
        let labels = ["Reason * ", "Type \(family.id) to confirm * "]
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
            problem = "say why the family is erased: the reason is kept in the audit trail"
            focus.focus(0)
            return .handled
        }
        guard confirmation.text.trimmingCharacters(in: .whitespaces) == family.id.rawValue else {
            problem = "type \(family.id) exactly to confirm which family is erased"
            focus.focus(1)
            return .handled
        }
        let erasure = FamilyErasure(family: family.id, reason: why, at: app.clock())
        return .confirm(
            Confirmation(
                "Erase the whole \(family.name) family (\(family.id)) for good? This cannot be undone.", yes: "Erase",
                no: "Keep"
            ) { [self] in
                do {
                    try app.store.apply([.eraseFamily(erasure)], by: app.practitioner)
                } catch {
                    self.problem = "nothing was erased: \(error)"
                    return .handled
                }
                return .popFormWithMessage("\(erasure.family) erased; the audit trail keeps one entry saying so")
            })
    }
}
