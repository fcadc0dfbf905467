import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// How one member is related to the others: add a relationship, change one, or remove one.
///
/// Opened from the selected member (`R`), so the same relationship can be
/// reached from either person's side; the form reads "Marta is the ‹parent› of ‹Ava›".
final class RelationshipScreen: Screen {
    enum Action: Hashable, Sendable {
        case form(FormAction)
        case remove
    }

    private let family: Family
    private let person: Person
    private let others: [Person]
    private var fields: FormFields

    init(family: Family, person: Person) {
        self.family = family
        self.person = person
        others = family.members.filter { $0.id != person.id }
        fields = FormFields([
            FormFields.choice(
                "kind", "\(person.givenName) is the", options: RelationshipKind.allCases.map(\.label), chosen: 0,
                required: true),
            FormFields.choice("other", "… of", options: others.map(\.fullName), chosen: 0, required: true),
        ])
        showRecordedKind()
    }

    var title: String { "Relationships of \(person.fullName)" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.control("o")], .form(.save), hint: "Save",
            help: "Record the relationship, or change the one already recorded between these two", group: "Relationship"
        )
        keys.bind(
            [.tab, .down], .form(.nextField), hint: "Next field", help: "Move to the next field",
            group: "Relationship")
        keys.bind(
            [.backTab, .up], .form(.previousField), hint: "Previous field", help: "Move to the previous field",
            group: "Relationship", showsInHintBar: false)
        keys.bind(
            [.delete], .remove, hint: "Remove",
            help: "Remove the relationship recorded between these two (asks first)", group: "Relationship")
        keys.bind([.escape], .form(.cancel), hint: "Back", help: "Back to the family", group: "Relationship")
        return keys
    }

    private var other: Person? {
        others.indices.contains(fields.chosen("other")) ? others[fields.chosen("other")] : nil
    }

    /// Sets the kind to the one recorded between the two, so changing starts from what is there.
    private func showRecordedKind() {
        guard let other, let recorded = family.relationship(between: person.id, and: other.id) else { return }
        let kind = recorded.from == person.id ? recorded.kind : recorded.kind.inverse
        var values = fields.values
        values["kind"] = String(RelationshipKind.allCases.firstIndex(of: kind) ?? 0)
        fields.restore(values)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        let now = family.relationships(of: person.id).compactMap { relation in
            family.member(relation.other).map { "\(relation.kind.label) of \($0.fullName)" }
        }
        y += surface.putWrapped(
            now.isEmpty
                ? "\(person.givenName) has no relationships recorded."
                : "\(person.givenName) is now: " + now.joined(separator: "; "),
            in: Rect(x: area.x, y: y, width: area.width, height: 3), style: Style(.dim))
        y += 1
        guard !others.isEmpty else {
            surface.put(
                "Add another member to the family first (a on the Members tab).", at: Point(x: area.x, y: y),
                style: Style(.warning), clip: area)
            return
        }
        if let other {
            let recorded = family.relationship(between: person.id, and: other.id) != nil
            surface.put(
                recorded
                    ? "Recorded between them: Ctrl-O saves a change, Del removes it."
                    : "Nothing recorded between them yet: Ctrl-O adds it.",
                at: Point(x: area.x, y: y), style: Style(.dim), clip: area)
        }
        y += 2
        fields.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            switch action {
            case .form(.save): return save(app)
            case .form(let formAction):
                return perform(formAction, focus: &fields.focus, hasUnsavedChanges: false, leaveQuestion: "")
                    ?? .handled
            case .remove: return remove(app)
            }
        }
        guard !others.isEmpty else { return .ignored }
        let before = fields.chosen("other")
        let transition = fields.handle(key)
        if fields.chosen("other") != before { showRecordedKind() }
        return transition
    }

    private func save(_ app: AppEnvironment) -> Transition {
        guard let other else { return .message("add another member to the family first", .warning) }
        let kind = RelationshipKind.allCases[fields.chosen("kind")]
        let relationship = Relationship(from: person.id, kind: kind, to: other.id)
        do {
            try RelateMembers(family: family, context: app.casework).save(relationship)
        } catch let refusal as CaseworkRefusal {
            fields.refuse(refusal.description, at: "kind")
            return .handled
        } catch {
            return .message("not saved: \(error)", .error)
        }
        return .popWithMessage("recorded \(person.givenName) as \(kind.label) of \(other.givenName)")
    }

    private func remove(_ app: AppEnvironment) -> Transition {
        guard let other, family.relationship(between: person.id, and: other.id) != nil else {
            return .message("no relationship is recorded between these two", .warning)
        }
        let family = family
        let person = person
        return .confirm(
            Confirmation(
                "Remove the relationship between \(person.fullName) and \(other.fullName)? It stays in the chronology.",
                yes: "Remove", no: "Keep"
            ) {
                do {
                    try RelateMembers(family: family, context: app.casework).remove(between: person.id, and: other.id)
                } catch {
                    return .message("not removed: \(error)", .error)
                }
                return .popWithMessage("removed the relationship between \(person.givenName) and \(other.givenName)")
            })
    }
}
