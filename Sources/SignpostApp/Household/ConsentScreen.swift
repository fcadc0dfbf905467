import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Recording one person's consent, or refusal: who, for what, with which agencies, how and when.
final class ConsentScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private let givers: [Person]
    private var fields: FormFields
    private let initialTexts: [String: String]
    /// Kept for the life of the form, so saving twice cannot record twice.
    private let consentID: ConsentID = EntityID.generate(prefix: "CN")

    init(family: Family, app: AppEnvironment, person: Person? = nil) {
        self.family = family
        let givers = family.consentGivers(on: app.today)
        self.givers = givers
        let chosen = person.flatMap { person in givers.firstIndex { $0.id == person.id } } ?? 0
        let rows = [
            FormFields.choice(
                "person", "Who", options: givers.map { ConsentScreen.giverLabel($0, today: app.today) },
                chosen: chosen, required: true),
            FormFields.choice("decision", "Decision", options: ["Given", "Refused"], chosen: 0, required: true),
            FormFields.choice("assess", "To assess (CAF, early help)", options: ["Yes", "No"], chosen: 0),
            FormFields.choice("share", "To share information", options: ["Yes", "No"], chosen: 0),
            FormFields.text(
                "agencies", "With which agencies", maxLength: 200, placeholder: "e.g. School, Health visiting"),
            FormFields.choice("method", "How it was given", options: ConsentMethod.allCases.map(\.label), chosen: 0),
            FormFields.text("given-on", "Date", required: true, value: app.today.british, maxLength: 10),
        ]
        fields = FormFields(rows)
        var texts: [String: String] = [:]
        for row in rows { if case .text(let field) = row.input { texts[row.id] = field.text } }
        initialTexts = texts
    }

    /// "Marta Quillfeather (parent, parental responsibility)" or "Ava Quillfeather (16, for herself)".
    static func giverLabel(_ person: Person, today: CalendarDate) -> String {
        person.role.isAdult
            ? "\(person.fullName) (parental responsibility)"
            : "\(person.fullName) (\(person.ageDescription(on: today)), for themselves)"
    }

    var title: String { "Record consent: \(family.name) family" }

    var takesTyping: Bool { fields.focusedTakesTyping }

    var hasUnsavedChanges: Bool { fields.hasText(besides: initialTexts) }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Record the consent on the family's record",
            leaves: "Leave without recording (asks first if anything is typed)", group: "Consent",
            arrowsMoveFields: true)
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        guard !givers.isEmpty else {
            surface.putWrapped(
                "No one in the family can give consent yet: record an adult with parental responsibility (e on the "
                    + "Members tab), or a young person of 12 or over. Esc goes back.",
                in: area, style: Style(.warning))
            return
        }
        surface.put(
            "Consent is personal: record each person's own answer.",
            at: area.origin, style: Style(.dim), clip: area)
        fields.draw(on: surface, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(
                action, focus: &fields.focus, hasUnsavedChanges: hasUnsavedChanges,
                leaveQuestion: "Leave without recording this consent? What you typed will be lost.") ?? save(app)
        }
        guard !givers.isEmpty else { return .ignored }
        return fields.handle(key)
    }

    private func save(_ app: AppEnvironment) -> Transition {
        guard !givers.isEmpty else { return .message("no one in the family can give consent yet", .warning) }
        let givenOn: CalendarDate
        do {
            givenOn = try CalendarDate(parsing: fields.text("given-on"))
        } catch {
            fields.refuse("The date: \(error)", at: "given-on")
            return .handled
        }
        var purposes: [ConsentPurpose] = []
        if fields.chosen("assess") == 0 { purposes.append(.assess) }
        if fields.chosen("share") == 0 { purposes.append(.share) }
        let decision = RecordConsent.Decision(
            person: givers[fields.chosen("person")].id, decision: fields.chosen("decision") == 0 ? .given : .refused,
            purposes: purposes, agencies: fields.text("agencies").split(separator: ",").map(String.init),
            method: ConsentMethod.allCases[fields.chosen("method")], givenOn: givenOn)
        do {
            let record = try RecordConsent(family: family, context: app.casework, id: consentID).run(decision)
            return .popWithMessage("recorded consent \(record.decision.rawValue) by \(record.givenBy)")
        } catch let refusal as CaseworkRefusal {
            fields.refuse(refusal.description, at: refusal.field ?? "person")
            return .handled
        } catch StoreError.duplicateRecord(let id) where id == consentID.rawValue {
            return .popWithMessage("this consent was already recorded")
        } catch {
            return .message("not recorded: \(error)", .error)
        }
    }
}

/// Withdrawing a consent on the family's record, with the date it was withdrawn.
final class WithdrawConsentScreen: Screen {
    typealias Action = FormAction

    private let family: Family
    private let consent: ConsentRecord
    private var fields: FormFields

    init(family: Family, consent: ConsentRecord, app: AppEnvironment) {
        self.family = family
        self.consent = consent
        fields = FormFields([
            FormFields.text("withdrawn-on", "Withdrawn on", required: true, value: app.today.british, maxLength: 10)
        ])
    }

    var title: String { "Withdraw consent: \(family.name) family" }

    var takesTyping: Bool { true }

    var keys: KeyRegistry<Action> {
        formKeys(
            saves: "Record that this consent was withdrawn on the date given",
            leaves: "Leave without withdrawing the consent", group: "Consent")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        var y = area.y
        y += surface.putWrapped(
            "Consent given by \(consent.givenBy) on \(consent.givenOn.british): \(consent.scope)",
            in: Rect(x: area.x, y: y, width: area.width, height: 3))
        y += surface.putWrapped(
            "Withdrawing it is kept on the record and in the chronology; Ctrl-O withdraws, Esc leaves it in force.",
            in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.dim))
        y += 1
        fields.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if let action = keys.action(for: key) {
            return perform(action, focus: &fields.focus, hasUnsavedChanges: false, leaveQuestion: "")
                ?? withdraw(app)
        }
        return fields.handle(key)
    }

    private func withdraw(_ app: AppEnvironment) -> Transition {
        let date: CalendarDate
        do {
            date = try CalendarDate(parsing: fields.text("withdrawn-on"))
        } catch {
            fields.refuse("The date: \(error)", at: "withdrawn-on")
            return .handled
        }
        do {
            try RecordConsent(family: family, context: app.casework).withdraw(consent.id, on: date)
        } catch let refusal as CaseworkRefusal {
            fields.refuse(refusal.description, at: "withdrawn-on")
            return .handled
        } catch {
            return .message("not withdrawn: \(error)", .error)
        }
        return .popWithMessage("consent given by \(consent.givenBy) withdrawn on \(date.british)")
    }
}
