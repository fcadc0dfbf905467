import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Asked before a person is added who looks like someone already recorded (a new family, a new member).
///
/// The practitioner chooses: open the existing record (nothing is added, and the form keeps its
/// typing underneath), add anyway with a reason (kept in the record as a case note, so it is audited
/// and a colleague deciding on a merge later reads why), or go back to the form.
final class DuplicateCheckScreen: Screen {
    enum Action: Hashable, Sendable { case open, addAnyway, save, back, up, down }

    private let personName: String
    private let matches: [PersonMatch]
    private var list: ScrollList
    private var reason = TextField(maxLength: 200, placeholder: "why this is someone else, or a second record")
    private var askingReason = false
    private var problem: String?
    /// Adds the person with the reason given; the transition to make on success, or a problem to show.
    private let addAnyway: (String) -> Result<Transition, AddProblem>

    /// Why adding anyway did not work, shown on this screen.
    struct AddProblem: Error {
        var message: String
    }

    init(personName: String, matches: [PersonMatch], addAnyway: @escaping (String) -> Result<Transition, AddProblem>) {
        self.personName = personName
        self.matches = matches
        self.addAnyway = addAnyway
        list = ScrollList(
            rows: matches.map { match in
                let born = match.dateOfBirth?.british ?? "born not known"
                let postcode = match.postcode.isEmpty ? "no postcode" : match.postcode
                return ListRow("\(match.personName)  \(born)  \(match.familyName) (\(match.familyID))  \(postcode)")
            })
    }

    var title: String { "Possible duplicate" }

    var takesTyping: Bool { askingReason }

    var hasUnsavedChanges: Bool { askingReason && !reason.text.isEmpty }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if askingReason {
            keys.bind(
                [.control("o")], .save, hint: "Add anyway",
                help: "Add the new record with this reason (kept as a case note on it)", group: "Duplicate")
            keys.bind([.escape], .back, hint: "Back", help: "Back to the possible matches", group: "Duplicate")
            return keys
        }
        keys.bind(
            [.enter], .open, hint: "Open existing",
            help: "Open the selected record instead; nothing is added and the form keeps your typing",
            group: "Duplicate")
        keys.bind(
            [.character("a")], .addAnyway, hint: "Add anyway", help: "Add the new record anyway (asks why)",
            group: "Duplicate")
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Previous match", group: "Duplicate", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Next match", group: "Duplicate", showsInHintBar: false
        )
        keys.bind(
            [.escape, .character("q")], .back, hint: "Cancel", help: "Back to the form; nothing is added",
            group: "General")
        return keys
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let heading = "\(personName) looks like someone already recorded. Is it one of these?"
        let used = surface.putWrapped(
            heading, in: Rect(x: area.x, y: area.y, width: area.width, height: 2), style: Style(.warning, [.bold]))
        let listTop = area.y + used + 1
        let reserved = askingReason ? 8 : 5
        let listHeight = max(1, min(matches.count, area.height - used - 1 - reserved))
        list.draw(
            on: surface, in: Rect(x: area.x, y: listTop, width: area.width, height: listHeight), focused: !askingReason)
        var y = listTop + listHeight + 1
        if let index = list.selectedIndex {
            // The reasons in full, wrapped: a row is cut at the edge, these are not.
            let rows = surface.putWrapped(
                "Why: " + matches[index].reasonText, in: Rect(x: area.x, y: y, width: area.width, height: 2),
                style: Style(.dim))
            y += rows + 1
        }
        if askingReason {
            surface.put(
                "Why add a new record anyway? (kept in the record and the audit trail)", at: Point(x: area.x, y: y),
                width: area.width, style: Style(.header))
            y += 1
            reason.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: 1), focused: true)
            y += 1
        } else {
            surface.put(
                "Enter opens the selected record · a adds anyway · Esc goes back to the form",
                at: Point(x: area.x, y: y), width: area.width, style: Style(.dim))
            y += 1
        }
        if let problem {
            surface.putWrapped(
                problem, in: Rect(x: area.x, y: y + 1, width: area.width, height: 2), style: Style(.error))
        }
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if askingReason, keys.action(for: key) == nil {
            return reason.handle(key) == .ignored ? .ignored : .handled
        }
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .open:
            guard let index = list.selectedIndex else { return .handled }
            return .replace(FamilyScreen(familyID: matches[index].familyID, app: app))
        case .addAnyway:
            askingReason = true
            problem = nil
        case .save:
            let why = reason.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !why.isEmpty else {
                problem = "Say why a new record is added when it looks like one already recorded."
                return .handled
            }
            switch addAnyway(why) {
            case .success(let transition): return transition
            case .failure(let failure): problem = failure.message
            }
        case .back:
            if askingReason {
                askingReason = false
                problem = nil
                return .handled
            }
            return .pop
        case .up, .down:
            _ = list.handle(key, in: Rect(x: 0, y: 0, width: area.width, height: max(1, matches.count)))
        }
        return .handled
    }

    /// Asks about `person` before they are added when they look like someone already recorded (one record
    /// per person), for every form that adds a person.
    ///
    /// - Parameters:
    ///   - postcode: The postcode the person is added at, which the matcher weighs.
    ///   - notAdded: What was not done, said when the check itself fails ("not saved").
    ///   - addAnyway: Adds the person with the case note that keeps why they were added despite the
    ///     matches: the message the form closes with, or the problem to show on the question.
    /// - Returns: nil when no one looks like them, so the form adds them straight away; otherwise the
    ///   question, or a message saying nothing was added when the check failed.
    ///
    /// ```swift
    /// if let asked = DuplicateCheckScreen.askingFirst(
    ///     adding: person, postcode: family.address.postcode, app: app, notAdded: "not saved",
    ///     addAnyway: { note in save([change, .addCaseNote(family: family.id, note)]) })
    /// {
    ///     return asked
    /// }
    /// ```
    static func askingFirst(
        adding person: Person, postcode: String, app: AppEnvironment, notAdded: String,
        addAnyway: @escaping (CaseNote) -> Result<String, AddProblem>
    ) -> Transition? {
        let matches: [PersonMatch]
        do {
            matches = try app.store.possibleDuplicates(of: person, postcode: postcode, limit: 5)
        } catch {
            return .message("\(notAdded): the check for people already recorded failed: \(error)", .error)
        }
        guard !matches.isEmpty else { return nil }
        return .push(
            DuplicateCheckScreen(personName: person.fullName, matches: matches) { reason in
                let why = note(id: app.newID("N"), adding: person, despite: matches, reason: reason, app: app)
                return addAnyway(why).map { .popFormWithMessage($0) }
            })
    }

    /// The case note that keeps why a person was added despite looking like `match`.
    static func note(
        id: CaseNoteID, adding person: Person, despite matches: [PersonMatch], reason: String, app: AppEnvironment
    ) -> CaseNote {
        let like = matches.prefix(3).map { "\($0.personName) (\($0.personID), \($0.familyID))" }
            .joined(separator: "; ")
        return CaseNote(
            id: id, writtenAt: app.clock(), author: app.practitioner,
            text: "Added \(person.fullName) although they look like \(like): \(reason)", about: [person.id])
    }
}
