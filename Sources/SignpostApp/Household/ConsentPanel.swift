import Foundation
import SignpostDomain
import SignpostTerminal

/// The family screen's Consent tab: who can consent, then every consent on record, newest last.
enum ConsentPanel {
    /// One consent as a row: decision, who, what for, how, when, and whether it was withdrawn.
    static func row(_ consent: ConsentRecord) -> ListRow {
        let state: String
        if let withdrawn = consent.withdrawnOn {
            state = "WITHDRAWN \(withdrawn.short)"
        } else {
            state = consent.decision == .given ? "GIVEN" : consent.decision.label.uppercased()
        }
        let how = consent.method.map { " · \($0.label)" } ?? ""
        return ListRow(
            "\(state)  \(consent.givenBy) · \(consent.givenOn.short)\(how) · \(consent.scope)",
            style: consent.withdrawnOn != nil || consent.decision != .given ? Style(.dim) : .normal)
    }

    /// Every detail of a consent, for reading in full (Enter on the tab).
    static func full(_ consent: ConsentRecord) -> String {
        var lines = ["\(consent.decision.label) by \(consent.givenBy) on \(consent.givenOn.british)"]
        lines.append("Covers: \(consent.scope)")
        if !consent.agencies.isEmpty { lines.append("Agencies: \(consent.agencies.joined(separator: ", "))") }
        if let method = consent.method { lines.append("How: \(method.label)") }
        if let withdrawn = consent.withdrawnOn { lines.append("Withdrawn on \(withdrawn.british)") }
        lines.append("Recorded by \(consent.recordedBy)")
        return lines.joined(separator: "\n")
    }

    static func draw(_ family: Family, list: ScrollList, on surface: any Surface, in area: Rect, today: CalendarDate) {
        let givers = family.consentGivers(on: today).map { person in
            person.role.isAdult ? person.givenName : "\(person.givenName) (for themselves)"
        }
        let who =
            givers.isEmpty
            ? "No one can consent yet: record an adult with parental responsibility."
            : "Can consent: \(givers.joined(separator: ", "))"
        let used = surface.putWrapped(
            who, in: Rect(x: area.x, y: area.y, width: area.width, height: 2), style: Style(.dim))
        list.draw(
            on: surface,
            in: Rect(x: area.x, y: area.y + used + 1, width: area.width, height: max(0, area.height - used - 1)),
            focused: true)
    }
}
