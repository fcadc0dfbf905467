import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Editing a family's household details: address (a move keeps the old address with its dates), locality,
/// languages, interpreter and access notes.
final class FamilyDetailsScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private var fields: FormFields
    private let initialTexts: [String: String]

    init(family: Family, app: AppEnvironment) {
        self.family = family
        let rows = [
            FormFields.text(
                "address", "Address", value: family.address.lines.joined(separator: ", "),
                placeholder: "house and street"),
            FormFields.text("postcode", "Postcode", value: family.address.postcode, maxLength: 10),
            FormFields.text(
                "moved-on", "Moved in on (if moved)", value: app.today.british, maxLength: 10,
                placeholder: "DD/MM/YYYY"),
            FormFields.choice(
                "locality", "Locality", options: Locality.allCases.map(\.label),
                chosen: Locality.allCases.firstIndex(of: family.locality) ?? 0, required: true),
            FormFields.text(
                "languages", "Languages at home", required: true, value: family.languages.joined(separator: ", "),
                placeholder: "separated by commas"),
            FormFields.choice(
                "interpreter", "Interpreter needed", options: ["No", "Yes"], chosen: family.interpreterNeeded ? 1 : 0),
            FormFields.text(
                "access", "Access notes", value: family.accessNotes, maxLength: 200,
                placeholder: "e.g. call mother's mobile only"),
        ]
        fields = FormFields(rows)
        var texts: [String: String] = [:]
        for row in rows { if case .text(let field) = row.input { texts[row.id] = field.text } }
        initialTexts = texts
    }

    var title: String { "Details of the \(family.name) family" }

    var takesTyping: Bool { fields.focusedTakesTyping }

    var hasUnsavedChanges: Bool { fields.hasText(besides: initialTexts) }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Save the details (a new address keeps the old one with its dates)",
            leaves: "Leave without saving (asks first if anything is typed)", group: "Details", arrowsMoveFields: true)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        surface.put(
            "* required · Tab/↓ next field · ←/→/Space change a choice · Ctrl-O saves",
            at: area.origin, style: Style(.dim), clip: area)
        var y = area.y + 1
        let since = family.addressSince.map { " since \($0.british)" } ?? ""
        let now = family.address.singleLine.isEmpty ? "no address recorded" : family.address.singleLine
        y += surface.putWrapped(
            "Now: \(now)\(since)", in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.dim))
        for previous in family.previousAddresses.reversed().prefix(2) {
            y += surface.putWrapped(
                "Before: \(previous.summary)", in: Rect(x: area.x, y: y, width: area.width, height: 2),
                style: Style(.dim))
        }
        if family.previousAddresses.count > 2 {
            surface.put(
                "… and \(family.previousAddresses.count - 2) earlier (see the chronology)",
                at: Point(x: area.x, y: y), style: Style(.dim), clip: area)
            y += 1
        }
        y += 1
        fields.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &fields.focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without saving the family's details? What you typed will be lost.")
                ?? save(app)
        }
        return fields.handle(key)
    }

    private func save(_ app: AppEnvironment) -> Transition {
        let movedOn: CalendarDate
        do {
            movedOn = try CalendarDate(parsing: fields.text("moved-on"))
        } catch {
            fields.refuse("The date of the move: \(error)", at: "moved-on")
            return .handled
        }
        let lines = fields.text("address").isEmpty ? [] : [fields.text("address")]
        let address =
            family.address.lines.joined(separator: ", ") == fields.text("address")
            ? Address(lines: family.address.lines, postcode: fields.text("postcode"))
            : Address(lines: lines, postcode: fields.text("postcode"))
        let details = EditFamilyDetails.Details(
            address: address, movedOn: movedOn, locality: Locality.allCases[fields.chosen("locality")],
            languages: fields.text("languages").split(separator: ",").map(String.init),
            interpreterNeeded: fields.chosen("interpreter") == 1, accessNotes: fields.text("access"))
        do {
            let changed = try EditFamilyDetails(family: family, context: app.casework).run(details)
            return .popWithMessage(changed ? "saved the family's details" : "nothing had changed")
        } catch let refusal as CaseworkRefusal {
            fields.refuse(refusal.description, at: refusal.field ?? "address")
            return .handled
        } catch {
            return .message("not saved: \(error)", .error)
        }
    }
}
