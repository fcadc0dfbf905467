import Foundation
import SignpostDomain
import SignpostTerminal

/// A navigator outcome as cards: each destination with for whom, how urgent, how to reach it now, consent, next steps and why.
///
/// Shared by the navigator screen and the front-door contact's route step, so an
/// outcome reads the same wherever it is shown.
struct OutcomeCards {
    let result: NavigationResult
    let situation: Situation
    let directory: ServiceDirectory
    /// A last line, such as "saved on the family's record".
    var footer: String?

    init(result: NavigationResult, situation: Situation, directory: ServiceDirectory) {
        self.result = result
        self.situation = situation
        self.directory = directory
    }

    struct Line {
        var text: String
        var style: Style = .normal
        var indent = 0
    }

    /// Draws the cards from line `top` and returns the top actually used (clamped to the text).
    ///
    /// When the cards are longer than the area, the last row says which lines are shown.
    func draw(on surface: any Surface, in area: Rect, from top: Int) -> Int {
        let lines = self.lines(width: area.width)
        let rows = lines.count > area.height ? area.height - 1 : area.height
        let first = max(0, min(top, lines.count - rows))
        for (row, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            surface.put(line.text, at: Point(x: area.x + line.indent, y: area.y + row), style: line.style, clip: area)
        }
        if lines.count > area.height {
            let position = "\(first + 1)–\(min(first + rows, lines.count)) of \(lines.count) lines · j/k scroll"
            surface.put(
                position, at: Point(x: area.maxX - DisplayWidth.of(position), y: area.maxY - 1), style: Style(.dim))
        }
        return first
    }

    /// The cards as lines wrapped to `width`.
    func lines(width: Int) -> [Line] {
        var lines: [Line] = []
        let count = result.destinations.count
        lines.append(
            Line(
                text: count == 0
                    ? "No service to contact" : "Where to go: \(count) destination\(count == 1 ? "" : "s")",
                style: Style(.title, [.bold])))
        for warning in result.warnings {
            for (index, line) in TextLayout.wrap("! \(warning)", width: width - 2).enumerated() {
                lines.append(Line(text: line, style: Style(.warning, [.bold]), indent: index == 0 ? 0 : 2))
            }
        }
        for (number, destination) in result.destinations.enumerated() {
            lines.append(Line(text: ""))
            // A next-working-day follow-up says so, rather than "same day" on a Friday night.
            let urgency = (destination.followUp ?? destination.urgency.label).uppercased()
            lines.append(Line(text: "\(number + 1). \(destination.name) — \(urgency)", style: Style(.header, [.bold])))
            func add(_ label: String, _ text: String, style: Style = .normal) {
                for (index, line) in TextLayout.wrap("\(label)\(text)", width: width - 5).enumerated() {
                    lines.append(Line(text: line, style: style, indent: index == 0 ? 3 : 5))
                }
            }
            add("For: ", destination.people.map(name).joined(separator: ", "))
            let contact = destination.contact
            var routes = contact.phones.map { $0.label.isEmpty ? $0.number : "\($0.number) (\($0.label))" }
            if let email = contact.email { routes.append(email) }
            if let url = contact.url { routes.append(url) }
            // How current the details are, so a stale number is doubted before it is rung.
            let checked = directory[destination.service].map { " · checked \($0.lastChecked.british)" } ?? ""
            add("Contact: ", routes.joined(separator: " · ") + checked)
            add("Now: ", contact.status, style: contact.openNow ? .normal : Style(.warning, [.bold]))
            for session in contact.sessions { add("Drop-in: ", session) }
            if !contact.openNow, destination.followUp == nil, let alternative = contact.alternative {
                let name = directory[alternative]?.name ?? ServiceNames.name(alternative)
                add(
                    "Instead now: ", name + (contact.alternativePhone.map { " on \($0)" } ?? ""),
                    style: Style(.warning, [.bold]))
            }
            add(
                "Consent: ",
                destination.consentRequired ? "needed before referring (\(consentText))" : "not a precondition")
            add("Kind: ", destination.kind == .referral ? "you refer" : "the family contacts them (signpost)")
            for action in destination.actions { add("• ", action) }
            for reason in destination.why {
                add("Why (\(name(reason.person))): ", reason.path.joined(separator: " › "), style: Style(.dim))
            }
        }
        if !result.levels.isEmpty {
            lines.append(Line(text: ""))
            lines.append(Line(text: "Levels used", style: Style(.header)))
            for level in result.levels {
                let how = level.suggested ? "suggested: " + level.reasons.joined(separator: "; ") : "given"
                let shown = level.level.map { "\($0)" } ?? "not known"
                for (index, line) in TextLayout.wrap("\(name(level.person)): \(shown) (\(how))", width: width - 5)
                    .enumerated()
                {
                    lines.append(Line(text: line, indent: index == 0 ? 3 : 5))
                }
            }
        }
        if let footer {
            lines.append(Line(text: ""))
            lines.append(Line(text: footer, style: Style(.success, [.bold])))
        }
        return lines
    }

    private var consentText: String {
        switch situation.consent {
        case .given?: return "given"
        case .refused?: return "refused"
        case .notAsked?: return "not asked yet"
        case nil: return "not known"
        }
    }

    private func name(_ id: PersonID) -> String { situation[person: id]?.displayName ?? id.rawValue }
}
