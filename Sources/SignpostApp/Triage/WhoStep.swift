import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Step 2 of a contact: who it is about, found as you type, or someone new.
///
/// Keys, by what has focus:
/// - the search: letters type the query (matches follow), ↑/↓ pick a match,
///   Enter adds that person (their family comes with them), Ctrl-F adds their
///   whole family, Ctrl-R adds someone not on record, Tab goes to the people added;
/// - the people added: ↑/↓ pick, x/Delete takes them off, Tab/Shift-Tab back to the search;
/// - the new-person form: Tab/↓ and Shift-Tab/↑ move, Ctrl-O adds them, Esc goes back to the search.
struct WhoStep {
    enum Action: Hashable, Sendable {
        case up, down, addPerson, addWholeFamily, newPerson, removePerson, switchFocus
        case nextField, previousField, addNewPerson, cancelNewPerson
    }

    private(set) var query = TextField(maxLength: 80, placeholder: "part of a name, a date of birth or a postcode")
    private(set) var matches: [PersonMatch] = []
    private var matchList = ScrollList(rows: [])
    private var peopleList = ScrollList(rows: [])
    private(set) var focusOnPeople = false
    private(set) var newPersonForm: FormFields?
    private var duplicateWarning: String?

    init() {}

    /// Started from a family: its name in the search and its members offered.
    init(family: Family) {
        query = TextField(text: family.name, maxLength: 80, placeholder: query.placeholder)
        matches = family.members.map { member in
            PersonMatch(
                familyID: family.id, familyName: family.name, personID: member.id, personName: member.fullName,
                dateOfBirth: member.dateOfBirth, postcode: family.address.postcode, score: 1,
                reasons: [], openServices: family.openServices, leadProfessional: family.leadProfessional?.name,
                highestLevel: family.members.compactMap(\.currentLevel).max(), isOpen: family.isOpen)
        }
        matchList = ScrollList(rows: matches.map(Self.row))
    }

    func keys(for draft: ContactDraft) -> KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        let group = contactKeyGroup
        if newPersonForm != nil {
            keys.bind(
                [.tab, .down], .nextField, hint: "Next field", help: "Next field of the new person", group: group)
            keys.bind(
                [.backTab, .up], .previousField, hint: "Previous field", help: "Previous field", group: group,
                showsInHintBar: false)
            keys.bind(
                [.control("o")], .addNewPerson, hint: "Add", help: "Add this new person to the contact", group: group)
            keys.bind(
                [.escape], .cancelNewPerson, hint: "Back", help: "Back to the search, adding no one", group: group)
        } else if focusOnPeople {
            keys.bind([.up], .up, hint: "Up", help: "Previous person", group: group, showsInHintBar: false)
            keys.bind([.down], .down, hint: "Down", help: "Next person", group: group, showsInHintBar: false)
            keys.bind(
                [.delete, .character("x")], .removePerson, hint: "Remove",
                help: "Take the selected person off this contact", group: group)
            keys.bind([.tab, .backTab], .switchFocus, hint: "Search", help: "Back to the search", group: group)
        } else {
            keys.bind(
                [.enter], .addPerson, hint: "Add person",
                help: "Add the highlighted match to the contact (the family comes with them)", group: group)
            keys.bind(
                [.control("f")], .addWholeFamily, hint: "Whole family",
                help: "Add everyone in the highlighted match's family", group: group, showsInHintBar: false)
            keys.bind(
                [.control("r")], .newPerson, hint: "Someone new",
                help: "Add a person who is not on record (a new family if none is chosen yet)", group: group)
            keys.bind([.up], .up, hint: "Up", help: "Previous match", group: group, showsInHintBar: false)
            keys.bind([.down], .down, hint: "Down", help: "Next match", group: group, showsInHintBar: false)
            if !draft.people.isEmpty {
                keys.bind(
                    [.tab, .backTab], .switchFocus, hint: "People", help: "Move to the people on this contact",
                    group: group, showsInHintBar: false)
            }
        }
        return keys
    }

    var acceptsTyping: Bool { !focusOnPeople }

    mutating func perform(_ action: Action, draft: inout ContactDraft, app: AppEnvironment) -> StepResult {
        switch action {
        case .nextField: newPersonForm?.focus.focusNext(skipping: [])
        case .previousField: newPersonForm?.focus.focusPrevious(skipping: [])
        case .addNewPerson: return addNewPerson(to: &draft, app: app)
        case .cancelNewPerson:
            newPersonForm = nil
            duplicateWarning = nil
        case .up:
            if focusOnPeople { peopleList.cursor.selected -= 1 } else { matchList.cursor.selected -= 1 }
        case .down:
            if focusOnPeople { peopleList.cursor.selected += 1 } else { matchList.cursor.selected += 1 }
        case .switchFocus:
            focusOnPeople = !focusOnPeople && !draft.people.isEmpty
            peopleList = ScrollList(rows: draft.people.map { ListRow($0.fullName) })
        case .removePerson:
            guard let index = peopleList.selectedIndex, draft.people.indices.contains(index) else { return .handled }
            let removed = draft.people.remove(at: index)
            draft.levels.removeAll { $0.person == removed.id }
            peopleList.rows = draft.people.map { ListRow($0.fullName) }
            if draft.people.isEmpty {
                draft.family = nil
                draft.familyName = ""
                draft.newFamily = nil
                focusOnPeople = false
            }
        case .addPerson, .addWholeFamily:
            guard let index = matchList.selectedIndex, matches.indices.contains(index) else {
                return .problem("Nothing to add: type part of a name, or Ctrl-R for someone new.")
            }
            return add(matches[index], wholeFamily: action == .addWholeFamily, to: &draft, app: app)
        case .newPerson:
            var rows = [
                FormFields.text("given", "Given name", required: true, maxLength: 80),
                FormFields.text("family", "Family name", required: true, value: draft.familyName, maxLength: 80),
                FormFields.choice("role", "Who they are", options: PersonRole.allCases.map(\.label), chosen: 0),
                FormFields.text(
                    "date", "Date of birth, or due date", maxLength: 10,
                    placeholder: "DD/MM/YYYY (due date for an unborn baby)"),
            ]
            if draft.family == nil && draft.newFamily == nil {
                // The first new person starts a new family: where it lives is asked here, not assumed.
                rows += [
                    FormFields.text("address", "New family: address", placeholder: "house and street, if known"),
                    FormFields.text("postcode", "New family: postcode", maxLength: 10, placeholder: "e.g. N7 0ZZ"),
                    FormFields.choice(
                        "locality", "New family: locality", options: ["Choose…"] + Locality.allCases.map(\.label),
                        chosen: 0, required: true),
                ]
            }
            newPersonForm = FormFields(rows)
            duplicateWarning = nil
        }
        return .handled
    }

    /// A key for the new person's form or the search; false when neither has a use for it.
    mutating func type(_ key: Key, app: AppEnvironment) -> StepResult {
        if newPersonForm != nil { return newPersonForm?.handle(key).stepResult ?? .ignored }
        guard !focusOnPeople else { return .ignored }
        let before = query.text
        guard query.handle(key) != .ignored else { return .ignored }
        if query.text != before { refreshMatches(app: app) }
        return .handled
    }

    private mutating func refreshMatches(app: AppEnvironment) {
        let text = query.text.trimmingCharacters(in: .whitespaces)
        matches = text.isEmpty ? [] : (try? app.store.matchPeople(MatchQuery(text, today: app.today), limit: 8)) ?? []
        matchList = ScrollList(rows: matches.map(Self.row))
    }

    private mutating func add(
        _ match: PersonMatch, wholeFamily: Bool, to draft: inout ContactDraft, app: AppEnvironment
    ) -> StepResult {
        if let chosen = draft.family, chosen != match.familyID {
            return .problem(
                "This contact is about the \(draft.familyName) family; record a separate contact for the "
                    + "\(match.familyName) family.")
        }
        if draft.newFamily != nil {
            return .problem("This contact is making a new family; take the new people off first to pick a known one.")
        }
        guard let family = try? app.store.family(match.familyID) else {
            return .problem("The \(match.familyName) family could not be read.")
        }
        draft.family = family.id
        draft.familyName = family.name
        let chosen = wholeFamily ? family.members : family.members.filter { $0.id == match.personID }
        for member in chosen where !draft.people.contains(where: { $0.id == member.id }) {
            draft.people.append(
                DraftPerson(
                    id: member.id, isNew: false, givenName: member.givenName, familyName: member.familyName,
                    role: member.role, dateOfBirth: member.dateOfBirth,
                    expectedDeliveryDate: member.expectedDeliveryDate))
        }
        try? app.store.recordViewed(family.id, by: app.practitioner)
        return .handled
    }

    private mutating func addNewPerson(to draft: inout ContactDraft, app: AppEnvironment) -> StepResult {
        guard var form = newPersonForm else { return .ignored }
        defer { if newPersonForm != nil { newPersonForm = form } }
        let given = form.text("given")
        let familyName = form.text("family")
        guard !given.isEmpty else { return refuse(&form, "Give their given name.", at: "given") }
        guard !familyName.isEmpty else { return refuse(&form, "Give their family name.", at: "family") }
        let role = PersonRole.allCases[form.chosen("role")]
        var born: CalendarDate?
        let dateText = form.text("date")
        if !dateText.isEmpty {
            do {
                born = try CalendarDate(parsing: dateText)
            } catch {
                return refuse(&form, "\(error)", at: "date")
            }
        }
        if let born, role != .unbornChild, born > app.today {
            return refuse(&form, "A date of birth cannot be in the future.", at: "date")
        }
        if let born, role == .unbornChild, born < app.today {
            return refuse(&form, "A due date for an unborn baby must be today or later.", at: "date")
        }
        let person = Person(
            id: app.newID("P"), role: role, givenName: given, familyName: familyName,
            dateOfBirth: role == .unbornChild ? nil : born, expectedDeliveryDate: role == .unbornChild ? born : nil)
        // Warn once when they look like someone on record; a second Ctrl-O adds them anyway.
        if duplicateWarning == nil, role != .unbornChild,
            let lookalike = try? app.store.possibleDuplicates(of: person, postcode: nil, limit: 1).first
        {
            duplicateWarning =
                "Looks like \(lookalike.personName) of the \(lookalike.familyName) family "
                + "(\(lookalike.reasonText)). Esc and pick them from the matches, or Ctrl-O again to add anyway."
            return .handled
        }
        if form.has("locality"), form.chosen("locality") == 0 {
            return refuse(
                &form, "Say which locality the new family lives in (Out of borough if outside).", at: "locality")
        }
        if draft.family == nil && draft.newFamily == nil {
            draft.newFamily = NewFamilyDetails(
                name: familyName,
                address: Address(
                    lines: form.has("address") && !form.text("address").isEmpty ? [form.text("address")] : [],
                    postcode: form.has("postcode") ? form.text("postcode").uppercased() : ""),
                locality: form.has("locality") ? Locality.allCases[form.chosen("locality") - 1] : .outOfBorough)
            draft.familyName = familyName
        }
        draft.people.append(
            DraftPerson(
                id: person.id, isNew: true, givenName: given, familyName: familyName, role: role,
                dateOfBirth: person.dateOfBirth, expectedDeliveryDate: person.expectedDeliveryDate))
        newPersonForm = nil
        duplicateWarning = nil
        return .handled
    }

    private func refuse(_ form: inout FormFields, _ message: String, at field: String) -> StepResult {
        form.refuse(message, at: field)
        return .handled
    }

    // MARK: Drawing

    /// One line per match: name, date of birth, postcode, highest level, what the family is open to.
    private static func row(_ match: PersonMatch) -> ListRow {
        let born = match.dateOfBirth?.british ?? "–"
        let level = match.highestLevel.map { "L\($0.rawValue)" } ?? "–"
        let open: String
        if !match.isOpen {
            open = "closed"
        } else if match.openServices.isEmpty {
            open = "open"
        } else {
            open = "open to " + match.openServices.map { ServiceNames.name($0) }.joined(separator: ", ")
        }
        return ListRow(
            "\(TextLayout.pad(match.personName, to: 26)) \(TextLayout.pad(born, to: 11))"
                + "\(TextLayout.pad(match.postcode, to: 9))\(TextLayout.pad(level, to: 4))\(open)")
    }

    func draw(on surface: any Surface, in area: Rect, draft: ContactDraft, app: AppEnvironment) -> Point? {
        if let form = newPersonForm {
            surface.put(
                "Someone not on record" + (draft.family == nil ? " (a new family is made for them)" : ""),
                at: area.origin, style: Style(.header), clip: area)
            form.draw(
                on: surface, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 4),
                labelWidth: 30)
            let cursor = surface.cursor
            if let duplicateWarning {
                for (row, line) in TextLayout.wrap(duplicateWarning, width: area.width).prefix(2).enumerated() {
                    surface.put(
                        line, at: Point(x: area.x, y: area.maxY - 3 + row), style: Style(.warning, [.bold]),
                        clip: area)
                }
            }
            surface.putNote("Ctrl-O adds them; Esc goes back to the search.", in: area)
            return cursor
        }
        surface.put("Find:", at: area.origin, style: Style(.header), clip: area)
        query.draw(
            on: surface, in: Rect(x: area.x + 6, y: area.y, width: min(60, area.width - 6), height: 1),
            focused: !focusOnPeople)
        var cursor = focusOnPeople ? nil : surface.cursor
        let peopleRows = min(draft.people.count, 5) + (draft.people.isEmpty ? 0 : 2)
        let listArea = Rect(
            x: area.x, y: area.y + 2, width: area.width, height: max(1, area.height - 4 - peopleRows))
        if matches.isEmpty {
            let text =
                query.text.isEmpty
                ? "Type any part of a name, a date of birth (14/3, 2019) or a postcode; matches appear as you type."
                : "No one on record matches “\(query.text)”. Ctrl-R adds someone new."
            surface.put(TextLayout.truncate(text, to: area.width), at: listArea.origin, style: Style(.dim), clip: area)
        } else {
            // The search keeps the cursor; the list shows which match Enter adds.
            matchList.draw(on: surface, in: listArea, focused: false)
            if let index = matchList.selectedIndex, !focusOnPeople {
                let match = matches[index]
                let lead = match.leadProfessional.map { " · lead professional: \($0)" } ?? ""
                let reasons = match.reasonText.isEmpty ? "in the family you started from" : match.reasonText
                // Two lines when there is room, so why it matched can be read in full rather than cut.
                let top = listArea.y + min(matches.count, listArea.height)
                let bottom = draft.people.isEmpty ? area.maxY : area.maxY - peopleRows
                surface.putWrapped(
                    "\(match.familyName) family\(lead) · matched: \(reasons)",
                    in: Rect(x: area.x, y: top, width: area.width, height: max(1, min(2, bottom - top))),
                    style: Style(.dim))
            }
        }
        if !draft.people.isEmpty {
            let top = area.maxY - peopleRows
            let family = draft.familyName.isEmpty ? "" : " (\(draft.familyName) family)"
            surface.put("On this contact\(family)", at: Point(x: area.x, y: top), style: Style(.header), clip: area)
            var list = peopleList
            list.rows = draft.people.map { person in
                ListRow(
                    "\(person.fullName) · \(Self.describe(person, today: app.today))"
                        + (person.isNew ? "  (new: added when recorded)" : ""))
            }
            let saved = surface.cursor
            list.draw(
                on: surface, in: Rect(x: area.x, y: top + 1, width: area.width, height: min(draft.people.count, 5)),
                focused: focusOnPeople)
            cursor = focusOnPeople ? surface.cursor : saved
        }
        return cursor
    }

    private static func describe(_ person: DraftPerson, today: CalendarDate) -> String {
        if person.role == .unbornChild {
            return "unborn" + (person.expectedDeliveryDate.map { ", due \($0.british)" } ?? "")
        }
        let age = person.dateOfBirth.map { "\($0.age(on: today)) years" } ?? "age not known"
        return "\(person.role.label.lowercased()), \(age)"
    }
}
