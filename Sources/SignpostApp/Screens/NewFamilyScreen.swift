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

    private var fields = FormFields([
        FormFields.text("family-name", "Family name", required: true, maxLength: 80, placeholder: "e.g. Quillfeather"),
        FormFields.text("address", "Address", placeholder: "house and street"),
        FormFields.text("postcode", "Postcode", maxLength: 10, placeholder: "e.g. N7 0ZZ"),
        FormFields.choice("locality", "Locality", options: Locality.allCases.map(\.label), chosen: 0, required: true),
        FormFields.text("access", "Access notes", maxLength: 200, placeholder: "e.g. call mother's mobile only"),
        FormFields.text("given-name", "First member: first name", required: true, maxLength: 60),
        FormFields.text(
            "person-family-name", "First member: family name", maxLength: 60,
            placeholder: "same as the family if left empty"),
        FormFields.choice(
            "role", "First member: role", options: PersonRole.allCases.map(\.label), chosen: 2, required: true),
        FormFields.text(
            "date", "Date of birth / due date", maxLength: 10,
            placeholder: "DD/MM/YYYY (expected date for an unborn child)"),
    ])

    /// The fields typed so far, kept after every key so a crash loses nothing.
    private var draft: FormDraftKeeper
    /// The family's and first member's ids, kept in the draft so a family added just before a crash is not added twice.
    private let familyID: FamilyID
    private let personID: PersonID

    init(app: AppEnvironment) {
        draft = FormDraftKeeper(form: FormDraftKey(kind: DraftedForm.newFamily), summary: "a new family", app: app)
        if let earlier = draft.restored { fields.restore(earlier.fields) }
        familyID = draft.restored?.fields["id"].map { FamilyID($0) } ?? app.newID("F")
        personID = draft.restored?.fields["person-id"].map { PersonID($0) } ?? app.newID("P")
    }

    var title: String { "New family" }

    var keepsTypingAsDraft: Bool { true }

    var takesTyping: Bool { fields.focusedTakesTyping }

    var hasUnsavedChanges: Bool { fields.hasText() }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Add the family to the store",
            leaves: "Leave without adding the family (asks first if anything is typed)", group: "Form",
            arrowsMoveFields: true)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        if !draft.drawNotice(on: surface, in: area) {
            // Short enough for 80 columns, so it is never cut.
            surface.put(
                "* required · Tab/↓ next field · ←/→/Space change a choice · Ctrl-O saves",
                at: area.origin, style: Style(.dim), clip: area)
        }
        fields.draw(on: surface, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &fields.focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without adding this family? What you typed will be lost.",
                leave: { [self] in leaveDiscarding(&draft, app: app) }) ?? save(app)
        }
        let transition = fields.handle(key)
        if transition.wasUsed {
            draft.keep(
                fields.values.merging(["id": familyID.rawValue, "person-id": personID.rawValue]) { $1 },
                hasTyping: hasUnsavedChanges, app: app)
        }
        return transition
    }

    private func save(_ app: AppEnvironment) -> Transition {
        let familyName = fields.text("family-name")
        guard !familyName.isEmpty else { return refuse("Give the family a name.", at: "family-name") }
        let person: Person
        switch MemberDetails.person(
            from: fields, id: personID, defaultFamilyName: familyName, today: app.today)
        {
        case .success(let made): person = made
        case .failure(let problem):
            return refuse(problem.message, at: problem.field)
        }
        let family = Family(
            id: familyID, name: familyName,
            address: Address(
                lines: fields.text("address").isEmpty ? [] : [fields.text("address")],
                postcode: fields.text("postcode").uppercased()),
            locality: Locality.allCases[fields.chosen("locality")], accessNotes: fields.text("access"),
            members: [person], createdAt: app.clock())
        // One record per person: someone who looks like a person already recorded is asked about first.
        if let asked = DuplicateCheckScreen.askingFirst(
            adding: person, postcode: family.address.postcode, app: app, notAdded: "the family was not added",
            addAnyway: { [self] note in
                add(family, note: note, app: app).mapError { DuplicateCheckScreen.AddProblem(message: $0.message) }
            })
        {
            return asked
        }
        switch add(family, note: nil, app: app) {
        case .success(let message): return .popWithMessage(message)
        case .failure(let problem): return .message(problem.message, .error)
        }
    }

    /// Why the family could not be added.
    struct AddProblem: Error {
        var message: String
    }

    /// Adds the family (with the note saying why it was added despite a possible duplicate) and retires the draft.
    private func add(_ family: Family, note: CaseNote?, app: AppEnvironment) -> Result<String, AddProblem> {
        do {
            var changes: [CaseChange] = [.addFamily(family)]
            if let note { changes.append(.addCaseNote(family: family.id, note)) }
            try app.store.apply(changes, by: app.practitioner)
        } catch StoreError.duplicateFamily(let id) where id == familyID {
            // Added before Signpost stopped, with its draft left behind: the family is already in the store.
            draft.discard(app: app)
            return .success("the \(family.name) family was already added (\(familyID)); nothing was changed")
        } catch {
            return .failure(AddProblem(message: "the family was not added: \(error)"))
        }
        if let problem = draft.discard(app: app) {
            return .success("added the \(family.name) family; \(problem)")
        }
        return .success("added the \(family.name) family")
    }

    private func refuse(_ message: String, at id: String) -> Transition {
        fields.refuse(message, at: id)
        return .handled
    }
}
