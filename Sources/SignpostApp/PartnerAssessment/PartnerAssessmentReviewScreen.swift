import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Reviewing a partner's assessment before it is saved: who wrote it, every problem and note with its path,
/// who the child is in the store, and every section of the CAF in full as it will be saved.
///
/// Ctrl-O saves it as the chosen child's CAF (asking first when a CAF for the child is already open), or,
/// when no one recorded looks like the child, goes on to add a new family. Several possible children are
/// chosen between with Tab; nothing is chosen for the reviewer. Leaving saves nothing.
final class PartnerAssessmentReviewScreen: Screen {
    enum Action: Hashable, Sendable {
        case save
        case nextChoice
        case previousChoice
        case back
        case reading(TextReadScreen.Action)
    }

    private let review: PartnerAssessmentReview
    private let openedFrom: FamilyID?
    private let assessmentID: AssessmentID
    private var chosen = 0
    private var reader: TextReadScreen
    /// The families of the people offered, read once.
    private var families: [FamilyID: Family] = [:]

    /// - Parameter assessmentID: the id the CAF is saved under (a new one unless given, as a snapshot does).
    init(
        review: PartnerAssessmentReview, openedFrom: FamilyID?, app: AppEnvironment, assessmentID: AssessmentID? = nil
    ) {
        self.review = review
        self.openedFrom = openedFrom
        self.assessmentID = assessmentID ?? app.newID("A")
        reader = TextReadScreen(title: "", text: "")
        for candidate in review.match.candidates where families[candidate.familyID] == nil {
            families[candidate.familyID] = try? app.store.family(candidate.familyID)
        }
        reader = TextReadScreen(title: "", text: text(app: app))
    }

    var title: String { "Review a partner's assessment · \(review.file)" }

    var hasUnsavedChanges: Bool { review.isImportable }

    private var choice: PersonMatch? {
        let candidates = review.match.candidates
        return candidates.indices.contains(chosen) ? candidates[chosen] : nil
    }

    var familyContext: Family? { choice.flatMap { families[$0.familyID] } }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if review.isImportable {
            keys.bind(
                [.control("o")], .save,
                hint: choice == nil ? "Save as new family" : "Save",
                help: choice == nil
                    ? "Add the child as a new family (after the check for people already recorded) with this CAF"
                    : "Save the assessment as the chosen child's CAF, marked as imported from the partner (audited)",
                group: "Import")
        }
        if review.match.candidates.count > 1 {
            keys.bind(
                [.tab], .nextChoice, hint: "Next child", help: "Choose the next person who may be the child",
                group: "Import")
            keys.bind(
                [.backTab], .previousChoice, hint: "Previous child", help: "Choose the previous person",
                group: "Import",
                showsInHintBar: false)
        }
        for binding in reader.keys.bindings where binding.action != .back {
            keys.add(
                KeyBinding(
                    binding.keys, action: .reading(binding.action), hint: binding.hint, help: binding.help,
                    group: binding.group, showsInHintBar: binding.showsInHintBar))
        }
        keys.bind(
            [.escape, .character("q")], .back, hint: "Cancel", help: "Leave without importing: nothing is saved",
            group: "General")
        return keys
    }

    /// The review as text: the summary, the choice, and the CAF in full.
    private func text(app: AppEnvironment) -> String {
        var lines = review.summaryLines(openAssessment: openAssessment)
        if let choice, review.match.candidates.count > 1 {
            lines.append(
                "Chosen (\(chosen + 1) of \(review.match.candidates.count), Tab for the next): "
                    + PartnerAssessmentReview.describe(choice))
        }
        if let choice, let openedFrom, choice.familyID != openedFrom {
            lines.append(
                "Warning: this child is in the \(choice.familyName) family (\(choice.familyID)), not the family "
                    + "the import was started from (\(openedFrom))")
        }
        guard let document = review.reading.document else {
            lines += ["", "Nothing can be saved from this file. Esc leaves; nothing was saved."]
            return lines.joined(separator: "\n")
        }
        let family =
            choice.flatMap { families[$0.familyID] }
            ?? Family(id: "(new family)", name: document.child.familyName, locality: .north)
        let caf = document.assessment(
            id: assessmentID, subject: choice?.personID ?? "(new)",
            source: PartnerAssessmentSource(
                format: PartnerAssessmentDocument.currentFormat, organisation: document.writtenBy.organisation,
                author: document.writtenBy.author, role: document.writtenBy.role,
                writtenOn: document.writtenBy.writtenOn, file: review.file, importedOn: app.today,
                importedBy: app.practitioner))
        lines += ["", "The assessment as it will be saved:", ""]
        lines.append(caf.exported(as: .plainText, family: family))
        return lines.joined(separator: "\n")
    }

    /// The chosen child's CAF still open, if any.
    private var openAssessment: EarlyHelpAssessment? {
        guard let choice else { return nil }
        return families[choice.familyID]?.openAssessment(for: choice.personID)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let status: (String, Style)
        if !review.isImportable {
            status = ("Refused: nothing can be imported from this file", Style(.error, [.bold]))
        } else if let choice {
            status = (
                "Save to: \(choice.personName) (\(choice.personID)), \(choice.familyName) family",
                Style(.normal, [.bold])
            )
        } else {
            status = ("No match: Ctrl-O adds the child as a new family", Style(.warning, [.bold]))
        }
        surface.put(status.0, at: area.origin, width: area.width, style: status.1, clip: area)
        reader.draw(
            on: surface, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: max(1, area.height - 2)),
            app: app)
        surface.cursor = area.origin
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        let count = review.match.candidates.count
        switch action {
        case .reading:
            return reader.handle(
                key, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: max(1, area.height - 2)), app: app)
        case .nextChoice:
            chosen = (chosen + 1) % max(1, count)
            reader = TextReadScreen(title: "", text: text(app: app))
        case .previousChoice:
            chosen = (chosen + max(1, count) - 1) % max(1, count)
            reader = TextReadScreen(title: "", text: text(app: app))
        case .back:
            guard review.isImportable else { return .pop }
            return .confirm(
                Confirmation("Leave without importing? Nothing has been saved.", yes: "Leave", no: "Stay") { .pop })
        case .save:
            guard review.isImportable else { return .message("this file was refused: nothing can be saved", .warning) }
            guard let choice else {
                return .push(PartnerAssessmentNewFamilyScreen(review: review, assessmentID: assessmentID))
            }
            if let open = openAssessment {
                return .confirm(
                    Confirmation(
                        "A CAF for \(choice.personName) is already open (\(open.status.label.lowercased()), started "
                            + "\(open.startedOn.british)). Import this one as another?", yes: "Import another",
                        no: "Stay"
                    ) { [self] in save(to: choice, app: app) })
            }
            return save(to: choice, app: app)
        }
        return .handled
    }

    private func save(to choice: PersonMatch, app: AppEnvironment) -> Transition {
        do {
            let saved = try ImportPartnerAssessment(context: app.casework).save(
                review, family: choice.familyID, person: choice.personID, assessmentID: assessmentID)
            return .popWithMessage(
                "imported \(saved.importedFrom?.organisation ?? "the partner")'s assessment as \(choice.personName)'s "
                    + "CAF (\(saved.status.label.lowercased()))")
        } catch let refusal as CaseworkRefusal {
            return .message(refusal.description, .error)
        } catch {
            return .message("nothing was imported: \(error)", .error)
        }
    }
}

/// Adding the child of a partner's assessment as a new family: the locality, then Ctrl-O adds the family with
/// the CAF, after the same check for people already recorded as a new family has.
final class PartnerAssessmentNewFamilyScreen: Screen {
    typealias Action = FormAction

    private let review: PartnerAssessmentReview
    private let assessmentID: AssessmentID
    private var fields: FormFields

    init(review: PartnerAssessmentReview, assessmentID: AssessmentID) {
        self.review = review
        self.assessmentID = assessmentID
        let given = review.reading.document?.child.locality
        fields = FormFields([
            FormFields.choice(
                "locality", "Locality", options: Locality.allCases.map(\.label),
                chosen: given.flatMap { Locality.allCases.firstIndex(of: $0) } ?? 0, required: true)
        ])
    }

    var title: String { "New family" }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Add the family (child, parents and carers, others named) with the CAF",
            leaves: "Back to the review without adding anything", group: "New family")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        guard let document = review.reading.document else { return }
        var y = area.y
        let people =
            [document.child.fullName] + document.parentsAndCarers.map(\.name)
            + document.otherPeople.map { [$0.givenName, $0.familyName].joined(separator: " ") }
        y += surface.putWrapped(
            "The \(document.child.familyName) family at \(document.child.address) \(document.child.postcode): "
                + people.joined(separator: ", ") + ". How they are related is recorded afterwards on the Members tab.",
            in: Rect(x: area.x, y: y, width: area.width, height: 4))
        surface.put(
            "←/→/Space change the locality · Ctrl-O adds the family", at: Point(x: area.x, y: y), style: Style(.dim),
            clip: area)
        y += 2
        fields.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), labelWidth: 16)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(action, focus: &fields.focus, hasUnsavedChanges: false, leaveQuestion: "")
                ?? add(app)
        }
        return fields.handle(key)
    }

    private func add(_ app: AppEnvironment) -> Transition {
        do {
            let saved = try ImportPartnerAssessment(context: app.casework).saveAsNewFamily(
                review, familyID: app.newID("F"), childID: app.newID("P"), newPersonID: { app.newID("P") },
                locality: Locality.allCases[fields.chosen("locality")], assessmentID: assessmentID)
            return .popFormWithMessage(
                "added the \(saved.family.name) family (\(saved.family.id)) with the partner's assessment")
        } catch let refusal as CaseworkRefusal {
            fields.problem = refusal.description
        } catch {
            fields.problem = "nothing was added: \(error)"
        }
        return .handled
    }
}
