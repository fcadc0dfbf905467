import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Erasing a reviewed record (#16): the whole family first, then its members; Enter erases the selected
/// one through its erasure screen (the reason filled in from the review, the id typed, then a last
/// question). A person goes as Ctrl-E on a member does; the whole family, the review's usual outcome,
/// goes with everything in it and the screen closes back to the records due.
///
/// A family is never left with no one, so its last member goes only with the whole family; the list says so.
final class RetentionEraseScreen: Screen {
    enum Action: Hashable, Sendable { case erase, up, down, back }

    private var family: Family
    private let record: RetentionReview.DueRecord
    private var list = ScrollList(rows: [], emptyText: "No one is left in this record.")

    init(family: Family, record: RetentionReview.DueRecord) {
        self.family = family
        self.record = record
        rebuild()
    }

    var title: String { "Erase after review · \(family.name) family" }

    var familyContext: Family? { family }

    /// The reason the erasure screen starts with: the review, and why the record was due.
    var reason: String {
        "retention review: closed record due since \(record.standing.dueOn.british) "
            + "(\(record.standing.keptYears) years after 18)"
    }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.enter], .erase, hint: "Erase",
            help: "Erase the selected line, the whole family or one person: the reason (from the review), the id "
                + "typed, then once more",
            group: "Erase after review")
        keys.bind([.up, .character("k")], .up, hint: "Up", help: "Previous", group: "Moving", showsInHintBar: false)
        keys.bind([.down, .character("j")], .down, hint: "Down", help: "Next", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.escape, .character("q")], .back, hint: "Back", help: "Back to the records due, erasing no one more",
            group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) {
        if let read = try? app.store.family(family.id) { family = read }
        rebuild()
    }

    private func rebuild() {
        let whole = ListRow(
            "The whole family (\(family.id)): \(family.members.count) "
                + "\(family.members.count == 1 ? "person" : "people") and everything about them")
        list.rows =
            [whole]
            + family.members.map { person in
                let born = person.dateOfBirth.map { "born \($0.british)" } ?? "no date of birth"
                return ListRow("\(person.fullName) (\(person.id)) · \(person.role.label) · \(born)")
            }
        if let index = list.selectedIndex, index > family.members.count {
            list.cursor.selected = family.members.count
        }
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        y += surface.putWrapped(
            "\(RetentionScreen.why(record)) Erase the whole family, or one person at a time (a family's last "
                + "member goes only with the family). Erasing removes them everywhere the store holds them and "
                + "cannot be undone.",
            in: Rect(x: area.x, y: y, width: area.width, height: 5), style: Style(.warning))
        y += 1
        list.draw(
            on: surface, in: Rect(x: area.x, y: y, width: area.width, height: max(1, area.maxY - y)), focused: true)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .erase:
            guard let index = list.selectedIndex else { return .handled }
            if index == 0 { return .push(EraseFamilyScreen(family: family, reason: reason)) }
            guard family.members.indices.contains(index - 1) else { return .handled }
            guard family.members.count > 1 else {
                return .message(
                    "\(family.members[0].id) is the last person left: erase the whole family instead", .warning)
            }
            return .push(ErasePersonScreen(family: family, person: family.members[index - 1], reason: reason))
        case .up, .down:
            _ = list.handle(key, in: Rect(x: 0, y: 0, width: area.width, height: max(1, area.height - 6)))
        case .back: return .pop
        }
        return .handled
    }
}
