import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Two records of one family or one person side by side: choose the surviving value of each field, then merge.
///
/// The left record survives and keeps its id; the right one's records all move to it and its id becomes
/// an alias. Each row shows both values; ←/→ picks which stands. Lists (people, notes, contacts, levels,
/// also-known-as names…) are never chosen between: they are joined, so nothing is dropped. Merging asks
/// first, says what will happen, and can be undone from the merges list.
final class MergeScreen: Screen {
    enum Action: Hashable, Sendable { case up, down, takeLeft, takeRight, swap, nextField, merge, back }

    /// One field compared: its wire name, label and both values.
    struct Row {
        var field: String
        var label: String
        var left: JSONValue
        var right: JSONValue
        var takesRight = false
        var differs: Bool { left != right }
    }

    private enum Subject {
        case families(survivor: Family, absorbed: Family)
        case people(family: Family, survivor: Person, absorbed: Person)
    }

    private var subject: Subject
    private var rows: [Row] = []
    private var selected = 0
    private var reason = TextField(maxLength: 200, placeholder: "why these are one record")
    private var reasonFocused = false
    private var problem: String?

    /// - Returns: nil when either record can no longer be read (the caller says so).
    init?(pair: DuplicatePair, app: AppEnvironment) {
        guard let first = try? app.store.family(pair.first.familyID),
            let second = try? app.store.family(pair.second.familyID)
        else { return nil }
        if first.id == second.id {
            guard let survivor = first.member(pair.first.personID), let absorbed = first.member(pair.second.personID)
            else { return nil }
            subject = .people(family: first, survivor: survivor, absorbed: absorbed)
        } else {
            subject = .families(survivor: first, absorbed: second)
        }
        rows = Self.rows(for: subject)
    }

    private static func rows(for subject: Subject) -> [Row] {
        switch subject {
        case .families(let survivor, let absorbed):
            let left = FieldValues.all(of: FamilyDetails(of: survivor), FamilyField.self)
            let right = FieldValues.all(of: FamilyDetails(of: absorbed), FamilyField.self)
            let labels: [(FamilyField, String)] = [
                (.name, "Family name"), (.address, "Address"), (.locality, "Locality"),
                (.interpreterNeeded, "Interpreter"), (.accessNotes, "Access notes"),
                (.leadProfessional, "Lead professional"),
            ]
            return labels.map {
                Row(field: $0.0.rawValue, label: $0.1, left: left[$0.0] ?? .null, right: right[$0.0] ?? .null)
            }
        case .people(_, let survivor, let absorbed):
            let left = FieldValues.all(of: survivor, PersonField.self)
            let right = FieldValues.all(of: absorbed, PersonField.self)
            let labels: [(PersonField, String)] = [
                (.givenName, "First name"), (.familyName, "Family name"), (.dateOfBirth, "Date of birth"),
                (.expectedDeliveryDate, "Expected date"), (.role, "Role"), (.gender, "Gender"),
                (.ethnicity, "Ethnicity"), (.firstLanguage, "First language"),
                (.hasParentalResponsibility, "Parental resp."), (.phone, "Phone"),
            ]
            return labels.map {
                Row(field: $0.0.rawValue, label: $0.1, left: left[$0.0] ?? .null, right: right[$0.0] ?? .null)
            }
        }
    }

    var title: String {
        switch subject {
        case .families: return "Merge families"
        case .people: return "Merge people"
        }
    }

    var takesTyping: Bool { reasonFocused }

    var hasUnsavedChanges: Bool { !reason.text.isEmpty || rows.contains(where: \.takesRight) }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.control("o")], .merge, hint: "Merge", help: "Merge the right record into the left (asks first)",
            group: "Merge")
        keys.bind(
            [.tab], .nextField, hint: reasonFocused ? "Fields" : "Reason",
            help: "Move between the fields and the reason", group: "Merge")
        keys.bind(
            [.escape], .back, hint: "Cancel", help: "Leave without merging (asks first if anything is chosen)",
            group: "General")
        if reasonFocused { return keys }
        keys.bind(
            [.left], .takeLeft, hint: "Keep left", help: "Keep the left record's value of this field", group: "Merge")
        keys.bind(
            [.right], .takeRight, hint: "Take right", help: "Take the right record's value of this field",
            group: "Merge")
        keys.bind(
            [.character("s")], .swap, hint: "Swap",
            help: "Swap which record survives (the left keeps its id)", group: "Merge")
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Previous field", group: "Merge", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Next field", group: "Merge", showsInHintBar: false)
        keys.bind(
            [.character("q")], .back, hint: "Cancel", help: "Leave without merging", group: "General",
            showsInHintBar: false)
        return keys
    }

    private var names: (left: String, right: String, joined: String) {
        switch subject {
        case .families(let survivor, let absorbed):
            func count(_ number: Int, _ one: String, _ many: String) -> String {
                "\(number) \(number == 1 ? one : many)"
            }
            let counts = [
                count(absorbed.members.count, "person", "people"), count(absorbed.notes.count, "note", "notes"),
                count(absorbed.contacts.count, "contact", "contacts"),
                count(absorbed.referrals.count, "referral", "referrals"),
            ].joined(separator: ", ")
            return (
                "\(survivor.name) (\(survivor.id))", "\(absorbed.name) (\(absorbed.id))",
                "Everything \(absorbed.name) (\(absorbed.id)) holds (\(counts)) moves to \(survivor.name) (\(survivor.id)), which keeps its id; lists are joined."
            )
        case .people(let family, let survivor, let absorbed):
            return (
                "\(survivor.fullName) (\(survivor.id))", "\(absorbed.fullName) (\(absorbed.id))",
                "Levels, notes, contacts, referrals, consents, assessments and relationships of \(absorbed.fullName) (\(absorbed.id)) move to \(survivor.fullName) (\(survivor.id)) in \(family.id)."
            )
        }
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let labelWidth = 20
        let valueWidth = max(10, (area.width - labelWidth - 3) / 2)
        let leftX = area.x + labelWidth
        let markerX = leftX + valueWidth
        let rightX = markerX + 3
        let used = surface.putWrapped(
            names.joined, in: Rect(x: area.x, y: area.y, width: area.width, height: 3), style: Style(.dim))
        var y = area.y + used + 1
        surface.put("Keeps (left)", at: Point(x: leftX, y: y), width: valueWidth, style: Style(.header))
        surface.put("Merged in (right)", at: Point(x: rightX, y: y), width: valueWidth, style: Style(.header))
        y += 1
        // Rows, then the selected field's two values in full, then the reason: each keeps its place.
        let detailRows = 4
        let tableEnd = area.y + area.height - detailRows - 3
        for (index, row) in rows.enumerated() where y < tableEnd {
            let isSelected = index == selected && !reasonFocused
            let marker = row.differs ? (row.takesRight ? " →" : " ←") : " ="
            surface.put(
                (isSelected ? "▶ " : "  ") + row.label, at: Point(x: area.x, y: y), width: labelWidth,
                style: isSelected ? Style(.selected) : .normal)
            let leftStyle = row.takesRight ? Style(.dim) : Style(row.differs ? .focus : .normal)
            let rightStyle = row.takesRight ? Style(.focus) : Style(.dim)
            surface.put(
                (row.takesRight ? "  " : "● ") + Self.display(row.left), at: Point(x: leftX, y: y), width: valueWidth,
                style: leftStyle)
            surface.put(marker, at: Point(x: markerX, y: y), width: 3, style: .normal)
            surface.put(
                (row.takesRight ? "● " : "  ") + Self.display(row.right), at: Point(x: rightX, y: y), width: valueWidth,
                style: rightStyle)
            if isSelected { surface.cursor = Point(x: area.x, y: y) }
            y += 1
        }
        y += 1
        if !reasonFocused, rows.indices.contains(selected) {
            let row = rows[selected]
            let chosen = row.takesRight ? "the right value is taken" : "the left value is kept"
            surface.putWrapped(
                "\(row.label), in full: left “\(Self.display(row.left))”; right “\(Self.display(row.right))”; \(chosen)",
                in: Rect(x: area.x, y: y, width: area.width, height: detailRows - 1), style: Style(.dim))
        }
        y = tableEnd + detailRows
        surface.put("Why are these one record?", at: Point(x: area.x, y: y), width: area.width, style: Style(.header))
        y += 1
        reason.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: 1), focused: reasonFocused)
        if let problem {
            surface.put(problem, at: Point(x: area.x, y: y + 1), width: area.width, style: Style(.error))
        }
    }

    /// A field's value as words: text as it is, yes/no, an address or a professional on one line.
    static func display(_ value: JSONValue) -> String {
        switch value {
        case .null: return "–"
        case .bool(let flag): return flag ? "Yes" : "No"
        case .number(let number): return number == number.rounded() ? String(Int(number)) : String(number)
        case .string(let text):
            if let date = try? CalendarDate(iso: text) { return date.british }
            return text.isEmpty ? "–" : text
        case .array(let values):
            let parts = values.map(display).filter { $0 != "–" }
            return parts.isEmpty ? "–" : parts.joined(separator: ", ")
        case .object(let object):
            // A name reads first ("Priya Inventwell, Bright Start, …"), then the rest in a fixed order.
            let keys = object.keys.sorted { lhs, rhs in lhs == "name" || (rhs != "name" && lhs < rhs) }
            let parts = keys.compactMap { key in object[key].map(display) }.filter { $0 != "–" }
            return parts.isEmpty ? "–" : parts.joined(separator: ", ")
        }
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if reasonFocused, keys.action(for: key) == nil {
            return reason.handle(key) == .ignored ? .ignored : .handled
        }
        guard let action = keys.action(for: key) else { return .ignored }
        problem = nil
        switch action {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(rows.count - 1, selected + 1)
        case .takeLeft: rows[selected].takesRight = false
        case .takeRight: if rows[selected].differs { rows[selected].takesRight = true }
        case .swap:
            switch subject {
            case .families(let survivor, let absorbed): subject = .families(survivor: absorbed, absorbed: survivor)
            case .people(let family, let survivor, let absorbed):
                subject = .people(family: family, survivor: absorbed, absorbed: survivor)
            }
            rows = Self.rows(for: subject)
        case .nextField: reasonFocused.toggle()
        case .merge: return confirmMerge(app)
        case .back:
            guard hasUnsavedChanges else { return .pop }
            return .confirm(
                Confirmation("Leave without merging? Nothing has been merged.", yes: "Leave", no: "Stay") { .pop })
        }
        return .handled
    }

    private func confirmMerge(_ app: AppEnvironment) -> Transition {
        let why = reason.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            reasonFocused = true
            problem = "Say why these are one record: the reason is kept in the audit trail."
            return .handled
        }
        let taken = rows.filter { $0.takesRight && $0.differs }
        let id: MergeID = app.storeKind.idNamespace.generate(prefix: "M")
        let change: CaseChange
        let question: String
        switch subject {
        case .families(let survivor, let absorbed):
            var fields: [FamilyField: JSONValue] = [:]
            for row in taken { if let field = FamilyField(rawValue: row.field) { fields[field] = row.right } }
            change = .mergeFamilies(
                FamilyMerge(
                    id: id, survivor: survivor.id, absorbed: absorbed, fields: fields, reason: why, at: app.clock()))
            question =
                "Merge \(absorbed.name) (\(absorbed.id)) into \(survivor.name) (\(survivor.id))? Its \(absorbed.members.count) people and every record move; \(absorbed.id) becomes another name for \(survivor.id). It can be undone from the merges list until \(survivor.id) changes."
        case .people(let family, let survivor, let absorbed):
            var fields: [PersonField: JSONValue] = [:]
            for row in taken { if let field = PersonField(rawValue: row.field) { fields[field] = row.right } }
            change = .mergePeople(
                PersonMerge(
                    id: id, family: family.id, survivor: survivor.id, absorbed: absorbed.id, fields: fields,
                    reason: why,
                    at: app.clock()))
            question =
                "Merge \(absorbed.fullName) (\(absorbed.id)) into \(survivor.fullName) (\(survivor.id))? Every record naming \(absorbed.id) moves; it can be undone from the merges list until \(family.id) changes."
        }
        return .confirm(
            Confirmation(question, yes: "Merge", no: "Cancel") { [self] in
                do {
                    try app.store.apply([change], by: app.practitioner)
                } catch {
                    problem = "Not merged: \(error)"
                    return .handled
                }
                return .popWithMessage("merged \(names.right) into \(names.left) (merge \(id))")
            })
    }
}
