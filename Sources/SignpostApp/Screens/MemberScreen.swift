import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Reading a person's details from form fields, with the checks a practitioner would expect.
enum MemberDetails {
    struct Problem: Error {
        var field: String
        var message: String
    }

    static let yesNo = ["No", "Yes"]
    static let ethnicities = ["Not recorded"] + Ethnicity.allCases.map(\.label)
    static let genders = Gender.allCases.map(\.label)

    /// The rows for a person's details, filled from `person` when editing.
    static func rows(for person: Person?, familyName: String) -> [FormFields.Row] {
        let roleIndex = person.map { PersonRole.allCases.firstIndex(of: $0.role)! } ?? 0
        let date = person.flatMap { $0.isUnborn ? $0.expectedDeliveryDate : $0.dateOfBirth }?.british ?? ""
        return [
            FormFields.text("given-name", "First name", required: true, value: person?.givenName ?? "", maxLength: 60),
            FormFields.text(
                "person-family-name", "Family name", value: person?.familyName ?? familyName, maxLength: 60),
            FormFields.text(
                "aka", "Also known as", value: person?.alsoKnownAs.joined(separator: ", ") ?? "",
                placeholder: "other names, separated by commas"),
            FormFields.choice(
                "role", "Role", options: PersonRole.allCases.map(\.label), chosen: roleIndex, required: true),
            FormFields.text(
                "date", "Date of birth / due date", value: date, maxLength: 10,
                placeholder: "DD/MM/YYYY (expected date for an unborn child)"),
            FormFields.choice(
                "gender", "Gender", options: genders,
                chosen: Gender.allCases.firstIndex(of: person?.gender ?? .notKnown)!),
            FormFields.choice(
                "ethnicity", "Ethnicity", options: ethnicities,
                chosen: person?.ethnicity.map { Ethnicity.allCases.firstIndex(of: $0)! + 1 } ?? 0),
            FormFields.text("language", "First language", value: person?.firstLanguage ?? "English", maxLength: 40),
            FormFields.choice(
                "send", "Special educational needs", options: yesNo, chosen: person?.needs.hasSEND == true ? 1 : 0),
            FormFields.choice("ehcp", "EHC plan", options: yesNo, chosen: person?.needs.hasEHCPlan == true ? 1 : 0),
            FormFields.choice(
                "disability", "Disability", options: yesNo, chosen: person?.needs.hasDisability == true ? 1 : 0),
            FormFields.text("needs", "Needs in words", value: person?.needs.details ?? "", maxLength: 200),
            FormFields.choice(
                "pr", "Parental responsibility", options: yesNo,
                chosen: person?.hasParentalResponsibility == true ? 1 : 0),
            FormFields.text("phone", "Phone", value: person?.phone ?? "", maxLength: 30),
        ]
    }

    /// The person the fields describe, keeping `existing`'s id and level history when editing.
    static func person(
        from fields: FormFields, id: PersonID, defaultFamilyName: String, today: CalendarDate, existing: Person? = nil
    ) -> Result<Person, Problem> {
        let givenName = fields.text("given-name")
        guard !givenName.isEmpty else {
            return .failure(Problem(field: "given-name", message: "Give the person's first name."))
        }
        let role = PersonRole.allCases[fields.chosen("role")]
        var date: CalendarDate?
        if !fields.text("date").isEmpty {
            do {
                date = try CalendarDate(parsing: fields.text("date"))
            } catch {
                return .failure(Problem(field: "date", message: "\(error)"))
            }
        }
        if role == .unbornChild {
            guard let due = date else {
                return .failure(Problem(field: "date", message: "An unborn child needs an expected date of delivery."))
            }
            guard due >= today.adding(days: -30) else {
                return .failure(
                    Problem(field: "date", message: "The expected date is long past; record the child as born."))
            }
        } else if let born = date, born > today {
            return .failure(Problem(field: "date", message: "A date of birth cannot be in the future."))
        }
        var person = existing ?? Person(id: id, role: role, givenName: givenName, familyName: defaultFamilyName)
        person.role = role
        person.givenName = givenName
        let familyName = fields.text("person-family-name")
        person.familyName = familyName.isEmpty ? defaultFamilyName : familyName
        person.dateOfBirth = role == .unbornChild ? nil : date
        person.expectedDeliveryDate = role == .unbornChild ? date : nil
        if fields.has("aka") {
            person.alsoKnownAs = fields.text("aka").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            .filter { !$0.isEmpty }
            person.gender = Gender.allCases[fields.chosen("gender")]
            let ethnicity = fields.chosen("ethnicity")
            person.ethnicity = ethnicity == 0 ? nil : Ethnicity.allCases[ethnicity - 1]
            person.firstLanguage = fields.text("language").isEmpty ? "English" : fields.text("language")
            person.needs = SpecialNeeds(
                hasSEND: fields.chosen("send") == 1, hasEHCPlan: fields.chosen("ehcp") == 1,
                hasDisability: fields.chosen("disability") == 1, details: fields.text("needs"))
            person.hasParentalResponsibility = fields.chosen("pr") == 1
            person.phone = fields.text("phone")
        } else {
            person.hasParentalResponsibility = role == .parentOrCarer
        }
        return .success(person)
    }
}

/// Adding a member to a family, or editing one: their details and how they are related to the others.
final class MemberScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private let existing: Person?
    private var fields: FormFields
    private let others: [Person]
    private let initialTexts: [String: String]
    /// The fields typed so far, kept after every key so a crash loses nothing.
    private var draft: FormDraftKeeper
    /// The new member's id, kept in the draft so a member added just before a crash is not added twice.
    private let newPersonID: PersonID

    init(family: Family, editing person: Person?, app: AppEnvironment) {
        self.family = family
        self.existing = person
        others = family.members.filter { $0.id != person?.id }
        var rows = MemberDetails.rows(for: person, familyName: family.name)
        if !others.isEmpty {
            // A relationship to one other member; more can be added by editing again.
            rows.append(
                FormFields.choice(
                    "relation-kind", "Add relationship", options: ["None"] + RelationshipKind.allCases.map(\.label),
                    chosen: 0))
            rows.append(FormFields.choice("relation-to", "… of", options: others.map(\.fullName), chosen: 0))
        }
        fields = FormFields(rows)
        var texts: [String: String] = [:]
        for row in rows { if case .text(let field) = row.input { texts[row.id] = field.text } }
        initialTexts = texts
        draft = FormDraftKeeper(
            form: FormDraftKey(kind: DraftedForm.member, family: family.id, person: person?.id),
            summary: person.map { "changes to \($0.fullName)" } ?? "a new member of the \(family.name) family",
            app: app)
        if let earlier = draft.restored { fields.restore(earlier.fields) }
        newPersonID = draft.restored?.fields["id"].map { PersonID($0) } ?? app.newID("P")
    }

    var keepsTypingAsDraft: Bool { true }

    var takesTyping: Bool { fields.focusedTakesTyping }

    var title: String { existing.map { "Edit \($0.fullName)" } ?? "New member of the \(family.name) family" }

    var hasUnsavedChanges: Bool { fields.hasText(besides: initialTexts) }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: existing == nil ? "Add the member to the family" : "Save the changes to this person",
            leaves: "Leave without saving (asks first if anything is typed)", group: "Member", arrowsMoveFields: true)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        if !draft.drawNotice(on: surface, in: area) {
            // Short enough for 80 columns, so it is never cut.
            surface.put(
                "* required · Tab/↓ next field · ←/→/Space change a choice · Ctrl-O saves",
                at: area.origin, style: Style(.dim), clip: area)
        }
        var top = area.y + 1
        if let existing {
            let relations = family.relationships(of: existing.id).compactMap { relation in
                family.member(relation.other).map { "\(relation.kind.label) of \($0.fullName)" }
            }
            if !relations.isEmpty {
                surface.put(
                    "Now: " + relations.joined(separator: "; "), at: Point(x: area.x, y: top), style: Style(.dim),
                    clip: area)
            }
        }
        top += 1
        fields.draw(on: surface, in: Rect(x: area.x, y: top, width: area.width, height: area.maxY - top))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &fields.focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: existing == nil
                    ? "Leave without adding this person? What you typed will be lost."
                    : "Leave without saving the changes? What you typed will be lost.",
                leave: { [self] in leaveDiscarding(&draft, app: app) }) ?? save(app)
        }
        let transition = fields.handle(key)
        if transition.wasUsed {
            draft.keep(
                fields.values.merging(["id": newPersonID.rawValue]) { $1 }, hasTyping: hasUnsavedChanges, app: app)
        }
        return transition
    }

    private func save(_ app: AppEnvironment) -> Transition {
        let person: Person
        switch MemberDetails.person(
            from: fields, id: newPersonID, defaultFamilyName: family.name, today: app.today, existing: existing)
        {
        case .success(let made): person = made
        case .failure(let problem):
            fields.refuse(problem.message, at: problem.field)
            return .handled
        }
        var relationships = family.relationships.filter { $0.from == person.id || $0.to == person.id }
        if fields.has("relation-kind"), fields.chosen("relation-kind") > 0 {
            let kind = RelationshipKind.allCases[fields.chosen("relation-kind") - 1]
            let other = others[fields.chosen("relation-to")]
            let relation = Relationship(from: person.id, kind: kind, to: other.id)
            if !relationships.contains(relation) { relationships.append(relation) }
        }
        let change: CaseChange =
            existing == nil
            ? .addPerson(family: family.id, person, relationships: relationships)
            : .updatePerson(family: family.id, person, relationships: relationships)
        // One record per person: a new member who looks like someone already recorded is asked about first.
        if existing == nil,
            let asked = DuplicateCheckScreen.askingFirst(
                adding: person, postcode: family.address.postcode, app: app, notAdded: "not saved",
                addAnyway: { [self] note in
                    apply([change, .addCaseNote(family: family.id, note)], person: person, app: app)
                })
        {
            return asked
        }
        switch apply([change], person: person, app: app) {
        case .success(let message): return .popWithMessage(message)
        case .failure(let problem): return .message(problem.message, .error)
        }
    }

    /// Saves the member (and any note saying why they were added despite a possible duplicate), retiring the draft.
    private func apply(_ changes: [CaseChange], person: Person, app: AppEnvironment) -> Result<
        String, DuplicateCheckScreen.AddProblem
    > {
        do {
            try app.store.apply(changes, by: app.practitioner)
        } catch StoreError.duplicateRecord(let id) where existing == nil && id == newPersonID.rawValue {
            // Added before Signpost stopped, with its draft left behind: the person is already in the family.
            draft.discard(app: app)
            return .success("\(person.fullName) was already added to the family; nothing was changed")
        } catch {
            return .failure(DuplicateCheckScreen.AddProblem(message: "not saved: \(error)"))
        }
        let saved = existing == nil ? "added \(person.fullName) to the family" : "saved \(person.fullName)"
        if let problem = draft.discard(app: app) { return .success("\(saved); \(problem)") }
        return .success(saved)
    }
}
