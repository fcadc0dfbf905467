import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Adding a family to the store with its first member.
///
/// Only what a practitioner needs to find the family again is required: a
/// family name, a locality and one person's name. Everything else can be added
/// from the family's record later.
final class NewFamilyScreen: Screen {
    typealias Action = FormAction

    private enum Field: Int, CaseIterable {
        case familyName, addressLine, postcode, locality, accessNotes, givenName, personFamilyName, role, dateOfBirth

        var label: String {
            switch self {
            case .familyName: return "Family name"
            case .addressLine: return "Address"
            case .postcode: return "Postcode"
            case .locality: return "Locality"
            case .accessNotes: return "Access notes"
            case .givenName: return "First member: first name"
            case .personFamilyName: return "First member: family name"
            case .role: return "First member: role"
            case .dateOfBirth: return "Date of birth / due date"
            }
        }
    }

    private var texts: [Field: TextField] = [
        .familyName: TextField(maxLength: 80, placeholder: "e.g. Quillfeather"),
        .addressLine: TextField(maxLength: 120, placeholder: "house and street"),
        .postcode: TextField(maxLength: 10, placeholder: "e.g. N7 0ZZ"),
        .accessNotes: TextField(maxLength: 200, placeholder: "e.g. call mother's mobile only"),
        .givenName: TextField(maxLength: 60),
        .personFamilyName: TextField(maxLength: 60, placeholder: "same as the family if left empty"),
        .dateOfBirth: TextField(maxLength: 10, placeholder: "DD/MM/YYYY (expected date for an unborn child)"),
    ]
    private var locality = ChoiceList(options: Locality.allCases.map(\.label), chosen: 0)
    private var role = ChoiceList(options: PersonRole.allCases.map(\.label), chosen: 2)
    private var focus = FocusRing(count: Field.allCases.count)
    private var problem: String?

    var title: String { "New family" }

    var hasUnsavedChanges: Bool { texts.values.contains { !$0.text.isEmpty } }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Add the family to the store",
            leaves: "Leave without adding the family (asks first if anything is typed)", group: "Form",
            arrowsMoveFields: true)
    }

    private var current: Field { Field(rawValue: focus.focused) ?? .familyName }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        surface.put(
            "Fields marked * are required. Tab moves on; ←/→ change a choice; Ctrl-O saves.", at: area.origin,
            style: Style(.dim), clip: area)
        let labelWidth = 28
        var y = area.y + 2
        for field in Field.allCases {
            let required: Set<Field> = [.familyName, .locality, .givenName, .role]
            let label = field.label + (required.contains(field) ? " *" : "")
            surface.put(
                label, at: Point(x: area.x, y: y), style: Style(focus.isFocused(field.rawValue) ? .focus : .header),
                clip: area)
            let valueArea = Rect(x: area.x + labelWidth, y: y, width: min(60, area.width - labelWidth), height: 1)
            switch field {
            case .locality: drawChoice(locality, on: surface, in: valueArea, focused: focus.isFocused(field.rawValue))
            case .role: drawChoice(role, on: surface, in: valueArea, focused: focus.isFocused(field.rawValue))
            default: texts[field]?.draw(on: surface, in: valueArea, focused: focus.isFocused(field.rawValue))
            }
            y += 1
        }
        if let problem {
            surface.put(problem, at: Point(x: area.x, y: y + 1), style: Style(.error, [.bold]), clip: area)
        }
    }

    /// A one-line choice: `‹ North ›`, changed with ←/→.
    private func drawChoice(_ choice: ChoiceList, on surface: any Surface, in area: Rect, focused: Bool) {
        let text = "‹ \(choice.chosenOption ?? "") ›"
        surface.put(text, at: area.origin, style: Style(.input), clip: area)
        if focused { surface.cursor = Point(x: area.x + 2, y: area.y) }
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without adding this family?"
            ) ?? save(app)
        }
        switch current {
        case .locality: return cycle(&locality, key)
        case .role: return cycle(&role, key)
        default:
            if key == .enter {
                focus.focusNext(skipping: [])
                return .handled
            }
            return texts[current]?.handle(key) == .ignored ? .ignored : .handled
        }
    }

    private func cycle(_ choice: inout ChoiceList, _ key: Key) -> Transition {
        let count = choice.options.count
        switch key {
        case .left: choice.chosen = ((choice.chosen ?? 0) - 1 + count) % count
        case .right, .character(" "): choice.chosen = ((choice.chosen ?? 0) + 1) % count
        case .enter: focus.focusNext(skipping: [])
        default: return .ignored
        }
        return .handled
    }

    private func value(_ field: Field) -> String {
        (texts[field]?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func save(_ app: AppEnvironment) -> Transition {
        let familyName = value(.familyName)
        let givenName = value(.givenName)
        guard !familyName.isEmpty else { return refuse("Give the family a name.", at: .familyName) }
        guard !givenName.isEmpty else { return refuse("Give the first member's first name.", at: .givenName) }
        let personRole = PersonRole.allCases[role.chosen ?? 2]
        var date: CalendarDate?
        if !value(.dateOfBirth).isEmpty {
            do {
                date = try CalendarDate(parsing: value(.dateOfBirth))
            } catch {
                return refuse("\(error)", at: .dateOfBirth)
            }
        }
        let today = app.today
        if personRole == .unbornChild {
            guard let due = date else {
                return refuse("An unborn child needs an expected date of delivery.", at: .dateOfBirth)
            }
            guard due >= today.adding(days: -30) else {
                return refuse("The expected date is long past; record the child as born.", at: .dateOfBirth)
            }
        } else if let born = date, born > today {
            return refuse("A date of birth cannot be in the future.", at: .dateOfBirth)
        }
        let person = Person(
            id: app.newID("P"), role: personRole, givenName: givenName,
            familyName: value(.personFamilyName).isEmpty ? familyName : value(.personFamilyName),
            dateOfBirth: personRole == .unbornChild ? nil : date,
            expectedDeliveryDate: personRole == .unbornChild ? date : nil,
            hasParentalResponsibility: personRole == .parentOrCarer)
        let family = Family(
            id: app.newID("F"), name: familyName,
            address: Address(
                lines: value(.addressLine).isEmpty ? [] : [value(.addressLine)], postcode: value(.postcode).uppercased()
            ),
            locality: Locality.allCases[locality.chosen ?? 0], accessNotes: value(.accessNotes), members: [person],
            createdAt: app.clock())
        do {
            try app.store.apply([.addFamily(family)], by: app.practitioner)
        } catch {
            return .message("the family was not added: \(error)", .error)
        }
        return .popWithMessage("added the \(familyName) family")
    }

    private func refuse(_ message: String, at field: Field) -> Transition {
        problem = message
        focus.focus(field.rawValue)
        return .handled
    }
}
