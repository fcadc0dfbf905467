import SignpostDomain
import SignpostTerminal

/// Step 1 of a contact: who is calling, from where, and through which door.
///
/// Keys: Tab/↓ next field, Shift-Tab/↑ previous field; Enter moves on and ←/→
/// or Space change a choice (the form's own keys); letters type into the field.
struct CallerStep: FormStep {
    typealias Action = FormStepAction

    var form: FormFields

    init(draft: ContactDraft) {
        let doors = ["not said"] + ContactDoor.allCases.map(\.label)
        let sources = ["not said"] + ContactSource.allCases.map(\.label)
        form = FormFields([
            FormFields.text("name", "Caller's name", value: draft.caller.name, maxLength: 120),
            FormFields.text(
                "relationship", "Relationship to the family", value: draft.caller.relationship, maxLength: 120,
                placeholder: "class teacher, neighbour, mother"),
            FormFields.text("agency", "Agency or organisation", value: draft.caller.agency, maxLength: 120),
            FormFields.text("phone", "Phone", value: draft.caller.phone, maxLength: 40),
            FormFields.choice(
                "door", "Door they came through", options: doors,
                chosen: draft.door.flatMap { ContactDoor.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0),
            FormFields.choice(
                "source", "Source (national category)", options: sources,
                chosen: draft.source.flatMap { ContactSource.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0),
        ])
    }

    func sync(into draft: inout ContactDraft) {
        draft.caller = Caller(
            name: form.text("name"), agency: form.text("agency"), relationship: form.text("relationship"),
            phone: form.text("phone"))
        let door = form.chosen("door")
        draft.door = door == 0 ? nil : ContactDoor.allCases[door - 1]
        let source = form.chosen("source")
        draft.source = source == 0 ? nil : ContactSource.allCases[source - 1]
    }

    func draw(on surface: any Surface, in area: Rect) -> Point? {
        form.draw(on: surface, in: area, labelWidth: 30)
        let cursor = surface.cursor
        surface.putNote("Enter/Tab move on · ←/→ or Space change a choice · Ctrl-N next step", in: area)
        return cursor
    }
}
